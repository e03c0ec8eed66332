// The meeting in the page, end to end: the built plugin in the simulator's
// meeting, driven by host-bridge and by raw envelopes. Roster and self only
// after subscribe; every control answered as Infinity answers it.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '@external-chat/host-bridge/contract';
import { browserSuite, bridgeCall as outcome, eventually, postRaw, PREFIX, rawReplies, serve, simFrame, type Servers, type Session } from './harness';

const suite = browserSuite();
let servers: Servers;
beforeAll(() => {
  servers = suite.servers;
});

const ALL = FEATURES;

/** The simulator's roster: what the page's must come to equal. */
const simRoster = (sim: Frame) => sim.evaluate(() => window.__sim!.roster().map((p) => ({ uuid: p.uuid, isMuted: p.isMuted, isWaiting: p.isWaiting })));
const simUuids = async (sim: Frame) => (await simRoster(sim)).map((p) => p.uuid).sort();
const meUuid = (sim: Frame) => sim.evaluate(() => window.__sim!.me()!.uuid);
const controls = (sim: Frame) => sim.evaluate(() => window.__sim!.controls().map(({ rpc, payload }) => ({ rpc, payload })));
/** Someone who is in the room (not the user, not in the lobby). */
const someone = (sim: Frame) => sim.evaluate(() => window.__sim!.roster().find((p) => !p.isWaiting && p.uuid !== window.__sim!.me()!.uuid)!.uuid);
const waiting = (sim: Frame) => sim.evaluate(() => window.__sim!.roster().find((p) => p.isWaiting)!.uuid);

async function openBridge(sim: Record<string, string> = {}): Promise<{ s: Session; sim: Frame }> {
  const s = await suite.open({ sim });
  await s.page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
  const frame = await simFrame(s.page, servers);
  await frame.waitForFunction(() => window.__sim!.inMeeting());
  return { s, sim: frame };
}

/** The page's roster as host-bridge holds it, sorted uuids. */
const pageUuids = (page: Page) => page.evaluate(() => window.__host!.chat.roster.map((p) => p.uuid).sort());
describe('roster and self through host-bridge', () => {
  it('announces every feature and that the user is in the meeting', async () => {
    const { s } = await openBridge();
    await eventually(() => s.page.evaluate(() => window.__host!.chat.connected), (c) => c);
    expect(await s.page.evaluate(() => [...window.__host!.chat.features])).toEqual(ALL);
  });

  it('subscribes on the first roster handler: a snapshot equal to the meeting, then joins, changes and leaves', async () => {
    const { s, sim } = await openBridge({ participants: '4' });
    await s.page.evaluate(() => {
      (window as unknown as { rosters: number }).rosters = 0;
      window.__host!.chat.on('roster', () => void ((window as unknown as { rosters: number }).rosters += 1));
    });
    expect(await eventually(() => pageUuids(s.page), (u) => u.length === 5)).toEqual(await simUuids(sim));
    const [added] = await sim.evaluate(() => window.__sim!.addParticipants(1));
    expect(await eventually(() => pageUuids(s.page), (u) => u.includes(added!))).toEqual(await simUuids(sim));
    const target = await someone(sim);
    await sim.evaluate((uuid) => window.__sim!.updateParticipant(uuid, { isMuted: true }), target);
    const muted = await eventually(
      () => s.page.evaluate((uuid) => window.__host!.chat.roster.find((p) => p.uuid === uuid)?.isMuted, target),
      (m) => m === true,
    );
    expect(muted).toBe(true);
    await sim.evaluate((uuid) => window.__sim!.removeParticipant(uuid), added!);
    expect(await eventually(() => pageUuids(s.page), (u) => !u.includes(added!))).toEqual(await simUuids(sim));
  });

  it('sends self from me, and follows the user muting themself', async () => {
    const { s, sim } = await openBridge();
    const me = await meUuid(sim);
    // The demo's own panel may have subscribed already: a late handler reads the latest value from chat.self.
    await s.page.evaluate(() => void window.__host!.chat.on('self', () => undefined));
    const read = () => s.page.evaluate(() => window.__host!.chat.self);
    expect(await eventually(read, (v) => v !== undefined)).toMatchObject({ participantUuid: me, micMuted: false, isHost: true });
    expect(await outcome(s.page, 'mute', [me, true])).toEqual({ ok: true });
    expect(await eventually(read, (v) => v?.micMuted === true)).toMatchObject({ micMuted: true });
    // Muting yourself is forwarded without the participant: Infinity then acts on the caller.
    expect((await controls(sim)).at(-1)).toEqual({ rpc: 'participant:mute', payload: { mute: true } });
  });

  it('renews the subscriptions with a restarted plugin, which starts with none', async () => {
    const { s, sim } = await openBridge();
    await s.page.evaluate(() => void window.__host!.chat.on('roster', () => undefined));
    await eventually(() => pageUuids(s.page), (u) => u.length > 0);
    const subscribes = () => s.page.evaluate((action) => window.__host!.log.filter((l) => l.direction === 'out' && l.envelope.action === action).length, `${PREFIX}subscribe`);
    expect(await subscribes()).toBe(1);
    await sim.evaluate(() => window.__sim!.reloadPlugins());
    expect(await eventually(subscribes, (n) => n === 2)).toBe(2);
    const [added] = await sim.evaluate(() => window.__sim!.addParticipants(1));
    expect(await eventually(() => pageUuids(s.page), (u) => u.includes(added!))).toEqual(await simUuids(sim));
  });
});

