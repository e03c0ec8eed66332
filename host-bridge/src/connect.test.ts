import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectExternalChat } from './connect';
import { ACTION_PREFIX } from './contract';
import { CallInterruptedError, DialOutError, InvalidParamsError, TimeoutError } from './errors';

const WEBAPP = 'https://pexip.example.com';
const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' } as const;
const envelope = (name: string, fields: object = {}) => ({ action: `${ACTION_PREFIX}${name}`, ...fields });

/** Enough of a Window for the bridge: identity, parent, frames, postMessage. */
class FakeWindow {
  readonly posted: { data: Record<string, unknown>; origin: string }[] = [];
  frames: FakeWindow[] & { length: number } = [];
  readonly parent: FakeWindow;
  constructor(parent?: FakeWindow) {
    this.parent = parent ?? this;
    parent?.frames.push(this);
  }
  postMessage(data: Record<string, unknown>, origin: string): void {
    this.posted.push({ data: structuredClone(data), origin });
  }
  actions(): string[] {
    return this.posted.map((p) => String(p.data.action).slice(ACTION_PREFIX.length));
  }
}

function setup(options: Parameters<typeof connectExternalChat>[1] = { webappOrigin: WEBAPP }) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const host = {
    addEventListener: (_: string, l: (event: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (event: MessageEvent) => void) => listeners.delete(l),
  } as unknown as Window;
  const top = new FakeWindow();
  const webapp = new FakeWindow(top);
  const plugin = new FakeWindow(webapp);
  const iframe = { contentWindow: webapp } as unknown as HTMLIFrameElement;
  const chat = connectExternalChat(iframe, { ...options, window: host });
  const deliver = (data: unknown, source: FakeWindow | null = plugin, origin = WEBAPP): void => {
    for (const listener of [...listeners]) listener({ data, source, origin } as unknown as MessageEvent);
  };
  const ready = (instanceId = 'i1', source = plugin): void => deliver(envelope('ready', { instanceId }), source);
  const sentToPlugin = (name: string) => plugin.posted.filter((p) => p.data.action === `${ACTION_PREFIX}${name}`).map((p) => p.data);
  return { chat, listeners, top, webapp, plugin, deliver, ready, sentToPlugin };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('finding the plugin', () => {
  it('resolves ready on a ready from a frame inside the Web App 3 iframe, and posts to that frame with its origin', async () => {
    const s = setup();
    s.ready();
    await expect(s.chat.ready).resolves.toBeUndefined();
    await s.chat.setBadge(true);
    expect(s.plugin.posted.at(-1)).toEqual({ data: envelope('toggle-chat-badge', { visible: true }), origin: WEBAPP });
  });

  it('ignores ready from Web App 3 itself, from outside the iframe, and from other origins', async () => {
    const s = setup();
    const outsider = new FakeWindow(s.top);
    const onReady = vi.fn();
    s.chat.on('ready', onReady);
    s.deliver(envelope('ready'), s.webapp);
    s.deliver(envelope('ready'), outsider);
    s.deliver(envelope('ready'), s.plugin, 'https://evil.example');
    s.deliver(envelope('ready'), null);
    expect(onReady).not.toHaveBeenCalled();
    s.ready();
    expect(onReady).toHaveBeenCalledWith({ instanceId: 'i1' });
  });

  it('pings Web App 3 and its frames until a ready answers, backing off, then stops', () => {
    const s = setup();
    expect(s.webapp.actions()).toEqual(['ping']);
    expect(s.plugin.actions()).toEqual(['ping']);
    vi.advanceTimersByTime(10_000);
    const pings = s.plugin.actions().length;
    // 100, 200, 400, 800, 1600, then every 2 s: no flood.
    expect(pings).toBeGreaterThan(4);
    expect(pings).toBeLessThan(12);
    s.ready();
    vi.advanceTimersByTime(60_000);
    expect(s.plugin.actions().filter((a) => a === 'ping').length).toBe(pings);
  });

  it('with no webappOrigin accepts any origin and says so once', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const s = setup({});
    s.deliver(envelope('ready'), s.plugin, 'https://anything.example');
    await expect(s.chat.ready).resolves.toBeUndefined();
    expect(info).toHaveBeenCalledTimes(1);
    info.mockRestore();
  });

  it('warns once when the plugin speaks from an origin webappOrigin does not list', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = setup();
    s.deliver(envelope('ready'), s.plugin, 'https://cdn.example.com');
    s.deliver(envelope('ready'), s.plugin, 'https://cdn.example.com');
    expect(warn.mock.calls).toEqual([[`[external-chat] ignored the plugin's ready from https://cdn.example.com: not in webappOrigin (${WEBAPP})`]]);
    warn.mockRestore();
  });

  it('emits ready once per plugin instance, however often it repeats itself', () => {
    const s = setup();
    const onReady = vi.fn();
    s.chat.on('ready', onReady);
    s.ready('i1');
    s.ready('i1');
    s.ready('i1');
    s.ready('i2');
    expect(onReady.mock.calls).toEqual([[{ instanceId: 'i1' }], [{ instanceId: 'i2' }]]);
  });

  it.each([['https://pexip.example.com/'], ['pexip.example.com'], [['https://a.example', 'https://b.example/path']]])(
    'refuses webappOrigin %j, saying what to write',
    (webappOrigin) => {
      expect(() => setup({ webappOrigin })).toThrow(/webappOrigin: .* is not an origin; write scheme:\/\/host\[:port\]/);
    },
  );

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '1000'])('refuses timeoutMs %s', async (timeoutMs) => {
    expect(() => setup({ webappOrigin: WEBAPP, timeoutMs: timeoutMs as number })).toThrow(InvalidParamsError);
    const s = setup();
    s.ready();
    await expect(s.chat.dialOut(dial, { timeoutMs: timeoutMs as number })).rejects.toThrow('dialOut: timeoutMs must be a whole number');
    expect(s.sentToPlugin('dial-out')).toEqual([]);
  });
});

