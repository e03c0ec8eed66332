// Load and validate the branding manifest's `plugins` list, the part Web App 3
// reads to create plugin frames, and `applicationConfig.hiddenFunctionality`,
// which hides Web App 3's own buttons. Other keys are accepted unchanged.
import { isRecord } from './is-record';

/** One entry of `plugins` in manifest.json. */
export interface ManifestPlugin {
  id: string;
  /** relative to the manifest URL in the file; absolute once loaded */
  src: string;
  sandboxValues: string[];
}

export interface Manifest {
  url: URL;
  /** what was dropped from the manifest (sandbox values outside the allowlist), by plugin */
  warnings: Array<{ pluginId: string; message: string }>;
  plugins: ManifestPlugin[];
  /** applicationConfig.hiddenFunctionality: names of Web App 3 features to hide (e.g. 'button-chat'); unknown names are kept and ignored by the page */
  hiddenFunctionality: string[];
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/**
 * The sandbox values Web App 3 lets a plugin ask for (secondary: Josh-E-S/pexip-infinity-skills,
 * skills/client/pexip-plugin-host/plugin-ui-handling.md, "Sandbox values"); `allow-scripts` is always added.
 */
export const SANDBOX_ALLOWLIST: ReadonlySet<string> = new Set([
  'allow-forms',
  'allow-same-origin',
  'allow-popups',
  'allow-popups-to-escape-sandbox',
  'allow-downloads',
  'allow-scripts',
]);

/** Pure: check the parsed JSON and resolve each `src` against `url`. */
export function parseManifest(json: unknown, url: URL): Manifest {
  const where = `Branding manifest ${url.href}`;
  if (!isRecord(json)) throw new ManifestError(`${where}: expected a JSON object`);
  const hiddenFunctionality = parseHiddenFunctionality(json.applicationConfig, where);
  const { plugins } = json;
  const warnings: Manifest['warnings'] = [];
  if (plugins === undefined) return { url, plugins: [], hiddenFunctionality, warnings };
  if (!Array.isArray(plugins)) throw new ManifestError(`${where}: "plugins" must be an array`);
  const seen = new Set<string>();
  const parsed = plugins.map((entry: unknown, i): ManifestPlugin => {
    const at = `${where}: plugins[${i}]`;
    if (!isRecord(entry)) throw new ManifestError(`${at} must be an object`);
    const { id, src, sandboxValues = [] } = entry;
    if (typeof id !== 'string' || id.trim() === '') {
      throw new ManifestError(`${at}.id must be a non-empty string`);
    }
    if (seen.has(id)) throw new ManifestError(`${at}.id "${id}" is used twice`);
    seen.add(id);
    if (typeof src !== 'string' || src.trim() === '') {
      throw new ManifestError(`${at}.src must be a non-empty string (plugin "${id}")`);
    }
    let resolved: URL;
    try {
      resolved = new URL(src, url);
    } catch {
      throw new ManifestError(`${at}.src "${src}" is not a valid URL (plugin "${id}")`);
    }
    if (!Array.isArray(sandboxValues)) {
      throw new ManifestError(`${at}.sandboxValues must be an array of strings (plugin "${id}")`);
    }
    // As Web App 3: values outside the allowlist are dropped with a warning, not refused.
    const kept: string[] = [];
    for (const v of sandboxValues as unknown[]) {
      if (typeof v === 'string' && SANDBOX_ALLOWLIST.has(v)) kept.push(v);
      else warnings.push({ pluginId: id, message: `${JSON.stringify(v)} is not a valid sandbox value for plugins: dropped (Web App 3 allows ${[...SANDBOX_ALLOWLIST].join(', ')})` });
    }
    return { id, src: resolved.href, sandboxValues: kept };
  });
  return { url, plugins: parsed, hiddenFunctionality, warnings };
}

/** `applicationConfig` is optional; when given it is an object, and its `hiddenFunctionality` an array of strings. */
function parseHiddenFunctionality(config: unknown, where: string): string[] {
  if (config === undefined) return [];
  if (!isRecord(config)) throw new ManifestError(`${where}: "applicationConfig" must be an object`);
  const hidden = config.hiddenFunctionality;
  if (hidden === undefined) return [];
  if (!Array.isArray(hidden)) {
    throw new ManifestError(`${where}: "applicationConfig.hiddenFunctionality" must be an array of strings (e.g. ["button-chat"]), got ${JSON.stringify(hidden)}`);
  }
  const bad = hidden.findIndex((v) => typeof v !== 'string');
  if (bad >= 0) throw new ManifestError(`${where}: applicationConfig.hiddenFunctionality[${bad}] must be a string, got ${JSON.stringify(hidden[bad])}`);
  return [...(hidden as string[])];
}

export async function loadManifest(url: URL): Promise<Manifest> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch (err) {
    throw new ManifestError(`Could not fetch branding manifest ${url.href}: ${String(err)}`);
  }
  if (!response.ok) {
    throw new ManifestError(`Could not fetch branding manifest ${url.href}: HTTP ${response.status}`);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (err) {
    throw new ManifestError(`Branding manifest ${url.href} is not valid JSON: ${String(err)}`);
  }
  return parseManifest(json, url);
}

/** Web App 3's sandbox: `allow-scripts` plus the manifest's sandboxValues. */
export const sandboxFor = (plugin: Pick<ManifestPlugin, 'sandboxValues'>): string[] => [
  ...new Set(['allow-scripts', ...plugin.sandboxValues]),
];
