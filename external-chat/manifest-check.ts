import { readFileSync } from 'node:fs';

/**
 * Reads the branding manifest and fails loudly when it does not register the
 * plugin id the code passes to registerPlugin: plugin-api 21 requires the two to
 * match for widgets, and a mismatch is a mistake waiting to surface.
 */
export function assertManifestRegisters(manifestPath: string, pluginId: string): void {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { plugins?: { id?: unknown; src?: unknown }[] };
  const ids = (manifest.plugins ?? []).map((plugin) => plugin.id);
  if (!ids.includes(pluginId)) {
    throw new Error(
      `${manifestPath} registers plugin id(s) ${JSON.stringify(ids)}, but the plugin calls registerPlugin({ id: '${pluginId}' }). ` +
        'Keep them equal (plugin-api requires it for widgets): make plugins[].id and src/plugin-id.ts agree.',
    );
  }
}
