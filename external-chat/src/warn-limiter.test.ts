import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWarnLimiter } from './warn-limiter';

const more = (from: string) => (count: number) => `ignored ${count} more from ${from} in the last 10 s`;

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
    for (let i = 0; i < 500; i++) warn('a', 'first from a', more('a'));
    warn('b', 'first from b', more('b'));
    expect(written).toEqual(['first from a', 'first from b']);

    vi.advanceTimersByTime(9_999);
    expect(written).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(written).toEqual(['first from a', 'first from b', 'ignored 499 more from a in the last 10 s']);
  });

  it('keeps summing up while the flood goes on, one line per window', () => {
    const { written, warn } = limiter();
    warn('a', 'first', more('a'));
    for (let second = 0; second < 30; second++) {
      for (let i = 0; i < 7; i++) warn('a', 'first', more('a'));
      vi.advanceTimersByTime(1_000);
    }
    expect(written).toEqual(['first', 'ignored 70 more from a in the last 10 s', 'ignored 70 more from a in the last 10 s', 'ignored 70 more from a in the last 10 s']);
  });

  it('writes in full again after a window without any', () => {
    const { written, warn } = limiter();
    warn('a', 'first', more('a'));
    vi.advanceTimersByTime(10_000);
    expect(vi.getTimerCount()).toBe(0);
    warn('a', 'first', more('a'));
    expect(written).toEqual(['first', 'first']);
  });

  it('after a summary, waits another window before closing the key', () => {
    const { written, warn } = limiter();
    warn('a', 'first', more('a'));
    warn('a', 'first', more('a'));
    vi.advanceTimersByTime(10_000);
    warn('a', 'first', more('a'));
    vi.advanceTimersByTime(10_000);
    vi.advanceTimersByTime(10_000);
    expect(written).toEqual(['first', 'ignored 1 more from a in the last 10 s', 'ignored 1 more from a in the last 10 s']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
