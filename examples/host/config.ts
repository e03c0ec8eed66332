// The host page's options, read once from its query string.
//   ?webapp=<url>            Web App 3 to embed (default: the simulator on origin B)
//   ?webappOrigin=<o>[,<o>]  origins the plugin may speak from (default: the origin of ?webapp,
//                            plus the origin of ?sim.plugin when the plugin comes from a dev server)
//   ?sim.<name>=<value>      passed on to the Web App 3 URL as ?<name>=<value>
//                            (for the simulator: joinDelay, autoJoin, relay, manifest, plugin)

export const DEFAULT_WEBAPP_URL = 'http://127.0.0.1:5181/webapp3/';

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
  for (const [name, value] of query) {
    if (name.startsWith('sim.') && name.length > 4) url.searchParams.set(name.slice(4), value);
  }

  const originList = query.get('webappOrigin');
  const webappOrigins = originList
    ? originList
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0)
    : [url.origin, ...pluginOrigin(query.get('sim.plugin'), location.href)];

  return { webappUrl: url.href, webappOrigins, errors };
}

/** The dev server's origin when ?sim.plugin loads the plugin from there. */
function pluginOrigin(plugin: string | null, base: string): string[] {
  if (!plugin) return [];
  try {
    return [new URL(plugin, base).origin];
  } catch {
    return [];
  }
}