describe('controls through host-bridge', () => {
  it('runs every control, each answered, each reaching Web App 3 as its RPC', async () => {
    const { s, sim } = await openBridge();
    const p = await someone(sim);
    const lobby = await waiting(sim);
    const calls: [string, unknown[], { rpc: string; payload: unknown }][] = [
      ['mute', [p, true], { rpc: 'participant:mute', payload: { mute: true, participantUuid: p } }],
      ['muteVideo', [p, true], { rpc: 'participant:muteVideo', payload: { muteVideo: true, participantUuid: p } }],
      ['spotlight', [p, true], { rpc: 'participant:spotlight', payload: { enable: true, participantUuid: p } }],
      ['raiseHand', [p, true], { rpc: 'participant:raiseHand', payload: { raise: true, participantUuid: p } }],
      ['setRole', [p, 'host'], { rpc: 'participant:setRole', payload: { role: 'chair', participantUuid: p } }],
      ['sendDtmf', [p, '1234#'], { rpc: 'participant:sendDTMF', payload: { digits: '1234#', participantUuid: p } }],
      ['admit', [lobby], { rpc: 'participant:admit', payload: { participantUuid: lobby } }],
      ['muteAllGuests', [true], { rpc: 'conference:muteAllGuests', payload: { mute: true } }],
      ['transfer', [lobby, { alias: 'other@example.com' }], { rpc: 'participant:transfer', payload: { destination: 'other@example.com', pin: '', role: 'guest', participantUuid: lobby } }],
      ['disconnectParticipant', [p], { rpc: 'participant:disconnect', payload: { participantUuid: p } }],
    ];
    for (const [method, args] of calls) expect(await outcome(s.page, method, args), method).toEqual({ ok: true });
    expect(await controls(sim)).toEqual(calls.map(([, , rpc]) => rpc));
    expect(await sim.evaluate(() => window.__sim!.dtmf().map((d) => d.digits))).toEqual(['1234#']);
    // Transferred and disconnected: both gone from the meeting, and from the page's roster once it asks.
    await s.page.evaluate(() => void window.__host!.chat.on('roster', () => undefined));
    expect(await eventually(() => pageUuids(s.page), (u) => u.length > 0 && !u.includes(p) && !u.includes(lobby))).toEqual(await simUuids(sim));
  });

  it("rejects with ControlError carrying Infinity's 403, and refuses an unknown participant before Web App 3", async () => {
    const { s, sim } = await openBridge();
    const p = await someone(sim);
    await sim.evaluate((uuid) => window.__sim!.setPermission(uuid, 'canMute', false), p);
    const refused = await outcome(s.page, 'mute', [p, true]);
    expect(refused).toMatchObject({ ok: false, name: 'ControlError', action: 'mute', code: 'refused', message: expect.stringContaining('403') });
    await s.page.evaluate(() => void window.__host!.chat.on('roster', () => undefined));
    await eventually(() => pageUuids(s.page), (u) => u.length > 0);
    const before = (await controls(sim)).length;
    expect(await outcome(s.page, 'disconnectParticipant', ['no-such-uuid'])).toMatchObject({
      ok: false,
      name: 'ControlError',
      code: 'unknown-participant',
      message: expect.stringContaining("'no-such-uuid'"),
    });
    expect((await controls(sim)).length).toBe(before);
  });

  it('refuses invalid arguments in the page, sending nothing', async () => {
    const { s, sim } = await openBridge();
    expect(await outcome(s.page, 'sendDtmf', ['p', 'call me'])).toMatchObject({ ok: false, name: 'InvalidParamsError', message: expect.stringContaining("'digits'") });
    expect(await outcome(s.page, 'setRole', ['p', 'chair'])).toMatchObject({ ok: false, name: 'InvalidParamsError' });
    expect(await controls(sim)).toEqual([]);
  });
});

