// Secure by default, tried as an attacker would against the built plugin in the simulator:
// a page that merely frames Web App 3 under the shipped config.json, a forged `ready` from
// every kind of window nested in Web App 3, and a flood of controls, messages and
// subscriptions.
import { FEATURES } from '@external-chat/host-bridge/contract';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, DIAL, eventually, installRawClient, postRaw, PREFIX, rawReplies, serve, simFrame, type Servers } from './harness';

const suite = browserSuite();
let servers: Servers;
beforeAll(() => {
  servers = suite.servers;
});

const MEETING = FEATURES.filter((feature) => feature !== 'chat' && feature !== 'dial-out');

describe("the shipped config.json ({}): a page that merely frames Web App 3", () => {
  let shipped: Servers;
  beforeAll(async () => {
    shipped = await serve({ pluginConfig: '{}' });
  });
  afterAll(() => shipped?.close());

  it('gets the Chat button, its badge and dial-out, and nothing of the meeting: no names, no messages, no host powers', async () => {
    const s = await suite.openRaw({}, shipped);
    const sim = await simFrame(s.page, shipped);
    const [ready] = await rawReplies(s.page, 'ready');
    expect(ready?.features).toEqual(['chat', 'dial-out']);
    expect(ready?.topics).toEqual([]);
    // A private message before the page asks, the kept ones on subscribe, and every topic asked twice.
    const [alice, , carol] = await sim.evaluate(() => window.__sim!.roster().slice(1).map((p) => p.uuid));
    await sim.evaluate((uuid) => window.__sim!.say(uuid, 'the PIN is 4321', { direct: true }), alice!);
    await postRaw(s.page, 'plugin', { action: `${PREFIX}subscribe`, topics: ['roster', 'self', 'meeting-chat', 'roster', 'roster-changes'] });
    await sim.evaluate((uuid) => window.__sim!.say(uuid, 'and now everyone knows', { direct: true }), alice!);
    const controls: [string, object][] = [
      ['disconnect', { participantUuid: alice }],
      ['transfer', { participantUuid: alice, alias: 'evil@example.com', role: 'host', pin: '1234' }],
      ['mute-all-guests', { muted: true }],
      ['set-role', { participantUuid: alice, role: 'host' }],
      ['admit', { participantUuid: carol }],
      ['send-meeting-message', { text: 'hi', participantUuid: alice }],
      ['notify', { message: 'Please re-enter your PIN' }],
    ];
    for (const [name, fields] of controls) await postRaw(s.page, 'plugin', { action: `${PREFIX}${name}`, ...fields, requestId: name });
    await postRaw(s.page, 'plugin', { action: `${PREFIX}dial-out`, ...DIAL, requestId: 'dial' });
    const results = await eventually(() => rawReplies(s.page, 'control-result'), (r) => r.length === controls.length);
    for (const [name] of controls) {
      const result = results.find((r) => r.requestId === name);
      expect(result).toMatchObject({ ok: false, code: 'feature-off', message: expect.stringContaining('config.json names no "allowedOrigins"') });
    }
    // Dial-out, as the original specification offers it, still works.
    expect(await eventually(() => rawReplies(s.page, 'dial-out-success'), (r) => r.length === 1)).toMatchObject([{ requestId: 'dial' }]);
    // The meeting changes meanwhile: nothing of it reaches the page.
    await sim.evaluate((uuid) => window.__sim!.updateParticipant(uuid, { isMuted: true }), carol!);
    await s.page.waitForTimeout(300);
    const received = await s.page.evaluate(() => (window as unknown as { raw: { replies: { action: string }[] } }).raw.replies.map((m) => m.action));
    expect([...new Set(received)].sort()).toEqual([`${PREFIX}control-result`, `${PREFIX}dial-out-success`, `${PREFIX}ready`]);
    expect(await sim.evaluate(() => window.__sim!.controls())).toEqual([]);
    expect(await sim.evaluate(() => window.__sim!.toasts())).toEqual([]);
    expect(await sim.evaluate(() => window.__sim!.meetingMessages().filter((m) => m.pluginId !== undefined))).toEqual([]);
    const startUp = s.console.filter((m) => m.type === 'warning' && m.text.startsWith('[external-chat] on for any page'));
    expect(startUp.map((m) => m.text)).toEqual([expect.stringContaining(`chat, dial-out; off: ${MEETING.join(', ')}.`)]);
  });

  it('with "openMeetingToAnyPage": true, hands the meeting to any page, and says so loudly', async () => {
    const open = await serve({ pluginConfig: '{"openMeetingToAnyPage": true}' });
    try {
      const s = await suite.openRaw({}, open);
      const [ready] = await rawReplies(s.page, 'ready');
      expect(ready?.features).toEqual(FEATURES);
      await postRaw(s.page, 'plugin', { action: `${PREFIX}subscribe`, topics: ['roster'] });
      expect(await eventually(() => rawReplies(s.page, 'roster'), (r) => r.length > 0)).toHaveLength(1);
      expect(s.console.filter((m) => m.type === 'warning' && m.text.includes('on for ANY page that frames Web App 3 ("openMeetingToAnyPage": true)'))).toHaveLength(1);
    } finally {
      await open.close();
    }
  });
});

