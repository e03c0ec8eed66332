import type { RosterChange, RosterEntry, RosterEvent, SelfState } from '@external-chat/host-bridge';
import { describe, expect, it } from 'vitest';
import { createIncrementalRoster } from './incremental-roster';
import { pseudoRandom } from './pseudo-random';
import { ROW_LIMIT, rosterView } from './roster-model';
import { ALL, hostSelf, person } from './test-people';

const HOST = hostSelf('me');


/** host-bridge's side: the list it holds, and the events it raises as changes arrive. */
function bridge() {
  const people = new Map<string, RosterEntry>();
  let seq = 0;
  const list = (): readonly RosterEntry[] => Object.freeze([...people.values()]);
  return {
    people,
    snapshot(entries: readonly RosterEntry[]): RosterEvent {
      people.clear();
      for (const e of entries) people.set(e.uuid, e);
      return { participants: list(), change: { seq: ++seq, snapshot: true, participants: [...entries], removed: [] } };
    },
    change(participants: RosterEntry[], removed: string[] = [], skip = 0): RosterEvent {
      for (const e of participants) people.set(e.uuid, e);
      for (const uuid of removed) people.delete(uuid);
      seq += 1 + skip;
      return { participants: list(), change: { seq, snapshot: false, participants, removed } };
    },
    /** An older plugin: the whole list, no change. */
    whole(entries: readonly RosterEntry[]): RosterEvent {
      people.clear();
      for (const e of entries) people.set(e.uuid, e);
      return { participants: list() };
    },
  };
}

const uuids = (view: ReturnType<typeof rosterView>): string[][] => [view.lobby.map((p) => p.entry.uuid), view.present.map((p) => p.entry.uuid)];

