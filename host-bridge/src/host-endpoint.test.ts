import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apply, ACTION_PREFIX, type Reply } from './contract';
import { createHostEndpoint } from './host-endpoint';

const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const endpoint = createHostEndpoint(5000);
  const replies: Reply[] = [];
  endpoint.addEventListener('message', ((event: { data: Reply }) => replies.push(event.data)) as never);
  const posted: Record<string, unknown>[] = [];
  const plugin = { postMessage: (data: Record<string, unknown>) => posted.push(data) } as unknown as Window;
  endpoint.connect(plugin, 'https://pexip.example.com');
  return { endpoint, replies, posted };
}

describe('host endpoint', () => {
  it('keeps no pending entry, timer or abort listener after 10,000 settled calls', () => {
    const { endpoint, replies, posted } = setup();
    const signal = new AbortController().signal;
    const add = vi.spyOn(signal, 'addEventListener');
    const remove = vi.spyOn(signal, 'removeEventListener');
    for (let i = 0; i < 10_000; i++) {
      const id = `c${i}`;
      endpoint.postMessage(apply(id, i % 3 === 0 ? 'setBadge' : 'dialOut', i % 3 === 0 ? [true] : [dial, { signal }]));
      const sent = posted.at(-1);
      if (sent?.action === `${ACTION_PREFIX}dial-out`) {
        endpoint.receive(
          i % 2
            ? { name: 'dial-out-success', payload: { uuid: 'u', requestId: String(sent.requestId) } }
            : { name: 'dial-out-error', payload: { message: 'no', requestId: String(sent.requestId) } },
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
    endpoint.postMessage({ id: 'r1', type: 'RELEASE' } as never);
    endpoint.postMessage({ id: 'g1', type: 'GET', path: ['dialOut'] } as never);
    endpoint.postMessage(apply('x1', 'constructor' as never, []));
    expect(posted).toEqual([]);
    expect(replies.map((r) => r.id)).toEqual(['r1', 'g1', 'x1']);
    expect(endpoint.pendingCount()).toBe(0);
  });
});
