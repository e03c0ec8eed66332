import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComlinkReply } from './comlink-wire.js';
import { ACTION_PREFIX } from './contract/index.js';
import { createHostEndpoint } from './host-endpoint.js';

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

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const listeners = new Set<(event: MessageEvent) => void>();
  const page = {
    addEventListener: (_: string, l: (event: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (event: MessageEvent) => void) => listeners.delete(l),
  } as unknown as Window;
  const posted: Record<string, unknown>[] = [];
  const webapp = { frames: [] as unknown[], postMessage: () => undefined } as unknown as Window;
  const plugin = { parent: webapp, postMessage: (data: Record<string, unknown>) => posted.push(data) } as unknown as Window;
  (webapp as unknown as { frames: unknown[] }).frames.push(plugin);
  const events: [string, unknown][] = [];
  const endpoint = createHostEndpoint({
    iframe: { contentWindow: webapp } as HTMLIFrameElement,
    window: page,
    origins: [WEBAPP],
    timeoutMs: 5000,
    trace: undefined,
    onEvent: (name, payload) => events.push([name, payload]),
  });
  const replies: ComlinkReply[] = [];
  endpoint.addEventListener('message', ((event: { data: ComlinkReply }) => replies.push(event.data)) as never);
  const deliver = (data: unknown, source: unknown = plugin): void => {
    for (const listener of [...listeners]) listener({ data, source, origin: WEBAPP } as MessageEvent);
  };
  deliver(envelope('ready', { instanceId: 'i1' }));
  posted.length = 0;
  return { endpoint, replies, posted, deliver, events, listeners };
}

describe('host endpoint', () => {
  it('finds the plugin by its ready and reports it once', () => {
    const { events } = setup();
    expect(events).toEqual([['ready', { instanceId: 'i1' }]]);
  });

  it('keeps no pending entry, timer or abort listener after 10,000 settled calls', () => {
    const { endpoint, replies, posted, deliver } = setup();
    const signal = new AbortController().signal;
    const add = vi.spyOn(signal, 'addEventListener');
    const remove = vi.spyOn(signal, 'removeEventListener');
    for (let i = 0; i < 10_000; i++) {
      const id = `c${i}`;
      endpoint.postMessage(applyMessage(id, i % 3 === 0 ? 'setBadge' : 'dialOut', i % 3 === 0 ? [true] : [dial, { signal }]));
      const sent = posted.at(-1);
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
    const { endpoint, replies, posted } = setup();
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
    const { endpoint, replies, posted } = setup();
    endpoint.postMessage(applyMessage('b1', 'setBadge', ['yes']));
    expect(posted).toEqual([]);
    const reply = replies[0] as { value: { value: Error } };
    expect(reply.value.value).toMatchObject({ name: 'InvalidParamsError', message: `setBadge: 'visible' must be true or false, got "yes"` });
  });

  it('settles a call only with an answer from the plugin, to a request it sent', () => {
    const { endpoint, replies, posted, deliver } = setup();
    endpoint.postMessage(applyMessage('d1', 'dialOut', [dial]));
    expect(posted).toEqual([envelope('dial-out', { ...dial, requestId: 'd1' })]);
    deliver(envelope('dial-out-success', { uuid: 'x', requestId: 'd1' }), { parent: null });
    deliver(envelope('dial-out-success', { uuid: 'x', requestId: 'unknown' }));
    expect(replies).toEqual([]);
    deliver(envelope('dial-out-success', { uuid: 'u', requestId: 'd1' }));
    expect(replies).toEqual([{ id: 'd1', type: 'RAW', value: { uuid: 'u' } }]);
  });

  it('after close: no listener, no timer, and later calls are rejected as closed', () => {
    const { endpoint, replies, listeners } = setup();
    endpoint.close();
    expect(listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    endpoint.postMessage(applyMessage('late', 'setBadge', [true]));
    expect((replies[0] as { value: { value: Error } }).value.value).toMatchObject({ name: 'CallInterruptedError', reason: 'closed' });
  });
});
