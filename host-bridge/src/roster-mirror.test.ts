import { describe, expect, it } from 'vitest';
import type { RosterChange, RosterEntry } from './contract/internal.js';
import { createRosterMirror } from './roster-mirror.js';

const entry = (uuid: string, isMuted = false) => ({ uuid, isMuted }) as unknown as RosterEntry;
const message = (seq: number, participants: RosterEntry[], removed: string[] = [], snapshot = false): RosterChange => ({ seq, snapshot, participants, removed });
const uuids = (list: readonly RosterEntry[] | undefined) => list?.map((e) => `${e.uuid}${e.isMuted ? '*' : ''}`);

describe('the roster mirror', () => {
  it('takes a snapshot whole, then applies each change that follows it: places kept, newcomers last', () => {
    const mirror = createRosterMirror();
    expect(uuids(mirror.apply(message(4, [entry('a'), entry('b'), entry('c')], [], true)))).toEqual(['a', 'b', 'c']);
    expect(uuids(mirror.apply(message(5, [entry('b', true), entry('d')], ['a'])))).toEqual(['b*', 'c', 'd']);
    // Removing someone it never held is no error (they came and went within one message).
    const list = mirror.apply(message(6, [], ['x']));
    expect(uuids(list)).toEqual(['b*', 'c', 'd']);
    expect(Object.isFrozen(list)).toBe(true);
  });

  it('refuses a change that does not follow the last one, and every change until a snapshot', () => {
    const mirror = createRosterMirror();
    mirror.apply(message(1, [entry('a')], [], true));
    expect(mirror.apply(message(3, [entry('b')]))).toBeUndefined();
    expect(mirror.apply(message(4, [entry('c')]))).toBeUndefined();
    expect(uuids(mirror.apply(message(9, [entry('a'), entry('b')], [], true)))).toEqual(['a', 'b']);
    expect(uuids(mirror.apply(message(10, [entry('c')])))).toEqual(['a', 'b', 'c']);
  });

  it('takes no change before its first snapshot, nor after a reset', () => {
    const mirror = createRosterMirror();
    expect(mirror.apply(message(1, [entry('a')]))).toBeUndefined();
    mirror.apply(message(2, [entry('a')], [], true));
    mirror.reset();
    expect(mirror.apply(message(3, [entry('b')]))).toBeUndefined();
    expect(uuids(mirror.apply(message(1, [entry('z')], [], true)))).toEqual(['z']);
  });
});
