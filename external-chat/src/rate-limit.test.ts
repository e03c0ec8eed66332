import { describe, expect, it } from 'vitest';
import { createRateLimit } from './rate-limit';

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
