// The built plugin against what the real Web App 3 does, as the simulator plays it by default from its sources
// (simulator/LEDGER.md), and against the other side of each switch: a plugin that starts mid-meeting,
// activities of either shape or none, refusals that never answer or answer `result: false`, a refused
// self-unmute, and the user's own meeting messages echoed back. Through host-bridge, in the demo host page.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, bridgeCall as outcome, eventually, simFrame, type Session } from './harness';

const suite = browserSuite();

async function openBridge(sim: Record<string, string> = {}): Promise<{ s: Session; page: Page; sim: Frame }> {
  const s = await suite.open({ sim });
  await s.page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
  const frame = await simFrame(s.page, suite.servers);
  await frame.waitForFunction(() => window.__sim!.inMeeting());
  return { s, page: s.page, sim: frame };
}

/** Who is there and what the page shows of them: the page's roster must come to equal the meeting's. */
const simRoster = (sim: Frame) =>
  sim.evaluate(() => window.__sim!.roster().map((p) => JSON.stringify([p.uuid, p.isMuted, p.isWaiting, p.raisedHand, p.isHost])).sort());
const pageRoster = (page: Page) =>
  page.evaluate(() => window.__host!.chat.roster.map((p) => JSON.stringify([p.uuid, p.isMuted, p.isWaiting, p.raisedHand, p.isHost])).sort());
const subscribeRoster = (page: Page) => page.evaluate(() => void window.__host!.chat.on('roster', () => undefined));
const meUuid = (sim: Frame) => sim.evaluate(() => window.__sim!.me()!.uuid);
const someone = (sim: Frame) => sim.evaluate(() => window.__sim!.roster().find((p) => !p.isWaiting && p.uuid !== window.__sim!.me()!.uuid)!.uuid);

describe('a plugin that starts mid-meeting', () => {
  it.each([
    ['hears no replay (the sources), reloaded in its frame', {}, false],
    ['hears no replay (the sources), in a new frame', {}, true],
    ['hears a replay (?replay=1)', { replay: '1' }, false],
  ] as const)('%s: asks who is there, and the page has the whole roster within 3 s, a leave missed meanwhile included', async (_, params, recreate) => {
    const { page, sim } = await openBridge({ participants: '300', ...params });
    await subscribeRoster(page);
    expect(await eventually(() => pageRoster(page), (r) => r.length === 301)).toEqual(await simRoster(sim));
    const gone = await someone(sim);
    // Someone leaves while the plugin restarts: only Web App 3's answer to requestParticipants can tell it.
    await sim.evaluate(([u, again]) => {
      void window.__sim!.reloadPlugins({ recreate: again });
      window.__sim!.removeParticipant(u);
    }, [gone, recreate] as const);
    // A requirement, not a benchmark: the plugin must not wait for the meeting's next change.
    const roster = await eventually(() => pageRoster(page), (r) => r.length === 300, 3000);
    expect(roster).toEqual(await simRoster(sim));
    expect(await sim.evaluate(() => window.__sim!.log.filter((l) => l.rpc === 'conference:requestParticipants').length)).toBe(2);
    expect(await page.evaluate(() => window.__host!.chat.connected)).toBe(true);
  });
});

describe("the meeting's changes, however Web App 3 reports them", () => {
  it.each([
    ['activities named `type` (plugin-api 22) and the deprecated events (the sources)', {}],
    ['activities named `activity` (before plugin-api 22)', { activities: 'activity' }],
    ['the deprecated events alone (before plugin-api 21.1)', { activities: 'none' }],
    ['activities alone (?deprecated=0)', { deprecated: '0' }],
  ] as const)('%s: the page stays equal to the meeting through churn', async (_, params) => {
    const { page, sim } = await openBridge({ participants: '60', lobby: '5', seed: '7', ...params });
    await subscribeRoster(page);
    expect(await eventually(() => pageRoster(page), (r) => r.length === 61)).toEqual(await simRoster(sim));
    await sim.evaluate(() => window.__sim!.setChurn(100));
    await eventually(() => sim.evaluate(() => window.__sim!.churn().applied), (n) => n >= 150);
    await sim.evaluate(() => window.__sim!.stopChurn());
    const expected = await simRoster(sim);
    expect(await eventually(() => pageRoster(page), (r) => JSON.stringify(r) === JSON.stringify(expected))).toEqual(expected);
  });
});

