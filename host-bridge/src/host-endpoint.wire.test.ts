import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComlinkReply } from './comlink-wire.js';
import { ACTION_PREFIX } from './contract/index.js';
import { createHostEndpoint, type HostEndpointOptions } from './host-endpoint.js';

// The page's window here is a real EventTarget: listeners registered for any
// other event type than 'message' never hear the plugin.

const WEBAPP = 'https://pexip.example.com';
const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' };
const envelope = (name: string, fields: object = {}) => ({ action: `${ACTION_PREFIX}${name}`, ...fields });
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

function setup(options: Partial<Pick<HostEndpointOptions, 'origins' | 'trace'>> = {}) {
  const page = new EventTarget();
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
  const deliver = (data: unknown, origin = WEBAPP, type = 'message'): void => {
    const event = new Event(type);
    Object.defineProperties(event, { data: { value: data }, source: { value: plugin }, origin: { value: origin } });
    page.dispatchEvent(event);
  };
  return { endpoint, replies, onReply, posted, pings, deliver, events };
}

describe('host endpoint: listening', () => {
  it("hears the plugin on the window's message events, and nothing after close", () => {
    const s = setup();
    s.deliver(envelope('ready', { instanceId: 'i1' }), WEBAPP, 'not-a-message');
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
    s.deliver(envelope('ready'), 'https://other.example');
    expect(warn.mock.calls).toEqual([
      [`[external-chat] ignored the plugin's ready from https://other.example: not in webappOrigin (${WEBAPP}, https://cdn.example.com)`],
    ]);
    expect(s.events).toEqual([]);
  });
});

describe('host endpoint: posting to the plugin', () => {
  it("answers an opaque-origin plugin ('null') with target origin *, any other with its own origin", () => {
    const opaque = setup({ origins: undefined });
    opaque.deliver(envelope('ready', { instanceId: 'i1' }), 'null');
    opaque.posted.length = 0;
    opaque.endpoint.postMessage(applyMessage('b1', 'setBadge', [true]));
    expect(opaque.posted).toEqual([{ data: envelope('toggle-chat-badge', { visible: true }), origin: '*' }]);

    const named = setup({ origins: undefined });
    named.deliver(envelope('ready', { instanceId: 'i1' }), 'https://pexip.example.com:8443');
    named.posted.length = 0;
    named.endpoint.postMessage(applyMessage('b1', 'setBadge', [true]));
    expect(named.posted).toEqual([{ data: envelope('toggle-chat-badge', { visible: true }), origin: 'https://pexip.example.com:8443' }]);
  });

  it('rejects a call with invalid options with InvalidParamsError naming the option, and sends nothing', () => {
    const s = setup();
    s.deliver(envelope('ready', { instanceId: 'i1' }));
    s.posted.length = 0;
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
    s.deliver(envelope('toggle-chat', { active: true }), 'https://other.example');
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