type Forger = 'opaque' | 'cross-origin' | 'same-origin';

/** Adds tests/browser/fixtures/forger/ to Web App 3's document: sandboxed (origin 'null'), from the host's origin, or from Web App 3's own. */
async function addForger(page: Page, kind: Forger): Promise<void> {
  const sim = await simFrame(page, servers);
  await sim.evaluate(
    ([how, origin]) => {
      const frame = document.createElement('iframe');
      frame.id = 'forger';
      if (how === 'opaque') frame.sandbox.add('allow-scripts');
      frame.src = `${origin}/fixtures/forger/index.html`;
      document.body.append(frame);
    },
    [kind, kind === 'cross-origin' ? servers.hostOrigin : servers.webappOrigin] as const,
  );
  const forger = await eventually(async () => page.frames().find((f) => f.url().includes('/fixtures/forger/')), (f) => f !== undefined);
  // It has said ready a few times, and the bridge has had the time to ask the plugin (CHALLENGE_MS is 2 s).
  await forger!.waitForFunction(() => (window as unknown as { heard?: unknown[] }).heard !== undefined);
  await page.waitForTimeout(2_500);
}

const forgerHeard = (page: Page) =>
  page.frames().find((f) => f.url().includes('/fixtures/forger/'))!.evaluate(() => (window as unknown as { heard: string[] }).heard);