describe('refusals', () => {
  it('one Web App 3 never answers settles ok: false after 5 s, naming the time-out, and the controls after it go on meanwhile', async () => {
    const { page, sim } = await openBridge();
    const target = await someone(sim);
    await sim.evaluate(() => {
      window.__sim!.answerNext('conference:muteAllGuests', 'silent');
      window.__sim!.answerNext('conference:sendMessage', 'silent');
    });
    const settled = await page.evaluate(async (uuid) => {
      const chat = window.__host!.chat;
      const order: string[] = [];
      const track = (name: string, p: Promise<unknown>) =>
        p.then(
          () => void order.push(`${name} ok`),
          (e: Error & { code: string }) => void order.push(`${name} ${e.name} ${e.code}: ${e.message}`),
        );
      await Promise.all([
        track('mute-all-guests', chat.muteAllGuests(true)),
        track('send-meeting-message', chat.sendMeetingMessage('Anyone there?')),
        track('mute', chat.mute(uuid, true)),
      ]);
      return order;
    }, target);
    expect(settled[0]).toBe('mute ok');
    expect(settled.slice(1).sort()).toEqual([
      expect.stringMatching(/^mute-all-guests ControlError timeout: .*conference:muteAllGuests/),
      expect.stringMatching(/^send-meeting-message ControlError timeout: .*conference:sendMessage/),
    ]);
  });

  it("Infinity's 200 with result: false is a refusal", async () => {
    const { page, sim } = await openBridge();
    const target = await someone(sim);
    await sim.evaluate(() => window.__sim!.answerNext('participant:spotlight', 'result-false'));
    expect(await outcome(page, 'spotlight', [target, true])).toMatchObject({ ok: false, name: 'ControlError', code: 'refused', message: expect.stringContaining('result: false') });
    expect(await sim.evaluate((u) => window.__sim!.participant(u)?.isSpotlight, target)).toBe(false);
    expect(await outcome(page, 'spotlight', [target, true])).toEqual({ ok: true });
  });

  it.each([
    ['never answers it (the sources)', {}, 'timeout'],
    ['answers 403 (?silent=0)', { silent: '0' }, 'refused'],
  ] as const)('mute-all-guests refused to a guest: a Web App 3 that %s ends ok: false', async (_, params, code) => {
    const { page } = await openBridge({ role: 'guest', ...params });
    expect(await outcome(page, 'muteAllGuests', [true])).toMatchObject({ ok: false, name: 'ControlError', code });
  });

  it.each([
    ['guests may not unmute (?guestsCanUnmute=0): refused', '0', false],
    ['guests may unmute (the default): done', '1', true],
  ] as const)('a guest a host muted unmutes themself; %s', async (_, guestsCanUnmute, ok) => {
    const { page, sim } = await openBridge({ role: 'guest', guestsCanUnmute });
    const me = await meUuid(sim);
    await sim.evaluate((u) => window.__sim!.updateParticipant(u, { isMuted: true }), me);
    await eventually(() => page.evaluate(() => window.__host!.chat.self?.micMuted), (m) => m === true);
    const result = await outcome(page, 'mute', [me, false]);
    expect(result.ok).toBe(ok);
    if (!ok) expect(result).toMatchObject({ name: 'ControlError', code: 'refused', message: expect.stringContaining('403') });
    expect(await sim.evaluate(() => window.__sim!.me()!.isMuted)).toBe(!ok);
  });
});

describe("the user's own meeting messages", () => {
  it.each(['after', 'before', 'off'])('reach the page never, whether Web App 3 echoes them (?echo=%s) or not; what others write does', async (echo) => {
    const { page, sim } = await openBridge({ echo });
    await page.evaluate(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      window.__host!.chat.on('meeting-message', (m) => void heard.push(m.text));
    });
    expect(await outcome(page, 'sendMeetingMessage', ['Hello from the portal'])).toEqual({ ok: true });
    const alice = await someone(sim);
    await sim.evaluate((u) => window.__sim!.say(u, 'Hello from the meeting'), alice);
    const heard = await eventually(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard), (h) => h.includes('Hello from the meeting'));
    expect(heard).toEqual(['Hello from the meeting']);
  });
});

describe('a Web App 3 that says who the user is only when the user changes (?meAtJoin=0)', () => {
  it("gives the page the roster at once, self with the user's first change, and never the page's own message back", async () => {
    const { page, sim } = await openBridge({ meAtJoin: '0' });
    await page.evaluate(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      const chat = window.__host!.chat;
      chat.on('meeting-message', (m) => void heard.push(m.text));
      chat.on('roster', () => undefined);
      chat.on('self', () => undefined);
    });
    expect(await eventually(() => pageRoster(page), (r) => r.length === 4)).toEqual(await simRoster(sim));
    expect(await page.evaluate(() => window.__host!.chat.self)).toBeUndefined();
    // Not knowing the user, the plugin takes only what comes back at once as the echo.
    expect(await outcome(page, 'sendMeetingMessage', ['Hello before me'])).toEqual({ ok: true });
    await sim.evaluate((u) => window.__sim!.say(u, 'Hello from the meeting'), await someone(sim));
    expect(await eventually(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard), (h) => h.length > 0)).toEqual(['Hello from the meeting']);
    const me = await meUuid(sim);
    await sim.evaluate((u) => window.__sim!.updateParticipant(u, { isMuted: true }), me);
    expect(await eventually(() => page.evaluate(() => window.__host!.chat.self), (v) => v !== undefined)).toMatchObject({ participantUuid: me, micMuted: true });
  });
});
