// A host written to Rocket.Chat's conference-window protocol
// (examples/rocketchat-host/, its own code, no host-bridge) against the built
// plugin with config.json "dialect": "rocketchat", in the simulator, with the
// branding examples/serve.mjs serves at /webapp3/branding-rocketchat/.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '@external-chat/host-bridge/contract';
import type { Control, Feature } from '../../examples/rocketchat-host/protocol';
import { browserSuite, eventually, livenMeeting, serve, waitForFrame, type Servers, type Session } from './harness';

// The harness checks the other pages' builds; this one's page is built with them (`make examples`).
if (!existsSync('examples/dist/rocketchat-host/index.html')) {
  throw new Error('examples/dist/rocketchat-host/index.html is missing: run the browser tests through `make test`, which builds the examples.');
}

const suite = browserSuite();
const PREFIX = 'rocketchat:videoconf/';
/** Every feature Rocket.Chat's dialect has, read off its tables in the public contract. */
const { pageToPlugin, pluginToPage } = DIALECTS.rocketchat;
const ALL = [...new Set(Object.values({ ...pageToPlugin, ...pluginToPage }).flatMap((row) => ('feature' in row ? [row.feature as Feature] : [])))];

interface Open {
  s: Session;
  page: Page;
  sim: Frame;
}

function rcUrl(servers: Servers, sim: Record<string, string> = {}, hostOrigin = servers.hostOrigin): string {
  const url = new URL(`${hostOrigin}/rocketchat-host/`);
  url.searchParams.set('webapp', `${servers.webappOrigin}/webapp3/`);
  for (const [key, value] of Object.entries({ joinDelay: '0', ...sim })) url.searchParams.set(`sim.${key}`, value);
  return url.href;
}

/** The simulator's own document: the plugin's frame lives under /webapp3/ too, so match the path exactly. */
async function webapp(page: Page, servers: Servers): Promise<Frame> {
  const frame = await waitForFrame(page, (url) => {
    const u = new URL(url);
    return u.origin === servers.webappOrigin && u.pathname === '/webapp3/';
  });
  await frame.waitForFunction(() => window.__sim !== undefined);
  return frame;
}

/** The page on `hostOrigin` with the simulator in a meeting. */
async function open(sim: Record<string, string> = {}, servers: Servers = suite.servers, hostOrigin = servers.hostOrigin): Promise<Open> {
  const s = await suite.session();
  await s.page.goto(rcUrl(servers, sim, hostOrigin));
  const frame = await webapp(s.page, servers);
  await frame.waitForFunction(() => window.__sim!.ready.then(() => window.__sim!.inMeeting()));
  return { s, page: s.page, sim: frame };
}

/** Opened and heard the plugin's ready. */
async function ready(sim: Record<string, string> = {}, servers?: Servers): Promise<Open> {
  const o = await open(sim, servers);
  await o.page.waitForFunction(() => window.__rc!.readies() > 0);
  return o;
}

const pluginButtons = (sim: Frame) => sim.evaluate(() => window.__sim!.buttons().filter((b) => b.pluginId === 'external-chat'));
const button = async (sim: Frame, which: RegExp) => (await pluginButtons(sim)).find((b) => which.test(b.tooltip));
const CHAT = /chat/i;
const PEOPLE = /participant/i;
async function click(sim: Frame, which: RegExp): Promise<void> {
  const b = await button(sim, which);
  if (!b) throw new Error(`no plugin button matches ${which}: ${JSON.stringify(await pluginButtons(sim))}`);
  await sim.click(`.plugin-button[data-button-id="${b.id}"]`);
}

/** Envelopes the page logged, by direction and name (without the prefix). */
const logged = (page: Page, direction: 'in' | 'out', name?: string): Promise<Record<string, unknown>[]> =>
  page.evaluate(
    ([d, n, prefix]) => window.__rc!.log.filter((l) => l.direction === d && (n === undefined || l.envelope.action === prefix + n)).map((l) => ({ ...l.envelope, ...(l.refused ? { refused: l.refused } : {}) })),
    [direction, name, PREFIX] as const,
  );
