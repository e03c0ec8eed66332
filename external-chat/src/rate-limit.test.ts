import { describe, expect, it } from 'vitest';
import { createLane, createRateLimit, createTokenBucket } from './rate-limit';

describe('one go per interval', () => {
  it('allows the first, refuses others within the interval saying how long to wait, and counts only the allowed', () => {
    let now = 1_000;
    const limit = createRateLimit(3_000, () => now);
    expect(limit.take()).toBe(0);
    now += 1_000;
    expect(limit.take()).toBe(2_000);
    now += 1_999;
    expect(limit.take()).toBe(1);
    now += 1;
    expect(limit.take()).toBe(0);
    // The refused ones did not move the window: the next go is 3 s after the last allowed one.
    now += 2_999;
    expect(limit.take()).toBe(1);
  });
});

describe('token bucket', () => {
  it('lets a burst through at once, then refills at the steady rate, never above the burst', () => {
    let now = 0;
    const bucket = createTokenBucket(3, 10, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 99;
    expect(bucket.take()).toBe(false);
    now += 1;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    // A long quiet spell refills the burst, not more.
    now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('counts only what it let through: refusals do not push the next go further away', () => {
    let now = 0;
    const bucket = createTokenBucket(1, 1, () => now);
    expect(bucket.take()).toBe(true);
    for (let i = 0; i < 100; i++) expect(bucket.take()).toBe(false);
    now += 1_000;
    expect(bucket.take()).toBe(true);
  });
});

describe('lane', () => {
  it('runs at most inFlight jobs, lines up at most `waiting` more in order, refuses beyond, and runs the next as one leaves', () => {
    const lane = createLane(2, 2);
    const ran: number[] = [];
    const results = [1, 2, 3, 4, 5].map((n) => lane.enter(() => ran.push(n)));
    expect(results).toEqual([true, true, true, true, false]);
    expect(ran).toEqual([1, 2]);
    lane.leave();
    expect(ran).toEqual([1, 2, 3]);
    lane.leave();
    lane.leave();
    expect(ran).toEqual([1, 2, 3, 4]);
    // The last two leave with nothing in line: both places are free again.
    lane.leave();
    expect([lane.enter(() => ran.push(6)), lane.enter(() => ran.push(7)), lane.enter(() => ran.push(8))]).toEqual([true, true, true]);
    expect(ran).toEqual([1, 2, 3, 4, 6, 7]);
  });
});
