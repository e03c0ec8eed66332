import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTimeout } from './with-timeout';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withTimeout', () => {
  it('passes a result through and clears its timer', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, 'late')).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with the message when nothing answers in time', async () => {
    const never = withTimeout(new Promise(() => undefined), 1000, 'ui:button:update got no answer within 1000 ms');
    const check = expect(never).rejects.toThrow('ui:button:update got no answer within 1000 ms');
    await vi.advanceTimersByTimeAsync(1000);
    await check;
    expect(vi.getTimerCount()).toBe(0);
  });
});
