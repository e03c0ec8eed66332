// The roster as changes (topic roster-changes), end to end: the built plugin in
// the simulator's meeting, a page's list equal to the meeting's after joins,
// leaves and changes, after a message it missed, and after the plugin restarted;
// through host-bridge, and through a raw page that applies the changes itself
// (the script docs/other-hosts.md shows).
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, eventually, openHost, PREFIX, simFrame, type Session } from './harness';

const suite = browserSuite();
const KEEP_ROSTER = readFileSync(new URL('./fixtures/raw-roster/keep-roster.js', import.meta.url), 'utf8');

/** What churn and the tests change, per participant: compared by uuid, in any order. */
const FIELDS = ['displayName', 'isMuted', 'isCameraMuted', 'raisedHand', 'isSpotlight', 'isWaiting', 'isHost', 'isPresenting'] as const;
type Row = [string, ...unknown[]];
const rowsOf = (list: Record<string, unknown>[]): Row[] =>
  list.map((p) => [p.uuid as string, ...FIELDS.map((f) => (f === 'displayName' ? p[f] : p[f] === true))] as Row).sort((a, b) => (a[0] < b[0] ? -1 : 1));
const meeting = async (sim: Frame): Promise<Row[]> => rowsOf(await sim.evaluate(() => window.__sim!.roster() as unknown as Record<string, unknown>[]));

/** Waits until the page's list (read by `read`) equals the meeting's, and returns both. */
async function converged(sim: Frame, read: () => Promise<Record<string, unknown>[]>): Promise<[Row[], Row[]]> {
  let expected: Row[] = [];
  const got = await eventually(
    async () => {
      expected = await meeting(sim);
      return rowsOf(await read());
    },
    (rows) => JSON.stringify(rows) === JSON.stringify(expected),
    10_000,
  );
  return [got, expected];
}

/** Joins, leaves and changes: churn for a while, then one of each by hand. */
async function changeTheMeeting(sim: Frame): Promise<void> {
  await sim.evaluate(() => window.__sim!.setChurn(100));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await sim.evaluate(() => {
    const s = window.__sim!;
    s.stopChurn();
    const [joined] = s.addParticipants(2);
    const people = s.roster().filter((p) => p.uuid !== s.me()!.uuid);
    s.updateParticipant(people[1]!.uuid, { isMuted: !people[1]!.isMuted, raisedHand: true });
    s.removeParticipant(people[2]!.uuid);
    s.removeParticipant(joined!);
  });
}

/**
 * Installed before the page's own scripts, so its listener runs before theirs: drops the next
 * `window.toDrop` roster-change messages (not snapshots) before anyone in the page sees them.
 */
const DROPPER = `(() => {
  window.toDrop = 0;
  window.dropped = 0;
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (window.toDrop > 0 && data && data.action === '${PREFIX}roster-change' && !data.snapshot) {
      window.toDrop--;
      window.dropped++;
      event.stopImmediatePropagation();
    }
  });
})();`;
const dropChanges = (page: Page, count: number) => page.evaluate((n) => void ((window as unknown as { toDrop: number }).toDrop = n), count);
const droppedCount = (page: Page) => page.evaluate(() => (window as unknown as { dropped: number }).dropped);

/** A session whose pages carry the dropper, with a host page open. */
async function openPage(page: 'host' | 'legacy-host'): Promise<{ s: Session; sim: Frame }> {
  const s = await suite.session();
  await s.page.addInitScript({ content: DROPPER });
  await openHost(s, suite.servers, { page, sim: { participants: '200', lobby: '5' } });
  const sim = await simFrame(s.page, suite.servers);
  await sim.waitForFunction(() => window.__sim!.inMeeting());
  return { s, sim };
}

/** Makes one change, then another once the first went (a change waits at most one coalescing interval). */
const twoChanges = (sim: Frame) =>
  sim.evaluate(async () => {
    const s = window.__sim!;
    const someone = s.roster().filter((p) => p.uuid !== s.me()!.uuid)[3]!;
    s.updateParticipant(someone.uuid, { isCameraMuted: !someone.isCameraMuted });
    await new Promise((resolve) => setTimeout(resolve, 250));
    s.updateParticipant(someone.uuid, { raisedHand: !someone.raisedHand });
  });

