import { describe, expect, it } from 'vitest';
import { seededRandom } from './churn';
import { RosterIndex, slice, type Positional } from './roster-index';

type P = { uuid: string; isWaiting: boolean; v?: number };
const all = <T>(seq: Positional<T>): T[] => slice(seq, 0, seq.length);
const uuids = (seq: Positional<P>) => all(seq).map((p) => p.uuid);

describe('RosterIndex', () => {
  it('the lobby and the room apart, each in join order; admission keeps the join place', () => {
    const index = new RosterIndex<P>();
    for (const [uuid, isWaiting] of [['a', false], ['b', true], ['c', false], ['d', true], ['e', false]] as const) index.add({ uuid, isWaiting });
    expect(uuids(index.lobby)).toEqual(['b', 'd']);
    expect(uuids(index.room)).toEqual(['a', 'c', 'e']);
    index.replace({ uuid: 'd', isWaiting: false });
    expect(uuids(index.lobby)).toEqual(['b']);
    expect(uuids(index.room)).toEqual(['a', 'c', 'd', 'e']);
    index.remove('c');
    expect(uuids(index.room)).toEqual(['a', 'd', 'e']);
    expect([index.size, index.lobby.length, index.room.length]).toEqual([4, 1, 3]);
  });

  it('a change that keeps the place is seen at that place; unknown uuids and positions change nothing', () => {
    const index = new RosterIndex<P>();
    index.add({ uuid: 'a', isWaiting: false });
    index.add({ uuid: 'b', isWaiting: false });
    index.replace({ uuid: 'a', isWaiting: false, v: 2 });
    index.replace({ uuid: 'zz', isWaiting: true });
    index.remove('zz');
    expect(index.room.at(0)).toEqual({ uuid: 'a', isWaiting: false, v: 2 });
    expect([index.room.at(2), index.room.at(-1), index.lobby.at(0)]).toEqual([undefined, undefined, undefined]);
    expect(() => index.add({ uuid: 'b', isWaiting: true })).toThrow(/already/);
  });

  it('slice: a window by position, clipped to the ends', () => {
    const index = new RosterIndex<P>();
    for (let i = 0; i < 10; i++) index.add({ uuid: `p${i}`, isWaiting: false });
    expect(slice(index.room, 8, 5).map((p) => p.uuid)).toEqual(['p8', 'p9']);
    expect(slice(index.room, -2, 3).map((p) => p.uuid)).toEqual(['p0']);
    expect(slice(['x', 'y'], 1, 1)).toEqual(['y']);
  });

  it('agrees with a plain list through 20,000 random joins, leaves, admissions and changes (growing and compacting)', () => {
    const random = seededRandom(42);
    const index = new RosterIndex<P>();
    const naive: P[] = [];
    let next = 0;
    const check = () => {
      expect(uuids(index.lobby)).toEqual(naive.filter((p) => p.isWaiting).map((p) => p.uuid));
      expect(uuids(index.room)).toEqual(naive.filter((p) => !p.isWaiting).map((p) => p.uuid));
    };
    for (let step = 0; step < 20_000; step++) {
      const r = random();
      // Grows to about a thousand, then shrinks to a handful: both the growth and the reclaiming of slots run.
      const joinP = step < 8_000 ? 0.6 : 0.1;
      if (naive.length === 0 || r < joinP) {
        const p = { uuid: `u${next++}`, isWaiting: random() < 0.2 };
        index.add(p);
        naive.push(p);
      } else {
        const at = Math.floor(random() * naive.length);
        const p = naive[at]!;
        if (r < joinP + 0.3) {
          index.remove(p.uuid);
          naive.splice(at, 1);
        } else {
          const changed = { ...p, isWaiting: random() < 0.5 ? !p.isWaiting : p.isWaiting, v: step };
          index.replace(changed);
          naive[at] = changed;
        }
      }
      if (step % 997 === 0) check();
    }
    check();
    expect(index.size).toBe(naive.length);
    index.clear();
    expect([index.size, index.lobby.length, index.room.length, index.room.at(0)]).toEqual([0, 0, 0, undefined]);
  });
});
