import { returned, thrown, type ComlinkReply } from './comlink-wire.js';
import type { Answer, HostAction, ServiceMethod } from './contract/internal.js';
import { TimeoutError } from './errors.js';

export interface PendingCall {
  method: ServiceMethod;
  action: HostAction;
  envelope: object;
  /** Posted to a plugin (a request then waits for its answer). */
  sent: boolean;
}

interface Tracked extends PendingCall {
  cleanup(): void;
}

/**
 * The calls in flight on the page's side, each settled exactly once (answer,
 * timeout, abort, restart or close) with its timer and abort listener gone.
 * Kept in call order, so the oldest sent request is the first match.
 */
export function createPendingCalls(reply: (data: ComlinkReply) => void) {
  const calls = new Map<string, Tracked>();

  const settle = (id: string, data: ComlinkReply): void => {
    calls.get(id)?.cleanup();
    calls.delete(id);
    reply(data);
  };
  const fail = (id: string, error: unknown): void => settle(id, thrown(id, error));

  return {
    fail,
    resolve: (id: string, value: unknown): void => settle(id, returned(id, value)),

    track(id: string, call: Omit<PendingCall, 'sent'>, ms: number, signal: AbortSignal | undefined): PendingCall {
      const timer = ms > 0 ? setTimeout(() => fail(id, new TimeoutError(`${call.method} got no answer from the plugin within ${ms} ms`)), ms) : 0;
      const onAbort = (): void => fail(id, signal?.reason);
      signal?.addEventListener('abort', onAbort);
      const tracked: Tracked = {
        ...call,
        sent: false,
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      calls.set(id, tracked);
      return tracked;
    },

    /**
     * The call an answer settles: the one its `requestId` names. Without one,
     * the oldest sent request, but only for a plugin that never said it echoes
     * ids (`echoes`); from one that does, such an answer went to another sender
     * on this page (raw envelopes) and must not settle this page's calls.
     */
    answered({ request, requestId }: Answer, echoes: boolean): string | undefined {
      const matches = (call: PendingCall | undefined): boolean => call !== undefined && call.sent && call.action === request;
      if (requestId !== undefined) return matches(calls.get(requestId)) ? requestId : undefined;
      if (echoes) return undefined;
      for (const [id, call] of calls) if (matches(call)) return id;
      return undefined;
    },

    /** A snapshot, safe to settle calls while iterating. */
    list: (): [string, PendingCall][] => [...calls],
    get size(): number {
      return calls.size;
    },
  };
}
