// Host pages as they exist: the original specification's snippet, which accepts
// only `event.source === iframe#webapp3.contentWindow`, against the built plugin
// in the branding deployment (the plugin posts through relay.js from Web App 3's
// window); the ways the plugin falls back to posting from its own frame, where
// only the corrected snippet (examples/legacy-host/bridge.js) hears it; and the
// relay's own limits (one per plugin, gone with the plugin, envelopes only).
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  chatButton,
  DIAL,
  eventually,
  hostUrl,
  installRawClient,
  pluginConsole,
  PREFIX,
  serve,
  simFrame,
  type Servers,
  type Session,
} from './harness';

const suite = browserSuite();

/** The page of tests/browser/fixtures/original-host/: the original snippet, verbatim, and a handler keeping what it hears. */
function originalUrl(servers: Servers, sim: Record<string, string> = {}): string {
  const url = new URL(`${servers.hostOrigin}/fixtures/original-host/`);
  url.searchParams.set('webapp', `${servers.webappOrigin}/webapp3/`);
  for (const [key, value] of Object.entries({ joinDelay: '0', ...sim })) url.searchParams.set(`sim.${key}`, value);
  return url.href;
}

async function openOriginal(servers: Servers = suite.servers, session?: Session): Promise<{ s: Session; sim: Frame }> {
  const s = session ?? (await suite.session());
  await s.page.goto(originalUrl(servers));
  const sim = await simFrame(s.page, servers);
  await sim.waitForFunction(() => window.__sim?.ready.then(() => true));
  return { s, sim };
}

type Heard = { name: string; message: Record<string, unknown> };
const heard = (page: Page): Promise<Heard[]> => page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);
const heardNamed = async (page: Page, name: string) => (await heard(page)).filter((h) => h.name === name).map((h) => h.message);
/** The snippet's own sendToPlugin, as the page would call it. */
const send = (page: Page, name: string, fields: Record<string, unknown> = {}) =>
  page.evaluate(([n, f]) => (window as unknown as { sendToPlugin(name: string, fields: object): void }).sendToPlugin(n, f), [name, fields] as const);

/** The console lines saying which way the plugin posts. */
const modeLines = (s: Session): string[] => pluginConsole(s, 'info').filter((line) => line.includes('posting'));
const RELAYED = "[external-chat] posting to the page from Web App 3's window (relay.js)";
const DIRECT = "[external-chat] posting from the plugin's own frame";

/** The relay elements in Web App 3's document. */
const relayCount = (sim: Frame) => sim.evaluate(() => document.querySelectorAll('script[data-relay-owner="external-chat"]').length);

/** The raw client's view: did `ready` come from the plugin's own frame? */
const readyFromPluginFrame = (page: Page) =>
  page.evaluate(() => {
    const raw = (window as unknown as { raw: { plugin: Window; source: Window } }).raw;
    return raw.source === raw.plugin;
  });

