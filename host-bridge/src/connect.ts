import { wrap, type Remote } from 'comlink';
import {
  decodePluginMessage,
  encode,
  checkFields,
  validateDialBody,
  type DialOutBody,
  type DialOutResult,
  type DisconnectedPayload,
  type ExternalChatService,
} from './contract';
import { CallInterruptedError, InvalidParamsError } from './errors';
import { isInsideFrame, nextPingDelay, pingTargets } from './find-plugin';
import { createHostEndpoint, type CallOptions } from './host-endpoint';
import { checkOrigins, checkTimeout } from './options';

/** The service as the host calls it: dialOut also takes the per-call options, which never leave this page. */
type HostService = ExternalChatService & { dialOut(body: DialOutBody, options: CallOptions): Promise<DialOutResult> };

export interface ConnectOptions {
  /**
   * Origin(s) the plugin may speak from: Web App 3's (the branding bundle is
   * served there). Omitted = any origin, with a console notice. Recommended.
   */
  webappOrigin?: string | readonly string[];
  /** Default timeout for dialOut (and for calls queued before `ready`), in ms; 0 = none. Default 60 000. */
  timeoutMs?: number;
  /** The window to listen on; defaults to the global window. */
  window?: Window;
  /** Sees every envelope the bridge sends and every one it accepts from the plugin: for logs and debugging. */
  onEnvelope?: (direction: 'in' | 'out', envelope: object) => void;
}

export interface ExternalChatEvents {
  /** Every (re)connection of a plugin instance. */
  ready: { instanceId?: string };
  /** The user clicked Chat; `active` is the state they ask for. Echo it with setButtonActive. */
  'toggle-chat': { active: boolean };
  /** The user joined the meeting. */
  connected: Record<never, never>;
  /** The meeting ended for this user. */
  disconnected: DisconnectedPayload;
}

export interface ExternalChat {
  /** Resolves on the first `ready`; rejects with CallInterruptedError if closed before. */
  readonly ready: Promise<void>;
  on<E extends keyof ExternalChatEvents>(event: E, handler: (payload: ExternalChatEvents[E]) => void): () => void;
  setButtonActive(active: boolean): Promise<void>;
  setBadge(visible: boolean): Promise<void>;
  dialOut(body: DialOutBody, options?: CallOptions): Promise<DialOutResult>;
  /** Removes every listener and timer, rejects pending calls. */
  close(): void;
}

const EVENTS = ['ready', 'toggle-chat', 'connected', 'disconnected'] as const;

