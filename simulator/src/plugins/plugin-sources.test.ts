import { describe, expect, it } from 'vitest';
import type { PluginOverrides } from '../model/config';
import type { Manifest } from '../model/manifest';
import { pluginSources } from './plugin-sources';

const manifestOf = (...ids: string[]): Manifest => ({
  url: new URL('https://pexip.example.com/webapp3/branding/manifest.json'),
  plugins: ids.map((id) => ({ id, src: `https://pexip.example.com/webapp3/branding/plugins/${id}/index.html`, sandboxValues: ['allow-same-origin'] })),
  hiddenFunctionality: [], warnings: [],
});
const overrides = (only: string | null, byId: Record<string, string> = {}): PluginOverrides => ({
  only: only === null ? null : new URL(only),
  byId: new Map(Object.entries(byId).map(([id, url]) => [id, new URL(url)])),
});
const srcs = (r: ReturnType<typeof pluginSources>) => r.sources.map((s) => [s.id, s.src]);

describe('pluginSources', () => {
  it('keeps the manifest src and adds allow-scripts to the sandbox', () => {
    const r = pluginSources(manifestOf('a', 'b'), overrides(null));
    expect(r.errors).toEqual([]);
    expect(r.sources).toEqual([
      { id: 'a', src: 'https://pexip.example.com/webapp3/branding/plugins/a/index.html', sandbox: ['allow-scripts', 'allow-same-origin'] },
      { id: 'b', src: 'https://pexip.example.com/webapp3/branding/plugins/b/index.html', sandbox: ['allow-scripts', 'allow-same-origin'] },
    ]);
  });

  it('applies ?plugin=<url> to the only plugin, whatever its id', () => {
    const r = pluginSources(manifestOf('anything'), overrides('https://localhost:5173/'));
    expect(r.errors).toEqual([]);
    expect(srcs(r)).toEqual([['anything', 'https://localhost:5173/']]);
  });

  it('ignores ?plugin=<url> with an error when the manifest has several plugins or none', () => {
    const two = pluginSources(manifestOf('a', 'b'), overrides('https://localhost:5173/'));
    expect(srcs(two)[0]?.[1]).toBe('https://pexip.example.com/webapp3/branding/plugins/a/index.html');
    expect(two.errors).toEqual([
      "?plugin=https://localhost:5173/ ignored: it needs a manifest with exactly one plugin, and it lists 'a', 'b'; name the plugin with ?plugin.<id>=<url>",
    ]);
    expect(pluginSources(manifestOf(), overrides('https://localhost:5173/')).errors[0]).toContain('it lists no plugins');
  });

  it('applies ?plugin.<id>=<url> to that plugin only', () => {
    const r = pluginSources(manifestOf('a', 'b'), overrides(null, { b: 'https://localhost:5173/b/' }));
    expect(r.errors).toEqual([]);
    expect(srcs(r)).toEqual([
      ['a', 'https://pexip.example.com/webapp3/branding/plugins/a/index.html'],
      ['b', 'https://localhost:5173/b/'],
    ]);
  });

  it('prefers ?plugin.<id> over ?plugin for the same plugin', () => {
    const r = pluginSources(manifestOf('a'), overrides('https://one.example/', { a: 'https://by-id.example/' }));
    expect(srcs(r)).toEqual([['a', 'https://by-id.example/']]);
  });

  it('reports ?plugin.<id> for an id the manifest lacks, listing the ids it has', () => {
    const r = pluginSources(manifestOf('a'), overrides(null, { chat: 'https://localhost:5173/' }));
    expect(srcs(r)).toEqual([['a', 'https://pexip.example.com/webapp3/branding/plugins/a/index.html']]);
    expect(r.errors).toEqual(["?plugin.chat=https://localhost:5173/ ignored: the manifest has no plugin with id 'chat' (it lists 'a')"]);
  });
});