describe('the original host snippet, verbatim, in the branding deployment', () => {
  it('hears every plugin message from Web App 3 and drives the plugin back', async () => {
    const { s, sim } = await openOriginal();
    const page = s.page;
    const [ready] = await eventually(() => heardNamed(page, 'ready'), (l) => l.length > 0);
    expect(ready).toMatchObject({ action: `${PREFIX}ready`, instanceId: expect.any(String), features: expect.arrayContaining(['chat', 'roster', 'self']) });
    expect(await eventually(() => heardNamed(page, 'connected'), (l) => l.length > 0)).toEqual([{ action: `${PREFIX}connected` }]);

    // The user clicks the Chat button in Web App 3; the page answers with the button's state.
    await sim.getByRole('button', { name: 'Open Chat' }).click();
    expect(await eventually(() => heardNamed(page, 'toggle-chat'), (l) => l.length > 0)).toEqual([{ action: `${PREFIX}toggle-chat`, active: true }]);
    await send(page, 'toggle-chat-button-state', { active: true });
    expect(await eventually(() => chatButton(page, suite.servers), (b) => b?.isActive === true)).toMatchObject({ isActive: true, tooltip: 'Close Chat' });

    await send(page, 'dial-out', { ...DIAL, requestId: 'd-ok' });
    // Refused by the plugin (Web App 3 never answers a dial Infinity refuses: LEDGER.md).
    await send(page, 'dial-out', { ...DIAL, protocol: 'carrier-pigeon', requestId: 'd-fail' });
    expect((await eventually(() => heardNamed(page, 'dial-out-success'), (l) => l.length > 0))[0]).toMatchObject({ requestId: 'd-ok', uuid: expect.any(String) });
    expect((await eventually(() => heardNamed(page, 'dial-out-error'), (l) => l.length > 0))[0]).toMatchObject({ requestId: 'd-fail', message: expect.stringContaining("'protocol' must be one of") });

    await send(page, 'mute-all-guests', { muted: true, requestId: 'c1' });
    expect(await eventually(() => heardNamed(page, 'control-result'), (l) => l.length > 0)).toEqual([
      { action: `${PREFIX}control-result`, control: 'mute-all-guests', ok: true, requestId: 'c1' },
    ]);

    await send(page, 'subscribe', { topics: ['roster', 'self'] });
    const [roster] = await eventually(() => heardNamed(page, 'roster'), (l) => l.length > 0);
    expect((roster!.participants as { uuid: string }[]).map((p) => p.uuid).sort()).toEqual(
      (await sim.evaluate(() => window.__sim!.roster().map((p) => p.uuid))).sort(),
    );
    const [self] = await eventually(() => heardNamed(page, 'self'), (l) => l.length > 0);
    expect(self).toMatchObject({ participantUuid: await sim.evaluate(() => window.__sim!.me()?.uuid) });

    await sim.evaluate(() => window.__sim!.emit('event:disconnected', { error: 'Call dropped (simulated)', errorCode: '#pex117' }));
    expect(await eventually(() => heardNamed(page, 'disconnected'), (l) => l.length > 0)).toEqual([
      { action: `${PREFIX}disconnected`, userInitiated: false, error: 'Call dropped (simulated)', errorCode: '#pex117' },
    ]);
    // Every message above came through the relay, which the console names once.
    expect(modeLines(s)).toEqual([expect.stringContaining(RELAYED)]);
    expect(await relayCount(sim)).toBe(1);
  });

  it('host-bridge hears the plugin from Web App 3 and runs its calls', async () => {
    const s = await suite.open();
    await s.page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
    expect(modeLines(s)).toEqual([expect.stringContaining(RELAYED)]);
    await installRawClient(s.page);
    expect(await readyFromPluginFrame(s.page)).toBe(false);
    const outcome = await s.page.evaluate((dial) => window.__host!.chat.dialOut(dial).then((r) => r.displayName), { ...DIAL, remote_display_name: 'ALICE' });
    expect(outcome).toBe('ALICE');
    await s.page.evaluate(() => window.__host!.chat.setBadge(true));
    expect(await eventually(() => chatButton(s.page, suite.servers), (b) => b?.badge === true)).toMatchObject({ badge: true });
  });
});

describe('the relay', () => {
  it('stays one element across plugin reloads, and goes with the plugin frame', async () => {
    const { s, sim } = await openOriginal();
    await eventually(() => heardNamed(s.page, 'ready'), (l) => l.length === 1);
    for (let i = 2; i <= 4; i++) {
      await sim.evaluate(() => window.__sim!.reloadPlugins());
      const readies = await eventually(() => heardNamed(s.page, 'ready'), (l) => new Set(l.map((r) => r.instanceId)).size === i);
      // Each new instance is heard by the original snippet: through its own relay.
      expect(new Set(readies.map((r) => r.instanceId)).size).toBe(i);
      expect(await relayCount(sim)).toBe(1);
    }
    // Once per load.
    expect(modeLines(s)).toEqual(Array(4).fill(expect.stringContaining(RELAYED)));
    await sim.evaluate(() => document.querySelector('iframe[data-plugin-id="external-chat"]')!.remove());
    expect(await eventually(() => relayCount(sim), (n) => n === 0)).toBe(0);
  });

  it('keeps the page hearing the plugin when something in Web App 3 removes the relay element', async () => {
    const { s, sim } = await openOriginal();
    await eventually(() => heardNamed(s.page, 'ready'), (l) => l.length > 0);
    await sim.evaluate(() => document.querySelector('script[data-relay-owner="external-chat"]')!.remove());
    expect(await relayCount(sim)).toBe(0);
    await sim.getByRole('button', { name: 'Open Chat' }).click();
    expect(await eventually(() => heardNamed(s.page, 'toggle-chat'), (l) => l.length > 0)).toEqual([{ action: `${PREFIX}toggle-chat`, active: true }]);
    expect(await relayCount(sim)).toBe(1);
  });

  it('hands its relay to the plugin alone: another script in Web App 3 gets nothing to post with', async () => {
    const { s, sim } = await openOriginal();
    await eventually(() => heardNamed(s.page, 'ready'), (l) => l.length > 0);
    const other = await sim.evaluate((prefix) => {
      const script = document.querySelector('script[data-relay-owner="external-chat"]') as HTMLScriptElement & { init(prefix: string, targets: string[]): unknown };
      return {
        relay: typeof script.init(prefix, ['*']),
        anyPrefix: typeof script.init('', ['*']),
        exposed: Object.keys(script).concat(Object.keys(window).filter((key) => /relay/i.test(key))),
      };
    }, PREFIX);
    expect(other).toEqual({ relay: 'undefined', anyPrefix: 'undefined', exposed: [] });
    // The plugin's own relay still works.
    await sim.getByRole('button', { name: 'Open Chat' }).click();
    expect(await eventually(() => heardNamed(s.page, 'toggle-chat'), (l) => l.length > 0)).toEqual([{ action: `${PREFIX}toggle-chat`, active: true }]);
  });
});

