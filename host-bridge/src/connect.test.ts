import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectExternalChat } from './connect.js';
import { ACTION_PREFIX } from './contract/internal.js';
import { CallInterruptedError, DialOutError, InvalidParamsError, TimeoutError } from './errors.js';
import { FakeWindow } from './testing/fake-window.js';

const WEBAPP = 'https://pexip.example.com';
const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' } as const;
const envelope = (name: string, fields: object = {}) => ({ action: `${ACTION_PREFIX}${name}`, ...fields });

function setup(options: Parameters<typeof connectExternalChat>[1] = { webappOrigin: WEBAPP }) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const host = {
    addEventListener: (_: string, l: (event: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (event: MessageEvent) => void) => listeners.delete(l),
  } as unknown as Window;
  const top = new FakeWindow();
  const webapp = new FakeWindow(top);
  const plugin = new FakeWindow(webapp);
  const iframe = { contentWindow: webapp, src: `${WEBAPP}/webapp3/` } as unknown as HTMLIFrameElement;
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

  it("resolves ready on a ready from Web App 3's window itself (a plugin posting through relay.js), and posts to that window", async () => {
    const s = setup();
    s.ready('i1', s.webapp);
    await expect(s.chat.ready).resolves.toBeUndefined();
    await s.chat.setBadge(true);
    expect(s.webapp.posted.at(-1)).toEqual({ data: envelope('toggle-chat-badge', { visible: true }), origin: WEBAPP });
    expect(s.sentToPlugin('toggle-chat-badge')).toEqual([]);
  });

  it('ignores ready from outside the iframe, and from other origins', async () => {
    const s = setup();
    const outsider = new FakeWindow(s.top);
    const onReady = vi.fn();
    s.chat.on('ready', onReady);
    s.deliver(envelope('ready'), s.top);
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

  it("with no webappOrigin accepts the origin of the iframe's src alone, read when the plugin speaks, and says nothing at connect", async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = setup({});
    const onReady = vi.fn();
    s.chat.on('ready', onReady);
    s.deliver(envelope('ready'), s.plugin, 'https://anything.example');
    s.deliver(envelope('ready'), s.plugin, 'null');
    expect(onReady).not.toHaveBeenCalled();
    expect(warn.mock.calls).toEqual([[`[external-chat] ignored the plugin's ready from https://anything.example: not in webappOrigin (by default the iframe's origin)`]]);
    s.ready();
    await expect(s.chat.ready).resolves.toBeUndefined();
    expect(info).not.toHaveBeenCalled();
    info.mockRestore();
    warn.mockRestore();
  });

  it("accepts the opaque origin 'null' (a plugin frame without allow-same-origin) only when webappOrigin names it", async () => {
    const s = setup({ webappOrigin: [WEBAPP, 'null'] });
    s.deliver(envelope('ready', { instanceId: 'i1' }), s.plugin, 'null');
    await expect(s.chat.ready).resolves.toBeUndefined();
    await s.chat.setBadge(true);
    expect(s.plugin.posted.at(-1)).toEqual({ data: envelope('toggle-chat-badge', { visible: true }), origin: '*' });
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

  describe('bound to one plugin once connected', () => {
    /** A frame that says ready too: a sibling plugin, a frame Web App 3 or a plugin hosts, nested at any depth. */
    const intruders = (s: ReturnType<typeof setup>) => ({ sibling: new FakeWindow(s.webapp), nested: new FakeWindow(new FakeWindow(s.plugin)) });

    it.each(['sibling', 'nested'] as const)("ignores a %s frame's ready while the plugin answers when asked, and talks on to the plugin", async (which) => {
      const s = setup();
      const onReady = vi.fn();
      s.chat.on('ready', onReady);
      s.ready('real');
      const intruder = intruders(s)[which];
      s.deliver(envelope('ready', { instanceId: 'forged', echoesRequestId: true }), intruder);
      // The plugin is asked, and answers as itself.
      expect(s.plugin.actions().at(-1)).toBe('ping');
      s.ready('real');
      vi.advanceTimersByTime(10_000);
      const dialled = s.chat.dialOut(dial);
      await Promise.resolve();
      expect(s.sentToPlugin('dial-out')).toHaveLength(1);
      expect(intruder.posted).toEqual([]);
      // The intruder's answer settles nothing; the plugin's does.
      const requestId = s.sentToPlugin('dial-out')[0]?.requestId;
      s.deliver(envelope('dial-out-success', { uuid: 'FAKE-UUID', requestId }), intruder);
      s.deliver(envelope('dial-out-success', { uuid: 'u1', requestId }));
      await expect(dialled).resolves.toEqual({ uuid: 'u1' });
      expect(onReady.mock.calls).toEqual([[{ instanceId: 'real' }]]);
    });

    it('keeps the plugin however often others say ready, as long as it answers', () => {
      const s = setup();
      s.ready('real');
      const { sibling } = intruders(s);
      for (let i = 0; i < 5; i++) {
        s.deliver(envelope('ready', { instanceId: `forged-${i}` }), sibling);
        vi.advanceTimersByTime(1_000);
        s.ready('real');
      }
      vi.advanceTimersByTime(10_000);
      s.chat.setBadge(true);
      expect(s.sentToPlugin('toggle-chat-badge')).toHaveLength(1);
      expect(sibling.posted).toEqual([]);
    });

    it('follows a restart at once: the same window (a reloaded frame), Web App 3\'s window (the relay), or a new window once the old one closed', () => {
      const s = setup();
      const onReady = vi.fn();
      s.chat.on('ready', onReady);
      s.ready('i1');
      s.ready('i2');
      s.ready('i3', s.webapp);
      const recreated = new FakeWindow(s.webapp);
      s.ready('i4', recreated);
      // Bound to Web App 3's window, which never closes: a frame's ready is checked first.
      expect(onReady.mock.calls.map(([p]) => p.instanceId)).toEqual(['i1', 'i2', 'i3']);
      s.ready('i5', s.plugin);
      expect(onReady.mock.calls.map(([p]) => p.instanceId)).toEqual(['i1', 'i2', 'i3']);
      // The relaying plugin went silent (its restart posts from its own frame now): after the challenge, the last frame's ready is followed.
      vi.advanceTimersByTime(2_000);
      expect(onReady.mock.calls.map(([p]) => p.instanceId)).toEqual(['i1', 'i2', 'i3', 'i5']);
      // That frame is removed and a new one says ready: followed at once.
      s.plugin.closed = true;
      s.ready('i6', recreated);
      expect(onReady.mock.calls.map(([p]) => p.instanceId)).toEqual(['i1', 'i2', 'i3', 'i5', 'i6']);
      s.chat.setBadge(true);
      expect(recreated.posted.map((p) => p.data.action)).toContain(`${ACTION_PREFIX}toggle-chat-badge`);
    });

    it('replaces a plugin that stays silent when asked, with the last window that said ready meanwhile', () => {
      const s = setup();
      const onReady = vi.fn();
      s.chat.on('ready', onReady);
      s.ready('old');
      const pings = s.plugin.actions().filter((a) => a === 'ping').length;
      const next = new FakeWindow(s.webapp);
      s.ready('new', next);
      // The candidate saying more, or saying ready again, neither answers for the plugin nor asks it twice.
      s.deliver(envelope('toggle-chat', { active: true }), next);
      s.ready('newer', next);
      expect(s.plugin.actions().filter((a) => a === 'ping').length).toBe(pings + 1);
      vi.advanceTimersByTime(1_999);
      expect(onReady).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(onReady.mock.calls.map(([p]) => p.instanceId)).toEqual(['old', 'newer']);
    });

    it('leaves no challenge timer behind on close', () => {
      const s = setup();
      s.ready('real');
      s.deliver(envelope('ready', { instanceId: 'other' }), new FakeWindow(s.webapp));
      s.chat.close();
      expect(vi.getTimerCount()).toBe(0);
    });
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

  it("rejects a dial-out with the plugin's code, and its own errors with theirs: timeout, interrupted", async () => {
    const s = setup({ webappOrigin: WEBAPP, timeoutMs: 1000 });
    s.ready();
    const refused = s.chat.dialOut(dial).catch((e: unknown) => e);
    const late = s.chat.dialOut(dial, { timeoutMs: 50 }).catch((e: unknown) => e);
    const cut = s.chat.dialOut(dial, { timeoutMs: 0 }).catch((e: unknown) => e);
    const [first] = s.sentToPlugin('dial-out');
    s.deliver(envelope('dial-out-error', { message: 'Could not dial', code: 'refused', requestId: first?.requestId }));
    vi.advanceTimersByTime(50);
    s.chat.close();
    const errors = await Promise.all([refused, late, cut]);
    expect(errors.map((error) => (error as DialOutError).code)).toEqual(['refused', 'timeout', 'interrupted']);
    expect(errors.map((error) => (error as Error).name)).toEqual(['DialOutError', 'TimeoutError', 'CallInterruptedError']);
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

describe('connect timeout', () => {
  it('rejects ready with TimeoutError after 30 s by default, naming the likely causes once', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = setup();
    vi.advanceTimersByTime(29_999);
    const early = vi.fn();
    s.chat.ready.catch(early);
    await Promise.resolve();
    expect(early).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await expect(s.chat.ready).rejects.toThrow(new TimeoutError('No external-chat plugin said ready within 30000 ms (connectTimeoutMs); see the console for the likely causes'));
    expect(error).toHaveBeenCalledTimes(1);
    const text = String(error.mock.calls[0]?.[0]);
    for (const cause of ['no external-chat plugin', `webappOrigin (${WEBAPP})`, 'allowedOrigins', 'allow-same-origin']) expect(text).toContain(cause);
    error.mockRestore();
  });

  it('keeps pinging after the timeout: a plugin that comes later still connects', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = setup({ webappOrigin: WEBAPP, connectTimeoutMs: 1000, timeoutMs: 0 });
    const queued = s.chat.setBadge(true);
    vi.advanceTimersByTime(1000);
    await expect(s.chat.ready).rejects.toBeInstanceOf(TimeoutError);
    const pings = s.plugin.actions().length;
    vi.advanceTimersByTime(10_000);
    expect(s.plugin.actions().length).toBeGreaterThan(pings);
    const onReady = vi.fn();
    s.chat.on('ready', onReady);
    s.ready();
    await queued;
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(s.sentToPlugin('toggle-chat-badge')).toEqual([envelope('toggle-chat-badge', { visible: true })]);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it('with connectTimeoutMs 0 waits forever; a ready in time clears the timer', async () => {
    const waiting = setup({ webappOrigin: WEBAPP, connectTimeoutMs: 0 });
    const settled = vi.fn();
    waiting.chat.ready.then(settled, settled);
    vi.advanceTimersByTime(3_600_000);
    await Promise.resolve();
    expect(settled).not.toHaveBeenCalled();
    waiting.chat.close();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const inTime = setup({ webappOrigin: WEBAPP, connectTimeoutMs: 1000 });
    inTime.ready();
    vi.advanceTimersByTime(5000);
    await expect(inTime.chat.ready).resolves.toBeUndefined();
    expect(error).not.toHaveBeenCalled();
    error.mockRestore();
  });

  it.each([-1, 1.5, 2 ** 31, '1000'])('refuses connectTimeoutMs %s, naming it', (connectTimeoutMs) => {
    expect(() => setup({ webappOrigin: WEBAPP, connectTimeoutMs: connectTimeoutMs as number })).toThrow(
      new InvalidParamsError(`connectExternalChat: connectTimeoutMs must be a whole number of milliseconds from 0 (no timeout) to ${2 ** 31 - 1}, got ${connectTimeoutMs}`),
    );
  });
});

describe('requestId correlation against other senders on the page', () => {
  it('from a plugin that echoes requestIds, settles calls only by their own id', async () => {
    const s = setup();
    s.deliver(envelope('ready', { instanceId: 'i1', echoesRequestId: true }));
    const first = s.chat.dialOut({ ...dial, destination: 'first@example.com' });
    const second = s.chat.dialOut({ ...dial, destination: 'second@example.com' });
    // Answers to another script's raw dial-outs (sent without requestId): not ours.
    s.deliver(envelope('dial-out-error', { message: "the other script's refusal" }));
    s.deliver(envelope('dial-out-success', { uuid: 'not-ours' }));
    const [a, b] = s.sentToPlugin('dial-out');
    s.deliver(envelope('dial-out-success', { uuid: 'u2', requestId: b?.requestId }));
    s.deliver(envelope('dial-out-success', { uuid: 'u1', requestId: a?.requestId }));
    await expect(first).resolves.toEqual({ uuid: 'u1' });
    await expect(second).resolves.toEqual({ uuid: 'u2' });
  });

  it('sends a distinct requestId with every request', () => {
    const s = setup();
    s.ready();
    for (let i = 0; i < 20; i++) void s.chat.dialOut(dial);
    const ids = s.sentToPlugin('dial-out').map((m) => m.requestId);
    expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
    expect(new Set(ids).size).toBe(20);
  });

  it('passes the whole validated ready payload to ready handlers', () => {
    const s = setup();
    const onReady = vi.fn();
    s.chat.on('ready', onReady);
    s.deliver(envelope('ready', { instanceId: 'i1', echoesRequestId: true, extra: 'dropped' }));
    expect(onReady.mock.calls).toEqual([[{ instanceId: 'i1', echoesRequestId: true }]]);
  });
});

describe('API edges', () => {
  it('refuses webappOrigin [], which could never connect', () => {
    expect(() => setup({ webappOrigin: [] })).toThrow(new InvalidParamsError(
      "webappOrigin: [] lists no origin, so no plugin could ever connect; list Web App 3's origin (e.g. 'https://pexip.example.com'), or leave webappOrigin out for the origin of the iframe's src",
    ));
  });

  it.each([
    [null, 'dialOut: options must be an object ({ signal?, timeoutMs? }) or left out, got null'],
    ['fast', 'dialOut: options must be an object ({ signal?, timeoutMs? }) or left out, got "fast"'],
    [{ signal: 'x' }, 'dialOut: options.signal must be an AbortSignal (e.g. new AbortController().signal), got "x"'],
    [{ signal: {} }, 'dialOut: options.signal must be an AbortSignal (e.g. new AbortController().signal), got object'],
    [{ timeout: 5 }, "dialOut: unknown option 'timeout'; the options are signal and timeoutMs"],
  ])('dialOut(body, %j) returns a promise rejected with InvalidParamsError, nothing sent', async (options, message) => {
    const s = setup();
    s.ready();
    let result: Promise<unknown> | undefined;
    expect(() => (result = s.chat.dialOut(dial, options as never))).not.toThrow();
    await expect(result).rejects.toThrow(new InvalidParamsError(message));
    await expect(result).rejects.toBeInstanceOf(InvalidParamsError);
    expect(s.sentToPlugin('dial-out')).toEqual([]);
  });

  it('checks the options of every method, state ones included', async () => {
    const s = setup();
    s.ready();
    await expect(s.chat.setBadge(true, null as never)).rejects.toThrow(new InvalidParamsError('setBadge: options must be an object ({ signal?, timeoutMs? }) or left out, got null'));
    await expect(s.chat.setButtonActive(true, { signal: 1 } as never)).rejects.toThrow(
      new InvalidParamsError('setButtonActive: options.signal must be an AbortSignal (e.g. new AbortController().signal), got number'),
    );
    expect(s.sentToPlugin('toggle-chat-badge')).toEqual([]);
    expect(s.sentToPlugin('toggle-chat-button-state')).toEqual([]);
    await expect(s.chat.setBadge(true, { signal: new AbortController().signal, timeoutMs: 10 })).resolves.toBeUndefined();
  });

  it('refuses a handler that is not a function', () => {
    const s = setup();
    expect(() => s.chat.on('toggle-chat', 'x' as never)).toThrow(new InvalidParamsError("on('toggle-chat'): the handler must be a function, got string"));
  });
});

describe('state before ready', () => {
  it('times a button command out when no plugin says ready in time, then still applies it when one does', async () => {
    const s = setup({ webappOrigin: WEBAPP, timeoutMs: 500, connectTimeoutMs: 0 });
    const badge = s.chat.setBadge(true);
    const active = s.chat.setButtonActive(true, { timeoutMs: 100 });
    vi.advanceTimersByTime(100);
    await expect(active).rejects.toThrow(new TimeoutError('setButtonActive got no answer from the plugin within 100 ms'));
    vi.advanceTimersByTime(400);
    await expect(badge).rejects.toBeInstanceOf(TimeoutError);
    expect(s.sentToPlugin('toggle-chat-badge')).toEqual([]);
    s.ready();
    // The state the page asked for is what the plugin shows once it is there.
    expect(s.sentToPlugin('toggle-chat-badge')).toEqual([envelope('toggle-chat-badge', { visible: true })]);
    expect(s.sentToPlugin('toggle-chat-button-state')).toEqual([envelope('toggle-chat-button-state', { active: true })]);
  });
});

describe('pinging and tracing', () => {
  it('backs off to one ping every 2 s, and stays there however long it waits', () => {
    const s = setup({ webappOrigin: WEBAPP, connectTimeoutMs: 0 });
    vi.advanceTimersByTime(60_000);
    const before = s.plugin.actions().length;
    vi.advanceTimersByTime(20_000);
    expect(s.plugin.actions().length - before).toBe(10);
  });

  it('onEnvelope sees every envelope sent (pings, state, requests) and every one accepted', () => {
    const seen: [string, unknown][] = [];
    const s = setup({ webappOrigin: WEBAPP, onEnvelope: (direction, data) => seen.push([direction, (data as { action: string }).action]) });
    s.ready();
    void s.chat.setBadge(true);
    void s.chat.dialOut(dial);
    s.deliver(envelope('toggle-chat', { active: true }), s.plugin, 'https://evil.example');
    const name = (action: string) => `${ACTION_PREFIX}${action}`;
    expect(seen).toEqual([
      ['out', name('ping')],
      ['in', name('ready')],
      ['out', name('toggle-chat-badge')],
      ['out', name('dial-out')],
    ]);
  });

  it('after ready, ignores events and answers from the plugin window speaking from another origin', async () => {
    const s = setup();
    s.ready();
    const toggles = vi.fn();
    s.chat.on('toggle-chat', toggles);
    const call = s.chat.dialOut(dial, { timeoutMs: 0 });
    const [sent] = s.sentToPlugin('dial-out');
    s.deliver(envelope('toggle-chat', { active: true }), s.plugin, 'https://evil.example');
    s.deliver(envelope('dial-out-success', { uuid: 'forged', requestId: sent?.requestId }), s.plugin, 'https://evil.example');
    expect(toggles).not.toHaveBeenCalled();
    s.deliver(envelope('dial-out-success', { uuid: 'real', requestId: sent?.requestId }));
    await expect(call).resolves.toEqual({ uuid: 'real' });
  });
});

describe('what the bridge tells the page', () => {
  it('refuses a bad timeoutMs naming connectExternalChat and the option', () => {
    expect(() => setup({ webappOrigin: WEBAPP, timeoutMs: -1 })).toThrow(
      new InvalidParamsError(`connectExternalChat: timeoutMs must be a whole number of milliseconds from 0 (no timeout) to ${2 ** 31 - 1}, got -1`),
    );
  });

  it('names the event whose handler threw', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = setup();
    s.ready();
    const bug = new Error('page bug');
    s.chat.on('connected', () => {
      throw bug;
    });
    s.deliver(envelope('connected'));
    expect(error.mock.calls).toEqual([["[external-chat] a 'connected' handler threw", bug]]);
    error.mockRestore();
  });

  it('refuses an unknown event, listing the events there are', () => {
    const s = setup();
    expect(() => s.chat.on('nope' as never, () => undefined)).toThrow(
      new InvalidParamsError("on: unknown event 'nope'; use one of ready, toggle-chat, connected, disconnected, roster, self, meeting-message"),
    );
  });

  it('says what a handler that is not a function was, null included', () => {
    const s = setup();
    expect(() => s.chat.on('ready', null as never)).toThrow(new InvalidParamsError("on('ready'): the handler must be a function, got null"));
    expect(() => s.chat.on('ready', {} as never)).toThrow(new InvalidParamsError("on('ready'): the handler must be a function, got object"));
  });

  it('rejects a pending ready on close with CallInterruptedError saying the wait for the plugin was cut off', async () => {
    const s = setup();
    s.chat.close();
    await expect(s.chat.ready).rejects.toMatchObject({ name: 'CallInterruptedError', reason: 'closed', message: expect.stringMatching(/^Waiting for the plugin was cut off/) });
  });
});

describe('connect timeout: the likely causes on the console', () => {
  const consoleText = async (options: Parameters<typeof setup>[0]): Promise<string> => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const s = setup({ ...options, connectTimeoutMs: 1000 });
    vi.advanceTimersByTime(1000);
    await expect(s.chat.ready).rejects.toBeInstanceOf(TimeoutError);
    expect(error).toHaveBeenCalledTimes(1);
    const text = String(error.mock.calls[0]?.[0]);
    error.mockRestore();
    info.mockRestore();
    return text;
  };

  it('lists one cause per line, with every webappOrigin and this page origin, and says the bridge keeps asking', async () => {
    const lines = (await consoleText({ webappOrigin: [WEBAPP, 'https://cdn.example.com'] })).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(
      '[external-chat] no external-chat plugin said ready within 1000 ms (connectTimeoutMs); chat.ready rejects with TimeoutError. Likely causes:',
    );
    expect(lines[1]).toMatch(/^- the branding bundle Web App 3 serves has no external-chat plugin \(its manifest\.json's plugins/);
    expect(lines[2]).toMatch(/^- webappOrigin \(https:\/\/pexip\.example\.com, https:\/\/cdn\.example\.com\) does not list the origin the plugin speaks from/);
    expect(lines[3]).toContain(`config.json has allowedOrigins without this page's origin (${location.origin})`);
    expect(lines[4]).toMatch(/^- the plugin's frame lacks allow-same-origin/);
    expect(lines[5]).toBe('The bridge keeps asking: a plugin that starts later still connects and fires the ready handlers.');
  });

  it("without webappOrigin, names the default it used: the iframe's origin", async () => {
    const text = await consoleText({});
    expect(text).toContain("\n- webappOrigin (by default the iframe's origin) does not list the origin the plugin speaks from");
  });

  it('still lists the causes where there is no global location', async () => {
    vi.stubGlobal('location', undefined);
    try {
      const text = await consoleText({ webappOrigin: WEBAPP });
      expect(text).toContain("allowedOrigins without this page's origin (this page's origin)");
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
