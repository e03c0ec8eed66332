import type { InfinityParticipant } from '@pexip/plugin-api';
import { describe, expect, it } from 'vitest';
import { CHATTER_LINES, Chatter, nextLine, type ChatterLine } from './chatter';
import { seededRandom } from './churn';
import { person } from './people';

const room = [person(0), person(1), person(2)];

/** A clock whose interval runs only when the test says so. */
function manualClock() {
  let tick: (() => void) | null = null;
  let ms = 0;
  return {
    setInterval: (run: () => void, every: number) => ((tick = run), (ms = every), 1),
    clearInterval: () => void (tick = null),
    fire: (n = 1) => {
      for (let i = 0; i < n; i++) tick?.();
    },
    get armed() {
      return tick !== null;
    },
    get ms() {
      return ms;
    },
  };
}

function chatter(seed = 1, speakers: InfinityParticipant[] = room) {
  const clock = manualClock();
  const said: ChatterLine[] = [];
  let active = true;
  const c = new Chatter({ active: () => active, speakers: () => speakers, say: (l) => said.push(l) }, seed, clock);
  return { c, clock, said, setActive: (a: boolean) => (active = a) };
}

describe('nextLine', () => {
  it('a speaker from the room and a line from the list; null in an empty room', () => {
    const line = nextLine(seededRandom(1), room);
    expect(room.map((p) => p.uuid)).toContain(line?.uuid);
    expect(CHATTER_LINES).toContain(line?.text);
    expect(nextLine(seededRandom(1), [])).toBeNull();
  });

  it('about one line in five is private', () => {
    const random = seededRandom(7);
    const lines = Array.from({ length: 1000 }, () => nextLine(random, room) as ChatterLine);
    const direct = lines.filter((l) => l.direct).length;
    expect(direct).toBeGreaterThan(150);
    expect(direct).toBeLessThan(250);
  });
});

describe('Chatter', () => {
  it('the same seed and room give the same conversation; another seed another one', () => {
    const a = chatter(3);
    const b = chatter(3);
    const other = chatter(4);
    for (const x of [a, b, other]) {
      x.c.setSeconds(2);
      x.clock.fire(20);
    }
    expect(a.said).toHaveLength(20);
    expect(a.said).toEqual(b.said);
    expect(other.said).not.toEqual(a.said);
  });

  it('runs every `seconds` only while in the meeting, and starts from the seed again at the next meeting', () => {
    const x = chatter(5);
    x.setActive(false);
    x.c.setSeconds(1.5);
    expect(x.clock.armed).toBe(false);
    x.setActive(true);
    x.c.sync();
    expect([x.clock.armed, x.clock.ms, x.c.running]).toEqual([true, 1500, true]);
    x.clock.fire(3);
    const first = x.said.splice(0);
    x.setActive(false);
    x.c.sync();
    expect(x.c.running).toBe(false);
    x.setActive(true);
    x.c.sync();
    x.clock.fire(3);
    expect(x.said).toEqual(first);
  });

  it('0 stops; a new interval restarts the timer; a bad interval throws and changes nothing', () => {
    const x = chatter();
    x.c.setSeconds(2);
    x.c.setSeconds(0.5);
    expect(x.clock.ms).toBe(500);
    expect(() => x.c.setSeconds(-1)).toThrow(RangeError);
    expect(() => x.c.setSeconds(Number.NaN)).toThrow('chatter interval must be a number of seconds >= 0');
    expect(x.c.seconds).toBe(0.5);
    x.c.setSeconds(0);
    expect([x.clock.armed, x.c.running]).toEqual([false, false]);
  });

  it('says nothing in an empty room', () => {
    const x = chatter(1, []);
    expect(x.c.step()).toBeNull();
    expect(x.said).toEqual([]);
  });
});
