// What the simulator says about a plugin frame that loaded but never sent syn.

/**
 * The banner line for a plugin that stayed silent. Over https the likeliest
 * cause is a certificate this browser does not trust (a dev server's own CA):
 * the frame then "loads" Chromium's error page, which never registers.
 */
export function neverSentSynMessage(id: string, src: string, waitedSeconds = 5): string {
  const base = `Plugin '${id}' loaded but never sent syn within ${waitedSeconds} s: is ${src} built and served, and does it call registerPlugin?`;
  if (!isHttps(src)) return base;
  return `${base} It is served over https: check that this browser trusts its certificate (open ${src} in a tab once to see).`;
}

function isHttps(src: string): boolean {
  try {
    return new URL(src).protocol === 'https:';
  } catch {
    return false;
  }
}