describe('calls', () => {
  it('queues calls made before ready and sends them on ready', async () => {
    const s = setup();
    const badge = s.chat.setBadge(true);
    const dialed = s.chat.dialOut(dial);
    expect(s.sentToPlugin('dial-out')).toEqual([]);
    s.ready();
    await badge;
    const [sent] = s.sentToPlugin('dial-out');
    expect(sent).toMatchObject(dial);
    s.deliver(envelope('dial-out-success', { uuid: 'u1', displayName: 'Alice', requestId: sent?.requestId }));
    await expect(dialed).resolves.toEqual({ uuid: 'u1', displayName: 'Alice' });
  });

  it('resolves concurrent dial-outs by requestId, whatever the reply order', async () => {
    const s = setup();
    s.ready();
    const calls = [1, 2, 3].map((i) => s.chat.dialOut({ ...dial, destination: `p${i}@example.com` }));
    const sent = s.sentToPlugin('dial-out');
    for (const message of [...sent].reverse()) {
      s.deliver(envelope('dial-out-success', { uuid: `uuid-${message.destination}`, requestId: message.requestId }));
    }
    await expect(Promise.all(calls)).resolves.toEqual([1, 2, 3].map((i) => ({ uuid: `uuid-p${i}@example.com` })));
  });

  it('falls back to the oldest pending dial-out when the plugin does not echo requestId', async () => {
    const s = setup();
    s.ready();
    const first = s.chat.dialOut({ ...dial, destination: 'first@example.com' });
    const second = s.chat.dialOut({ ...dial, destination: 'second@example.com' });
    s.deliver(envelope('dial-out-error', { message: 'busy' }));
    s.deliver(envelope('dial-out-success', { uuid: 'u2' }));
    await expect(first).rejects.toEqual(new DialOutError('busy'));
    await expect(second).resolves.toEqual({ uuid: 'u2' });
  });

  it('rejects an invalid dial body before anything is sent, naming the field', async () => {
    const s = setup();
    s.ready();
    const result = s.chat.dialOut({ ...dial, protocol: 'carrier-pigeon' } as never);
    await expect(result).rejects.toBeInstanceOf(InvalidParamsError);
    await expect(result).rejects.toThrow("'protocol' must be one of sip, h323, rtmp, mssip, auto");
    await expect(s.chat.setBadge('yes' as never)).rejects.toThrow("setBadge: 'visible' must be true or false");
    expect(s.sentToPlugin('dial-out')).toEqual([]);
    expect(s.sentToPlugin('toggle-chat-badge')).toEqual([]);
  });

  it('forwards only the dial fields', () => {
    const s = setup();
    s.ready();
    void s.chat.dialOut({ ...dial, sneaky: 'x' } as never);
    expect(Object.keys(s.sentToPlugin('dial-out')[0] ?? {}).sort()).toEqual(['action', 'destination', 'protocol', 'requestId', 'role']);
  });

  it('times out with TimeoutError (default and per call), and 0 means wait', async () => {
    const s = setup({ webappOrigin: WEBAPP, timeoutMs: 1000 });
    s.ready();
    const byDefault = s.chat.dialOut(dial);
    const perCall = s.chat.dialOut(dial, { timeoutMs: 50 });
    const never = s.chat.dialOut(dial, { timeoutMs: 0 });
    const settled = vi.fn();
    never.then(settled, settled);
    vi.advanceTimersByTime(50);
    await expect(perCall).rejects.toBeInstanceOf(TimeoutError);
    vi.advanceTimersByTime(950);
    await expect(byDefault).rejects.toThrow('dialOut got no answer from the plugin within 1000 ms');
    vi.advanceTimersByTime(1_000_000);
    await Promise.resolve();
    expect(settled).not.toHaveBeenCalled();
    s.chat.close();
    await expect(never).rejects.toBeInstanceOf(CallInterruptedError);
  });

  it('rejects with the abort reason, before or after sending', async () => {
    const s = setup();
    s.ready();
    const aborted = AbortSignal.abort(new Error('user cancelled'));
    await expect(s.chat.dialOut(dial, { signal: aborted })).rejects.toThrow('user cancelled');
    const controller = new AbortController();
    const pending = s.chat.dialOut(dial, { signal: controller.signal });
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: 'stop' });
  });
});

