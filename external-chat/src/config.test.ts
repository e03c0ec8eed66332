import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEATURES } from '@external-chat/host-bridge/internal';
import { describePlan, featurePlan, loadConfig, parseConfig, type PluginConfig } from './config';

describe('parseConfig', () => {
  it('reads allowedOrigins', () => {
    expect(parseConfig('{"allowedOrigins":["https://portal.example.com","http://localhost:5180"]}')).toEqual({
      ok: true,
      value: { allowedOrigins: ['https://portal.example.com', 'http://localhost:5180'] },
    });
    expect(parseConfig('{}')).toEqual({ ok: true, value: {} });
    expect(parseConfig('{"debug":true}')).toEqual({ ok: true, value: { debug: true } });
  });

  it('reads features, an empty list switching everything off', () => {
    expect(parseConfig('{"features":["chat","roster","mute"],"debug":false,"allowedOrigins":["https://a.example"]}')).toEqual({
      ok: true,
      value: { debug: false, features: ['chat', 'roster', 'mute'], allowedOrigins: ['https://a.example'] },
    });
    expect(parseConfig('{"features":[]}')).toEqual({ ok: true, value: { features: [] } });
  });

  it("reads the dialect, whose features are its own", () => {
    expect(parseConfig('{"dialect":"rocketchat","allowedOrigins":["https://chat.example.com"],"features":["chat","participants","roster"]}')).toEqual({
      ok: true,
      value: { dialect: 'rocketchat', allowedOrigins: ['https://chat.example.com'], features: ['chat', 'participants', 'roster'] },
    });
    expect(parseConfig('{"dialect":"external-chat"}')).toEqual({ ok: true, value: { dialect: 'external-chat' } });
  });

  it("reads the tooltips' own words, either or both", () => {
    expect(parseConfig('{"labels":{"open":"Talk to us","close":"Hide the chat"}}')).toEqual({ ok: true, value: { labels: { open: 'Talk to us', close: 'Hide the chat' } } });
    expect(parseConfig('{"labels":{"open":"Talk to us"}}')).toEqual({ ok: true, value: { labels: { open: 'Talk to us' } } });
  });

  it('reads openMeetingToAnyPage, which opens what allowedOrigins would give a named page', () => {
    expect(parseConfig('{"openMeetingToAnyPage":true}')).toEqual({ ok: true, value: { openMeetingToAnyPage: true } });
    expect(parseConfig('{"openMeetingToAnyPage":true,"features":["chat","roster"]}')).toEqual({ ok: true, value: { openMeetingToAnyPage: true, features: ['chat', 'roster'] } });
  });

  it('reads postFrom, either of its two values', () => {
    expect(parseConfig('{"postFrom":"plugin"}')).toEqual({ ok: true, value: { postFrom: 'plugin' } });
    expect(parseConfig('{"postFrom":"webapp3","debug":true}')).toEqual({ ok: true, value: { debug: true, postFrom: 'webapp3' } });
  });

  it.each([
    ['{', 'config.json is not valid JSON'],
    ['{"postFrom":"top"}', 'config.json: "postFrom" must be "webapp3" or "plugin", got "top"'],
    ['{"postFrom":true}', 'config.json: "postFrom" must be "webapp3" or "plugin", got true'],
    ['[]', 'config.json must hold an object'],
    ['{"allowedOrigin":["https://a.example"]}', 'unknown key(s) allowedOrigin'],
    ['{"allowedOrigins":"https://a.example"}', '"allowedOrigins" must be a non-empty array'],
    ['{"allowedOrigins":[]}', '"allowedOrigins" must be a non-empty array'],
    ['{"allowedOrigins":["https://a.example/"]}', '"https://a.example/" is not an origin'],
    ['{"allowedOrigins":["a.example"]}', '"a.example" is not an origin'],
    ['{"allowedOrigins":["*"]}', '"*" is not an origin'],
    ['{"debug":"yes"}', '"debug" must be true or false'],
    ['{"openMeetingToAnyPage":"yes"}', '"openMeetingToAnyPage" must be true or false'],
    ['{"openMeetingToAnyPage":false,"allowedOrigins":["https://a.example"]}', '"openMeetingToAnyPage" opens the meeting to any page, "allowedOrigins" to the pages it names: keep one'],
    ['{"features":["chat","dial-out","meeting-chat"]}', `"features" lists 'meeting-chat', which hands the meeting's data or host powers to the page, but names no "allowedOrigins"`],
    ['{"features":"chat"}', '"features" must be an array of feature names (chat, dial-out, mute,'],
    ['{"features":["chat","mute_video"]}', '"features" lists "mute_video", which is not a feature; the features are chat, dial-out, mute, mute-video,'],
    ['{"feature":["chat"]}', 'unknown key(s) feature; the keys are "allowedOrigins", "debug", "dialect", "features", "labels", "openMeetingToAnyPage", "postFrom"'],
    ['{"dialect":"rocket.chat","allowedOrigins":["https://a.example"]}', '"dialect" must be one of "external-chat", "rocketchat" (the page\'s wire vocabulary), got "rocket.chat"'],
    ['{"dialect":"rocketchat"}', 'the rocketchat dialect sends the meeting\'s roster to the page without being asked, so it needs "allowedOrigins"'],
    ['{"dialect":"rocketchat","allowedOrigins":["https://a.example"],"features":["notify"]}', '"features" lists "notify", which is not a feature of the rocketchat dialect; the features are chat, participants,'],
    ['{"features":["participants"]}', '"features" lists "participants", which is not a feature; the features are chat, dial-out,'],
    ['{"labels":"Chat"}', '"labels" must be an object such as {"open": "Open support chat", "close": "Close support chat"}'],
    ['{"labels":{"opened":"Chat"}}', '"labels" has unknown key(s) opened; the keys are "open" and "close"'],
    ['{"labels":{"open":""}}', `config.json "labels": 'open' must be a non-empty string, got ""`],
    ['{"labels":{"close":7}}', `config.json "labels": 'close' must be a non-empty string, got number`],
    [`{"labels":{"open":"${'o'.repeat(101)}"}}`, `'open' must be a non-empty string of at most 100 characters`],
  ])('rejects %s clearly', (text, message) => {
    const result = parseConfig(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
  });
});

describe('featurePlan: what is on, and why the rest is off', () => {
  const meeting = FEATURES.filter((feature) => feature !== 'chat' && feature !== 'dial-out');

  it('without allowedOrigins, offers any page only the Chat button, its badge and dial-out', () => {
    const plan = featurePlan({});
    expect(plan).toMatchObject({ on: ['chat', 'dial-out'], off: meeting, locked: true });
    expect(plan.whyOff('roster')).toContain('config.json names no "allowedOrigins"');
    expect(describePlan({}, plan)).toBe(
      `on for any page that frames Web App 3: chat, dial-out; off: ${meeting.join(', ')}. The meeting's data (names, private messages) and host powers go only ` +
        `to a page config.json names: to turn them on for yours, put this in plugins/external-chat/config.json: {"allowedOrigins": ["https://your-portal.example.com"]}`,
    );
  });

  it('with allowedOrigins, offers what features lists (everything without it), to the pages named', () => {
    const named: PluginConfig = { allowedOrigins: ['https://portal.example.com'] };
    expect(featurePlan(named)).toMatchObject({ on: FEATURES, off: [], locked: false });
    expect(describePlan(named, featurePlan(named))).toBe(`on for https://portal.example.com: ${FEATURES.join(', ')}`);
    const some: PluginConfig = { ...named, features: ['roster', 'chat'] };
    const plan = featurePlan(some);
    expect(plan.on).toEqual(['chat', 'roster']);
    expect(plan.whyOff('mute')).toBe('config.json "features" does not list it');
    expect(describePlan(some, plan)).toMatch(/^on for https:\/\/portal\.example\.com: chat, roster; off: dial-out, mute, /);
  });

  it('with openMeetingToAnyPage, offers everything to any page, and says what that means', () => {
    const open: PluginConfig = { openMeetingToAnyPage: true };
    expect(featurePlan(open)).toMatchObject({ on: FEATURES, locked: false });
    expect(describePlan(open, featurePlan(open))).toContain('on for ANY page that frames Web App 3 ("openMeetingToAnyPage": true)');
  });

  it('without allowedOrigins, features can only take away', () => {
    expect(featurePlan({ features: ['dial-out'] })).toMatchObject({ on: ['dial-out'], off: FEATURES.filter((feature) => feature !== 'dial-out') });
    expect(featurePlan({ features: ['dial-out'] }).whyOff('chat')).toBe('config.json "features" does not list it');
  });
});

describe('loadConfig', () => {
  const url = new URL('https://pexip.example.com/webapp3/branding/plugins/external-chat/config.json');
  const answer = (status: number, body = '') => vi.fn(async () => new Response(status === 204 ? null : body, { status }));
  const error = (result: Awaited<ReturnType<typeof loadConfig>>) => (result.ok ? 'no error' : result.error);

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('reads the file, and takes a 404 as "no gating"', async () => {
    vi.stubGlobal('fetch', answer(200, '{"allowedOrigins":["https://portal.example.com"]}'));
    expect(await loadConfig(url)).toEqual({ ok: true, value: { allowedOrigins: ['https://portal.example.com'] } });
    vi.stubGlobal('fetch', answer(404, 'Not found'));
    expect(await loadConfig(url)).toEqual({ ok: true, value: {} });
  });

  it.each([500, 403, 503])('fails closed on HTTP %i, naming the status', async (status) => {
    vi.stubGlobal('fetch', answer(status, '{}'));
    expect(error(await loadConfig(url))).toBe(
      `fetching ${url.href} answered HTTP ${status}; only a 404 means "no config.json". The chat bridge stays off until config.json can be read and is valid, or is removed (404).`,
    );
  });

  it('fails closed on bad content, saying what is wrong', async () => {
    vi.stubGlobal('fetch', answer(200, '{"allowedOrigins": "everyone"}'));
    expect(error(await loadConfig(url))).toBe(
      'config.json: "allowedOrigins" must be a non-empty array of origins. The chat bridge stays off until config.json can be read and is valid, or is removed (404).',
    );
  });

  it('gives up on a request that is never answered, aborting it, and says what to check', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    vi.stubGlobal(
      'fetch',
      vi.fn((_: URL, init: RequestInit) => {
        signal = init.signal ?? undefined;
        return new Promise<Response>(() => undefined);
      }),
    );
    let settled: string | undefined;
    void loadConfig(url).then((result) => (settled = error(result)));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(
      `${url.href} got no answer within 5 s: check that the server answers requests for the plugin's folder (a proxy or firewall that holds them?). ` +
        'The chat bridge stays off until config.json can be read and is valid, or is removed (404).',
    );
    expect(signal?.aborted).toBe(true);
  });

  it('clears its timer once answered', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', answer(200, '{}'));
    await loadConfig(url);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('in an opaque origin, names the missing CORS header and both fixes', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const opaque = error(await loadConfig(url, { opaqueOrigin: true }));
    expect(opaque).toContain("opaque origin ('null')");
    expect(opaque).toContain('Give this plugin "allow-same-origin" in the branding manifest\'s "sandboxValues"');
    expect(opaque).toContain('serve config.json with Access-Control-Allow-Origin: *');
    expect(opaque).toContain('The chat bridge stays off');
    const sameOrigin = error(await loadConfig(url));
    expect(sameOrigin).toBe(`could not fetch ${url.href} (Failed to fetch). The chat bridge stays off until config.json can be read and is valid, or is removed (404).`);
  });
});
