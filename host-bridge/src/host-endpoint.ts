import { readApply, returned, type ComlinkMessage, type ComlinkReply } from './comlink-wire.js';
import {
  answerIn,
  arityOf,
  optionFieldsOf,
  decodePluginMessage,
  encode,
  envelopeOf,
  featureOf,
  isRequest,
  isState,
  LEGACY_FEATURES,
  originOf,
  SERVICE_METHODS,
  TOPICS,
  type Answer,
  type EventAction,
  type HostAction,
  type PluginPayloads,
  type ServiceMethod,
  type Topic,
} from './contract/internal.js';
import { CallInterruptedError, FeatureUnavailableError, InvalidParamsError, requestError } from './errors.js';
import { CHALLENGE_MS, isInsideFrame, nextPingDelay, pingTargets } from './find-plugin.js';
import { checkCallOptions } from './options.js';
import { createPendingCalls, type PendingCall } from './pending-calls.js';

export type { CallOptions } from './options.js';

export interface HostEndpointOptions {
  /** The Web App 3 iframe: the plugin is the window inside it that says `ready`. */
  iframe: HTMLIFrameElement;
  /** The window to listen on. */
  window: Window;
  /** Origins the plugin may speak from; undefined = the origin of the iframe's `src`, read when the plugin speaks. */
  origins: readonly string[] | undefined;
  /** Default for calls that are answered (and for any call queued before `ready`), in ms; 0 = none. */
  timeoutMs: number;
  trace: ((direction: 'in' | 'out', envelope: object) => void) | undefined;
  /** A (re)started plugin said `ready`, or raised an event; validated, and from the plugin only. */
  onEvent<E extends 'ready' | EventAction>(name: E, payload: PluginPayloads[E]): void;
}

/** What connect.ts calls through: APPLY messages in, replies out to its listener (comlink-wire.ts's shapes). */
interface Endpoint {
  postMessage(message: ComlinkMessage): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject): void;
}

export interface HostEndpoint extends Endpoint {
  /**
   * Asks the plugin to send `topic` (or to stop): now if it is known, and again
   * to every new plugin instance, which starts with no subscriptions.
   */
  subscribe(topic: Topic, on: boolean): void;
  /** Subscribes again to a topic the page holds: the plugin answers with its whole value (a snapshot). */
  renew(topic: Topic): void;
  /** What the last plugin instance offers (its `ready`'s `features`); empty before the first `ready`. */
  features(): readonly string[];
  /** Stops listening and pinging; rejects every call in flight and every later one. */
  close(): void;
  /** Calls not yet settled (for leak checks). */
  pendingCount(): number;
}

type ComlinkListener = (event: { data: ComlinkReply }) => void;


/**
 * The page's side of the wire, mirroring the plugin endpoint: it finds the
 * plugin (its `ready` from inside the Web App 3 iframe, pinging until one
 * comes), checks source and origin, decodes, and turns comlink's calls into
 * envelopes and the plugin's answers back into comlink replies. Owns every
 * call in flight (queueing until the plugin is known, `requestId`
 * correlation, timeouts, aborts) and the state each new plugin instance is
 * told again.
 */
