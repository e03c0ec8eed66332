import {
  ACTION_PREFIX,
  apply,
  decodeHostMessage,
  dialOutReply,
  isRaw,
  messageToCall,
  thrownValue,
  type Reply,
  type ServiceCall,
} from '@external-chat/host-bridge/contract';
import type { Endpoint } from 'comlink';
import { messageOf } from './errors';

export interface PluginEndpointOptions {
  /** The only window allowed to drive the plugin: the page that embeds Web App 3. */
  top: Window;
  /** When set, messages from other origins are dropped. */
  allowedOrigins?: readonly string[] | undefined;
  /** Posts an envelope to the top window. */
  post(envelope: object): void;
  /** Answers `ping`. */
  onPing(): void;
  warn(message: string): void;
}

export interface PluginEndpoint {
  /** Hand this to comlink's `expose`; it only ever sees APPLY messages built here. */
  readonly endpoint: Endpoint;
  /** The message listener to add to the plugin's window (and Web App 3's, when reachable). */
  readonly onMessage: (event: MessageEvent) => void;
}

type ComlinkListener = (event: { data: ReturnType<typeof apply>; origin: string }) => void;
type Pending = Pick<ServiceCall, 'method' | 'requestId'>;

/**
 * Stands between the wire and comlink. Received data is filtered (source,
 * origin, prefix, action, payload) and never passed on: comlink gets APPLY
 * messages built here from the fixed method table and validated arguments,
 * so no sender can reach comlink's GET/SET/CONSTRUCT or property paths.
 */
export function createPluginEndpoint(options: PluginEndpointOptions): PluginEndpoint {
  const listeners = new Set<ComlinkListener>();
  const pending = new Map<string, Pending>();
  let nextId = 0;

  const reply = (message: Reply): void => {
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (call.method === 'dialOut') {
      const outcome = isRaw(message)
        ? { ok: true as const, value: message.value as { uuid: string; displayName?: string } }
        : { ok: false as const, message: messageOf(thrownValue(message)) };
      options.post(dialOutReply(outcome, call.requestId));
    } else if (!isRaw(message)) {
      options.warn(`${call.method} failed: ${messageOf(thrownValue(message))}`);
    }
  };

  const endpoint: Endpoint = {
    postMessage: (message: Reply) => reply(message),
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) =>
      listeners.add(listener as unknown as ComlinkListener),
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) =>
      listeners.delete(listener as unknown as ComlinkListener),
  };

  const call = ({ method, args, requestId }: ServiceCall, origin: string): void => {
    const id = String(++nextId);
    pending.set(id, requestId === undefined ? { method } : { method, requestId });
    const data = apply(id, method, args);
    for (const listener of listeners) listener({ data, origin });
  };

  const onMessage = (event: MessageEvent): void => {
    try {
      if (event.source !== options.top) return;
      if (options.allowedOrigins && !options.allowedOrigins.includes(event.origin)) {
        options.warn(`dropped a message from ${event.origin}: it is not in config.json's allowedOrigins`);
        return;
      }
      const inbound = decodeHostMessage(event.data);
      switch (inbound.kind) {
        case 'foreign':
          options.warn(`ignored a message without the '${ACTION_PREFIX}' action prefix`);
          return;
        case 'unknown':
          options.warn(`ignored unknown action '${inbound.action}'`);
          return;
        case 'invalid':
          options.warn(inbound.error);
          if (inbound.name === 'dial-out') options.post(dialOutReply({ ok: false, message: inbound.error }, inbound.requestId));
          return;
        case 'message': {
          const serviceCall = messageToCall(inbound.message);
          if (serviceCall) call(serviceCall, event.origin);
          else options.onPing();
        }
      }
    } catch (error) {
      // Nothing a message does may escape the handler; say what happened and keep going.
      options.warn(`message handling failed: ${messageOf(error)}`);
    }
  };

  return { endpoint, onMessage };
}
