import { wrap } from 'comlink';
import { PLUGIN_EVENTS, SERVICE_METHODS, type ExternalChatService, type PluginEvents, type PluginPayloads } from './contract';
import { CallInterruptedError, InvalidParamsError } from './errors';
import { createHostEndpoint, type CallOptions } from './host-endpoint';
import { checkOrigins, checkTimeout } from './options';

export interface ConnectOptions {
  /**
   * Origin(s) the plugin may speak from: Web App 3's (the branding bundle is
   * served there). Omitted = any origin, with a console notice. Recommended.
   */
  webappOrigin?: string | readonly string[];
  /** Default timeout for calls that are answered (dialOut) and for calls queued before `ready`, in ms; 0 = none. Default 60 000. */
  timeoutMs?: number;
  /** The window to listen on; defaults to the global window. */
  window?: Window;
  /** Sees every envelope the bridge sends and every one it accepts from the plugin: for logs and debugging. */
  onEnvelope?: (direction: 'in' | 'out', envelope: object) => void;
}

/** `ready` on every (re)connection of a plugin instance, then the meeting's events. */
export type ExternalChatEvents = { ready: PluginPayloads['ready'] } & PluginEvents;

/** Each service method, as the page calls it: its argument validated by its table row before anything is sent, with per-call options. */
export type ExternalChatMethods = {
  [M in keyof ExternalChatService]: (
    arg: Parameters<ExternalChatService[M]>[0],
    options?: CallOptions,
  ) => Promise<Awaited<ReturnType<ExternalChatService[M]>>>;
};

export interface ExternalChat extends ExternalChatMethods {
  /** Resolves on the first `ready`; rejects with CallInterruptedError if closed before. */
  readonly ready: Promise<void>;
  on<E extends keyof ExternalChatEvents>(event: E, handler: (payload: ExternalChatEvents[E]) => void): () => void;
  /** Removes every listener and timer, rejects pending calls. */
  close(): void;
}

const EVENTS: readonly string[] = ['ready', ...PLUGIN_EVENTS];
type Handler = (payload: never) => void;

/** Connects to the external-chat plugin inside the Web App 3 iframe. */
export function connectExternalChat(iframe: HTMLIFrameElement, options: ConnectOptions = {}): ExternalChat {
  // Bad options are the page's bug: say so now, not with a silent timeout later.
  const origins = checkOrigins(options.webappOrigin);
  const timeoutMs = checkTimeout('connectExternalChat', options.timeoutMs ?? 60_000);
  if (!origins) console.info('[external-chat] connectExternalChat: no webappOrigin given, accepting the plugin from any origin.');

  const handlers = new Map<string, Set<Handler>>(EVENTS.map((name) => [name, new Set()]));
  let resolveReady!: () => void;
  let rejectReady!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A page that never awaits `ready` must not get an unhandled rejection on close().
  ready.catch(() => undefined);

  const endpoint = createHostEndpoint({
    iframe,
    window: options.window ?? window,
    origins,
    timeoutMs,
    trace: options.onEnvelope,
    onEvent(name, payload) {
      if (name === 'ready') resolveReady();
      for (const handler of [...(handlers.get(name) ?? [])]) {
        try {
          (handler as (payload: unknown) => void)(payload);
        } catch (error) {
          // A failing handler is the page's bug: report it, keep the bridge running.
          console.error(`[external-chat] a '${name}' handler threw`, error);
        }
      }
    },
  });
  const remote = wrap<ExternalChatMethods>(endpoint);
  const methods = Object.fromEntries(
    SERVICE_METHODS.map((method) => [method, (arg: never, callOptions?: CallOptions) => remote[method](arg, callOptions)]),
  ) as unknown as ExternalChatMethods;

  return {
    ...methods,
    ready,
    on(event, handler) {
      const set = handlers.get(event);
      if (!set) throw new InvalidParamsError(`on: unknown event '${String(event)}'; use one of ${EVENTS.join(', ')}`);
      set.add(handler as Handler);
      return () => set.delete(handler as Handler);
    },
    close() {
      endpoint.close();
      for (const set of handlers.values()) set.clear();
      rejectReady(new CallInterruptedError('closed', 'Waiting for the plugin'));
    },
  };
}
