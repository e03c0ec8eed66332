// Simulator options, read once from the page's query string.
//   ?manifest=<url>        branding manifest (default ./branding/manifest.json)
//   ?plugin=<url>          replaces the src of the manifest's only plugin
//   ?plugin.<id>=<url>     replaces the src of plugin <id>
//   ?joinDelay=<ms>        between a dialOut reply and event:participantJoined
//   ?autoJoin=0            do not send event:connected once the plugins are ready

export interface SimConfig {
  /** absolute URL of the branding manifest */
  manifestUrl: URL;
  overrides: PluginOverrides;
  /** ms between the dialOut reply and event:participantJoined */
  joinDelay: number;
  /** send event:connected once the plugins are ready */
  autoJoin: boolean;
}

/** Plugin sources given on the query string instead of the manifest's. */
export interface PluginOverrides {
  /** ?plugin=<url>: for a manifest with exactly one plugin, whatever its id */
  only: URL | null;
  /** ?plugin.<id>=<url>, by plugin id */
  byId: Map<string, URL>;
}

export const DEFAULT_JOIN_DELAY_MS = 400;
const PLUGIN_ID_PARAM = 'plugin.';

const flag = (value: string | null, fallback: boolean): boolean =>
  value === null ? fallback : !['0', 'false', 'no', 'off'].includes(value.toLowerCase());

/** Pure: `where` is the page's location (only `search` and `href` are read). */
export function readConfig(where: Pick<Location, 'search' | 'href'>): { config: SimConfig; errors: string[] } {
  const q = new URLSearchParams(where.search);
  const errors: string[] = [];
  const url = (name: string, value: string): URL | null => {
    try {
      return new URL(value, where.href);
    } catch {
      errors.push(`?${name}=${value} is not a valid URL: give an absolute URL or one relative to this page`);
      return null;
    }
  };

  let joinDelay = DEFAULT_JOIN_DELAY_MS;
  const rawDelay = q.get('joinDelay');
  if (rawDelay !== null) {
    const n = Number(rawDelay);
    if (Number.isFinite(n) && n >= 0) joinDelay = n;
    else errors.push(`?joinDelay=${rawDelay} must be a number of milliseconds >= 0; using ${DEFAULT_JOIN_DELAY_MS}`);
  }

  const byId = new Map<string, URL>();
  for (const [name, value] of q) {
    if (!name.startsWith(PLUGIN_ID_PARAM)) continue;
    const id = name.slice(PLUGIN_ID_PARAM.length);
    if (id === '') {
      errors.push(`?${name}=${value} names no plugin id: write ?plugin.<id>=<url>`);
      continue;
    }
    const src = url(name, value);
    if (src) byId.set(id, src);
  }

  const manifest = q.get('manifest');
  const plugin = q.get('plugin');
  return {
    config: {
      manifestUrl: (manifest !== null ? url('manifest', manifest) : null) ?? new URL('./branding/manifest.json', where.href),
      overrides: { only: plugin !== null ? url('plugin', plugin) : null, byId },
      joinDelay,
      autoJoin: flag(q.get('autoJoin'), true),
    },
    errors,
  };
}
