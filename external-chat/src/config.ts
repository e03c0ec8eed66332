import { isOrigin, isRecord, type Result } from '@external-chat/host-bridge/contract';

/** `config.json` next to the plugin's index.html: deployment settings that need no rebuild. */
export interface PluginConfig {
  /** Origins of the pages allowed to embed Web App 3 and drive this plugin. */
  allowedOrigins?: readonly string[];
  /** Print @pexip/plugin-api's debug output (every RPC and message). */
  debug?: boolean;
}

/** Parses config.json's text; errors say which key is wrong and what it must be. */
export function parseConfig(text: string): Result<PluginConfig> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `config.json is not valid JSON (${(error as Error).message})` };
  }
  if (!isRecord(data)) {
    return { ok: false, error: 'config.json must hold an object such as {"allowedOrigins": ["https://portal.example.com"]}' };
  }
  const unknownKeys = Object.keys(data).filter((key) => key !== 'allowedOrigins' && key !== 'debug');
  if (unknownKeys.length > 0) {
    return { ok: false, error: `config.json has unknown key(s) ${unknownKeys.join(', ')}; the keys are "allowedOrigins" and "debug"` };
  }
  const { allowedOrigins: origins, debug } = data as { allowedOrigins?: unknown; debug?: unknown };
  if (debug !== undefined && typeof debug !== 'boolean') {
    return { ok: false, error: 'config.json: "debug" must be true or false' };
  }
  const flags = debug === undefined ? {} : { debug };
  if (origins === undefined) return { ok: true, value: flags };
  if (!Array.isArray(origins) || origins.length === 0) {
    return { ok: false, error: 'config.json: "allowedOrigins" must be a non-empty array of origins' };
  }
  const bad = origins.find((origin) => !isOrigin(origin));
  if (bad !== undefined) {
    return {
      ok: false,
      error: `config.json: ${JSON.stringify(bad)} is not an origin; write scheme://host[:port] with no path or trailing slash`,
    };
  }
  return { ok: true, value: { ...flags, allowedOrigins: origins as string[] } };
}

/**
 * Fetches config.json. A missing file (404) means no gating; anything else
 * that is wrong is an error, and the caller refuses to start the bridge:
 * someone who wrote a config meant to restrict origins. Never rejects.
 */
export async function loadConfig(url: URL): Promise<Result<PluginConfig>> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
  } catch (error) {
    return { ok: false, error: `could not fetch ${url.href} (${(error as Error).message})` };
  }
  if (response.status === 404) return { ok: true, value: {} };
  if (!response.ok) return { ok: false, error: `fetching ${url.href} answered HTTP ${response.status}` };
  try {
    return parseConfig(await response.text());
  } catch (error) {
    return { ok: false, error: `could not read ${url.href} (${(error as Error).message})` };
  }
}