export function createHostEndpoint(options: HostEndpointOptions): HostEndpoint {
  const { iframe, origins, trace } = options;
  const comlink = new Set<ComlinkListener>();
  const reply = (data: ComlinkReply): void => {
    for (const listener of [...comlink]) listener({ data });
  };
  const calls = createPendingCalls(reply);
  /** The last envelope per state action: what a restarted plugin must be told again. */
  const state = new Map<HostAction, object>();
  /** The topics this page asked for: renewed with every new plugin instance. */
  const topics = new Set<Topic>();
  /** `echoesRequestId`: its ready said it echoes every request's id, so an answer without one is not for this page. */
  let plugin:
    | { window: Window; origin: string; instanceId: string | undefined; echoesRequestId: boolean; topics: readonly string[] | undefined }
    | undefined;
  /** What the last plugin offers; one that announces none predates the list and offers the chat button and dial-out. */
  let features: readonly string[] = [];
  let closed = false;
  let pingTimer: ReturnType<typeof setTimeout> | undefined;
  let pingDelay = 0;
  let warnedOrigin = false;
  /** Another window's `ready` while the plugin's window is still there: taken only if the plugin stays silent when asked. */
  let challenger: { source: Window; origin: string; payload: PluginPayloads['ready']; data: object } | undefined;
  let challengeTimer: ReturnType<typeof setTimeout> | undefined;
  const settleChallenge = (): void => {
    clearTimeout(challengeTimer);
    challenger = undefined;
  };
  // The iframe's src is read each time: a page may point it at Web App 3 after connecting.
  const isAllowed = (origin: string): boolean => (origins ?? [originOf(iframe.src)]).includes(origin);

  // An opaque-origin plugin (no allow-same-origin) can only be reached with '*'.
  const post = (envelope: object): void => {
    if (!plugin) return;
    trace?.('out', envelope);
    plugin.window.postMessage(envelope, plugin.origin === 'null' ? '*' : plugin.origin);
  };
  const send = (call: PendingCall): void => {
    call.sent = true;
    post(call.envelope);
  };
  /** The feature an action needs that the known plugin does not offer: such a call is refused here, before anything is sent. */
  const missing = (action: HostAction): string | undefined => {
    const feature = featureOf(action);
    return plugin && feature !== undefined && !features.includes(feature) ? feature : undefined;
  };
  const offered = (topic: Topic): boolean => plugin !== undefined && features.includes(TOPICS.get(topic)?.feature ?? '');
  /** The topic asked for on the wire: one that carries the page's topic as changes, when the plugin offers it (its `ready.topics`). */
  const onWire = (topic: Topic): Topic => {
    for (const [name, { changesOf }] of TOPICS) if (changesOf === topic && plugin?.topics?.includes(name)) return name;
    return topic;
  };
  const postTopics = (action: 'subscribe' | 'unsubscribe', list: Topic[]): void => {
    const named = list.filter(offered).map(onWire);
    if (named.length > 0) post(encode(action, { topics: named }));
  };

  /** A call from connect.ts's methods: validated by its row, then posted, queued or answered. */
  const onCall = (message: ComlinkMessage): void => {
    const id = message.id;
    if (id === undefined) return;
    const apply = readApply(message);
    const method = apply?.method as ServiceMethod;
    // Anything that is no APPLY of a service method is answered here, never put on the wire.
    if (!apply || !SERVICE_METHODS.includes(method)) return reply(returned(id, undefined));
    const built = envelopeOf(method, apply.args, id);
    if (!built.ok) return calls.fail(id, new InvalidParamsError(built.error));
    if (closed) return calls.fail(id, new CallInterruptedError('closed', method));
    // The argument after the method's own holds this page's call options; they never leave it.
    let signal: AbortSignal | undefined;
    let ms: number;
    try {
      const checked = checkCallOptions(method, apply.args[arityOf(method)], optionFieldsOf(method));
      signal = checked.signal;
      ms = checked.timeoutMs ?? options.timeoutMs;
    } catch (error) {
      return calls.fail(id, error);
    }
    if (signal?.aborted) return calls.fail(id, signal.reason);
    const { action, envelope } = built.value;
    const lacking = missing(action);
    if (lacking) return calls.fail(id, new FeatureUnavailableError(lacking, method));
    if (isState(action)) {
      state.set(action, envelope);
      // State has no answer on the wire: done once posted.
      if (plugin) {
        post(envelope);
        return reply(returned(id, undefined));
      }
    }
    const call = calls.track(id, { method, action, envelope }, ms, signal);
    if (plugin && isRequest(action)) send(call);
  };

  /** `data`: the envelope as it came, for the trace, once it is taken. */
  const onReady = (source: Window, origin: string, payload: PluginPayloads['ready'], silence: boolean, data: object): void => {
    const { instanceId, echoesRequestId } = payload;
    // The same instance saying ready again (a ping heard twice, or another bridge's ping) changes nothing.
    if (plugin && source === plugin.window && instanceId !== undefined && instanceId === plugin.instanceId) return trace?.('in', data);
    // Bound to one plugin: another window inside Web App 3 (a sibling plugin, a frame it hosts) must not take over by
    // saying ready. A restart is followed at once where it shows: the same window (a reloaded frame, or Web App 3's
    // window, the relay's), or the plugin's window gone (a recreated frame, a reloaded Web App 3). Otherwise the plugin
    // is asked; a plugin that answers stays, one that stays silent (a restart that changed how it posts) is replaced.
    if (plugin && source !== plugin.window && source !== iframe.contentWindow && !plugin.window.closed && !silence) {
      if (!challenger) {
        post(encode('ping', {}));
        challengeTimer = setTimeout(() => {
          const next = challenger;
          settleChallenge();
          if (next && !closed) onReady(next.source, next.origin, next.payload, true, next.data);
        }, CHALLENGE_MS);
      }
      challenger = { source, origin, payload, data };
      return;
    }
    settleChallenge();
    trace?.('in', data);
    // A new instance will never answer what the old one was asked.
    if (plugin) for (const [id, call] of calls.list()) if (call.sent) calls.fail(id, new CallInterruptedError('plugin-restarted', call.method));
    plugin = { window: source, origin, instanceId, echoesRequestId: echoesRequestId === true, topics: payload.topics };
    features = Object.freeze([...(payload.features ?? LEGACY_FEATURES)]);
    clearTimeout(pingTimer);
    for (const [action, envelope] of state) if (!missing(action)) post(envelope);
    postTopics('subscribe', [...topics]);
    for (const [id, call] of calls.list()) {
      const lacking = call.sent ? undefined : missing(call.action);
      if (lacking) calls.fail(id, new FeatureUnavailableError(lacking, call.method));
      else if (isState(call.action)) calls.resolve(id, undefined);
      else if (!call.sent) send(call);
    }
    options.onEvent('ready', payload);
  };

  const onAnswer = (answer: Answer): void => {
    const id = calls.answered(answer, plugin?.echoesRequestId === true);
    if (id === undefined) return;
    if (answer.ok) calls.resolve(id, answer.value);
    else calls.fail(id, requestError(answer.request, answer.message, answer.code));
  };

  const onMessage = (event: MessageEvent): void => {
    try {
      const inbound = decodePluginMessage(event.data);
      if (inbound.kind !== 'message') return;
      const { name, payload } = inbound.message;
      const allowed = isAllowed(event.origin);
      // The plugin spoke: it is alive, and whoever else said ready meanwhile is not followed.
      if (plugin && event.source === plugin.window && allowed) settleChallenge();
      if (name === 'ready') {
        if (!isInsideFrame(event.source, iframe.contentWindow)) return;
        if (!allowed) {
          // The likeliest mistake in setting up a bridge: say it once instead of timing out in silence.
          if (!warnedOrigin) console.warn(`[external-chat] ignored the plugin's ready from ${event.origin}: not in webappOrigin (${origins?.join(', ') ?? "by default the iframe's origin"})`);
          warnedOrigin = true;
          return;
        }
        return onReady(event.source, event.origin, payload as PluginPayloads['ready'], false, event.data);
      }
      if (!plugin || event.source !== plugin.window || !allowed) return;
      trace?.('in', event.data);
      const answer = answerIn(inbound.message);
      if (answer) onAnswer(answer);
      else options.onEvent(name as EventAction, payload as PluginPayloads[EventAction]);
    } catch (error) {
      console.error('[external-chat] ignored a message that could not be handled', error);
    }
  };

  // A page that connects after the plugin said `ready` would wait forever: ask until someone answers.
  const ping = (): void => {
    const envelope = encode('ping', {});
    trace?.('out', envelope);
    for (const target of pingTargets(iframe.contentWindow)) target.postMessage(envelope, '*');
    pingDelay = nextPingDelay(pingDelay);
    pingTimer = setTimeout(ping, pingDelay);
  };

  options.window.addEventListener('message', onMessage);
  ping();

  return {
    postMessage: (message: ComlinkMessage) => onCall(message),
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => comlink.add(listener as unknown as ComlinkListener),
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) =>
      comlink.delete(listener as unknown as ComlinkListener),
    subscribe(topic, on) {
      if (closed || topics.has(topic) === on) return;
      if (on) topics.add(topic);
      else topics.delete(topic);
      postTopics(on ? 'subscribe' : 'unsubscribe', [topic]);
    },
    renew(topic) {
      if (topics.has(topic)) postTopics('subscribe', [topic]);
    },
    features: () => features,
    close() {
      if (closed) return;
      closed = true;
      options.window.removeEventListener('message', onMessage);
      clearTimeout(pingTimer);
      settleChallenge();
      for (const [id, call] of calls.list()) calls.fail(id, new CallInterruptedError('closed', call.method));
      state.clear();
      topics.clear();
      plugin = undefined;
    },
    pendingCount: () => calls.size,
  };
}
