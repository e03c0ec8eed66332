import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestWins } from './latest-wins';

/** A send whose completions the test controls. */
function controlledSend() {
  const sent: number[] = [];
  const finish: (() => void)[] = [];
  const send = vi.fn((value: number) => {
    sent.push(value);
    return new Promise<void>((resolve) => finish.push(resolve));
  });
  const completeNext = async (): Promise<void> => {
    finish.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { sent, send, completeNext };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const timing = { quietMs: 8, maxDeferMs: 200 };

describe('latestWins', () => {
  it('sends an isolated command at once, and one per command when they do not overlap', async () => {
    const { sent, send, completeNext } = controlledSend();
    const set = latestWins<number>(send, 0, Object.is, () => undefined, timing);
    set(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([1]);
    await completeNext();
    set(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([1, 2]);
    await completeNext();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('collapses commands delivered in one task into one send', async () => {
    const { sent, completeNext, send } = controlledSend();
    const set = latestWins<number>(send, 0, Object.is, () => undefined, timing);
    for (let i = 1; i <= 1000; i++) set(i);
    await completeNext();
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toEqual([1000]);
  });

  it('turns a burst of 1,000 commands spread over time into two sends, the last value last', async () => {
    const { sent, send, completeNext } = controlledSend();
    const set = latestWins<number>(send, 0, Object.is, () => undefined, timing);
    set(1);
    await vi.advanceTimersByTimeAsync(0);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    // The rest trickles in one at a time (as cross-process messages do) while sends complete at once.
    for (let i = 2; i <= 1000; i++) {
      set(i % 2);
      await vi.advanceTimersByTimeAsync(0.1);
      if (i % 10 === 0) await completeNext();
    }
    expect(sent).toEqual([1]);
    // One timer per quiet window, not one per command.
    expect(timers.mock.calls.length).toBeLessThan(20);
    timers.mockRestore();
    await vi.advanceTimersByTimeAsync(timing.quietMs);
    await completeNext();
    expect(sent).toEqual([1, 0]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does not hold a changed state back longer than maxDeferMs in an endless stream', async () => {
    const { sent, send, completeNext } = controlledSend();
    const set = latestWins<number>(send, 0, Object.is, () => undefined, timing);
    set(1);
    await vi.advanceTimersByTimeAsync(0);
    set(2);
    await completeNext();
    for (let i = 3; i < 300; i++) {
      set(i);
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(3);
  });

  it('sends nothing when the wanted value is the one already shown', async () => {
    const { send } = controlledSend();
    const set = latestWins<number>(send, 0, Object.is, () => undefined, timing);
    set(1);
    set(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(send).not.toHaveBeenCalled();
  });

  it('reports a failed send and sends again on the next command', async () => {
    const errors: unknown[] = [];
    const send = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(undefined);
    const set = latestWins<number>(send, 0, Object.is, (error) => errors.push(error), timing);
    set(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([new Error('boom')]);
    set(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(send.mock.calls).toEqual([[1], [1]]);
  });
});

describe('latestWins: defaults and recovery', () => {
  it('by default holds a burst until ~10 ms after its last command, then sends the last value', async () => {
    const { sent, send, completeNext } = controlledSend();
    const set = latestWins<number>(send, 0, Object.is, () => undefined);
    set(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([1]);
    set(2);
    set(3);
    await completeNext();
    await vi.advanceTimersByTimeAsync(5);
    expect(sent).toEqual([1]);
    await vi.advanceTimersByTimeAsync(5);
    expect(sent).toEqual([1, 3]);
  });

  it('after a failed send, sends the same value again even with an equals that reads both values', async () => {
    type State = { active: boolean };
    const errors: unknown[] = [];
    const send = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(undefined);
    const sameState = (a: State, b: State): boolean => a.active === b.active;
    const set = latestWins<State>(send, { active: false }, sameState, (error) => errors.push(error), timing);
    set({ active: true });
    await vi.advanceTimersByTimeAsync(0);
    set({ active: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([new Error('boom')]);
    expect(send.mock.calls).toEqual([[{ active: true }], [{ active: true }]]);
  });
});
