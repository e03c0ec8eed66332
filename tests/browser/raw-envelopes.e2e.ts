// The raw-envelope host (no library) and hand-posted envelopes against the
// built plugin: both delivery paths, what must be dropped, bad input, fuzz.
import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserSuite,
  chatButton,
  DIAL,
  eventually,
  pluginConsole,
  postRaw,
  PREFIX,
  rawReplies,
  serve,
  simFrame,
  waitForFrame,
  type Servers,
} from './harness';

const suite = browserSuite();
let servers: Servers;
beforeAll(() => {
  servers = suite.servers;
});

const post = postRaw;
const replies = rawReplies;

const dialOuts = async (sim: Frame) => sim.evaluate(() => window.__sim!.dialOuts.map((d) => d.destination));

describe('the raw-envelope host page', () => {
  it('opens its chat on a click, echoes the state, shows the badge and dials by requestId', async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    await sim.getByRole('button', { name: 'Open Chat' }).click();
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.isActive === true)).toMatchObject({ tooltip: 'Close Chat' });
    expect(await s.page.evaluate(() => window.__legacy!.panelOpen())).toBe(true);
    await sim.getByRole('button', { name: 'Close Chat' }).click();
    await s.page.click('#simulate-message');
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true)).toMatchObject({ badge: true, isActive: false });
    await s.page.fill('#dial-destination', 'alice@example.com');
    await s.page.click('#dial-submit');
    const success = await eventually(
      () => s.page.evaluate(() => window.__legacy!.received.filter((r) => r.action === 'pexip:plugin:external-chat/dial-out-success')),
      (l) => l.length === 1,
    );
    expect(success[0]).toMatchObject({ uuid: expect.any(String), displayName: 'alice@example.com', requestId: expect.any(String) });
  });
});

describe('the raw-envelope host page: meeting lifecycle', () => {
  it('hears connected, then disconnected for Leave and for a dropped call', async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    const lifecycle = () =>
      s.page.evaluate(() =>
        window.__legacy!.received.filter((r) => /\/(connected|disconnected)$/.test(String(r.action))),
      );
    expect(await eventually(lifecycle, (l) => l.length === 1)).toEqual([{ action: `${PREFIX}connected` }]);
    await sim.evaluate(() => window.__sim!.emit('event:userInitiatedDisconnect', undefined));
    await sim.evaluate(() => window.__sim!.emit('event:disconnected', { error: 'Call dropped (simulated)', errorCode: '#pex117' }));
    expect((await eventually(lifecycle, (l) => l.length === 3)).slice(1)).toEqual([
      { action: `${PREFIX}disconnected`, userInitiated: true },
      { action: `${PREFIX}disconnected`, userInitiated: false, error: 'Call dropped (simulated)', errorCode: '#pex117' },
    ]);
  });
});

describe('delivery', () => {
  it('reaches the plugin through the Web App 3 window and straight to its own window', async () => {
    const s = await suite.openRaw();
    await post(s.page, 'webapp', { action: `${PREFIX}toggle-chat-badge`, visible: true });
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true)).toMatchObject({ badge: true });
    await post(s.page, 'plugin', { action: `${PREFIX}toggle-chat-badge`, visible: false });
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === false)).toMatchObject({ badge: false });
    await post(s.page, 'webapp', { action: `${PREFIX}dial-out`, ...DIAL, requestId: 'via-webapp' });
    await post(s.page, 'plugin', { action: `${PREFIX}dial-out`, ...DIAL, destination: 'bob@example.com', requestId: 'via-plugin' });
    const ok = await eventually(() => replies(s.page, 'dial-out-success'), (l) => l.length === 2);
    expect(ok.map((r) => [r.requestId, r.displayName]).sort()).toEqual([
      ['via-plugin', 'bob@example.com'],
      ['via-webapp', 'alice@example.com'],
    ]);
  });
});

