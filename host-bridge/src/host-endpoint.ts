import type { Endpoint } from 'comlink';
import {
  callToEnvelope,
  raw,
  readApply,
  SERVICE_METHODS,
  thrown,
  type Message,
  type PluginMessage,
  type Reply,
  type ServiceMethod,
  type WireValue,
} from './contract';
import { CallInterruptedError, DialOutError, TimeoutError } from './errors';

export interface CallOptions {
  /** Aborting rejects the call with the signal's reason. */
  signal?: AbortSignal;
  /** Rejects with TimeoutError after this many ms; 0 = wait forever. */
  timeoutMs?: number;
}

export interface HostEndpoint extends Endpoint {
  /** A plugin said `ready`: replay the button state, release waiting commands, send queued dial-outs. */
  connect(window: Window, origin: string): void;
  /** The plugin restarted: whatever the old instance was doing will never be answered. */
  restart(): void;
  /** A `dial-out-success` / `dial-out-error` from the connected plugin. */
  receive(message: Extract<PluginMessage, { name: 'dial-out-success' | 'dial-out-error' }>): void;
  close(): void;
  /** Calls not yet settled (for leak checks). */
  pendingCount(): number;
}

interface Call {
  method: ServiceMethod;
  envelope: object;
  /** Posted to a plugin (a dial-out then waits for its reply). */
  sent: boolean;
  cleanup(): void;
}

type Listener = (event: { data: Reply }) => void;

/**
 * The host side of comlink: comlink's `wrap()` posts APPLY messages here and
 * they leave as documented envelopes. Owns every call in flight: queueing
 * until the plugin is known, `requestId` correlation, timeouts, aborts, and
 * the button state that is replayed to every (re)started plugin.
 */
export function createHostEndpoint(
  defaultTimeoutMs: number,
  trace?: (direction: 'out', envelope: object) => void,
): HostEndpoint {
  const listeners = new Set<Listener>();
  /** In call order, so the oldest sent dial-out is the first match. */
  const calls = new Map<string, Call>();
  /** The last envelope per button command: what a restarted plugin must be told again. */
  const state = new Map<ServiceMethod, object>();
  let target: { window: Window; origin: string } | undefined;
  let closed = false;

  const deliver = (id: string, value: WireValue): void => {
    const data = { ...value, id } as Reply;
    for (const listener of [...listeners]) listener({ data });
  };
  const settle = (id: string, value: WireValue): void => {
    calls.get(id)?.cleanup();
    calls.delete(id);
    deliver(id, value);
  };
  const fail = (id: string, error: unknown): void => settle(id, thrown(error));

  // An opaque-origin plugin (no allow-same-origin) can only be reached with '*'.
  const post = (envelope: object): void => {
    if (!target) return;
    trace?.('out', envelope);
    target.window.postMessage(envelope, target.origin === 'null' ? '*' : target.origin);
  };

  const send = (call: Call): void => {
    call.sent = true;
    post(call.envelope);
  };

  const track = (id: string, method: ServiceMethod, envelope: object, { signal, timeoutMs }: CallOptions): void => {
    if (signal?.aborted) return fail(id, signal.reason);
    const isDial = method === 'dialOut';
    if (!isDial) {
      state.set(method, envelope);
      // Button commands resolve once posted; the plugin sends no reply for them.
      if (target) {
        post(envelope);
        return deliver(id, raw(undefined));
      }
    }
    const ms = timeoutMs ?? defaultTimeoutMs;
    const timer =
      ms > 0 ? setTimeout(() => fail(id, new TimeoutError(`${method} got no answer from the plugin within ${ms} ms`)), ms) : 0;
    const onAbort = (): void => fail(id, signal?.reason);
    signal?.addEventListener('abort', onAbort);
    const call: Call = {
      method,
      envelope,
      sent: false,
      cleanup: () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      },
    };
    calls.set(id, call);
    if (isDial && target) send(call);
  };

  /** `requestId` first; a plugin that does not echo it is answered oldest first. */
  const replyTarget = (requestId: string | undefined): string | undefined => {
    if (requestId !== undefined) return calls.get(requestId)?.sent ? requestId : undefined;
    for (const [id, call] of calls) if (call.sent) return id;
    return undefined;
  };

  return {
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) =>
      listeners.add(listener as unknown as Listener),
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) =>
      listeners.delete(listener as unknown as Listener),

    postMessage(message: Message) {
      const id = message.id;
      if (id === undefined) return;
      const call = readApply(message);
      const method = call?.method as ServiceMethod;
      // RELEASE and anything else comlink may send is answered locally, never put on the wire.
      if (!call || !SERVICE_METHODS.includes(method)) return deliver(id, raw(undefined));
      if (closed) return fail(id, new CallInterruptedError('closed', method));
      // Only the first argument goes on the wire; the second holds this page's own call options.
      track(id, method, callToEnvelope(method, call.args[0], id), (call.args[1] ?? {}) as CallOptions);
    },

    connect(window, origin) {
      if (closed) return;
      target = { window, origin };
      for (const envelope of state.values()) post(envelope);
      for (const [id, call] of [...calls]) {
        if (call.method !== 'dialOut') settle(id, raw(undefined));
        else if (!call.sent) send(call);
      }
    },

    restart() {
      for (const [id, call] of [...calls]) if (call.sent) fail(id, new CallInterruptedError('plugin-restarted', call.method));
    },

    receive({ name, payload }) {
      const id = replyTarget(payload.requestId);
      if (id === undefined) return;
      if (name === 'dial-out-error') return fail(id, new DialOutError(payload.message ?? 'The plugin reported a dial-out error without a message'));
      const { uuid, displayName } = payload;
      settle(id, raw(displayName === undefined ? { uuid } : { uuid, displayName }));
    },

    close() {
      if (closed) return;
      closed = true;
      for (const [id, call] of [...calls]) fail(id, new CallInterruptedError('closed', call.method));
      state.clear();
      target = undefined;
      listeners.clear();
    },

    pendingCount: () => calls.size,
  };
}
