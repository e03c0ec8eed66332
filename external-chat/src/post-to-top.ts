/**
 * Posts to the embedding page. Without an allow-list the target is '*'. With
 * one, each allowed origin is tried, so the browser delivers only to the one
 * the top window really has and nothing leaks to anyone else.
 */
export function createPostToTop(top: Window, allowedOrigins: readonly string[] | undefined): (envelope: object) => void {
  const targets = allowedOrigins ?? ['*'];
  return (envelope) => {
    for (const origin of targets) top.postMessage(envelope, origin);
  };
}