describe('what the plugin drops', () => {
  it('envelopes from Web App 3 itself, from a sibling plugin frame and from another frame of the host page', async () => {
    const s = await suite.openRaw({ manifest: '/fixtures/sibling/manifest.json' });
    const sim = await simFrame(s.page, servers);
    const envelope = { action: `${PREFIX}dial-out`, ...DIAL, destination: 'intruder@example.com' };
    // Web App 3 posting to the plugin.
    await sim.evaluate((m) => {
      for (const frame of document.querySelectorAll('iframe')) frame.contentWindow?.postMessage(m, '*');
    }, envelope);
    // A sibling plugin frame inside Web App 3 (same origin and sandbox as the plugin).
    const siblingPlugin = await waitForFrame(s.page, (url) => url.includes('/fixtures/echo-plugin/'));
    await siblingPlugin.evaluate((m) => {
      for (let i = 0; i < parent.frames.length; i++) parent.frames[i]!.postMessage(m, '*');
      parent.postMessage(m, '*');
    }, envelope);
    // Another frame of the host page, next to Web App 3.
    await s.page.evaluate(() => {
      const sibling = document.createElement('iframe');
      sibling.name = 'sibling';
      sibling.srcdoc = '<p>sibling</p>';
      document.body.append(sibling);
      return new Promise((r) => sibling.addEventListener('load', r));
    });
    const sibling = s.page.frame({ name: 'sibling' })!;
    await sibling.evaluate((m) => {
      const webapp = (top!.document.getElementById('webapp3') as HTMLIFrameElement).contentWindow!;
      webapp.postMessage(m, '*');
      for (let i = 0; i < webapp.frames.length; i++) webapp.frames[i]!.postMessage(m, '*');
    }, envelope);
    // A control message from the top window, sent last, proves the plugin was listening.
    await post(s.page, 'plugin', { action: `${PREFIX}dial-out`, ...DIAL, destination: 'control@example.com' });
    expect(await eventually(() => dialOuts(sim), (l) => l.length > 0)).toEqual(['control@example.com']);
  });

  it('unprefixed messages and unknown actions, with a warning', async () => {
    const s = await suite.openRaw();
    await post(s.page, 'plugin', { hello: 'world' });
    await post(s.page, 'plugin', { action: `${PREFIX}self-destruct` });
    const warnings = await eventually(async () => pluginConsole(s, 'warning'), (l) => l.some((w) => w.includes('self-destruct')));
    expect(warnings.filter((w) => !w.includes('"allowedOrigins"'))).toEqual([
      `[external-chat] ignored a message from ${servers.hostOrigin} without the '${PREFIX}' action prefix`,
      `[external-chat] ignored unknown action '${PREFIX}self-destruct'`,
    ]);
  });

  it('a flood of foreign messages to Web App 3 costs one warning, not one each', async () => {
    const s = await suite.openRaw();
    await s.page.evaluate(() => {
      const webapp = (document.getElementById('webapp3') as HTMLIFrameElement).contentWindow!;
      for (let i = 0; i < 300; i++) webapp.postMessage({ type: 'analytics', i }, '*');
    });
    // Delivered in order after the flood: once it is warned about, the flood has been handled.
    await post(s.page, 'webapp', { action: `${PREFIX}end-of-flood` });
    const warnings = await eventually(async () => pluginConsole(s, 'warning'), (l) => l.some((w) => w.includes('end-of-flood')));
    expect(warnings.filter((w) => w.includes('without the'))).toEqual([
      `[external-chat] ignored a message from ${servers.hostOrigin} without the '${PREFIX}' action prefix`,
    ]);
  });

  it('messages from an origin that config.json does not allow', async () => {
    const gated = await serve({ pluginConfig: JSON.stringify({ allowedOrigins: ['https://portal.example.com'] }) });
    try {
      const s = await suite.open({ page: 'legacy-host' }, gated);
      const sim = await simFrame(s.page, gated);
      const plugin = await waitForFrame(s.page, (url) => url.includes('/branding/plugins/external-chat/'));
      await plugin.waitForFunction(() => document.readyState === 'complete');
      await eventually(async () => s.console.some((m) => m.text.includes('loaded v')), Boolean);
      await s.page.evaluate((m) => {
        const webapp = (document.getElementById('webapp3') as HTMLIFrameElement).contentWindow!;
        for (let i = 0; i < webapp.frames.length; i++) webapp.frames[i]!.postMessage(m, '*');
        webapp.postMessage(m, '*');
      }, { action: `${PREFIX}dial-out`, ...DIAL });
      const dropped = await eventually(
        async () => s.console.filter((m) => m.text.includes('not in config.json')).map((m) => m.text),
        (l) => l.length > 0,
      );
      expect(dropped[0]).toContain(`dropped a message from ${gated.hostOrigin}`);
      expect(await dialOuts(sim)).toEqual([]);
      // Replies and ready go only to the allowed origin: this page never hears the plugin.
      expect(await s.page.evaluate(() => window.__legacy!.received.length)).toBe(0);
    } finally {
      await gated.close();
    }
  });

  it('nothing when config.json allows this origin', async () => {
    // The host origin is known only once a server listens: find a free port, then allow exactly it.
    const probe = await serve();
    const port = Number(new URL(probe.hostOrigin).port);
    await probe.close();
    const hostOrigin = `http://localhost:${port}`;
    const open = await serve({ hostPort: port, pluginConfig: JSON.stringify({ allowedOrigins: [hostOrigin] }) });
    try {
      const s = await suite.openRaw({}, open);
      await post(s.page, 'plugin', { action: `${PREFIX}dial-out`, ...DIAL, requestId: 'gated' });
      expect((await eventually(() => replies(s.page, 'dial-out-success'), (l) => l.length === 1))[0]).toMatchObject({ requestId: 'gated' });
    } finally {
      await open.close();
    }
  });

  it('a malformed config.json keeps the bridge off and says why', async () => {
    const broken = await serve({ pluginConfig: '{"allowedOrigins": "everyone"}' });
    try {
      const s = await suite.open({ page: 'legacy-host' }, broken);
      const error = await eventually(
        async () => s.console.filter((m) => m.type === 'error' && m.text.includes('config.json')).map((m) => m.text),
        (l) => l.length > 0,
      );
      expect(error[0]).toBe(
        '[external-chat] config.json: "allowedOrigins" must be a non-empty array of origins. The chat bridge stays off until config.json can be read and is valid, or is removed (404).',
      );
      expect(await chatButton(s.page, broken)).toBeUndefined();
    } finally {
      await broken.close();
    }
  });
});