describe('posting from the plugin frame instead', () => {
  it('with config.json "postFrom": "plugin": the original snippet hears nothing, the corrected one everything', async () => {
    const servers = await serve({ demoConfig: { postFrom: 'plugin' } });
    try {
      const { s, sim } = await openOriginal(servers);
      await installRawClient(s.page);
      expect(await readyFromPluginFrame(s.page)).toBe(true);
      expect(modeLines(s)).toEqual([`${DIRECT} (hosts must accept windows inside Web App 3's iframe as event.source): config.json sets "postFrom": "plugin"`]);
      expect(await heard(s.page)).toEqual([]);
      expect(await relayCount(sim)).toBe(0);
      // The corrected snippet (the legacy host's bridge.js) hears it.
      const legacy = await suite.open({ page: 'legacy-host' }, servers);
      expect(await eventually(() => legacy.page.evaluate(() => window.__legacy!.received.map((r) => r.action)), (l) => l.includes(`${PREFIX}ready`))).toContain(
        `${PREFIX}ready`,
      );
    } finally {
      await servers.close();
    }
  });

  it("when Web App 3's Content-Security-Policy does not allow relay.js", async () => {
    // The simulator's own scripts come from /webapp3/assets/; the plugin's folder is not allowed.
    const servers = await serve({ simulatorCsp: 'script-src http://127.0.0.1:*/webapp3/assets/' });
    try {
      const s = await suite.open({ page: 'legacy-host' }, servers);
      const sim = await simFrame(s.page, servers);
      await installRawClient(s.page);
      expect(await readyFromPluginFrame(s.page)).toBe(true);
      expect(modeLines(s)).toEqual([expect.stringMatching(/^\[external-chat\] posting from the plugin's own frame .*: Web App 3's document did not run .*relay\.js \(a Content-Security-Policy/)]);
      expect(await relayCount(sim)).toBe(0);
      expect(await eventually(() => s.page.evaluate(() => window.__legacy!.received.map((r) => r.action)), (l) => l.includes(`${PREFIX}ready`))).toContain(`${PREFIX}ready`);
    } finally {
      await servers.close();
    }
  });

  it("when Web App 3's document requires Trusted Types", async () => {
    const servers = await serve({ simulatorCsp: "require-trusted-types-for 'script'" });
    try {
      const s = await suite.open({ page: 'legacy-host' }, servers);
      const sim = await simFrame(s.page, servers);
      await installRawClient(s.page);
      expect(await readyFromPluginFrame(s.page)).toBe(true);
      expect(modeLines(s)).toEqual([expect.stringMatching(/^\[external-chat\] posting from the plugin's own frame .*: Web App 3's document refused relay\.js \(.*TrustedScriptURL/)]);
      expect(await relayCount(sim)).toBe(0);
    } finally {
      await servers.close();
    }
  });

  it('when relay.js never answers: after the timeout, with nothing posted meanwhile lost; the line comes once per load', async () => {
    const s = await suite.session();
    // Held for good: neither load nor error ever comes.
    await s.context.route('**/plugins/external-chat/relay.js', () => undefined);
    // The legacy host never pings: the one `ready` it can hear is the one the plugin posted at start, while relay.js was held.
    await s.page.goto(hostUrl(suite.servers, { page: 'legacy-host' }));
    const sim = await simFrame(s.page, suite.servers);
    await sim.waitForFunction(() => window.__sim?.ready.then(() => true));
    await sim.getByRole('button', { name: 'Open Chat' }).click();
    const received = await eventually(
      () => s.page.evaluate(() => window.__legacy!.received.map((r) => String(r.action).slice('pexip:plugin:external-chat/'.length))),
      (l) => l.includes('toggle-chat'),
    );
    expect(received.filter((name) => name === 'ready')).toHaveLength(1);
    expect(received).toContain('toggle-chat');
    expect(received.indexOf('ready')).toBeLessThan(received.indexOf('toggle-chat'));
    expect(modeLines(s)).toEqual([expect.stringMatching(/^\[external-chat\] posting from the plugin's own frame .*relay\.js did not load within 1 s$/)]);
    expect(await relayCount(sim)).toBe(0);

    await sim.evaluate(() => window.__sim!.reloadPlugins());
    expect(await eventually(async () => modeLines(s), (l) => l.length === 2)).toHaveLength(2);
    expect(await eventually(() => s.page.evaluate(() => window.__legacy!.received.filter((r) => r.action === 'pexip:plugin:external-chat/ready').length), (n) => n === 2)).toBe(2);
  });
});
