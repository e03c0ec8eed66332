// The host page's options, read once from its query string.
//   ?webapp=<url>            Web App 3 to embed (default: the simulator on origin B)
//   ?webappOrigin=<o>[,<o>]  origins the plugin may speak from (default: the origin of ?webapp,
//                            plus those of ?sim.plugin and ?sim.plugin.<id> when a plugin comes
//                            from elsewhere, e.g. a dev server)
//   ?sim.<name>=<value>      passed on to the Web App 3 URL as ?<name>=<value>
//                            (for the simulator: joinDelay, autoJoin, manifest, plugin, plugin.<id>, chatter, lang, ...)
// Without ?webapp (the bundled simulator, as `make demo` opens it), the page
// also asks the simulator for SIMULATOR_DEFAULTS unless the query names them:
// the meeting's chat comes alive with no clicks. A page given ?webapp (every
// browser test does) gets none of them, so its meeting stays quiet.

export const DEFAULT_WEBAPP_URL = 'http://127.0.0.1:5181/webapp3/';

/** For the bundled simulator only: someone in the meeting writes in its chat every 25 s (`?sim.chatter=0` stops it). */
export const SIMULATOR_DEFAULTS: Readonly<Record<string, string>> = { chatter: '25' };

export interface HostConfig {
  /** The iframe's src: ?webapp plus the sim.* params. */
  webappUrl: string;
  /** What connectExternalChat accepts messages from. */
  webappOrigins: string[];
  /** Problems with the query string, shown on the page. */
  errors: string[];
}

export function readConfig(location: Location): HostConfig {
  const query = new URLSearchParams(location.search);
  const errors: string[] = [];

  let url: URL;
  const requested = query.get('webapp');
  try {
    url = new URL(requested ?? DEFAULT_WEBAPP_URL, location.href);
  } catch {
    errors.push(`?webapp=${requested ?? ''} is not a valid URL; using ${DEFAULT_WEBAPP_URL}`);
    url = new URL(DEFAULT_WEBAPP_URL);
  }
  if (requested === null) for (const [name, value] of Object.entries(SIMULATOR_DEFAULTS)) url.searchParams.set(name, value);
  for (const [name, value] of query) {
    if (name.startsWith('sim.') && name.length > 4) url.searchParams.set(name.slice(4), value);
  }

  const originList = query.get('webappOrigin');
  const webappOrigins = originList
    ? originList
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0)
    : [url.origin, ...pluginOrigins(query, location.href)];

  return { webappUrl: url.href, webappOrigins, errors };
}

/** The origins ?sim.plugin and ?sim.plugin.<id> load plugins from (a dev server, say). */
function pluginOrigins(query: URLSearchParams, base: string): string[] {
  return [...query]
    .filter(([name, value]) => (name === 'sim.plugin' || name.startsWith('sim.plugin.')) && value !== '')
    .flatMap(([, value]) => {
      try {
        return [new URL(value, base).origin];
      } catch {
        return []; // the simulator reports the bad URL on its page
      }
    });
}
