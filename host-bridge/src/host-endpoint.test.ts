import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComlinkReply } from './comlink-wire.js';
import { ACTION_PREFIX } from './contract/internal.js';
import { createHostEndpoint, type HostEndpointOptions } from './host-endpoint.js';

const WEBAPP = 'https://pexip.example.com';
const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' };
const envelope = (name: string, fields: object = {}) => ({ action: `${ACTION_PREFIX}${name}`, ...fields });
/** What comlink's proxy posts for `remote[method](...args)`. */
const applyMessage = (id: string, method: string, args: unknown[]) => ({
  id,
  type: 'APPLY',
  path: [method],
  argumentList: args.map((value) => ({ type: 'RAW', value })),
});
const errorOf = (reply: ComlinkReply | undefined): unknown => (reply as { value: { value: unknown } } | undefined)?.value.value;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/**
 * The page's window is a real EventTarget (a listener registered for any other
 * event type than 'message' never hears the plugin) that also counts the
 * listeners it holds, so a test can see that close() removed them.
 */
class PageWindow extends EventTarget {
  readonly listeners = new Set<EventListenerOrEventListenerObject>();
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (listener) this.listeners.add(listener);
    super.addEventListener(type, listener);
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (listener) this.listeners.delete(listener);
    super.removeEventListener(type, listener);
  }
}

interface Delivery {
  origin?: string;
  type?: string;
  source?: unknown;
}

function setup(options: Partial<Pick<HostEndpointOptions, 'origins' | 'trace'>> = {}) {
  const page = new PageWindow();
  const posted: { data: Record<string, unknown>; origin: string }[] = [];
  const pings: { data: Record<string, unknown>; origin: string }[] = [];
  const webapp = { frames: [] as unknown[], postMessage: (data: Record<string, unknown>, origin: string) => pings.push({ data, origin }) };
  const plugin = { parent: webapp, postMessage: (data: Record<string, unknown>, origin: string) => posted.push({ data, origin }) };
  webapp.frames.push(plugin);
  const events: [string, unknown][] = [];
  const endpoint = createHostEndpoint({
    iframe: { contentWindow: webapp } as unknown as HTMLIFrameElement,
    window: page as unknown as Window,
    origins: 'origins' in options ? options.origins : [WEBAPP],
    timeoutMs: 5000,
    trace: options.trace,
    onEvent: (name, payload) => events.push([name, payload]),
  });
  const replies: ComlinkReply[] = [];
  const onReply = ((event: { data: ComlinkReply }) => replies.push(event.data)) as never;
  endpoint.addEventListener('message', onReply);
  const deliver = (data: unknown, { origin = WEBAPP, type = 'message', source = plugin }: Delivery = {}): void => {
    const event = new Event(type);
    Object.defineProperties(event, { data: { value: data }, source: { value: source }, origin: { value: origin } });
    page.dispatchEvent(event);
  };
  return { endpoint, replies, onReply, posted, pings, deliver, events, page };
}

/** A plugin has said ready (instance i1); nothing posted so far is kept. */
function connected() {
  const s = setup();
  s.deliver(envelope('ready', { instanceId: 'i1' }));
  s.posted.length = 0;
  return s;
}