describe('raw envelopes', () => {
  it('sends nothing of the meeting before subscribe; a late page learns connected from ready and the roster from a snapshot', async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    await sim.waitForFunction(() => window.__sim!.inMeeting());
    await sim.evaluate(() => window.__sim!.addParticipants(2));
    const [ready] = (await rawReplies(s.page, 'ready')).slice(-1);
    expect(ready).toMatchObject({ connected: true, features: ALL });
    await new Promise((r) => setTimeout(r, 300));
    expect(await rawReplies(s.page, 'roster')).toEqual([]);
    expect(await rawReplies(s.page, 'self')).toEqual([]);
    await postRaw(s.page, 'plugin', { action: `${PREFIX}subscribe`, topics: ['roster', 'self'] });
    const [roster] = await eventually(() => rawReplies(s.page, 'roster'), (r) => r.length > 0);
    expect((roster!.participants as { uuid: string }[]).map((p) => p.uuid).sort()).toEqual(await simUuids(sim));
    const [self] = await eventually(() => rawReplies(s.page, 'self'), (r) => r.length > 0);
    expect(self).toMatchObject({ participantUuid: await meUuid(sim), isHost: true });
  });

  it('answers a control with a requestId, not one without; its effect shows in the next roster', async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    await sim.waitForFunction(() => window.__sim!.inMeeting());
    const p = await someone(sim);
    const lobby = await waiting(sim);
    await postRaw(s.page, 'plugin', { action: `${PREFIX}subscribe`, topics: ['roster'] });
    await postRaw(s.page, 'webapp', { action: `${PREFIX}spotlight`, participantUuid: p, active: true, requestId: 'raw-1' });
    await postRaw(s.page, 'plugin', { action: `${PREFIX}admit`, participantUuid: lobby });
    const results = await eventually(() => rawReplies(s.page, 'control-result'), (r) => r.length >= 1);
    const entry = (uuid: string) => (r: Record<string, unknown>) => (r.participants as { uuid: string; isWaiting: boolean }[]).find((x) => x.uuid === uuid);
    const admitted = await eventually(() => rawReplies(s.page, 'roster'), (rs) => rs.some((r) => entry(lobby)(r)?.isWaiting === false));
    expect(admitted.some((r) => entry(lobby)(r)?.isWaiting === false)).toBe(true);
    expect(results).toEqual([{ action: `${PREFIX}control-result`, control: 'spotlight', ok: true, requestId: 'raw-1' }]);
  });

  it('runs every control from raw envelopes, each answered by its requestId and reaching Web App 3 as its RPC', async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    await sim.waitForFunction(() => window.__sim!.inMeeting());
    const p = await someone(sim);
    const lobby = await waiting(sim);
    const sent: [string, Record<string, unknown>, string][] = [
      ['mute', { participantUuid: p, muted: true }, 'participant:mute'],
      ['mute-video', { participantUuid: p, muted: true }, 'participant:muteVideo'],
      ['spotlight', { participantUuid: p, active: true }, 'participant:spotlight'],
      ['raise-hand', { participantUuid: p, raised: true }, 'participant:raiseHand'],
      ['set-role', { participantUuid: p, role: 'guest' }, 'participant:setRole'],
      ['dtmf', { participantUuid: p, digits: '*1#' }, 'participant:sendDTMF'],
      ['admit', { participantUuid: lobby }, 'participant:admit'],
      ['mute-all-guests', { muted: false }, 'conference:muteAllGuests'],
      ['transfer', { participantUuid: lobby, alias: 'other@example.com', role: 'host', pin: '4242' }, 'participant:transfer'],
      ['disconnect', { participantUuid: p }, 'participant:disconnect'],
    ];
    // One at a time, as a page driving a panel does: each control acts on the meeting the previous one left.
    for (const [i, [name, fields]] of sent.entries()) {
      await postRaw(s.page, 'plugin', { action: `${PREFIX}${name}`, ...fields, requestId: `all-${i}` });
      await eventually(() => rawReplies(s.page, 'control-result'), (r) => r.length === i + 1);
    }
    const results = await rawReplies(s.page, 'control-result');
    expect(results).toEqual(sent.map(([name], i) => ({ action: `${PREFIX}control-result`, control: name, ok: true, requestId: `all-${i}` })));
    expect((await controls(sim)).map((c) => c.rpc)).toEqual(sent.map(([, , rpc]) => rpc));
    expect((await controls(sim)).find((c) => c.rpc === 'participant:transfer')?.payload).toEqual({
      destination: 'other@example.com',
      pin: '4242',
      role: 'host',
      participantUuid: lobby,
    });
  });

  it("answers a 403, an unknown participant and an invalid field with ok: false and what refused it", async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    await sim.waitForFunction(() => window.__sim!.inMeeting());
    const p = await someone(sim);
    await sim.evaluate((uuid) => window.__sim!.setPermission(uuid, 'canDisconnect', false), p);
    await postRaw(s.page, 'plugin', { action: `${PREFIX}subscribe`, topics: ['roster'] });
    await eventually(() => rawReplies(s.page, 'roster'), (r) => r.length > 0);
    await postRaw(s.page, 'plugin', { action: `${PREFIX}disconnect`, participantUuid: p, requestId: 'r403' });
    await postRaw(s.page, 'plugin', { action: `${PREFIX}mute`, participantUuid: 'ghost', muted: true, requestId: 'rghost' });
    await postRaw(s.page, 'plugin', { action: `${PREFIX}mute-video`, participantUuid: p, muted: 'yes', requestId: 'rbad' });
    const results = await eventually(() => rawReplies(s.page, 'control-result'), (r) => r.length === 3);
    const byId = Object.fromEntries(results.map((r) => [r.requestId, r]));
    expect(byId.r403).toMatchObject({ control: 'disconnect', ok: false, code: 'refused', message: expect.stringContaining('403') });
    expect(byId.rghost).toMatchObject({ control: 'mute', ok: false, code: 'unknown-participant', message: expect.stringContaining("'ghost'") });
    expect(byId.rbad).toEqual({ action: `${PREFIX}control-result`, control: 'mute-video', ok: false, message: expect.stringContaining("'muted'"), code: 'invalid-params', requestId: 'rbad' });
    // Only the 403 reached Web App 3.
    expect((await controls(sim)).map((c) => c.rpc)).toEqual(['participant:disconnect']);
  });
});

