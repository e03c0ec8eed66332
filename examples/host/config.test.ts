import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBAPP_URL, readConfig } from './config';

const at = (search: string) => readConfig(new URL(`http://localhost:5180/host/${search}`) as unknown as Location);
const params = (search: string) => Object.fromEntries(new URL(at(search).webappUrl).searchParams);

describe('readConfig: the simulator defaults', () => {
  it('asks the bundled simulator for chatter when the page names no Web App 3', () => {
    expect(at('').webappUrl).toBe(`${DEFAULT_WEBAPP_URL}?chatter=25`);
  });

  it('lets the query override it (?sim.chatter=0 keeps the meeting quiet)', () => {
    expect(params('?sim.chatter=0')).toEqual({ chatter: '0' });
    expect(params('?sim.chatter=5&sim.lang=nb')).toEqual({ chatter: '5', lang: 'nb' });
  });

  it('adds nothing to a Web App 3 the page is given (every browser test gives one)', () => {
    expect(params('?webapp=http://127.0.0.1:4000/webapp3/&sim.joinDelay=0')).toEqual({ joinDelay: '0' });
    // A ?webapp that is no URL falls back to the simulator, still without the defaults: the page asked for something else.
    expect(params('?webapp=http://%5Bbad')).toEqual({});
    expect(at('?webapp=http://%5Bbad').errors).toEqual([`?webapp=http://[bad is not a valid URL; using ${DEFAULT_WEBAPP_URL}`]);
  });
});