describe('a forged ready from a window inside Web App 3', () => {
  // The opaque and cross-origin forgers fail the origin check (the default webappOrigin is the iframe's); the
  // same-origin one passes it, and meets the binding: the plugin answers every challenge.
  it.each(['opaque', 'cross-origin', 'same-origin'] as const)('from a %s frame: a host-bridge with its defaults stays with the plugin, and still follows its restart', async (kind) => {
    const s = await suite.open();
    const sim = await simFrame(s.page, servers);
    // A bridge as a page writes it from the docs, options left out: webappOrigin is the iframe's origin.
    await s.page.evaluate(async () => {
      const seen: Record<string, unknown>[] = [];
      const chat = window.__host!.connect(document.getElementById('webapp3') as HTMLIFrameElement, { onEnvelope: (direction, envelope) => direction === 'in' && seen.push(envelope as Record<string, unknown>) });
      Object.assign(window, { defaults: { chat, seen } });
      await chat.ready;
    });
    const readies = () =>
      s.page.evaluate(() => [
        ...new Set((window as unknown as { defaults: { seen: Record<string, unknown>[] } }).defaults.seen.filter((m) => String(m.action).endsWith('/ready')).map((m) => m.instanceId)),
      ]);
    const before = await readies();
    await addForger(s.page, kind);
    const uuid = await s.page.evaluate(async (dial) => (await (window as unknown as { defaults: { chat: NonNullable<typeof window.__host>["chat"] } }).defaults.chat.dialOut(dial)).uuid, DIAL);
    expect(uuid).not.toBe('FAKE-UUID');
    expect(await sim.evaluate(() => window.__sim!.dialOuts.length)).toBe(1);
    expect(await forgerHeard(s.page)).toEqual([]);
    expect(await s.page.evaluate(() => (window as unknown as { defaults: { seen: unknown[] } }).defaults.seen.filter((m) => JSON.stringify(m).includes('FORGED')))).toEqual([]);
    // The plugin answered every challenge with its ready: the same instance each time.
    expect(await readies()).toEqual(before);
    // Web App 3 reloads its plugins: the new instance is followed at once, the forger still not.
    await sim.evaluate(() => window.__sim!.reloadPlugins());
    const after = await eventually(readies, (ids) => ids.length > before.length);
    expect(after).toHaveLength(before.length + 1);
    expect(after).not.toContain('FORGED');
    expect(await forgerHeard(s.page)).toEqual([]);
  });

  it.each(['opaque', 'cross-origin', 'same-origin'] as const)('from a %s frame: the raw-envelope snippet stays with the plugin', async (kind) => {
    const s = await suite.open({ page: 'legacy-host' });
    await eventually(() => s.page.evaluate(() => window.__legacy!.received.length), (n) => n > 0);
    await addForger(s.page, kind);
    await s.page.fill('#dial-destination', 'alice@example.com');
    await s.page.click('#dial-submit');
    const answers = await eventually(
      () => s.page.evaluate(() => window.__legacy!.received.filter((m) => String(m.action).endsWith('/dial-out-success'))),
      (list) => list.length > 0,
    );
    expect(answers).toHaveLength(1);
    expect(answers[0]?.uuid).not.toBe('FAKE-UUID');
    expect(await s.page.evaluate(() => window.__legacy!.received.filter((m) => JSON.stringify(m).includes('FORGED')))).toEqual([]);
    expect(await forgerHeard(s.page)).toEqual([]);
  });
});

describe('a flood from the page', () => {
  it('is bounded: a burst of controls and messages reaches Web App 3, the rest is refused at once, every request answered; duplicate topics merged', async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    const sent = await s.page.evaluate((prefix) => {
      const plugin = (window as unknown as { raw: { plugin: Window } }).raw.plugin;
      const started = performance.now();
      for (let i = 0; i < 1_000; i++) {
        plugin.postMessage({ action: `${prefix}mute-all-guests`, muted: i % 2 === 0, requestId: `m${i}` }, '*');
        plugin.postMessage({ action: `${prefix}send-meeting-message`, text: `flood ${i}`, requestId: `t${i}` }, '*');
      }
      for (let i = 0; i < 20; i++) plugin.postMessage({ action: `${prefix}subscribe`, topics: Array.from({ length: 64 }, () => 'roster') }, '*');
      return { started, at: Date.now() };
    }, PREFIX);
    const answers = await eventually(() => rawReplies(s.page, 'control-result'), (r) => r.length >= 2_000, 15_000);
    const seconds = (Date.now() - sent.at) / 1000;
    expect(new Set(answers.map((r) => r.requestId)).size).toBe(2_000);
    const passed = answers.filter((r) => r.ok === true).length;
    const controls = await sim.evaluate(() => window.__sim!.controls().length + window.__sim!.meetingMessages().filter((m) => m.pluginId === 'external-chat').length);
    // What reached Web App 3: the allowance's burst, and what it refilled meanwhile.
    expect(controls).toBe(passed);
    expect(controls).toBeLessThanOrEqual(30 + Math.ceil(10 * seconds));
    expect(new Set(answers.filter((r) => r.ok === false).map((r) => r.code))).toEqual(new Set(['rate-limited']));
    const reasons = [...new Set(answers.filter((r) => r.ok === false).map((r) => String(r.message).replace(/^[a-z-]+: /, '')))];
    // Over the allowance, and perhaps (once it refilled) beyond a burst's worth still waiting on Web App 3.
    expect(reasons).toContain('refused, the page asked for more than 30 at once or 10 a second; nothing was sent (send it again later)');
    for (const reason of reasons) expect(reason).toMatch(/^refused, (the page asked for more than 30 at once or 10 a second|30 controls already wait on Web App 3); nothing was sent/);
    // Twenty subscribes of 64 × roster: each counts once, and most were over the allowance anyway.
    await s.page.waitForTimeout(300);
    expect((await rawReplies(s.page, 'roster')).length).toBeLessThanOrEqual(20);
    // The console heard of it in a few lines, not thousands.
    expect(s.console.filter((m) => m.text.startsWith('[external-chat]') && m.type === 'warning').length).toBeLessThan(10);
  });
});

