// Pure: which frame each manifest plugin gets, after the ?plugin overrides.
import type { PluginOverrides } from '../model/config';
import { sandboxFor, type Manifest } from '../model/manifest';

/** One plugin frame to create. */
export interface PluginSource {
  id: string;
  src: string;
  sandbox: string[];
}

export function pluginSources(manifest: Manifest, overrides: PluginOverrides): { sources: PluginSource[]; errors: string[] } {
  const errors: string[] = [];
  const ids = manifest.plugins.map((p) => p.id);
  const listed = ids.length > 0 ? `it lists ${ids.map((id) => `'${id}'`).join(', ')}` : 'it lists no plugins';

  let only: string | null = null;
  if (overrides.only) {
    if (ids.length === 1) only = ids[0] ?? null;
    else {
      errors.push(
        `?plugin=${overrides.only.href} ignored: it needs a manifest with exactly one plugin, and ${listed}; name the plugin with ?plugin.<id>=<url>`,
      );
    }
  }
  for (const [id, url] of overrides.byId) {
    if (!ids.includes(id)) errors.push(`?plugin.${id}=${url.href} ignored: the manifest has no plugin with id '${id}' (${listed})`);
  }

  const sources = manifest.plugins.map((plugin) => {
    // ?plugin.<id> is the more specific of the two, so it wins.
    const override = overrides.byId.get(plugin.id) ?? (plugin.id === only ? overrides.only : null);
    return { id: plugin.id, src: override?.href ?? plugin.src, sandbox: sandboxFor(plugin) };
  });
  return { sources, errors };
}