const simUuids = (sim: Frame) => sim.evaluate(() => window.__sim!.roster().map((p) => p.uuid).sort());
const pageUuids = (page: Page) => page.evaluate(() => window.__rc!.roster().map((p) => p.uuid).sort());
const entry = (page: Page, uuid: string) => page.evaluate((u) => window.__rc!.roster().find((p) => p.uuid === u), uuid);
const rows = (page: Page) => page.evaluate(() => window.__rc!.rows());
const controlsOf = async (page: Page, uuid: string): Promise<Control[]> => (await rows(page)).find((r) => r.uuid === uuid)?.controls ?? [];
const others = (sim: Frame) =>
  sim.evaluate(() => {
    const me = window.__sim!.me()!.uuid;
    const list = window.__sim!.roster().filter((p) => p.uuid !== me);
    return { present: list.filter((p) => !p.isWaiting).map((p): string => p.uuid), lobby: list.filter((p) => p.isWaiting).map((p): string => p.uuid) };
  });
const simControls = (sim: Frame) => sim.evaluate(() => window.__sim!.controls().map(({ rpc, payload }) => ({ rpc, payload })));

describe('ready and the controls it names', () => {
  it('announces every feature; the page draws each control only where the entry allows it; Web App 3 shows its own buttons for neither', async () => {
    const { page, sim } = await ready({ participants: '3', lobby: '1' });
    expect((await page.evaluate(() => window.__rc!.features())).sort()).toEqual([...ALL].sort());
    expect(await sim.evaluate(() => window.__sim!.builtInButtons())).toEqual([]);
    expect((await pluginButtons(sim)).length).toBe(2);

    const me = await sim.evaluate(() => window.__sim!.me()!.uuid);
    const { present, lobby } = await others(sim);
    await eventually(() => rows(page), (r) => r.length === 4);
    expect(await controlsOf(page, me)).toEqual(['mute', 'mute-video', 'raise-hand']);
    expect(await controlsOf(page, present[0]!)).toEqual(['mute', 'mute-video', 'spotlight', 'set-role', 'transfer', 'dtmf', 'disconnect']);
    expect(await controlsOf(page, lobby[0]!)).toEqual(['admit', 'disconnect']);
    expect(await page.evaluate(() => [window.__rc!.muteAllDrawn(), window.__rc!.dialDrawn()])).toEqual([true, true]);
    await expect(page.isVisible('#open-chat')).resolves.toBe(true);
    await expect(page.isVisible('#open-people')).resolves.toBe(true);

    // Where the entry's `can` forbids it, the control goes with the next roster.
    await sim.evaluate((uuid) => window.__sim!.setPermission(uuid, 'canMute', false), present[0]!);
    expect(await eventually(() => controlsOf(page, present[0]!), (c) => !c.includes('mute'))).toEqual(['spotlight', 'set-role', 'transfer', 'dtmf', 'disconnect']);
  });

  it("draws only the subset config.json's features offers, and the plugin adds no Participants button without it", async () => {
    const servers = await serve({ rocketchatConfig: { features: ['chat', 'roster', 'self', 'mute', 'admit'] } });
    try {
      const { page, sim } = await ready({}, servers);
      expect(await page.evaluate(() => window.__rc!.features())).toEqual(['chat', 'roster', 'self', 'mute', 'admit']);
      const { present, lobby } = await others(sim);
      await eventually(() => rows(page), (r) => r.length === 4);
      expect(await controlsOf(page, present[0]!)).toEqual(['mute']);
      expect(await controlsOf(page, lobby[0]!)).toEqual(['admit']);
      expect(await page.evaluate(() => [window.__rc!.muteAllDrawn(), window.__rc!.dialDrawn()])).toEqual([false, false]);
      await expect(page.isVisible('#open-people')).resolves.toBe(false);
      expect((await pluginButtons(sim)).map((b) => CHAT.test(b.tooltip))).toEqual([true]);
    } finally {
      await servers.close();
    }
  });
});

