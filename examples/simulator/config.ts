// Simulator options, read once from the page's query string.
export interface SimConfig {
  /** absolute URL of the branding manifest */
  manifestUrl: URL;
  /** ?plugin=<url>: replaces the src of the external-chat plugin */
  pluginOverride: URL | null;
  /** ms between the dialOut reply and event:participantJoined */
  joinDelay: number;
  /** send event:connected once the plugins are ready */
  autoJoin: boolean;
  /** also load the bench relay frame (relay.html) */
  relay: boolean;
}

export const EXTERNAL_CHAT_ID = 'external-chat';
export const RELAY_ID = 'relay';
export const DEFAULT_JOIN_DELAY_MS = 400;

const flag = (value: string | null, fallback: boolean): boolean =>
  value === null ? fallback : !['0', 'false', 'no', 'off'].includes(value.toLowerCase());

export function readConfig(location: Location): { config: SimConfig; errors: string[] } {
  const q = new URLSearchParams(location.search);
  const errors: string[] = [];
  const url = (name: string, value: string): URL | null => {
    try {
      return new URL(value, location.href);
    } catch {
      errors.push(`?${name}=${value} is not a valid URL`);
      return null;
    }
  };
  let joinDelay = DEFAULT_JOIN_DELAY_MS;
  const rawDelay = q.get('joinDelay');
  if (rawDelay !== null) {
    const n = Number(rawDelay);
    if (Number.isFinite(n) && n >= 0) joinDelay = n;
    else errors.push(`?joinDelay=${rawDelay} must be a number of milliseconds >= 0`);
  }
  const manifest = q.get('manifest');
  const plugin = q.get('plugin');
  return {
    config: {
      manifestUrl:
        (manifest !== null ? url('manifest', manifest) : null) ??
        new URL('./branding/manifest.json', location.href),
      pluginOverride: plugin !== null ? url('plugin', plugin) : null,
      joinDelay,
      autoJoin: flag(q.get('autoJoin'), true),
      relay: flag(q.get('relay'), false),
    },
    errors,
  };
}