/** Connects to the external-chat plugin inside the Web App 3 iframe. */
export function connectExternalChat(iframe: HTMLIFrameElement, options: ConnectOptions = {}): ExternalChat {
  const host = options.window ?? window;
  // Bad options are the page's bug: say so now, not with a silent timeout later.
  const origins = checkOrigins(options.webappOrigin);
  const timeoutMs = checkTimeout('connectExternalChat', options.timeoutMs ?? 60_000);
  if (!origins) {
    console.info('[external-chat] connectExternalChat: no webappOrigin given, accepting the plugin from any origin.');
  }
  const trace = options.onEnvelope;
  const endpoint = createHostEndpoint(timeoutMs, trace);
  const remote: Remote<HostService> = wrap<HostService>(endpoint);
  const handlers = new Map<string, Set<(payload: never) => void>>(EVENTS.map((name) => [name, new Set()]));
  let plugin: { window: Window; instanceId: string | undefined } | undefined;
  let closed = false;
  let pingTimer: ReturnType<typeof setTimeout> | undefined;
  let pingDelay = 0;
  let warnedOrigin = false;

  let resolveReady!: () => void;
  let rejectReady!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A page that never awaits `ready` must not get an unhandled rejection on close().
  ready.catch(() => undefined);

  const emit = <E extends keyof ExternalChatEvents>(name: E, payload: ExternalChatEvents[E]): void => {
    for (const handler of [...(handlers.get(name) ?? [])]) {
      try {
        (handler as (payload: ExternalChatEvents[E]) => void)(payload);
      } catch (error) {
        // A failing handler is the page's bug: report it, keep the bridge running.
        console.error(`[external-chat] a '${name}' handler threw`, error);
      }
    }
  };

  const onReady = (source: Window, origin: string, instanceId: string | undefined): void => {
    // The same instance saying ready again (a ping heard twice, or another bridge's ping) changes nothing.
    const same = plugin !== undefined && source === plugin.window && instanceId !== undefined && instanceId === plugin.instanceId;
    if (same) return;
    if (plugin) endpoint.restart();
    plugin = { window: source, instanceId };
    clearTimeout(pingTimer);
    endpoint.connect(source, origin);
    resolveReady();
    emit('ready', instanceId === undefined ? {} : { instanceId });
  };

  const onMessage = (event: MessageEvent): void => {
    try {
      const inbound = decodePluginMessage(event.data);
      if (inbound.kind !== 'message') return;
      const { name, payload } = inbound.message;
      if (name === 'ready') {
        if (!isInsideFrame(event.source, iframe.contentWindow)) return;
        if (origins && !origins.includes(event.origin)) {
          // The likeliest mistake in setting up a bridge: say it once instead of timing out in silence.
          if (!warnedOrigin) console.warn(`[external-chat] ignored the plugin's ready from ${event.origin}: not in webappOrigin (${origins.join(', ')})`);
          warnedOrigin = true;
          return;
        }
        trace?.('in', event.data);
        onReady(event.source, event.origin, payload.instanceId);
        return;
      }
      if (!plugin || event.source !== plugin.window || (origins && !origins.includes(event.origin))) return;
      trace?.('in', event.data);
      if (name === 'dial-out-success' || name === 'dial-out-error') endpoint.receive(inbound.message as never);
      else emit(name, payload as never);
    } catch (error) {
      console.error('[external-chat] ignored a message that could not be handled', error);
    }
  };

  // A bridge made after the plugin said `ready` would wait forever: ask until someone answers.
  const ping = (): void => {
    const envelope = encode('ping', {});
    trace?.('out', envelope);
    for (const target of pingTargets(iframe.contentWindow)) target.postMessage(envelope, '*');
    pingDelay = nextPingDelay(pingDelay);
    pingTimer = setTimeout(ping, pingDelay);
  };

  host.addEventListener('message', onMessage);
  ping();

  const rejectInvalid = (error: string): Promise<never> => Promise.reject(new InvalidParamsError(error));
  const ifOpen = <T>(what: string, call: () => Promise<T>): Promise<T> =>
    closed ? Promise.reject(new CallInterruptedError('closed', what)) : call();
  // The same field rule the plugin applies to the envelope, so both sides name the field alike.
  const button = (method: 'setButtonActive' | 'setBadge', field: string, value: unknown): Promise<void> => {
    const valid = checkFields<Record<string, boolean>>(method, { [field]: value }, { [field]: { type: 'boolean' } });
    return valid.ok ? ifOpen(method, () => remote[method](valid.value[field] as boolean)) : rejectInvalid(valid.error);
  };

  return {
    ready,
    on(event, handler) {
      const set = handlers.get(event);
      if (!set) throw new InvalidParamsError(`on: unknown event '${String(event)}'; use one of ${EVENTS.join(', ')}`);
      set.add(handler as (payload: never) => void);
      return () => set.delete(handler as (payload: never) => void);
    },
    setButtonActive: (active) => button('setButtonActive', 'active', active),
    setBadge: (visible) => button('setBadge', 'visible', visible),
    dialOut(body, { signal, timeoutMs: ms } = {}) {
      const valid = validateDialBody(body);
      if (!valid.ok) return rejectInvalid(valid.error);
      try {
        const callOptions = ms === undefined ? { signal } : { signal, timeoutMs: checkTimeout('dialOut', ms) };
        return ifOpen('dialOut', () => remote.dialOut(valid.value, callOptions));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      host.removeEventListener('message', onMessage);
      clearTimeout(pingTimer);
      endpoint.close();
      for (const set of handlers.values()) set.clear();
      rejectReady(new CallInterruptedError('closed', 'Waiting for the plugin'));
    },
  };
}