describe('the toolbar buttons', () => {
  it('Chat: a click asks with toggle-chat, the page opens its chat and echoes chat-state, and the button shows it', async () => {
    const { page, sim } = await ready();
    await click(sim, CHAT);
    await page.waitForSelector('#chat-panel:not([hidden])');
    expect(await logged(page, 'in', 'toggle-chat')).toEqual([{ action: `${PREFIX}toggle-chat`, active: true }]);
    expect((await logged(page, 'out', 'chat-state')).at(-1)).toEqual({ action: `${PREFIX}chat-state`, active: true });
    expect(await eventually(() => button(sim, CHAT), (b) => b?.isActive === true)).toMatchObject({ isActive: true });

    await click(sim, CHAT);
    await page.waitForSelector('#chat-panel', { state: 'hidden' });
    expect(await eventually(() => button(sim, CHAT), (b) => b?.isActive === false)).toMatchObject({ isActive: false });
    expect((await logged(page, 'in', 'toggle-chat')).map((m) => m.active)).toEqual([true, false]);
  });

  it('chat-unread: messages while the chat is closed raise the badge (unread: true, as Rocket.Chat sends it); opening clears it', async () => {
    const { page, sim } = await ready();
    await page.evaluate(() => {
      window.__rc!.receive('Alice Anderson', 'one');
      window.__rc!.receive('Bob Anderson', 'two');
    });
    // Whether anything is unread, sent when that changes: once for two messages.
    expect(await page.evaluate(() => window.__rc!.unreadSent.slice(-1))).toEqual([true]);
    const badged = await eventually(() => button(sim, CHAT), (b) => b?.badge === true);
    expect(badged).toMatchObject({ badge: true });
    // A boolean has no count to tell.
    expect(badged?.tooltip).not.toMatch(/\d/);

    await click(sim, CHAT);
    expect(await eventually(() => button(sim, CHAT), (b) => b?.badge === false && b.isActive)).toMatchObject({ badge: false, isActive: true });
    expect(await page.evaluate(() => window.__rc!.unreadSent.at(-1))).toBe(false);
    // Read while open: nothing unread.
    await page.evaluate(() => window.__rc!.receive('Alice Anderson', 'three'));
    expect(await page.evaluate(() => [window.__rc!.unread(), window.__rc!.unreadSent.at(-1)])).toEqual([0, false]);
  });

  it('chat-unread as a count (a page that has one): the badge, and the count in the tooltip', async () => {
    const { page, sim } = await ready();
    await page.evaluate(() => window.__rc!.send('chat-unread', { unread: 4 }));
    const badged = await eventually(() => button(sim, CHAT), (b) => b?.badge === true);
    expect(badged?.tooltip).toMatch(/\b4\b/);
  });

  it("Participants: the second button asks with toggle-participants, the page opens its people panel and echoes participants-state; the page's close button turns it off", async () => {
    const { page, sim } = await ready();
    await click(sim, PEOPLE);
    await page.waitForSelector('#people-panel:not([hidden])');
    expect(await logged(page, 'in', 'toggle-participants')).toEqual([{ action: `${PREFIX}toggle-participants`, active: true }]);
    expect((await logged(page, 'out', 'participants-state')).at(-1)).toEqual({ action: `${PREFIX}participants-state`, active: true });
    expect(await eventually(() => button(sim, PEOPLE), (b) => b?.isActive === true)).toMatchObject({ isActive: true });
    // The chat's button is another button: untouched.
    expect(await button(sim, CHAT)).toMatchObject({ isActive: false });

    await page.click('#people-close');
    expect(await eventually(() => button(sim, PEOPLE), (b) => b?.isActive === false)).toMatchObject({ isActive: false });
    expect(await page.evaluate(() => window.__rc!.participantsOpen())).toBe(false);
  });
});

describe('roster and self, unasked', () => {
  it('sends the roster without any subscription, and follows joins, changes and leaves', async () => {
    const { page, sim } = await ready({ participants: '4' });
    expect(await eventually(() => pageUuids(page), (u) => u.length === 5)).toEqual(await simUuids(sim));
    // The page never asked: all it sent are its buttons' states.
    expect([...new Set((await logged(page, 'out')).map((m) => m.action))].sort()).toEqual([`${PREFIX}chat-state`, `${PREFIX}chat-unread`, `${PREFIX}participants-state`]);

    const [added] = await sim.evaluate(() => window.__sim!.addParticipants(1));
    expect(await eventually(() => pageUuids(page), (u) => u.includes(added!))).toEqual(await simUuids(sim));
    await sim.evaluate((uuid) => window.__sim!.updateParticipant(uuid, { isMuted: true, raisedHand: true }), added!);
    expect(await eventually(() => entry(page, added!), (e) => e?.isMuted === true && e.raisedHand)).toMatchObject({ isMuted: true, raisedHand: true });
    await sim.evaluate((uuid) => window.__sim!.removeParticipant(uuid), added!);
    expect(await eventually(() => pageUuids(page), (u) => !u.includes(added!))).toEqual(await simUuids(sim));
    expect(await eventually(() => rows(page), (r) => r.length === 5).then((r) => r.map((x) => x.uuid).sort())).toEqual(await simUuids(sim));
  });

  it('sends self, which marks your row, and follows you muting yourself from the page', async () => {
    const { page, sim } = await ready();
    const me = await sim.evaluate(() => window.__sim!.me()!.uuid);
    const self = () => page.evaluate(() => window.__rc!.self());
    expect(await eventually(self, (v) => v !== undefined)).toEqual({ participantUuid: me, micMuted: false, camMuted: false, clientMuted: false, isHost: true, canControl: true });
    expect(await eventually(() => rows(page), (r) => r.some((x) => x.you)).then((r) => r.filter((x) => x.you).map((x) => x.uuid))).toEqual([me]);
    await page.click('#open-people');
    await page.click(`[data-uuid="${me}"] [data-control="mute"]`);
    expect(await eventually(self, (v) => v?.micMuted === true)).toMatchObject({ micMuted: true });
  });
});

