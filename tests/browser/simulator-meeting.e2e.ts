// The simulated meeting as a plugin sees it, through the echo puppet plugin
// (tests/browser/fixtures/echo-plugin), which forwards every event to the top
// window and makes any RPC the top asks for.
import type { EventMessage } from '@pexip/plugin-api';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, eventually, simFrame } from './harness';

const suite = browserSuite();
type Echo = { echo: string; event?: keyof EventMessage; payload?: unknown; n?: number; rpc?: string };

async function listen(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { echoes: Echo[] };
    w.echoes = [];
    window.addEventListener('message', (e: MessageEvent) => {
      if (e.data && typeof e.data === 'object' && 'echo' in e.data) w.echoes.push(e.data as Echo);
    });
  });
}
const echoes = (page: Page): Promise<Echo[]> => page.evaluate(() => (window as unknown as { echoes: Echo[] }).echoes);
const events = async (page: Page) => (await echoes(page)).filter((e) => e.echo === 'event');

/** Ask the echo plugin (inside the simulator inside the host page) to make a call; resolves with its reply. */
async function rpc(page: Page, n: number, name: string, payload: unknown): Promise<unknown> {
  await page.evaluate(
    ({ n, name, payload }) => {
      const sim = (document.getElementById('webapp3') as HTMLIFrameElement).contentWindow!;
      sim.frames[0]!.postMessage({ echo: 'rpc', n, rpc: name, payload }, '*');
    },
    { n, name, payload },
  );
  const reply = await eventually(() => echoes(page), (list) => list.some((e) => e.echo === 'reply' && e.n === n));
  return reply.find((e) => e.echo === 'reply' && e.n === n)?.payload;
}

/** What a plugin holds after the last snapshot and every activity since. */
function replay(list: Echo[]): string[] {
  const room = new Map<string, string>();
  for (const e of list) {
    if (e.event === 'event:participants') {
      room.clear();
      for (const p of (e.payload as EventMessage['event:participants']['payload']).participants) room.set(p.uuid, JSON.stringify([p.isMuted, p.raisedHand, p.isWaiting]));
    }
    if (e.event !== 'event:participantsActivities') continue;
    for (const { activity } of e.payload as EventMessage['event:participantsActivities']['payload']) {
      if (activity.type === 1) room.delete(activity.participant.uuid);
      else room.set(activity.participant.uuid, JSON.stringify([activity.participant.isMuted, activity.participant.raisedHand, activity.participant.isWaiting]));
    }
  }
  return [...room].map(([uuid, state]) => `${uuid} ${state}`).sort();
}

describe('the simulated meeting, seen by a plugin', () => {
  it('join: connected, me, participants; controls answer 200 or 403; churn keeps the plugin in step; a reload hears its language only and asks for the room', async () => {
    const s = await suite.open({ sim: { manifest: '/fixtures/echo-plugin/manifest.json', autoJoin: '0', participants: '1000', lobby: '3' } });
    const { page } = s;
    const sim = await simFrame(page, suite.servers);
    await listen(page);
    await sim.getByRole('button', { name: 'Join meeting' }).click();
    const joined = await eventually(() => events(page), (list) => list.some((e) => e.event === 'event:participants'));
    expect(joined.map((e) => e.event)).toEqual(['event:connected', 'event:me', 'event:participants']);
    expect((joined[2]?.payload as EventMessage['event:participants']['payload']).participants).toHaveLength(1001);
    expect(await sim.evaluate(() => window.__sim!.roster().length)).toBe(1001);

    const [, alice, bob] = await sim.evaluate(() => window.__sim!.roster());
    expect(await rpc(page, 1, 'participant:mute', { mute: true, participantUuid: alice!.uuid })).toEqual({ status: 200, data: { status: 'success', result: true } });
    expect(await rpc(page, 2, 'participant:transfer', { participantUuid: bob!.uuid, destination: 'x@example.com', pin: '', role: 'guest' })).toMatchObject({ status: 403 });
    expect(await sim.evaluate((u) => window.__sim!.setPermission(u, 'canMute', false), alice!.uuid)).toBe(true);
    expect(await rpc(page, 3, 'participant:mute', { mute: false, participantUuid: alice!.uuid })).toMatchObject({ status: 403 });
    expect(await rpc(page, 4, 'participant:raiseHand', { raise: true })).toEqual({ status: 200, data: { status: 'success', result: true } });
    expect(await sim.evaluate(() => window.__sim!.me()?.raisedHand)).toBe(true);
    expect(await sim.evaluate(() => window.__sim!.controls().map((c) => c.rpc))).toEqual(['participant:mute', 'participant:transfer', 'participant:mute', 'participant:raiseHand']);

    await sim.evaluate(() => window.__sim!.setChurn(200));
    await eventually(() => sim.evaluate(() => window.__sim!.churn().applied), (n) => n >= 400);
    await sim.evaluate(() => window.__sim!.stopChurn());
    const expected = await sim.evaluate(() => window.__sim!.roster().map((p) => `${p.uuid} ${JSON.stringify([p.isMuted, p.raisedHand, p.isWaiting])}`).sort());
    expect(await eventually(async () => replay(await events(page)), (got) => JSON.stringify(got) === JSON.stringify(expected))).toEqual(expected);

    await page.evaluate(() => ((window as unknown as { echoes: Echo[] }).echoes.length = 0));
    await sim.evaluate(() => window.__sim!.reloadPlugins());
    // After the ack, Web App 3 sends a plugin its language and no roster (LEDGER.md): the plugin must ask.
    await eventually(() => events(page), (list) => list.some((e) => e.event === 'event:languageSelect'));
    const answer = (await rpc(page, 5, 'conference:requestParticipants', {})) as { status: number; data: { status: string; result: Record<string, unknown>[] } };
    expect((await events(page)).map((e) => e.event)).toEqual(['event:languageSelect']);
    expect([answer.status, answer.data.status]).toEqual([200, 'success']);
    // Infinity's own rows, read as @pexip/infinity reads them.
    const rows = answer.data.result.map((r) => `${String(r.uuid)} ${JSON.stringify([r.is_muted === 'YES', (r.buzz_time as number) > 0, r.service_type === 'waiting_room'])}`).sort();
    expect(rows).toEqual(expected);

    // The panel is virtualised: it lists everyone (data-count, the scroll height), but draws only the rows in view.
    const panel = await sim.evaluate(() => {
      const list = document.querySelector<HTMLElement>('#participant-list')!;
      const calling = window.__sim!.participants().filter((p) => p.state === 'calling').length;
      return { rows: list.querySelectorAll('.participant').length, count: Number(list.dataset.count), expected: window.__sim!.roster().length + calling, height: list.scrollHeight };
    });
    expect(panel.count).toBe(panel.expected);
    expect(panel.rows).toBeGreaterThan(1);
    expect(panel.rows).toBeLessThan(60);
    expect(panel.height).toBeGreaterThanOrEqual(panel.count * 48);
    expect(await sim.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  });
});
