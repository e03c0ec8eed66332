import { describe, expect, it } from 'vitest';
import { DEFAULT_JOIN_DELAY_MS, DEFAULT_PARTICIPANTS, readConfig } from './config';

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

  it('the meeting: 3 others, one of them in the lobby, the user a host, no churn, seed 1 by default', () => {
    const { config } = read('');
    expect(config).toMatchObject({ role: 'chair', participants: DEFAULT_PARTICIPANTS, lobby: 1, churn: 0, seed: 1 });
  });

  it('reads ?role, ?participants, ?lobby, ?churn and ?seed', () => {
    const { config, errors } = read('?role=guest&participants=1000&lobby=20&churn=100&seed=42');
    expect(errors).toEqual([]);
    expect(config).toMatchObject({ role: 'guest', participants: 1000, lobby: 20, churn: 100, seed: 42 });
    expect(read('?participants=0').config).toMatchObject({ participants: 0, lobby: 0 });
    expect(read('?role=host').config.role).toBe('chair');
  });

  it('reports bad meeting values by name and keeps the defaults', () => {
    const { config, errors } = read('?role=owner&participants=-1&lobby=9&churn=fast&seed=1.5');
    expect(config).toMatchObject({ role: 'chair', participants: DEFAULT_PARTICIPANTS, lobby: 1, churn: 0, seed: 1 });
    expect(errors).toEqual([
      '?participants=-1 must be a whole number from 0 to 100000; using 3',
      '?lobby=9 must be a whole number from 0 to 3; using 1',
      '?churn=fast must be a number from 0 to 100000; using 0',
      '?seed=1.5 must be a whole number from 0 to 4294967295; using 1',
      "?role=owner must be 'chair' (or 'host') or 'guest'; using chair",
    ]);
  });

  it('reads ?chatter (seconds, 0 = off) and ?lang (a language code, none by default)', () => {
    expect([read('').config.chatter, read('').config.lang]).toEqual([0, null]);
    const { config, errors } = read('?chatter=2.5&lang=pt-BR');
    expect(errors).toEqual([]);
    expect([config.chatter, config.lang]).toEqual([2.5, 'pt-BR']);
  });

  it('reports a bad ?chatter or ?lang and uses the default', () => {
    const { config, errors } = read('?chatter=-3&lang=english!');
    expect([config.chatter, config.lang]).toEqual([0, null]);
    expect(errors).toEqual([
      '?chatter=-3 must be a number from 0 to 86400; using 0',
      `?lang=english!: a language code looks like 'en', 'nb' or 'pt-BR', got "english!"; using en`,
    ]);
  });
});


describe('the switches for what Web App 3 does (LEDGER.md)', () => {
  it('defaults: no replay, activities with type, deprecated events, silent refusals, guests may unmute, echo after', () => {
    expect(read('').config).toMatchObject({ replay: false, activities: 'type', deprecated: true, meAtJoin: true, silent: true, guestsCanUnmute: true, echo: 'after' });
  });

  it('reads each switch', () => {
    const { config, errors } = read('?replay=1&activities=none&deprecated=0&meAtJoin=0&silent=0&guestsCanUnmute=0&echo=before');
    expect(errors).toEqual([]);
    expect(config).toMatchObject({ replay: true, activities: 'none', deprecated: false, meAtJoin: false, silent: false, guestsCanUnmute: false, echo: 'before' });
    expect(read('?activities=activity&echo=off').config).toMatchObject({ activities: 'activity', echo: 'off' });
  });

  it('reports a bad choice and keeps the default', () => {
    const { config, errors } = read('?activities=old&echo=never');
    expect(config).toMatchObject({ activities: 'type', echo: 'after' });
    expect(errors).toEqual(['?activities=old must be one of type, activity, none; using type', '?echo=never must be one of after, before, off; using after']);
  });
});