describe('the call and the plugin, over time', () => {
  it('disconnected: the page shows why the call dropped and forgets the roster and self', async () => {
    const { page, sim } = await ready();
    await eventually(() => pageUuids(page), (u) => u.length > 0);
    await sim.evaluate(() => window.__sim!.emit('event:disconnected', { error: 'The conference was ended', errorCode: '#pex117' }));
    await page.waitForSelector('#call-state[data-state="dropped"]');
    expect((await logged(page, 'in', 'disconnected')).at(-1)).toMatchObject({ userInitiated: false, error: 'The conference was ended', errorCode: '#pex117' });
    expect(await page.textContent('#call-state')).toBe('Call dropped: The conference was ended · #pex117');
    expect(await page.evaluate(() => [window.__rc!.connected(), window.__rc!.roster(), window.__rc!.self()])).toEqual([false, [], undefined]);
  });

  it('a restarted plugin gets the chat and people state back with its next ready: both buttons come back active, the badge too', async () => {
    const { page, sim } = await ready();
    await click(sim, PEOPLE);
    await page.evaluate(() => window.__rc!.receive('Alice Anderson', 'while you were away'));
    expect(await eventually(() => pluginButtons(sim), (b) => b.length === 2 && b.every((x) => x.isActive || x.badge))).toHaveLength(2);
    await sim.evaluate(() => window.__sim!.reloadPlugins());
    await page.waitForFunction(() => window.__rc!.readies() === 2);
    const after = await eventually(() => Promise.all([button(sim, CHAT), button(sim, PEOPLE)]), ([c, p]) => c?.badge === true && p?.isActive === true);
    expect(after.map((b) => [b?.isActive, b?.badge])).toEqual([
      [false, true],
      [true, false],
    ]);
  });
});