describe('host endpoint', () => {
  it('finds the plugin by its ready and reports it once', () => {
    const { events } = connected();
    expect(events).toEqual([['ready', { instanceId: 'i1' }]]);
  });

  it('keeps no pending entry, timer or abort listener after 10,000 settled calls', () => {
    const { endpoint, replies, posted, deliver } = connected();
    const signal = new AbortController().signal;
    const add = vi.spyOn(signal, 'addEventListener');
    const remove = vi.spyOn(signal, 'removeEventListener');
    for (let i = 0; i < 10_000; i++) {
      const id = `c${i}`;
      endpoint.postMessage(applyMessage(id, i % 3 === 0 ? 'setBadge' : 'dialOut', i % 3 === 0 ? [true] : [dial, { signal }]));
      const sent = posted.at(-1)?.data;
      if (sent?.action === `${ACTION_PREFIX}dial-out`) {
        deliver(
          i % 2
            ? envelope('dial-out-success', { uuid: 'u', requestId: sent.requestId })
            : envelope('dial-out-error', { message: 'no', requestId: sent.requestId }),
        );
      }
    }
    expect(replies).toHaveLength(10_000);
    expect(endpoint.pendingCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(add.mock.calls.length).toBe(remove.mock.calls.length);
    expect(add.mock.calls.length).toBeGreaterThan(6000);
  });

  it('answers anything but an APPLY of a service method locally and puts nothing on the wire', () => {
    const { endpoint, replies, posted } = connected();
    endpoint.postMessage({ id: 'r1', type: 'RELEASE' });
    endpoint.postMessage({ id: 'g1', type: 'GET', path: ['dialOut'] });
    endpoint.postMessage(applyMessage('x1', 'constructor', []));
    endpoint.postMessage(applyMessage('x2', 'state', []));
    expect(posted).toEqual([]);
    expect(replies.map((r) => [r.id, r.type])).toEqual([
      ['r1', 'RAW'],
      ['g1', 'RAW'],
      ['x1', 'RAW'],
      ['x2', 'RAW'],
    ]);
    expect(endpoint.pendingCount()).toBe(0);
  });

  it('rejects an invalid argument with the field named, before anything is posted', () => {
    const { endpoint, replies, posted } = connected();
    endpoint.postMessage(applyMessage('b1', 'setBadge', ['yes']));
    expect(posted).toEqual([]);
    expect(errorOf(replies[0])).toMatchObject({ name: 'InvalidParamsError', message: `setBadge: 'visible' must be true or false, got "yes"` });
  });

  it('settles a call only with an answer from the plugin, to a request it sent', () => {
    const { endpoint, replies, posted, deliver } = connected();
    endpoint.postMessage(applyMessage('d1', 'dialOut', [dial]));
    expect(posted.map((p) => p.data)).toEqual([envelope('dial-out', { ...dial, requestId: 'd1' })]);
    deliver(envelope('dial-out-success', { uuid: 'x', requestId: 'd1' }), { source: { parent: null } });
    deliver(envelope('dial-out-success', { uuid: 'x', requestId: 'unknown' }));
    expect(replies).toEqual([]);
    deliver(envelope('dial-out-success', { uuid: 'u', requestId: 'd1' }));
    expect(replies).toEqual([{ id: 'd1', type: 'RAW', value: { uuid: 'u' } }]);
  });

  it('after close: no listener, no timer, and later calls are rejected as closed', () => {
    const { endpoint, replies, page } = connected();
    endpoint.close();
    expect(page.listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    endpoint.postMessage(applyMessage('late', 'setBadge', [true]));
    expect(errorOf(replies[0])).toMatchObject({ name: 'CallInterruptedError', reason: 'closed' });
  });
});

describe('host endpoint: listening', () => {
  it("hears the plugin on the window's message events, and nothing after close", () => {
    const s = setup();
    s.deliver(envelope('ready', { instanceId: 'i1' }), { type: 'not-a-message' });
    expect(s.events).toEqual([]);
    s.deliver(envelope('ready', { instanceId: 'i1' }));
    expect(s.events).toEqual([['ready', { instanceId: 'i1' }]]);
    s.endpoint.close();
    s.deliver(envelope('ready', { instanceId: 'i2' }));
    s.deliver(envelope('toggle-chat', { active: true }));
    expect(s.events).toEqual([['ready', { instanceId: 'i1' }]]);
  });

  it('pings with target origin *, so frames of any origin (an opaque plugin too) hear it', () => {
    const s = setup();
    expect(s.pings.map((p) => p.origin)).toEqual(['*']);
    expect(s.posted).toEqual([{ data: envelope('ping'), origin: '*' }]);
  });

  it('warns at the first ready from an unlisted origin, naming every listed one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = setup({ origins: [WEBAPP, 'https://cdn.example.com'] });
    s.deliver(envelope('ready'), { origin: 'https://other.example' });
    expect(warn.mock.calls).toEqual([
      [`[external-chat] ignored the plugin's ready from https://other.example: not in webappOrigin (${WEBAPP}, https://cdn.example.com)`],
    ]);
    expect(s.events).toEqual([]);
  });
});

describe('host endpoint: posting to the plugin', () => {
  it("answers an opaque-origin plugin ('null') with target origin *, any other with its own origin", () => {
    const opaque = setup({ origins: ['null'] });
    opaque.deliver(envelope('ready', { instanceId: 'i1' }), { origin: 'null' });
    opaque.posted.length = 0;
    opaque.endpoint.postMessage(applyMessage('b1', 'setBadge', [true]));
    expect(opaque.posted).toEqual([{ data: envelope('toggle-chat-badge', { visible: true }), origin: '*' }]);

    const named = setup({ origins: ['https://pexip.example.com:8443'] });
    named.deliver(envelope('ready', { instanceId: 'i1' }), { origin: 'https://pexip.example.com:8443' });
    named.posted.length = 0;
    named.endpoint.postMessage(applyMessage('b1', 'setBadge', [true]));
    expect(named.posted).toEqual([{ data: envelope('toggle-chat-badge', { visible: true }), origin: 'https://pexip.example.com:8443' }]);
  });

  it('rejects a call with invalid options with InvalidParamsError naming the option, and sends nothing', () => {
    const s = connected();
    s.endpoint.postMessage(applyMessage('d1', 'dialOut', [dial, { timeoutMs: -1 }]));
    expect(s.posted).toEqual([]);
    expect(s.replies.map((r) => r.id)).toEqual(['d1']);
    expect(errorOf(s.replies[0])).toMatchObject({ name: 'InvalidParamsError', message: expect.stringContaining('dialOut: timeoutMs must be') });
    expect(s.endpoint.pendingCount()).toBe(0);
  });
});

describe('host endpoint: answers', () => {
  it('settles a call once: aborting it after its answer changes nothing', () => {
    const s = setup();
    s.deliver(envelope('ready', { instanceId: 'i1', echoesRequestId: true }));
    const controller = new AbortController();
    s.endpoint.postMessage(applyMessage('d1', 'dialOut', [dial, { signal: controller.signal }]));
    s.deliver(envelope('dial-out-success', { uuid: 'u', requestId: 'd1' }));
    controller.abort(new Error('too late'));
    expect(s.replies).toEqual([{ id: 'd1', type: 'RAW', value: { uuid: 'u' } }]);
  });

  it("quietly ignores an answer to another sender's request (an id it never used)", () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = setup();
    s.deliver(envelope('ready', { instanceId: 'i1' }));
    s.endpoint.postMessage(applyMessage('d1', 'dialOut', [dial]));
    s.deliver(envelope('dial-out-success', { uuid: 'theirs', requestId: 'raw-script-1' }));
    s.deliver(envelope('dial-out-error', { message: 'theirs', requestId: 'raw-script-2' }));
    expect(s.replies).toEqual([]);
    expect(error).not.toHaveBeenCalled();
    s.deliver(envelope('dial-out-success', { uuid: 'ours', requestId: 'd1' }));
    expect(s.replies).toEqual([{ id: 'd1', type: 'RAW', value: { uuid: 'ours' } }]);
  });

  it('stops replying to a comlink listener once it is removed', () => {
    const s = setup();
    s.deliver(envelope('ready', { instanceId: 'i1' }));
    s.endpoint.postMessage(applyMessage('b1', 'setBadge', [true]));
    s.endpoint.removeEventListener('message', s.onReply);
    s.endpoint.postMessage(applyMessage('b2', 'setBadge', [false]));
    expect(s.replies.map((r) => r.id)).toEqual(['b1']);
  });
});

describe('host endpoint: tracing', () => {
  it("traces every accepted message 'in': ready, events and answers", () => {
    const trace = vi.fn();
    const s = setup({ trace });
    const ready = envelope('ready', { instanceId: 'i1' });
    const toggle = envelope('toggle-chat', { active: true });
    s.deliver(ready);
    s.deliver(toggle);
    s.deliver(envelope('toggle-chat', { active: true }), { origin: 'https://other.example' });
    expect(trace.mock.calls.filter(([direction]) => direction === 'in')).toEqual([
      ['in', ready],
      ['in', toggle],
    ]);
  });

  it('reports a message it could not handle on the console instead of throwing out of its listener', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = setup({
      trace: (direction) => {
        if (direction === 'in') throw new Error('logger broke');
      },
    });
    expect(() => s.deliver(envelope('ready', { instanceId: 'i1' }))).not.toThrow();
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]?.[0]).toEqual(expect.stringContaining('[external-chat]'));
    expect(error.mock.calls[0]?.[1]).toEqual(new Error('logger broke'));
  });
});
