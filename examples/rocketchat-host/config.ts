// The page's options, read once from its query string.
//   ?webapp=<url>            Web App 3 to embed (default: the demo's simulator on the second origin)
//   ?webappOrigin=<o>[,<o>]  origins the plugin may speak from (default: the origin of ?webapp)
//   ?sim.<name>=<value>      passed on to the Web App 3 URL as ?<name>=<value>
// The simulator is asked for the Rocket.Chat branding (manifest=branding-rocketchat/manifest.json,
// where examples/serve.mjs serves the plugin with "dialect": "rocketchat") unless the Web App 3
// URL or ?sim.manifest names a manifest already.

export const DEFAULT_WEBAPP_URL = 'http://127.0.0.1:5181/webapp3/';
/** Relative to the simulator's page: /webapp3/branding-rocketchat/manifest.json. */
export const ROCKETCHAT_MANIFEST = 'branding-rocketchat/manifest.json';

export interface RcConfig {
  /** The iframe's src. */
  webappUrl: string;
  /** Origins whose messages the page accepts, and the one it posts to (the first). */
  webappOrigins: string[];
  /** Problems with the query string, shown on the page. */
  errors: string[];
}

export function readConfig(location: Pick<Location, 'search' | 'href'>): RcConfig {
  const query = new URLSearchParams(location.search);
  const errors: string[] = [];
  const requested = query.get('webapp');
  let url: URL;
  try {
    url = new URL(requested ?? DEFAULT_WEBAPP_URL, location.href);
  } catch {
    errors.push(`?webapp=${requested ?? ''} is not a valid URL; using ${DEFAULT_WEBAPP_URL}`);
    url = new URL(DEFAULT_WEBAPP_URL);
  }
  for (const [name, value] of query) {
    if (name.startsWith('sim.') && name.length > 4) url.searchParams.set(name.slice(4), value);
  }
  if (!url.searchParams.has('manifest')) url.searchParams.set('manifest', ROCKETCHAT_MANIFEST);

  const list = query.get('webappOrigin');
  const webappOrigins = list
    ? list
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== '')
    : [url.origin];
  for (const origin of webappOrigins) {
    if (!isOrigin(origin)) errors.push(`?webappOrigin: '${origin}' is not an origin; write scheme://host[:port] with no path`);
  }
  const valid = webappOrigins.filter(isOrigin);
  if (valid.length === 0 && list) errors.push(`?webappOrigin names no valid origin; accepting ${url.origin}, the origin of Web App 3`);
  return { webappUrl: url.href, webappOrigins: valid.length > 0 ? valid : [url.origin], errors };
}

function isOrigin(text: string): boolean {
  try {
    return new URL(text).origin === text;
  } catch {
    return false;
  }
}
