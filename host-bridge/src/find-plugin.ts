/**
 * True when `source` is `frame`, the Web App 3 iframe's window, or a window
 * nested (at any depth) inside it. A plugin served with Web App 3 posts through
 * relay.js, from Web App 3's window; one that cannot (another origin, a CSP, or
 * config.json's postFrom "plugin") posts from its own frame inside it.
 * `parent` is readable across origins.
 */
export function isInsideFrame(source: MessageEventSource | null, frame: Window | null): source is Window {
  if (!frame || !source || !('parent' in source)) return false;
  if (source === frame) return true;
  let window: Window | null = source;
  // A detached window's parent is null.
  for (let depth = 0; depth < 16 && window?.parent && window.parent !== window; depth++) {
    if (window.parent === frame) return true;
    window = window.parent;
  }
  return false;
}

/** The windows a `ping` goes to: Web App 3's window (heard by a same-origin plugin) and its frames. */
export function pingTargets(frame: Window | null): Window[] {
  if (!frame) return [];
  const targets = [frame];
  for (let i = 0; i < frame.frames.length; i++) {
    const child = frame.frames[i];
    if (child) targets.push(child);
  }
  return targets;
}

/** Ping backoff: soon after start, then less often, never more than every 2 s. */
export const nextPingDelay = (previous: number): number => Math.min(previous === 0 ? 100 : previous * 2, 2000);

/**
 * How long a connected plugin has to answer a ping when another window says ready: it answers in
 * milliseconds, so silence this long means it is gone (or its main thread is held that long).
 */
export const CHALLENGE_MS = 2_000;