describe('IncrementalRoster', () => {
  it('keeps roster order within a group when someone moves between groups', () => {
    const roster = createIncrementalRoster();
    const b = bridge();
    const view = () => uuids(roster.view({ self: HOST, features: ALL, filter: '' }));
    roster.receive(b.snapshot(['a', 'b', 'c', 'd', 'me'].map((u) => person(u))));
    roster.receive(b.change([person('c', { raisedHand: true })]));
    roster.receive(b.change([person('a', { raisedHand: true })]));
    // Raised hands in roster order, not in the order they went up.
    expect(view()).toEqual([[], ['me', 'a', 'c', 'b', 'd']]);
    roster.receive(b.change([person('c'), person('a'), person('b', { isWaiting: true })]));
    expect(view()).toEqual([['b'], ['me', 'a', 'c', 'd']]);
    // Admitted, b is back at its place; a newcomer goes last.
    roster.receive(b.change([person('b'), person('e')]));
    expect(view()).toEqual([[], ['me', 'a', 'b', 'c', 'd', 'e']]);
    // Leaving and coming back is joining: last.
    roster.receive(b.change([], ['a']));
    roster.receive(b.change([person('a')]));
    expect(view()).toEqual([[], ['me', 'b', 'c', 'd', 'e', 'a']]);
  });

  it('takes a whole list when the change is absent, a snapshot, or does not follow the last one', () => {
    const roster = createIncrementalRoster();
    const b = bridge();
    const view = () => uuids(roster.view({ self: HOST, features: ALL, filter: '' }));
    roster.receive(b.whole([person('x'), person('y')]));
    expect(view()).toEqual([[], ['x', 'y']]);
    roster.receive(b.snapshot([person('b'), person('a')]));
    expect(view()).toEqual([[], ['b', 'a']]);
    // A missed message: the change alone would lose 'c'; the event's whole list has it.
    b.people.set('c', person('c'));
    roster.receive(b.change([person('d')], [], 1));
    expect(view()).toEqual([[], ['b', 'a', 'c', 'd']]);
    expect(roster.entry('c')).toBe(b.people.get('c'));
    // A page that starts listening mid-stream gets a change first, and takes the list.
    const late = createIncrementalRoster();
    late.receive(b.change([person('e')]));
    expect(uuids(late.view({ self: HOST, features: ALL, filter: '' }))).toEqual([[], ['b', 'a', 'c', 'd', 'e']]);
  });

  it('gives what rosterView gives for the same list, through random snapshots, joins, changes, leaves, selves and filters', () => {
    const NAMES = ['Ann García', 'Bob', 'ann garcia', 'Cy Ánnis', '', 'Dee'];
    const FILTERS = ['', '', '', 'garcia', ' AN ', 'bob', 'zzz'];
    for (let seed = 1; seed <= 25; seed++) {
      const random = pseudoRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const chance = (p: number): boolean => random() < p;
      const pool = Array.from({ length: 30 }, (_, i) => `u${i}`);
      const someone = (uuid: string): RosterEntry =>
        person(uuid, {
          displayName: pick(NAMES),
          isWaiting: chance(0.2),
          raisedHand: chance(0.3),
          isHost: chance(0.3),
          isMuted: chance(0.5),
          isCameraMuted: chance(0.3),
        });
      const roster = createIncrementalRoster();
      const b = bridge();
      let self: SelfState | undefined = HOST;
      let filter = '';
      for (let step = 0; step < 300; step++) {
        const roll = random();
        let event: RosterEvent;
        if (step === 0 || roll < 0.04) event = b.snapshot(pool.filter(() => chance(0.6)).map(someone).sort(() => random() - 0.5));
        else if (roll < 0.07) event = b.whole(pool.filter(() => chance(0.6)).map(someone).sort(() => random() - 0.5));
        else {
          const joinedOrChanged: RosterEntry[] = [];
          const removed: string[] = [];
          const count = 1 + Math.floor(random() * 4);
          for (let k = 0; k < count; k++) {
            const uuid = pick(pool);
            // Leaving only someone present, mostly; now and then a uuid nobody holds, or one that also changed.
            if (b.people.has(uuid) && chance(0.3)) removed.push(uuid);
            else if (chance(0.05)) removed.push(uuid);
            else joinedOrChanged.push(someone(uuid));
          }
          event = b.change(joinedOrChanged, removed, chance(0.03) ? 1 : 0);
        }
        roster.receive(event);
        if (chance(0.1)) self = chance(0.2) ? undefined : { ...HOST, participantUuid: pick(pool), isHost: chance(0.7), canControl: chance(0.8) };
        if (chance(0.1)) filter = pick(FILTERS);
        const input = { self, features: chance(0.9) ? ALL : ['roster', 'mute'], filter, limit: chance(0.5) ? ROW_LIMIT : Math.floor(random() * 8) };
        const where = `seed ${seed}, step ${step}`;
        expect(roster.view(input), where).toEqual(rosterView({ ...input, roster: event.participants }));
        const uuid = pick(pool);
        expect(roster.entry(uuid), where).toBe(b.people.get(uuid));
      }
    }
  });

  describe('at 10,000 people', () => {
    /** Entries that record who was read: a message about one person must read that person only. */
    function watchedMeeting() {
      const touched = new Set<string>();
      const watched = (entry: RosterEntry): RosterEntry =>
        new Proxy(entry, {
          get(target, key, receiver) {
            touched.add(target.uuid);
            return Reflect.get(target, key, receiver) as unknown;
          },
        });
      const everyone = Array.from({ length: 10_000 }, (_, i) =>
        watched(person(`p${i}`, { displayName: `Person ${i}`, isWaiting: i % 1_000 === 1, raisedHand: i % 997 === 0, isHost: i % 500 === 0 })),
      );
      return { touched, watched, everyone };
    }

    it('a message changing one person, one joining and one leaving reads those three and nobody else', () => {
      const { touched, watched, everyone } = watchedMeeting();
      const roster = createIncrementalRoster();
      const b = bridge();
      roster.receive(b.snapshot(everyone));
      const before = roster.view({ self: HOST, features: ALL, filter: '' });
      expect(before).toMatchObject({ total: 10_000, waiting: 10, matching: 10_000 });

      const changed = watched(person('p5000', { displayName: 'Person 5000', raisedHand: true }));
      const joined = watched(person('new', { isMuted: true }));
      const message = b.change([changed, joined], ['p7001']);
      touched.clear();
      roster.receive(message);
      expect([...touched].sort()).toEqual(['new', 'p5000', 'p7001']);

      // Drawing reads the rows drawn, not the meeting.
      touched.clear();
      const after = roster.view({ self: HOST, features: ALL, filter: '' });
      expect(touched.size).toBeLessThanOrEqual(ROW_LIMIT);
      expect(after).toMatchObject({ total: 10_000, raisedHands: before.raisedHands + 1, matching: 10_000, hidden: 10_000 - ROW_LIMIT });
      expect(after.present.map((p) => p.entry.uuid)).toContain('p5000');
      expect(after).toEqual(rosterView({ roster: [...b.people.values()], self: HOST, features: ALL, filter: '' }));
    });

    it('with a filter typed, regroups everyone once, then a message reads only what it carries', () => {
      const { touched, watched, everyone } = watchedMeeting();
      const roster = createIncrementalRoster();
      const b = bridge();
      roster.receive(b.snapshot(everyone));
      touched.clear();
      expect(roster.view({ self: HOST, features: ALL, filter: 'person 12' }).matching).toBe(111);
      // The keystroke's own cost: everyone's name.
      expect(touched.size).toBe(10_000);

      const renamed = b.change([watched(person('p12', { displayName: 'Renamed' }))]);
      touched.clear();
      roster.receive(renamed);
      expect([...touched]).toEqual(['p12']);
      const view = roster.view({ self: HOST, features: ALL, filter: 'person 12' });
      expect(view.matching).toBe(110);
      expect(touched.size).toBeLessThanOrEqual(ROW_LIMIT + 1);
    });

    it('who you are changes the counts and your row without regrouping anyone', () => {
      const { touched, everyone } = watchedMeeting();
      const roster = createIncrementalRoster();
      roster.receive(bridge().snapshot(everyone));
      const asHost = roster.view({ self: HOST, features: ALL, filter: '' });
      touched.clear();
      const asGuest = roster.view({ self: { ...HOST, participantUuid: 'p9999', isHost: false }, features: ALL, filter: '' });
      expect(touched.size).toBeLessThanOrEqual(ROW_LIMIT + 1);
      expect(asGuest.present[0]?.entry.uuid).toBe('p9999');
      expect(asGuest.present[0]?.you).toBe(true);
      expect(asHost.muteAll.enabled).toBe(true);
      expect(asGuest.muteAll.enabled).toBe(false);
    });
  });
});
