import { wrap } from 'comlink';
import { PLUGIN_EVENTS, SERVICE_METHODS, type ExternalChatService, type PluginEvents, type PluginPayloads } from './contract/index.js';
import { CallInterruptedError, InvalidParamsError, TimeoutError } from './errors.js';
import { createHostEndpoint } from './host-endpoint.js';
import { checkOrigins, checkTimeout, type CallOptions } from './options.js';

export interface ConnectOptions {
  /**
   * Origin(s) the plugin may speak from: Web App 3's (the branding bundle is
   * served there). Omitted = any origin, with a console notice. Recommended.
   */
  webappOrigin?: string | readonly string[];
  /** Default timeout for calls that are answered (dialOut) and for calls queued before `ready`, in ms; 0 = none. Default 60 000. */
  timeoutMs?: number;
  /**
   * How long `ready` waits for the plugin's first `ready`, in ms; 0 = forever. Default 30 000.
   * Then `ready` rejects with TimeoutError and the console lists the likely causes; the bridge
   * keeps pinging, so a plugin that starts later still connects (`on('ready')` handlers run).
   */
  connectTimeoutMs?: number;
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
  /** Resolves on the first `ready`; rejects with TimeoutError after `connectTimeoutMs`, or with CallInterruptedError if closed before. */
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
  const connectTimeoutMs = checkTimeout('connectExternalChat', options.connectTimeoutMs ?? 30_000, 'connectTimeoutMs');
  if (!origins) console.info('[external-chat] connectExternalChat: no webappOrigin given, accepting the plugin from any origin.');

  const handlers = new Map<string, Set<Handler>>(EVENTS.map((name) => [name, new Set()]));
  let resolveReady!: () => void;
  let rejectReady!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A page that never awaits `ready` must not get an unhandled rejection on close() or a connect timeout.
  ready.catch(() => undefined);
  // Without this a page whose plugin never comes would wait in silence: say why it may be missing.
  const connectTimer =
    connectTimeoutMs > 0
      ? setTimeout(() => {
          console.error(noPluginMessage(connectTimeoutMs, origins));
          rejectReady(new TimeoutError(`No external-chat plugin said ready within ${connectTimeoutMs} ms (connectTimeoutMs); see the console for the likely causes`));
        }, connectTimeoutMs)
      : undefined;

  const endpoint = createHostEndpoint({
    iframe,
    window: options.window ?? window,
    origins,
    timeoutMs,
    trace: options.onEnvelope,
    onEvent(name, payload) {
      if (name === 'ready') {
        clearTimeout(connectTimer);
        resolveReady();
      }
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
  // Argument and options are checked where the call arrives (the endpoint), so a bad one rejects, never throws.
  const methods = Object.fromEntries(
    SERVICE_METHODS.map((method) => [method, (arg: never, callOptions?: CallOptions) => remote[method](arg, callOptions)]),
  ) as unknown as ExternalChatMethods;

  return {
    ...methods,
    ready,
    on(event, handler) {
      const set = handlers.get(event);
      if (!set) throw new InvalidParamsError(`on: unknown event '${String(event)}'; use one of ${EVENTS.join(', ')}`);
      if (typeof handler !== 'function') throw new InvalidParamsError(`on('${event}'): the handler must be a function, got ${handler === null ? 'null' : typeof handler}`);
      set.add(handler as Handler);
      return () => set.delete(handler as Handler);
    },
    close() {
      clearTimeout(connectTimer);
      endpoint.close();
      for (const set of handlers.values()) set.clear();
      rejectReady(new CallInterruptedError('closed', 'Waiting for the plugin'));
    },
  };
}

/** What the console says when no plugin came: the set-up mistakes that look exactly like this. */
function noPluginMessage(ms: number, origins: readonly string[] | undefined): string {
  const here = typeof location === 'undefined' ? "this page's origin" : location.origin;
  return [
    `[external-chat] no external-chat plugin said ready within ${ms} ms (connectTimeoutMs); chat.ready rejects with TimeoutError. Likely causes:`,
    "- the branding bundle Web App 3 serves has no external-chat plugin (its manifest.json's plugins; rebuild and redeploy it);",
    origins
      ? `- webappOrigin (${origins.join(', ')}) does not list the origin Web App 3 and its branding are served from (a warning above names the origin heard);`
      : '- the iframe does not load Web App 3, or loads a page other than Web App 3;',
    `- the plugin's config.json has allowedOrigins without this page's origin (${here}), so the plugin ignores this page;`,
    "- the plugin's frame lacks allow-same-origin (the branding manifest's sandboxValues), so it may not load at all.",
    'The bridge keeps asking: a plugin that starts later still connects and fires the ready handlers.',
  ].join('\n');
}
