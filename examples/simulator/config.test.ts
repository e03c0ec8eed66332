import { describe, expect, it } from 'vitest';
import { DEFAULT_JOIN_DELAY_MS, readConfig } from './config';

const PAGE = 'http://127.0.0.1:5181/webapp3/';
const read = (search: string) => readConfig({ search, href: `${PAGE}${search}` });

describe('readConfig', () => {
  it('has defaults for an empty query', () => {
    const { config, errors } = read('');
    expect(errors).toEqual([]);
    expect(config.manifestUrl.href).toBe(`${PAGE}branding/manifest.json`);
    expect(config.overrides.only).toBeNull();
    expect(config.overrides.byId.size).toBe(0);
    expect(config.joinDelay).toBe(DEFAULT_JOIN_DELAY_MS);
    expect(config.autoJoin).toBe(true);
  });

  it('resolves ?manifest against the page', () => {
    expect(read('?manifest=/fixtures/x/manifest.json').config.manifestUrl.href).toBe('http://127.0.0.1:5181/fixtures/x/manifest.json');
    expect(read('?manifest=https://cdn.example.com/m.json').config.manifestUrl.href).toBe('https://cdn.example.com/m.json');
  });

  it('reads ?plugin=<url> as the override for a one-plugin manifest', () => {
    const { config, errors } = read('?plugin=https://localhost:5173/');
    expect(errors).toEqual([]);
    expect(config.overrides.only?.href).toBe('https://localhost:5173/');
  });

  it('reads ?plugin.<id>=<url> for any id, relative URLs included', () => {
    const { config, errors } = read('?plugin.chat=https://localhost:5173/&plugin.my.widget=../w/index.html');
    expect(errors).toEqual([]);
    expect([...config.overrides.byId].map(([id, url]) => [id, url.href])).toEqual([
      ['chat', 'https://localhost:5173/'],
      ['my.widget', 'http://127.0.0.1:5181/w/index.html'],
    ]);
  });

  it('reports ?plugin.=<url> without an id and URLs that do not parse', () => {
    const { config, errors } = read('?plugin.=https://a.example/&plugin=http://[::1&manifest=http://[bad');
    expect(config.overrides.byId.size).toBe(0);
    expect(config.overrides.only).toBeNull();
    expect(config.manifestUrl.href).toBe(`${PAGE}branding/manifest.json`);
    expect(errors).toEqual([
      '?plugin.=https://a.example/ names no plugin id: write ?plugin.<id>=<url>',
      '?manifest=http://[bad is not a valid URL: give an absolute URL or one relative to this page',
      '?plugin=http://[::1 is not a valid URL: give an absolute URL or one relative to this page',
    ]);
  });

  it('reads ?joinDelay and refuses negative or non-numeric values', () => {
    expect(read('?joinDelay=0').config.joinDelay).toBe(0);
    expect(read('?joinDelay=1500').config.joinDelay).toBe(1500);
    const bad = read('?joinDelay=-5');
    expect(bad.config.joinDelay).toBe(DEFAULT_JOIN_DELAY_MS);
    expect(bad.errors).toEqual([`?joinDelay=-5 must be a number of milliseconds >= 0; using ${DEFAULT_JOIN_DELAY_MS}`]);
    expect(read('?joinDelay=soon').errors).toHaveLength(1);
  });

  it('reads ?autoJoin as a flag', () => {
    expect(read('?autoJoin=0').config.autoJoin).toBe(false);
    expect(read('?autoJoin=off').config.autoJoin).toBe(false);
    expect(read('?autoJoin=1').config.autoJoin).toBe(true);
  });
});