describe('controls', () => {
  it('runs every control from the panel: none is answered, each shows in the next roster or in Web App 3', async () => {
    const { page, sim } = await ready({ participants: '4', lobby: '1' });
    const me = await sim.evaluate(() => window.__sim!.me()!.uuid);
    const { present, lobby } = await others(sim);
    const [p, q, t] = present as [string, string, string];
    const w = lobby[0]!;
    await eventually(() => rows(page), (r) => r.length === 5);
    await page.click('#open-people');
    const press = (uuid: string, control: Control) => page.click(`[data-uuid="${uuid}"] [data-control="${control}"]`);
    const until = (uuid: string, accept: (e: Awaited<ReturnType<typeof entry>>) => boolean) => eventually(() => entry(page, uuid), accept);

    await press(p, 'mute');
    expect(await until(p, (e) => e?.isMuted === true)).toMatchObject({ isMuted: true });
    await press(p, 'mute-video');
    expect(await until(p, (e) => e?.isCameraMuted === true)).toMatchObject({ isCameraMuted: true });
    await press(p, 'spotlight');
    expect(await until(p, (e) => e?.isSpotlight === true)).toMatchObject({ isSpotlight: true });
    await press(me, 'raise-hand');
    expect(await until(me, (e) => e?.raisedHand === true)).toMatchObject({ raisedHand: true });
    await press(q, 'set-role');
    expect(await until(q, (e) => e?.isHost === true)).toMatchObject({ isHost: true });
    await press(p, 'dtmf');
    await page.fill(`[data-uuid="${p}"] .ask input`, '1234#');
    await page.click(`[data-uuid="${p}"] .ask button[type="submit"]`);
    expect(await eventually(() => sim.evaluate(() => window.__sim!.dtmf()), (d) => d.length === 1)).toEqual([{ participantUuid: p, digits: '1234#' }]);
    await press(w, 'admit');
    expect(await until(w, (e) => e?.isWaiting === false)).toMatchObject({ isWaiting: false });
    // Guests now: p (muted) and w (admitted, not muted): the header offers to mute them all.
    await page.click('#mute-all');
    expect(await until(w, (e) => e?.isMuted === true)).toMatchObject({ isMuted: true });
    await press(t, 'transfer');
    await page.fill(`[data-uuid="${t}"] .ask input`, 'other@example.com');
    await page.click(`[data-uuid="${t}"] .ask button[type="submit"]`);
    expect(await eventually(() => pageUuids(page), (u) => !u.includes(t))).not.toContain(t);
    await press(p, 'disconnect');
    expect(await eventually(() => pageUuids(page), (u) => !u.includes(p))).toEqual(await simUuids(sim));

    expect(await simControls(sim)).toEqual([
      { rpc: 'participant:mute', payload: { mute: true, participantUuid: p } },
      { rpc: 'participant:muteVideo', payload: { muteVideo: true, participantUuid: p } },
      { rpc: 'participant:spotlight', payload: { enable: true, participantUuid: p } },
      // Your own hand: Infinity acts on the caller, so the plugin leaves the uuid out.
      { rpc: 'participant:raiseHand', payload: expect.objectContaining({ raise: true }) },
      { rpc: 'participant:setRole', payload: { role: 'chair', participantUuid: q } },
      { rpc: 'participant:sendDTMF', payload: { digits: '1234#', participantUuid: p } },
      { rpc: 'participant:admit', payload: { participantUuid: w } },
      { rpc: 'conference:muteAllGuests', payload: { mute: true } },
      { rpc: 'participant:transfer', payload: expect.objectContaining({ destination: 'other@example.com', role: 'guest', participantUuid: t }) },
      { rpc: 'participant:disconnect', payload: { participantUuid: p } },
    ]);
    // Not answered: the plugin said nothing but the meeting's state.
    expect([...new Set((await logged(page, 'in')).map((m) => m.action))].sort()).toEqual([`${PREFIX}connected`, `${PREFIX}ready`, `${PREFIX}roster`, `${PREFIX}self`]);
    expect(await logged(page, 'in').then((list) => list.filter((m) => 'refused' in m))).toEqual([]);
  });

  it('a malformed control changes nothing (the next valid one does)', async () => {
    const { page, sim } = await ready();
    const [p, q] = (await others(sim)).present as [string, string];
    const before = await eventually(() => entry(page, p), (e) => e !== undefined);
    await page.evaluate(
      ([a]) => {
        window.__rc!.send('mute', { participantUuid: a, muted: 'yes' });
        window.__rc!.send('spotlight', { participantUuid: a });
        window.__rc!.send('set-role', { participantUuid: a, role: 'chair' });
        window.__rc!.send('dtmf', { participantUuid: a, digits: 'call me' });
      },
      [p] as const,
    );
    // A valid control after them: once its effect shows, the malformed ones have been handled.
    await page.evaluate(([b]) => window.__rc!.send('mute', { participantUuid: b, muted: true }), [q] as const);
    expect(await eventually(() => entry(page, q), (e) => e?.isMuted === true)).toMatchObject({ isMuted: true });
    expect(await simControls(sim)).toEqual([{ rpc: 'participant:mute', payload: { mute: true, participantUuid: q } }]);
    expect(await entry(page, p)).toEqual(before);
  });
});