describe('plugin restarts', () => {
  it('re-applies button state on every ready and rejects dial-outs the old instance had', async () => {
    const s = setup();
    s.ready('i1');
    await s.chat.setButtonActive(true);
    await s.chat.setBadge(true);
    const inFlight = s.chat.dialOut(dial);
    s.plugin.posted.length = 0;
    s.ready('i2');
    await expect(inFlight).rejects.toMatchObject({ name: 'CallInterruptedError', reason: 'plugin-restarted' });
    await expect(inFlight).rejects.toThrow('whether it reached the meeting is unknown');
    expect(s.plugin.actions()).toEqual(['toggle-chat-button-state', 'toggle-chat-badge']);
    expect(s.sentToPlugin('toggle-chat-button-state')).toEqual([envelope('toggle-chat-button-state', { active: true })]);
  });

  it('does not treat a repeated ready from the same instance as a restart', async () => {
    const s = setup();
    s.ready('i1');
    const inFlight = s.chat.dialOut(dial);
    s.ready('i1');
    const [sent] = s.sentToPlugin('dial-out');
    s.deliver(envelope('dial-out-success', { uuid: 'u', requestId: sent?.requestId }));
    await expect(inFlight).resolves.toEqual({ uuid: 'u' });
  });

  it('treats a ready without instanceId after the first as a restart', async () => {
    const s = setup();
    s.deliver(envelope('ready'));
    const inFlight = s.chat.dialOut(dial);
    s.deliver(envelope('ready'));
    await expect(inFlight).rejects.toBeInstanceOf(CallInterruptedError);
  });
});

describe('events', () => {
  it('delivers toggle-chat, connected and disconnected from the plugin only', () => {
    const s = setup();
    s.ready();
    const seen: unknown[] = [];
    const off = s.chat.on('toggle-chat', (p) => seen.push(['toggle', p]));
    s.chat.on('connected', (p) => seen.push(['connected', p]));
    s.chat.on('disconnected', (p) => seen.push(['disconnected', p]));
    s.deliver(envelope('toggle-chat', { active: true }));
    s.deliver(envelope('toggle-chat', { active: true }), s.webapp);
    s.deliver(envelope('toggle-chat', { active: 'yes' }));
    s.deliver(envelope('connected'));
    s.deliver(envelope('disconnected', { userInitiated: true }));
    off();
    s.deliver(envelope('toggle-chat', { active: false }));
    expect(seen).toEqual([['toggle', { active: true }], ['connected', {}], ['disconnected', { userInitiated: true }]]);
  });

  it('keeps working when a handler throws, and never throws out of its listener', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = setup();
    s.ready();
    const after = vi.fn();
    s.chat.on('toggle-chat', () => {
      throw new Error('page bug');
    });
    s.chat.on('toggle-chat', after);
    for (const junk of [null, 1, 'x', [], { action: 5 }, { action: `${ACTION_PREFIX}ready`, instanceId: 9 }]) {
      expect(() => s.deliver(junk)).not.toThrow();
    }
    expect(() => s.deliver(envelope('toggle-chat', { active: true }))).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it('rejects an unknown event name', () => {
    const s = setup();
    expect(() => s.chat.on('nope' as never, () => undefined)).toThrow(InvalidParamsError);
  });
});

describe('close and leaks', () => {
  it('rejects pending calls and ready, removes its listener and timers', async () => {
    const s = setup();
    const queued = s.chat.dialOut(dial);
    s.chat.close();
    await expect(s.chat.ready).rejects.toMatchObject({ name: 'CallInterruptedError', reason: 'closed' });
    await expect(queued).rejects.toMatchObject({ name: 'CallInterruptedError', reason: 'closed' });
    await expect(s.chat.setBadge(true)).rejects.toBeInstanceOf(CallInterruptedError);
    // Bad input is still named as such after close.
    await expect(s.chat.setBadge('yes' as never)).rejects.toBeInstanceOf(InvalidParamsError);
    expect(s.listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer or listener after 10,000 settled calls (pending entries: host-endpoint.test.ts)', async () => {
    const s = setup({ webappOrigin: WEBAPP, timeoutMs: 5000 });
    s.ready();
    const signal = new AbortController().signal;
    const add = vi.spyOn(signal, 'addEventListener');
    const remove = vi.spyOn(signal, 'removeEventListener');
    for (let i = 0; i < 10_000; i++) {
      const call = s.chat.dialOut(dial, { signal });
      const sent = s.plugin.posted.pop()?.data;
      s.deliver(envelope(i % 2 ? 'dial-out-success' : 'dial-out-error', { uuid: 'u', message: 'm', requestId: sent?.requestId }));
      await call.catch(() => undefined);
    }
    expect(vi.getTimerCount()).toBe(0);
    expect(add).toHaveBeenCalledTimes(10_000);
    expect(remove).toHaveBeenCalledTimes(10_000);
    expect(s.listeners.size).toBe(1);
    s.chat.close();
    expect(s.listeners.size).toBe(0);
  });
});
