import { beforeEach, describe, expect, it } from 'vitest';
import { checkToast, DEFAULT_TOAST_TIMEOUT_MS, Toasts, type ToastSpec } from './toasts';

describe('checkToast', () => {
  it('fills in Web App 3’s defaults: 5 s at the bottom, not danger', () => {
    expect(checkToast({ message: 'Saved' })).toEqual({
      message: 'Saved',
      isDanger: false,
      isInterrupt: false,
      canDismiss: false,
      position: 'bottomCenter',
      timeout: DEFAULT_TOAST_TIMEOUT_MS,
    });
    expect(DEFAULT_TOAST_TIMEOUT_MS).toBe(5000);
  });

  it('keeps what the plugin gave', () => {
    expect(checkToast({ message: '', isDanger: true, isInterrupt: true, canDismiss: true, position: 'topCenter', timeout: 0 })).toEqual({
      message: '',
      isDanger: true,
      isInterrupt: true,
      canDismiss: true,
      position: 'topCenter',
      timeout: 0,
    });
  });

  it.each([
    ['hello', 'ui:toast:show needs an object payload {message, isDanger?, timeout?, position?, …}, got "hello"'],
    [{}, "ui:toast:show: 'message' must be a string, got undefined"],
    [{ message: 5 }, "ui:toast:show: 'message' must be a string, got 5"],
    [{ message: 'x', isDanger: 'yes' }, `ui:toast:show: 'isDanger' must be a boolean when given, got "yes"`],
    [{ message: 'x', canDismiss: 1 }, "ui:toast:show: 'canDismiss' must be a boolean when given, got 1"],
    [{ message: 'x', timeout: -1 }, "ui:toast:show: 'timeout' must be a number of milliseconds >= 0 when given, got -1"],
    [{ message: 'x', timeout: '100' }, `ui:toast:show: 'timeout' must be a number of milliseconds >= 0 when given, got "100"`],
    [{ message: 'x', position: 'left' }, `ui:toast:show: 'position' must be 'topCenter' or 'bottomCenter' when given, got "left"`],
  ])('refuses %j, naming the field', (payload, error) => {
    expect(checkToast(payload)).toEqual({ error });
  });
});

describe('Toasts', () => {
  let shown: Array<ToastSpec | null>;
  let dismissers: Array<() => void>;
  let timers: Map<number, () => void>;
  let nextTimer: number;
  let toasts: Toasts;
  const fire = (): void => {
    const [id, run] = [...timers][0] ?? [];
    if (id === undefined || !run) throw new Error('no timer armed');
    timers.delete(id);
    run();
  };
  const current = () => shown.at(-1)?.message ?? null;

  beforeEach(() => {
    shown = [];
    dismissers = [];
    timers = new Map();
    nextTimer = 0;
    toasts = new Toasts(
      { show: (t, dismiss) => (shown.push(t), dismissers.push(dismiss)), hide: () => shown.push(null) },
      () => 'toast-id',
      { setTimeout: (run) => (timers.set(++nextTimer, run), nextTimer), clearTimeout: (h) => timers.delete(h as number), now: () => 42 },
    );
  });

  it('answers ok and logs the toast with its defaults; a bad one is refused as a failed GenericRPCReply and not logged', () => {
    expect(toasts.show('chat', { message: 'Saved' })).toEqual({ status: 'ok', id: 'toast-id', data: undefined });
    expect(toasts.show('chat', { message: null })).toEqual({ status: 'failed', reason: "ui:toast:show: 'message' must be a string, got null", id: 'toast-id' });
    expect(toasts.log).toEqual([{ pluginId: 'chat', message: 'Saved', isDanger: false, timeout: 5000, position: 'bottomCenter', t: 42 }]);
  });

  it('one at a time: the next shows when the current times out, then the toast goes away', () => {
    toasts.show('chat', { message: 'one' });
    toasts.show('chat', { message: 'two' });
    expect(current()).toBe('one');
    fire();
    expect(current()).toBe('two');
    fire();
    expect(shown.at(-1)).toBeNull();
    expect(toasts.showing).toBeNull();
  });

  it('isInterrupt replaces the current toast', () => {
    toasts.show('chat', { message: 'one' });
    toasts.show('chat', { message: 'now', isInterrupt: true });
    expect(current()).toBe('now');
    expect(timers.size).toBe(1);
  });

  it('a toast with timeout 0 stays until dismissed and discards an interrupter (still logged)', () => {
    toasts.show('chat', { message: 'sticky', timeout: 0 });
    expect(timers.size).toBe(0);
    toasts.show('chat', { message: 'rude', isInterrupt: true });
    toasts.show('chat', { message: 'queued' });
    expect(current()).toBe('sticky');
    dismissers.at(-1)?.();
    expect(current()).toBe('queued');
    expect(toasts.log.map((t) => t.message)).toEqual(['sticky', 'rude', 'queued']);
  });

  it('a close button of a toast already replaced does not end the next one', () => {
    toasts.show('chat', { message: 'one', canDismiss: true });
    const closeOne = dismissers.at(-1);
    toasts.show('chat', { message: 'two', isInterrupt: true });
    closeOne?.();
    expect(current()).toBe('two');
  });
});
