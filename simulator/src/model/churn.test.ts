import type { EventMessage, InfinityParticipant } from '@pexip/plugin-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHURN_TICK_MS, Churn, seededRandom, type ChurnClock } from './churn';
import { Roster, type Broadcast } from './roster';

type Sent = { event: keyof EventMessage; payload: unknown };

/** A clock the test moves by hand. */
class FakeClock implements ChurnClock {
  t = 0;
  tick: (() => void) | null = null;
  now = () => this.t;
  setInterval = (tick: () => void) => ((this.tick = tick), 1);
  clearInterval = () => void (this.tick = null);
  advance(ms: number): void {
    for (let left = ms; left > 0; left -= CHURN_TICK_MS) {
      this.t += Math.min(CHURN_TICK_MS, left);
      this.tick?.();
    }
  }
}

let sent: Sent[];
let roster: Roster;
let clock: FakeClock;
let churn: Churn;
const broadcast: Broadcast = (event, payload) => void sent.push({ event, payload });
const batches = () => sent.filter((s) => s.event === 'event:participantsActivities').map((s) => s.payload as EventMessage['event:participantsActivities']['payload']);

/** What a plugin would hold: the snapshot, then every activity applied in order. */
function replay(): Map<string, InfinityParticipant> {
  const room = new Map<string, InfinityParticipant>();
  for (const s of sent) {
    if (s.event === 'event:participants') {
      room.clear();
      for (const p of (s.payload as EventMessage['event:participants']['payload']).participants) room.set(p.uuid, p);
    }
    if (s.event !== 'event:participantsActivities') continue;
    for (const { activity } of s.payload as EventMessage['event:participantsActivities']['payload']) {
      if (activity.type === 1) room.delete(activity.participant.uuid);
      else room.set(activity.participant.uuid, activity.participant);
    }
  }
  return room;
}

function setUp(participants: number, seed = 7): void {
  sent = [];
  roster = new Roster(broadcast);
  clock = new FakeClock();
  churn = new Churn(roster, seed, clock);
  roster.start({ role: 'chair', participants, lobby: 1 });
}

beforeEach(() => setUp(1000));

describe('Churn', () => {
  it('applies the rate: 100 changes a second for 10 s is 1,000 changes, one event per tick at most', () => {
    churn.setRate(100);
    expect(churn.running).toBe(true);
    clock.advance(10_000);
    expect(churn.applied).toBe(1000);
    const all = batches();
    expect(all.flat()).toHaveLength(1000);
    expect(all.length).toBeLessThanOrEqual(10_000 / CHURN_TICK_MS);
  });

  it('keeps the meeting near its size, and a plugin replaying the events holds exactly the roster', () => {
    churn.setRate(100);
    clock.advance(10_000);
    expect(roster.size).toBeGreaterThan(900);
    expect(roster.size).toBeLessThan(1100);
    const types = new Set(batches().flat().map((a) => a.activity.type));
    expect([...types].sort()).toEqual([0, 1, 2]);
    const replayed = replay();
    expect([...replayed.keys()].sort()).toEqual(roster.list().map((p) => p.uuid).sort());
    for (const p of roster.list()) expect(replayed.get(p.uuid)).toEqual(p);
  });

  it('is deterministic for a seed', () => {
    churn.setRate(100);
    clock.advance(2000);
    const first = roster.list().map((p) => [p.uuid, p.isMuted, p.raisedHand, p.isWaiting]);
    setUp(1000);
    churn.setRate(100);
    clock.advance(2000);
    expect(roster.list().map((p) => [p.uuid, p.isMuted, p.raisedHand, p.isWaiting])).toEqual(first);
  });

  it('never touches the local user or dialled calls', () => {
    setUp(3);
    const dialled = { ...(roster.get(roster.list()[1]!.uuid) as InfinityParticipant), uuid: 'dialled-1' } as InfinityParticipant;
    roster.add(dialled);
    churn.setRate(1000);
    clock.advance(5000);
    expect(roster.get('dialled-1')).toBe(dialled);
    expect(roster.me?.isMuted).toBe(false);
    expect(sent.filter((s) => s.event === 'event:me')).toHaveLength(1); // the snapshot's
  });

  it('grows an empty meeting back', () => {
    setUp(0);
    churn.step(1);
    expect(roster.size).toBe(1);
  });

  it('stops with rate 0 and when the meeting ends; starts again with it', () => {
    churn.setRate(50);
    clock.advance(1000);
    churn.setRate(0);
    expect(churn.running).toBe(false);
    clock.advance(1000);
    expect(churn.applied).toBe(50);
    churn.setRate(50);
    roster.end();
    churn.sync();
    expect(churn.running).toBe(false);
    roster.start({ role: 'chair', participants: 10, lobby: 0 });
    churn.sync();
    expect(churn.running).toBe(true);
  });

  it('catches up on at most one second after a stall', () => {
    churn.setRate(100);
    clock.t += 60_000;
    clock.advance(CHURN_TICK_MS);
    expect(churn.applied).toBe(100);
  });

  it('refuses a negative or non-number rate, naming it', () => {
    expect(() => churn.setRate(-1)).toThrow('churn rate must be a number of changes per second >= 0, got -1');
    expect(() => churn.setRate(Number.NaN)).toThrow(/got NaN/);
  });

  it('seededRandom is in [0, 1) and repeatable', () => {
    const a = seededRandom(3);
    const b = seededRandom(3);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
  });
});