describe('dial-out', () => {
  it('answers a dial with dial-out-success (the participant joins) and a failing one with dial-out-error', async () => {
    const { page, sim } = await ready({ silent: '0' });
    for (const destination of ['alice@example.com', 'fail@example.com']) {
      await page.fill('#dial-destination', destination);
      await page.click('#dial-submit');
      // One at a time: the protocol's answers carry no request id.
      await eventually(() => page.evaluate(() => window.__rc!.dials().filter((d) => d.status === 'pending').length), (n) => n === 0);
    }
    const dials = await page.evaluate(() => window.__rc!.dials());
    expect(dials.map((d) => [d.destination, d.status])).toEqual([
      ['alice@example.com', 'ok'],
      ['fail@example.com', 'error'],
    ]);
    const joined = await sim.evaluate(() => window.__sim!.participants().filter((p) => p.state === 'joined').map((p) => p.uuid));
    expect(await logged(page, 'in', 'dial-out-success')).toEqual([expect.objectContaining({ uuid: joined[0] })]);
    expect(await logged(page, 'in', 'dial-out-error')).toEqual([{ action: `${PREFIX}dial-out-error`, message: expect.any(String) }]);
    expect(dials[1]!.result).toBe((await logged(page, 'in', 'dial-out-error'))[0]!.message);
    // The form at its defaults sends the destination alone, and the plugin dials it as Rocket.Chat does.
    expect(await logged(page, 'out', 'dial-out')).toEqual([
      { action: `${PREFIX}dial-out`, destination: 'alice@example.com' },
      { action: `${PREFIX}dial-out`, destination: 'fail@example.com' },
    ]);
    expect(await sim.evaluate(() => window.__sim!.dialOuts)).toEqual([
      { role: 'GUEST', protocol: 'auto', call_type: 'audio', destination: 'alice@example.com' },
      { role: 'GUEST', protocol: 'auto', call_type: 'audio', destination: 'fail@example.com' },
    ]);
    expect(await eventually(() => pageUuids(page), (u) => u.includes(joined[0]!))).toContain(joined[0]);
  });
});

describe("Rocket.Chat's hook, as its code posts", () => {
  // RocketChat/Rocket.Chat apps/meteor/client/views/conference/hooks/useProviderPlugin.ts: postToPlugin builds
  // {action: 'rocketchat:videoconf/' + action, ...data}; on ready it sends chat-state, participants-state and
  // chat-unread (a boolean), in that order; its version that speaks both vocabularies sends, in this one, dial-out
  // with the destination alone (in ours, the whole body: tests/browser/host-snippets.e2e.ts and raw-envelopes.e2e.ts).
  it('gets its buttons, its badge, a control and its dial-out', async () => {
    const { page, sim } = await ready();
    const { present } = await others(sim);
    await page.evaluate(
      ([p]) => {
        window.__rc!.send('chat-state', { active: true });
        window.__rc!.send('participants-state', { active: true });
        window.__rc!.send('chat-unread', { unread: true });
        window.__rc!.send('mute', { participantUuid: p, muted: true });
        window.__rc!.send('dial-out', { destination: 'alice@example.com' });
      },
      [present[0]!] as const,
    );
    expect(await logged(page, 'out', 'chat-unread').then((sent) => JSON.stringify(sent.at(-1)))).toBe(`{"action":"${PREFIX}chat-unread","unread":true}`);
    expect(await eventually(() => pluginButtons(sim), (b) => b.every((x) => x.isActive) && b[0]?.badge === true).then((b) => b.map((x) => [x.isActive, x.badge]))).toEqual([
      [true, true],
      [true, false],
    ]);
    expect(await eventually(() => simControls(sim), (c) => c.length === 1)).toEqual([{ rpc: 'participant:mute', payload: { mute: true, participantUuid: present[0] } }]);
    expect(await eventually(() => logged(page, 'in', 'dial-out-success'), (m) => m.length === 1)).toEqual([expect.objectContaining({ uuid: expect.any(String) })]);
    expect(await sim.evaluate(() => window.__sim!.dialOuts)).toEqual([{ role: 'GUEST', protocol: 'auto', call_type: 'audio', destination: 'alice@example.com' }]);
  });
});

