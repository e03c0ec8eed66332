import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWarnLimiter } from './warn-limiter';

function limiter() {
  const written: string[] = [];
  const warn = createWarnLimiter({ write: (message) => written.push(message), windowMs: 10_000 });
  return { written, warn };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createWarnLimiter', () => {
  it('writes the first warning per key at once and sums up the rest once per window', () => {
    const { written, warn } = limiter();
    for (let i = 0; i < 500; i++) warn('a', 'first from a');
    warn('b', 'first from b');
    expect(written).toEqual(['first from a', 'first from b']);

    vi.advanceTimersByTime(9_999);
    expect(written).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(written).toEqual(['first from a', 'first from b', '499 more in the last 10 s like: first from a']);
  });

  it('keeps summing up while the flood goes on, one line per window', () => {
    const { written, warn } = limiter();
    warn('a', 'first');
    for (let second = 0; second < 30; second++) {
      for (let i = 0; i < 7; i++) warn('a', 'first');
      vi.advanceTimersByTime(1_000);
    }
    expect(written).toEqual(['first', '70 more in the last 10 s like: first', '70 more in the last 10 s like: first', '70 more in the last 10 s like: first']);
  });

  it('writes in full again after a window without any', () => {
    const { written, warn } = limiter();
    warn('a', 'first');
    vi.advanceTimersByTime(10_000);
    expect(vi.getTimerCount()).toBe(0);
    warn('a', 'first');
    expect(written).toEqual(['first', 'first']);
  });

  it('after a summary, waits another window before closing the key', () => {
    const { written, warn } = limiter();
    warn('a', 'first');
    warn('a', 'first');
    vi.advanceTimersByTime(10_000);
    warn('a', 'first');
    vi.advanceTimersByTime(10_000);
    vi.advanceTimersByTime(10_000);
    expect(written).toEqual(['first', '1 more in the last 10 s like: first', '1 more in the last 10 s like: first']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