describe("features from the deployment's config.json", () => {
  let limited: Servers;
  beforeAll(async () => {
    limited = await serve({ demoConfig: { features: ['chat', 'roster'] } });
  });
  afterAll(() => limited?.close());

  it('announces only what config.json lists, and refuses the rest without reaching Web App 3', async () => {
    const s = await suite.open({}, limited);
    await s.page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
    const sim = await simFrame(s.page, limited);
    await sim.waitForFunction(() => window.__sim!.inMeeting());
    expect(await s.page.evaluate(() => [...window.__host!.chat.features])).toEqual(['chat', 'roster']);
    const p = await someone(sim);
    expect(await outcome(s.page, 'mute', [p, true])).toMatchObject({ ok: false, name: 'FeatureUnavailableError', code: 'feature-off', feature: 'mute' });
    // A raw page that ignores the announcement is refused by the plugin itself.
    await (await import('./harness')).installRawClient(s.page);
    await postRaw(s.page, 'plugin', { action: `${PREFIX}mute`, participantUuid: p, muted: true, requestId: 'off-1' });
    const [result] = await eventually(() => rawReplies(s.page, 'control-result'), (r) => r.length > 0);
    expect(result).toMatchObject({ control: 'mute', ok: false, code: 'feature-off', message: expect.stringContaining("'mute'") });
    expect(await controls(sim)).toEqual([]);
    // The roster is on: subscribing works.
    await s.page.evaluate(() => void window.__host!.chat.on('roster', () => undefined));
    expect(await eventually(() => pageUuids(s.page), (u) => u.length > 0)).toEqual(await simUuids(sim));
  });
});