describe('origins', () => {
  let servers: Servers;
  beforeAll(async () => {
    servers = await serve();
  });
  afterAll(async () => {
    await servers?.close();
  });

  it('a page on an origin config.json does not allow hears nothing and cannot drive the plugin', async () => {
    // Same server, another origin: 127.0.0.1 instead of localhost (allowedOrigins names localhost only).
    const elsewhere = servers.hostOrigin.replace('localhost', '127.0.0.1');
    const { page, sim } = await open({}, servers, elsewhere);
    expect(new URL(page.url()).origin).toBe(elsewhere);
    const { present } = await others(sim);
    // The page posts to Web App 3's window (it never heard `ready`), where the plugin listens: once Web App 3's own
    // listener has seen all six, the plugin's listener on that window has run for each of them too.
    await sim.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seen: unknown[] }).seen = seen;
      window.addEventListener('message', (event) => {
        if (typeof event.data?.action === 'string' && event.data.action.startsWith('rocketchat:videoconf/')) seen.push(event.data);
      });
    });
    await page.evaluate(
      ([p]) => {
        window.__rc!.send('chat-state', { active: true });
        window.__rc!.send('chat-unread', { unread: 3 });
        window.__rc!.send('participants-state', { active: true });
        window.__rc!.send('mute', { participantUuid: p, muted: true });
        window.__rc!.send('mute-all-guests', { muted: true });
        window.__rc!.send('dial-out', { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' });
      },
      [present[0]!] as const,
    );
    const seen = await eventually(() => sim.evaluate(() => (window as unknown as { seen: unknown[] }).seen.length), (n) => n === 6);
    expect(seen).toBe(6);
    expect(await logged(page, 'in')).toEqual([]);
    expect(await page.evaluate(() => [window.__rc!.readies(), window.__rc!.features(), window.__rc!.roster()])).toEqual([0, [], []]);
    expect(await simControls(sim)).toEqual([]);
    expect(await sim.evaluate(() => window.__sim!.dialOuts.length)).toBe(0);
    expect((await pluginButtons(sim)).map((b) => [b.isActive, b.badge])).toEqual([
      [false, false],
      [false, false],
    ]);
  });
});

describe('the page, pictured', () => {
  // docs/rocketchat-host.png (UPDATE_DOCS=1): both panels open in a lively meeting, a dial-out, the envelope log.
  it('reads at 1400 and 900 px with both panels open: no sideways scroll, every control drawn inside its panel', async () => {
    const { page, sim } = await ready({ participants: '5', lobby: '1', joinDelay: '200' });
    await livenMeeting(sim);
    await page.evaluate(() => {
      window.__rc!.receive('Alice Anderson', 'Slides for the launch review are in the channel files.');
      window.__rc!.receive('Bob Anderson', 'Joining from the train, camera off.');
    });
    await click(sim, CHAT);
    await page.fill('#chat-input', 'Thanks! Starting with the Q3 numbers.');
    await page.press('#chat-input', 'Enter');
    await click(sim, PEOPLE);
    await page.fill('#dial-destination', 'boardroom@video.example.com');
    await page.fill('#dial-name', 'Boardroom');
    await page.click('#dial-submit');
    await eventually(() => page.evaluate(() => window.__rc!.dials()), (d) => d.length === 1 && d[0]!.status === 'ok');
    expect(await eventually(() => rows(page), (r) => r.length === 7 && r.some((x) => x.detail.includes('hand raised'))).then((r) => r.map((x) => x.name))).toEqual([
      'Erin Anderson',
      'You',
      'Carol Anderson',
      'Alice Anderson',
      'Bob Anderson',
      'Dave Anderson',
      'Boardroom',
    ]);
    expect(await page.evaluate(() => window.__rc!.chatOpen() && window.__rc!.participantsOpen())).toBe(true);

    mkdirSync('test-results', { recursive: true });
    for (const width of [900, 1400]) {
      await page.setViewportSize({ width, height: 860 });
      await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
      expect.soft(await page.evaluate(fits), `at ${width} px`).toEqual({ sideways: false, outside: [] });
      await page.screenshot({ path: `test-results/rocketchat-host-${width}.png` });
    }
    expect(statSync('test-results/rocketchat-host-1400.png').size).toBeGreaterThan(20_000);
    if (process.env.UPDATE_DOCS === '1') copyFileSync('test-results/rocketchat-host-1400.png', 'docs/rocketchat-host.png');
  });
});

/** In the page: whether it scrolls sideways, and which names, buttons and messages stick out of their panel. */
function fits(): { sideways: boolean; outside: string[] } {
  const outside: string[] = [];
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.person-name, .person-controls button, .msg-text, .dial-form > *, .state, .panel-head > *'))) {
    if (el.getClientRects().length === 0) continue;
    const box = el.getBoundingClientRect();
    const panel = (el.closest('.panel, .card, .room-head') as HTMLElement).getBoundingClientRect();
    if (box.left < panel.left - 1 || box.right > panel.right + 1 || el.scrollWidth > el.clientWidth + 1) outside.push(`${el.className} "${el.textContent}"`);
  }
  return { sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth, outside };
}
