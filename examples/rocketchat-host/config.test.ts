import { describe, expect, it } from 'vitest';
import { readConfig, ROCKETCHAT_MANIFEST } from './config';

const at = (search: string) => readConfig({ search, href: `http://localhost:5180/rocketchat-host/${search}` });

describe('readConfig', () => {
  it('embeds the simulator with the Rocket.Chat branding by default', () => {
    const config = at('');
    expect(new URL(config.webappUrl).searchParams.get('manifest')).toBe(ROCKETCHAT_MANIFEST);
    expect(new URL(config.webappUrl).origin).toBe('http://127.0.0.1:5181');
    expect(config.webappOrigins).toEqual(['http://127.0.0.1:5181']);
    expect(config.errors).toEqual([]);
  });

  it('passes sim.* on, and keeps a manifest it is given', () => {
    const url = new URL(at('?webapp=http://127.0.0.1:9/webapp3/&sim.joinDelay=0&sim.manifest=/m.json').webappUrl);
    expect(url.searchParams.get('joinDelay')).toBe('0');
    expect(url.searchParams.get('manifest')).toBe('/m.json');
    expect(at('?webapp=http://127.0.0.1:9/webapp3/').webappOrigins).toEqual(['http://127.0.0.1:9']);
  });

  it('reports a bad ?webapp and a bad ?webappOrigin, and falls back', () => {
    const bad = at('?webapp=http://[x&webappOrigin=http://a.example/path');
    expect(bad.errors).toEqual([
      '?webapp=http://[x is not a valid URL; using http://127.0.0.1:5181/webapp3/',
      "?webappOrigin: 'http://a.example/path' is not an origin; write scheme://host[:port] with no path",
      '?webappOrigin names no valid origin; accepting http://127.0.0.1:5181, the origin of Web App 3',
    ]);
    expect(bad.webappOrigins).toEqual(['http://127.0.0.1:5181']);
    expect(at('?webappOrigin=https://a.example, https://b.example').webappOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
