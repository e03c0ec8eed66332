import { describe, expect, it, vi } from 'vitest';
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
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { sent, send, completeNext };
}

describe('latestWins', () => {
  it('turns a burst of 1,000 commands into at most two sends, the last value last', async () => {
    const { sent, send, completeNext } = controlledSend();
    const set = latestWins<number>(send, 0, Object.is, () => undefined);
    for (let i = 1; i <= 1000; i++) set(i);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Commands delivered together collapse into one send.
    expect(sent).toEqual([1000]);
    // While that send is in flight, more commands only change what is wanted next.
    for (let i = 1; i <= 1000; i++) set(i % 2 === 0 ? 5 : 6);
    await completeNext();
    expect(sent).toEqual([1000, 5]);
    await completeNext();
    expect(sent).toEqual([1000, 5]);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('sends nothing when the wanted value is the one already shown', async () => {
    const { send } = controlledSend();
    const set = latestWins<number>(send, 0, Object.is, () => undefined);
    set(1);
    set(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(send).not.toHaveBeenCalled();
  });

  it('reports a failed send and sends again on the next command', async () => {
    const errors: unknown[] = [];
    const send = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(undefined);
    const set = latestWins<number>(send, 0, Object.is, (error) => errors.push(error));
    set(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors).toEqual([new Error('boom')]);
    set(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(send.mock.calls).toEqual([[1], [1]]);
  });
});