describe('the roster as changes, through host-bridge', () => {
  const open = async () => {
    const { s, sim } = await openPage('host');
    await s.page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
    // The demo's participants panel subscribed with on('roster'); this handler counts what it is handed.
    await s.page.evaluate(() => {
      const w = window as unknown as { changes: { seq: number; snapshot: boolean }[] };
      w.changes = [];
      window.__host!.chat.on('roster', ({ change }) => void (change && w.changes.push({ seq: change.seq, snapshot: change.snapshot })));
    });
    const list = () => s.page.evaluate(() => window.__host!.chat.roster as unknown as Record<string, unknown>[]);
    const inbound = (action: string) =>
      s.page.evaluate((a) => window.__host!.log.filter((l) => l.direction === 'in' && l.envelope.action === a).map((l) => l.envelope as Record<string, unknown>), PREFIX + action);
    const subscribes = () =>
      s.page.evaluate((a) => window.__host!.log.filter((l) => l.direction === 'out' && l.envelope.action === a).map((l) => (l.envelope as { topics: string[] }).topics), PREFIX + 'subscribe');
    return { s, sim, list, inbound, subscribes };
  };

  it("holds a list equal to the meeting's after joins, leaves and changes, sent as changes after one snapshot", async () => {
    const { sim, list, inbound } = await open();
    const [got, expected] = await converged(sim, list);
    expect(got).toEqual(expected);
    // A snapshot on subscribing, and another when Web App 3 lists everyone as the user joins; then changes only.
    const before = (await inbound('roster-change')).length;
    await changeTheMeeting(sim);
    const [after, meetingAfter] = await converged(sim, list);
    expect(after).toEqual(meetingAfter);
    const changes = (await inbound('roster-change')).slice(before);
    expect(changes.filter((m) => m.snapshot)).toEqual([]);
    expect(changes.length).toBeGreaterThan(5);
    // Each message carries what changed, not the meeting: far fewer entries than the 200 people.
    const carried = changes.filter((m) => !m.snapshot).map((m) => (m.participants as unknown[]).length + (m.removed as unknown[]).length);
    expect(Math.max(...carried)).toBeLessThan(50);
    expect(await inbound('roster')).toEqual([]);
  });

  it('after a missed message asks for a snapshot, and is equal to the meeting again', async () => {
    const { s, sim, list, subscribes } = await open();
    await converged(sim, list);
    const handed = () => s.page.evaluate(() => (window as unknown as { changes: { snapshot: boolean }[] }).changes);
    const before = (await handed()).length;
    await dropChanges(s.page, 1);
    await twoChanges(sim);
    expect(await eventually(() => droppedCount(s.page), (n) => n === 1)).toBe(1);
    const [got, expected] = await converged(sim, list);
    expect(got).toEqual(expected);
    expect((await subscribes()).filter((topics) => topics.includes('roster-changes'))).toHaveLength(2);
    // Since the drop: the snapshot it asked for, and no change was applied across the gap.
    expect((await handed()).slice(before).filter((c) => c.snapshot)).toHaveLength(1);
  });

  it('after the plugin restarts, starts again from its snapshot and is equal to the meeting', async () => {
    const { s, sim, list } = await open();
    await converged(sim, list);
    await sim.evaluate(() => window.__sim!.reloadPlugins());
    await changeTheMeeting(sim);
    const [got, expected] = await converged(sim, list);
    expect(got).toEqual(expected);
    const seen = await s.page.evaluate(() => (window as unknown as { changes: { seq: number; snapshot: boolean }[] }).changes);
    // The new plugin numbers its messages from 1, starting with a snapshot.
    expect(seen.filter((c) => c.seq === 1 && c.snapshot).length).toBeGreaterThanOrEqual(1);
    expect(seen.at(-1)?.snapshot).toBe(false);
  });
});

describe('the roster as changes, through a raw page that applies them (docs/other-hosts.md)', () => {
  const open = async () => {
    const { s, sim } = await openPage('legacy-host');
    await s.page.addScriptTag({ content: KEEP_ROSTER });
    await s.page.evaluate((origin) => {
      const w = window as unknown as { raw: { list: unknown[]; messages: { seq: number; snapshot: boolean }[] }; keepRoster: Function };
      w.raw = { list: [], messages: [] };
      const webapp = (document.getElementById('webapp3') as HTMLIFrameElement).contentWindow!;
      w.keepRoster(webapp, origin, (list: unknown[], message: { seq: number; snapshot: boolean }) => {
        w.raw.list = list;
        w.raw.messages.push({ seq: message.seq, snapshot: message.snapshot });
      });
    }, suite.servers.webappOrigin);
    const list = () => s.page.evaluate(() => (window as unknown as { raw: { list: Record<string, unknown>[] } }).raw.list);
    const messages = () => s.page.evaluate(() => (window as unknown as { raw: { messages: { seq: number; snapshot: boolean }[] } }).raw.messages);
    return { s, sim, list, messages };
  };

  it("holds a list equal to the meeting's after joins, leaves and changes", async () => {
    const { sim, list, messages } = await open();
    await converged(sim, list);
    const before = (await messages()).length;
    await changeTheMeeting(sim);
    const [got, expected] = await converged(sim, list);
    expect(got).toEqual(expected);
    expect((await messages()).slice(before).filter((m) => m.snapshot)).toEqual([]);
  });

  it('after a missed message subscribes again, and is equal to the meeting from the snapshot', async () => {
    const { s, sim, list, messages } = await open();
    await converged(sim, list);
    const before = (await messages()).length;
    await dropChanges(s.page, 1);
    await twoChanges(sim);
    expect(await eventually(() => droppedCount(s.page), (n) => n === 1)).toBe(1);
    const [got, expected] = await converged(sim, list);
    expect(got).toEqual(expected);
    expect((await messages()).slice(before).filter((m) => m.snapshot)).toHaveLength(1);
  });

  it('after the plugin restarts, subscribes again on its ready and is equal to the meeting', async () => {
    const { sim, list, messages } = await open();
    await converged(sim, list);
    await sim.evaluate(() => window.__sim!.reloadPlugins());
    await changeTheMeeting(sim);
    const [got, expected] = await converged(sim, list);
    expect(got).toEqual(expected);
    // The first plugin's first snapshot, and the restarted one's.
    expect((await messages()).filter((m) => m.snapshot && m.seq === 1)).toHaveLength(2);
  });
});