describe('each way Web App 3 can restart the plugin, with a forger beside it', () => {
  // The plugin posts from its own frame here, so the bridge is bound to that frame's window (with relay.js every
  // restart speaks from Web App 3's window, which the bridge always follows).
  let direct: Servers;
  beforeAll(async () => {
    direct = await serve({ demoConfig: { postFrom: 'plugin' } });
  });
  afterAll(() => direct?.close());

  const restarts = {
    'the same frame navigated again': async (page: Page) => (await simFrame(page, direct)).evaluate(() => window.__sim!.reloadPlugins().then(() => undefined)),
    'a new frame in place of the old': async (page: Page) =>
      (await simFrame(page, direct)).evaluate(() => window.__sim!.reloadPlugins({ recreate: true }).then(() => undefined)),
    'Web App 3 itself reloaded': async (page: Page) => {
      await page.evaluate(() => {
        const iframe = document.getElementById('webapp3') as HTMLIFrameElement;
        iframe.src = iframe.src;
      });
      await eventually(
        async () => page.frames().some((f) => f.url().includes('/webapp3/') && !f.url().includes('/branding/')) && (await simFrame(page, direct).then((sim) => sim.evaluate(() => window.__sim!.ready.then(() => true)))),
        (ok) => ok,
        15_000,
      );
    },
  };

  it.each(Object.keys(restarts) as (keyof typeof restarts)[])('%s: host-bridge follows the new plugin at once, never the forger', async (how) => {
    const s = await suite.open({}, direct);
    await s.page.waitForFunction(() => window.__host!.chat.ready.then(() => true));
    const instances = () =>
      s.page.evaluate(() => [...new Set(window.__host!.log.filter((l) => l.direction === 'in' && String(l.envelope.action).endsWith('/ready')).map((l) => l.envelope.instanceId))]);
    const before = await instances();
    await addForgerTo(s.page, direct);
    await restarts[how](s.page);
    // The restarted plugin has registered by now and says ready at once: the bridge must follow it without
    // waiting out the 2 s it gives a silent plugin (the forger keeps saying ready all along).
    const after = await eventually(instances, (ids) => ids.length === before.length + 1, 1_000);
    if (how === 'Web App 3 itself reloaded') await addForgerTo(s.page, direct);
    expect(after).toHaveLength(before.length + 1);
    expect(after).not.toContain('FORGED');
    const uuid = await s.page.evaluate(async (dial) => (await window.__host!.chat.dialOut(dial, { timeoutMs: 5_000 })).uuid, DIAL);
    expect(uuid).not.toBe('FAKE-UUID');
    expect(await forgerHeard(s.page)).toEqual([]);
  });
});

/** The forger, from Web App 3's own origin (the strongest: it passes the origin check), in `target`'s simulator. */
async function addForgerTo(page: Page, target: Servers): Promise<void> {
  const sim = await simFrame(page, target);
  await sim.evaluate((origin) => {
    const frame = document.createElement('iframe');
    frame.src = `${origin}/fixtures/forger/index.html`;
    document.body.append(frame);
  }, target.webappOrigin);
  const forger = await eventually(async () => page.frames().find((f) => f.url().includes('/fixtures/forger/')), (f) => f !== undefined);
  await forger!.waitForFunction(() => (window as unknown as { heard?: unknown[] }).heard !== undefined);
}
