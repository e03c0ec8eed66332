/**
 * A short fingerprint of a text (its length and FNV-1a hash): how the plugin
 * recognises relay.js's own functions by their source text, which the build
 * computes from the file it ships (relay-source.ts) and the plugin reads with
 * its own Function.prototype.toString.
 */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}.${(hash >>> 0).toString(36)}`;
}
