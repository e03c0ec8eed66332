import type { Plugin } from 'vite';

const MODULE_SCRIPT = /<script\b([^>]*)\btype="module"([^>]*)><\/script>/g;

/**
 * Turns the `<script type="module" crossorigin src>` Vite writes into a
 * classic `<script defer src>`. A module script is always fetched in CORS
 * mode; in a plugin frame without allow-same-origin the document's origin is
 * opaque ('null'), so the server would have to send Access-Control-Allow-Origin,
 * which Infinity may not. A classic script is a no-CORS fetch and runs in any
 * sandbox with allow-scripts; `defer` keeps the module's timing (after parsing).
 * The bundle is an IIFE (vite.config.ts), so nothing in it needs a module.
 * Throws when the page has an inline module script: `script-src 'self'` forbids it anyway.
 */
export function toClassicScripts(html: string): string {
  const classic = html.replace(MODULE_SCRIPT, (tag, before: string, after: string) => {
    const attributes = `${before} ${after}`.replace(/\s*\bcrossorigin(="[^"]*")?/g, '').trim();
    return /\bsrc="/.test(attributes) ? `<script defer ${attributes}></script>` : tag;
  });
  const left = /<script\b[^>]*\btype="module"[^>]*>/.exec(classic);
  if (left) throw new Error(`an inline module script cannot become a classic one: ${left[0]}`);
  return classic;
}

/** Build only: index.html loads the bundle as a classic script. */
export const classicScript = (): Plugin => ({
  name: 'external-chat:classic-script',
  apply: 'build',
  transformIndexHtml: { order: 'post', handler: toClassicScripts },
});