describe('bad input', () => {
  it('answers invalid dial bodies with an error naming the field and never dials', async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    const cases: [Record<string, unknown>, string][] = [
      [{ destination: 'a@example.com', protocol: 'sip' }, "'role' is required"],
      [{ ...DIAL, role: 'ADMIN' }, "'role' must be one of HOST, GUEST"],
      [{ ...DIAL, destination: '' }, "'destination' must be a non-empty string"],
      [{ ...DIAL, protocol: 'skype' }, "'protocol' must be one of sip, h323, rtmp, mssip, auto"],
      [{ ...DIAL, call_type: 'smell' }, "'call_type' must be one of video, video-only, audio"],
      [{ ...DIAL, streaming: 1 }, "'streaming' must be one of yes, no"],
      [{ ...DIAL, keep_conference_alive: 'forever' }, "'keep_conference_alive' must be one of"],
      [{ ...DIAL, remote_display_name: { name: 'x' } }, "'remote_display_name' must be a name (no control, bidi or invisible format characters), got object"],
      [{ ...DIAL, remote_display_name: 'Alice\u202E' }, "(U+202E at 5)"],
    ];
    for (const [i, [body]] of cases.entries()) await post(s.page, 'plugin', { action: `${PREFIX}dial-out`, ...body, requestId: `bad-${i}` });
    const errors = await eventually(() => replies(s.page, 'dial-out-error'), (l) => l.length === cases.length);
    for (const [i, [, message]] of cases.entries()) {
      expect(errors.find((e) => e.requestId === `bad-${i}`)?.message).toContain(message);
    }
    expect(await dialOuts(sim)).toEqual([]);
  });

  it('survives a few hundred fuzzed messages and still works', async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    await s.page.evaluate((prefix) => {
      const raw = (window as unknown as { raw: { plugin: Window } }).raw;
      const webapp = (document.getElementById('webapp3') as HTMLIFrameElement).contentWindow!;
      let seed = 11;
      const rand = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
      const values: unknown[] = [
        null, undefined, 0, -1, 1e308, true, '', 'x'.repeat(200_000), [], [null], {}, new Date(0), new Map([[1, 2]]),
        JSON.parse('{"__proto__":{"polluted":1}}'), 'HOST', 'sip', 'alice@example.com', { type: 'SET', path: ['__proto__', 'x'] },
        { type: 'CONSTRUCT', path: ['constructor', 'constructor'], argumentList: [{ type: 'RAW', value: 'alert(1)' }] },
      ];
      const names = ['dial-out', 'toggle-chat-badge', 'toggle-chat-button-state', 'ping', 'toggle-chat', 'ready', '', 'DIAL-OUT'];
      const fields = ['role', 'destination', 'protocol', 'active', 'visible', 'requestId', 'call_type', '__proto__', 'type', 'path', 'id'];
      const pick = <T,>(list: readonly T[]) => list[rand(list.length)] as T;
      for (let i = 0; i < 400; i++) {
        const message: Record<string, unknown> = rand(4) === 0 ? { action: pick(values) } : { action: `${rand(5) ? prefix : ''}${pick(names)}` };
        for (let f = rand(6); f > 0; f--) message[pick(fields)] = pick(values);
        (rand(2) ? raw.plugin : webapp).postMessage(rand(10) === 0 ? pick(values) : message, '*');
      }
      // Bare null and undefined, which @pexip/plugin-api's own listener cannot read (guard-plugin-api.ts).
      for (const target of [raw.plugin, webapp]) {
        target.postMessage(null, '*');
        target.postMessage(undefined, '*');
      }
    }, PREFIX);
    await post(s.page, 'plugin', { action: `${PREFIX}dial-out`, ...DIAL, requestId: 'after-fuzz' });
    const ok = await eventually(() => replies(s.page, 'dial-out-success'), (l) => l.some((r) => r.requestId === 'after-fuzz'));
    expect(ok.find((r) => r.requestId === 'after-fuzz')).toMatchObject({ displayName: 'alice@example.com' });
    // Nothing thrown in any frame (a bare null once broke plugin-api's listener) nor out of the plugin's handler.
    expect(s.errors).toEqual([]);
    const plugin = await waitForFrame(s.page, (url) => url.includes('/branding/plugins/external-chat/'));
    expect(pluginConsole(s, 'warning').filter((w) => w.includes('message handling failed'))).toEqual([]);
    // Every dial the simulator saw was a valid one.
    const seen = await sim.evaluate(() => window.__sim!.dialOuts);
    for (const body of seen) expect(['HOST', 'GUEST']).toContain(body.role);
    expect(await plugin.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
  });
});
