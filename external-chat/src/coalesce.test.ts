import { describe, expect, it } from 'vitest';
import { createCoalescer } from './coalesce';
import { manualClock } from './manual-clock';

describe('coalescer', () => {
  it('sends the first change of a quiet spell at once', () => {
    const { clock } = manualClock();
    const sent: number[] = [];
    const c = createCoalescer(() => void sent.push(clock.now()), 100, clock);
    c.changed();
    expect(sent).toEqual([0]);
  });

  it('sends a burst as one message at the end of the interval, reading the state then', () => {
    const { clock, advance } = manualClock();
    let state = 0;
    const sent: [number, number][] = [];
    const c = createCoalescer(() => void sent.push([clock.now(), state]), 100, clock);
    for (let i = 1; i <= 50; i++) {
      state = i;
      c.changed();
      advance(3);
    }
    advance(200);
    // 50 changes over 150 ms: the first at once, then one per 100 ms, the last state always sent.
    expect(sent).toEqual([
      [0, 1],
      [100, 34],
      [200, 50],
    ]);
  });

  it('never sends twice within the interval, whatever the pattern of changes', () => {
    const { clock, advance } = manualClock();
    const sent: number[] = [];
    const c = createCoalescer(() => void sent.push(clock.now()), 100, clock);
    for (const gap of [0, 1, 99, 1, 150, 0, 30, 70, 5, 300, 2]) {
      advance(gap);
      c.changed();
    }
    advance(1000);
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(100);
    expect(sent.length).toBeGreaterThan(3);
  });

  it('after a send now (a snapshot), the next change waits its turn; cancel forgets a pending send', () => {
    const { clock, advance, pending } = manualClock();
    const sent: number[] = [];
    const c = createCoalescer(() => void sent.push(clock.now()), 100, clock);
    advance(500);
    c.now();
    c.changed();
    expect(sent).toEqual([500]);
    sent.length = 0;
    advance(100);
    expect(sent).toEqual([600]);
    c.changed();
    expect(pending()).toBe(1);
    c.cancel();
    advance(1000);
    expect(sent).toEqual([600]);
  });

  it('waits longer after a send that asks for it (a large message), and never less than the interval', () => {
    const { clock, advance } = manualClock();
    const sent: number[] = [];
    const waits = [1_000, 20];
    const c = createCoalescer(() => {
      sent.push(clock.now());
      return waits.shift();
    }, 100, clock);
    c.changed();
    advance(500);
    c.changed();
    advance(499);
    expect(sent).toEqual([0]);
    advance(1);
    expect(sent).toEqual([0, 1_000]);
    c.changed();
    advance(99);
    expect(sent).toEqual([0, 1_000]);
    advance(1);
    expect(sent).toEqual([0, 1_000, 1_100]);
  });
});
