import {
  MAX_KEPT_ITEMS,
  PLUGIN_EVENTS,
  SERVICE_METHODS,
  TOPICS,
  type ControlPayloads,
  type DialOutBody,
  type DialOutResult,
  type ExternalChatService,
  type Fields,
  type HostAction,
  type PAGE_TO_PLUGIN,
  type PayloadOf,
  type PluginEvents,
  type PluginPayloads,
  type ChangesAction,
  type RosterChange,
  type RosterEntry,
  type SelfState,
  type ServiceMethod,
  type Topic,
} from './contract/internal.js';
import { CallInterruptedError, InvalidParamsError, TimeoutError } from './errors.js';
import type { ComlinkReply } from './comlink-wire.js';
import { createHostEndpoint, type HostEndpoint } from './host-endpoint.js';
import { createRosterMirror } from './roster-mirror.js';
import { checkOrigins, checkTimeout, type CallOptions } from './options.js';

export interface ConnectOptions {
  /**
   * Origin(s) the plugin may speak from: Web App 3's (the branding bundle is
   * served there). Omitted = the origin of the iframe's `src`, read when the
   * plugin speaks. Name a plugin dev server's origin too while developing, and
   * `'null'` for a plugin frame without allow-same-origin.
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

/**
 * The roster: the whole, current list. `change`: what changed since the last (or, with `snapshot`, the
 * whole list again), for a page that redraws only that; absent when the plugin sent the list whole (a
 * plugin without `roster-changes`), so redraw it all.
 */
export interface RosterEvent {
  participants: readonly RosterEntry[];
  change?: RosterChange;
}

/** `ready` on every (re)connection of a plugin instance, then the meeting's events. */
export type ExternalChatEvents = { ready: PluginPayloads['ready']; roster: RosterEvent } & Omit<PluginEvents, 'roster' | ChangesAction>;

type Role = ControlPayloads['set-role']['role'];

/**
 * The service's methods as the page calls them, each argument validated by
 * its table row before anything is sent, with per-call options last. Every
 * call resolves once the plugin answered (state: once posted) and rejects
 * with InvalidParamsError (nothing sent), FeatureUnavailableError,
 * DialOutError or ControlError (refused), TimeoutError or CallInterruptedError.
 */
export interface ExternalChatMethods {
  /** Shows the Chat button active (*Close Chat*) or not (*Open Chat*). */
  setButtonActive(active: boolean, options?: CallOptions): Promise<void>;
  /**
   * Shows or hides the unread badge on the Chat button. A number shows the
   * badge while it is above 0 and puts it in the tooltip (*Open Chat (3 unread)*).
   */
  setBadge(visibleOrCount: boolean | number, options?: CallOptions): Promise<void>;
  /** Dials `body.destination` into the meeting; resolves once the participant joined. */
  dialOut(body: DialOutBody, options?: CallOptions): Promise<DialOutResult>;
  /** Mutes or unmutes a participant's audio; naming the local user mutes yourself. */
  mute(participantUuid: string, muted: boolean, options?: CallOptions): Promise<void>;
  /** Stops or starts a participant's video; naming the local user stops your own. */
  muteVideo(participantUuid: string, muted: boolean, options?: CallOptions): Promise<void>;
  /** Lets a participant in from the lobby. */
  admit(participantUuid: string, options?: CallOptions): Promise<void>;
  /** Disconnects a participant from the meeting. */
  disconnectParticipant(participantUuid: string, options?: CallOptions): Promise<void>;
  spotlight(participantUuid: string, active: boolean, options?: CallOptions): Promise<void>;
  /** Raises or lowers a participant's hand; naming the local user raises your own. */
  raiseHand(participantUuid: string, raised: boolean, options?: CallOptions): Promise<void>;
  setRole(participantUuid: string, role: Role, options?: CallOptions): Promise<void>;
  /** Moves a participant to the conference `alias` (with its `pin`), as a guest unless `role` is `'host'`. */
  transfer(participantUuid: string, to: { alias: string; role?: Role; pin?: string }, options?: CallOptions): Promise<void>;
  /** Sends DTMF digits (0-9, *, #, A-D) to a participant, e.g. a phone dialled out. */
  sendDtmf(participantUuid: string, digits: string, options?: CallOptions): Promise<void>;
  muteAllGuests(muted: boolean, options?: CallOptions): Promise<void>;
  /** Writes `text` in the meeting's chat, to everyone or (with `participantUuid`) privately to one participant. */
  sendMeetingMessage(text: string, options?: CallOptions & { participantUuid?: string }): Promise<void>;
  /** Shows `message` (one line, at most 200 characters) as a toast in the meeting; at most one per 3 s, others reject with ControlError. */
  notify(message: string, options?: CallOptions): Promise<void>;
}

// ---- the compiler holds these signatures to the table: each method takes its row's `args` in order ----
type Assert<T extends true> = T;
type Same<A, B> = [A, B] extends [B, A] ? true : false;
type RowOf<M> = Extract<(typeof PAGE_TO_PLUGIN)[HostAction], { method: M }>;
type PayloadOfRow<R> = R extends { fields: infer F extends Fields } ? PayloadOf<F> : never;
type ArgsOf<R, P = PayloadOfRow<R>> = R extends { kind: 'state'; toPayload: (arg: infer A) => unknown }
  ? [A]
  : R extends { kind: 'state'; arg: infer K extends keyof P }
    ? [P[K]]
    : R extends { args: infer A extends readonly (keyof P)[] }
      ? [...{ -readonly [I in keyof A]: P[A[I]] }, ...(R extends { rest: true } ? [Omit<P, A[number]>] : [])]
      : never;
/** The call options, with the payload's other fields when the row says they ride there. */
type OptionsOf<R, P = PayloadOfRow<R>> = R extends { rest: 'options'; args: infer A extends readonly (keyof P)[] } ? CallOptions & Omit<P, A[number]> : CallOptions;
type Agrees = {
  [M in ServiceMethod]: Same<Parameters<ExternalChatMethods[M]>, [...ArgsOf<RowOf<M>>, options?: OptionsOf<RowOf<M>>]> extends true
    ? Same<Awaited<ReturnType<ExternalChatMethods[M]>>, Awaited<ReturnType<ExternalChatService[M]>>>
    : false;
}[ServiceMethod];
type _MethodsMatchTable = Assert<Same<Agrees, true>>;
type _EveryMethodIsThere = Assert<Same<keyof ExternalChatMethods, ServiceMethod>>;

export interface ExternalChat extends ExternalChatMethods {
  /** Resolves on the first `ready`; rejects with TimeoutError after `connectTimeoutMs`, or with CallInterruptedError if closed before. */
  readonly ready: Promise<void>;
  /** What the plugin offers (its last `ready`'s `features`); empty before the first `ready`. */
  readonly features: readonly string[];
  /** Whether the local user is in the meeting: from `ready`, then `connected` / `disconnected`. */
  readonly connected: boolean;
  /** The latest `roster` (empty until the first arrives; kept up to date only while a `roster` handler is on). */
  readonly roster: readonly RosterEntry[];
  /** The latest `self` (undefined until the first arrives; kept up to date only while a `self` handler is on). */
  readonly self: SelfState | undefined;
  /**
   * Adds a handler; returns the function that removes it. For meeting data
   * (`roster`, `self`, `meeting-message`), the first handler subscribes and
   * removing the last unsubscribes: nothing of the meeting reaches the page
   * before it asks. Each `meeting-message` reaches the handlers once (by `id`),
   * however often the plugin sends it again.
   */
  on<E extends keyof ExternalChatEvents>(event: E, handler: (payload: ExternalChatEvents[E]) => void): () => void;
  /** Removes every listener and timer, rejects pending calls. */
  close(): void;
}

// The roster's changes are applied here and raised as `roster` (PLUGIN_EVENTS has no `roster-change`): a page's code is the same either way.
const EVENTS: readonly string[] = ['ready', ...PLUGIN_EVENTS];
/** Events of `every` topics: the plugin sends its kept items again to each new subscription (another bridge's too). */
const ITEM_EVENTS = new Set<string>([...TOPICS.values()].flatMap(({ action, delivery }) => (delivery === 'every' ? [action] : [])));
/** More than the plugin ever sends again (its kept items), so every repeat is recognised. */
const REMEMBERED_IDS = 2 * MAX_KEPT_ITEMS;

/** The ids of the last `max` items, oldest forgotten first: `add` says whether an id is new. */
function recentIds(max: number) {
  const ids = new Set<string>();
  return {
    add(id: string): boolean {
      if (ids.has(id)) return false;
      ids.add(id);
      // A Set iterates in insertion order: its first is the oldest.
      if (ids.size > max) ids.delete(ids.values().next().value as string);
      return true;
    },
  };
}
type Handler = (payload: never) => void;
/** Event name → the topic its handlers subscribe to. */
const TOPIC_OF_EVENT = new Map<string, Topic>([...TOPICS].map(([topic, { action }]) => [action, topic]));
/** How often a page that cannot apply the roster's changes asks again for a snapshot, at most. */
const SNAPSHOT_ASK_MS = 1_000;


/** Connects to the external-chat plugin inside the Web App 3 iframe. */
export function connectExternalChat(iframe: HTMLIFrameElement, options: ConnectOptions = {}): ExternalChat {
  // Bad options are the page's bug: say so now, not with a silent timeout later.
  const origins = checkOrigins(options.webappOrigin);
  const timeoutMs = checkTimeout('connectExternalChat', options.timeoutMs ?? 60_000);
  const connectTimeoutMs = checkTimeout('connectExternalChat', options.connectTimeoutMs ?? 30_000, 'connectTimeoutMs');

  const handlers = new Map<string, Set<Handler>>(EVENTS.map((name) => [name, new Set()]));
  const delivered = recentIds(REMEMBERED_IDS);
  const mirror = createRosterMirror();
  let askedAt = -Infinity;
  let connected = false;
  let roster: readonly RosterEntry[] = [];
  let self: SelfState | undefined;
  /** What the page sees before its handlers run, so a handler reading `chat.connected` sees the news. */
  const record = (name: string, payload: unknown): void => {
    if (name === 'ready') {
      connected = (payload as PluginPayloads['ready']).connected === true;
    } else if (name === 'connected') connected = true;
    else if (name === 'disconnected') connected = false;
    else if (name === 'roster') roster = Object.freeze((payload as RosterEvent).participants);
    else if (name === 'self') self = Object.freeze(payload as SelfState);
  };
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
    onEvent(event, data) {
      let name: string = event;
      let payload: unknown = data;
      // Each item once: handlers are not handed again what they already had.
      if (ITEM_EVENTS.has(name) && !delivered.add((payload as { id: string }).id)) return;
      if (name === 'roster-change') {
        const participants = mirror.apply(data as RosterChange);
        if (!participants) {
          // A message was missed: only a snapshot helps. Asked at most once a second; the changes meanwhile are dropped.
          if (performance.now() - askedAt >= SNAPSHOT_ASK_MS) {
            askedAt = performance.now();
            endpoint.renew('roster');
          }
          return;
        }
        name = 'roster';
        payload = { participants, change: data };
      }
      // A new plugin starts its roster's changes afresh, with a snapshot.
      if (name === 'ready') mirror.reset();
      record(name, payload);
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
  const call = callerOf(endpoint);
  // Arguments and options are checked where the call arrives (the endpoint), so a bad one rejects, never throws.
  const methods = Object.fromEntries(SERVICE_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as unknown as ExternalChatMethods;

  return {
    ...methods,
    ready,
    get features() {
      return endpoint.features();
    },
    get connected() {
      return connected;
    },
    get roster() {
      return roster;
    },
    get self() {
      return self;
    },
    on(event, handler) {
      const set = handlers.get(event);
      if (!set) throw new InvalidParamsError(`on: unknown event '${String(event)}'; use one of ${EVENTS.join(', ')}`);
      if (typeof handler !== 'function') throw new InvalidParamsError(`on('${event}'): the handler must be a function, got ${handler === null ? 'null' : typeof handler}`);
      set.add(handler as Handler);
      const topic = TOPIC_OF_EVENT.get(event);
      if (topic) endpoint.subscribe(topic, true);
      return () => {
        set.delete(handler as Handler);
        if (!topic || set.size > 0) return;
        endpoint.subscribe(topic, false);
        if (topic === 'roster') mirror.reset();
      };
    },
    close() {
      clearTimeout(connectTimer);
      endpoint.close();
      for (const set of handlers.values()) set.clear();
      rejectReady(new CallInterruptedError('closed', 'Waiting for the plugin'));
    },
  };
}

/**
 * The service's methods as calls on the endpoint, in the APPLY / RAW / throw shapes it reads (comlink's,
 * comlink-wire.ts). comlink's own wrap() would add a Proxy and transfer handlers that pull in the rest of
 * comlink (1.4 KB gz of a 9 KB page library) for a table of method names the contract already has.
 */
function callerOf(endpoint: HostEndpoint): (method: ServiceMethod, args: unknown[]) => Promise<unknown> {
  const waiting = new Map<string, [(value: unknown) => void, (error: unknown) => void]>();
  let next = 0;
  endpoint.addEventListener('message', (({ data }: { data: ComlinkReply }) => {
    const settle = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.type === 'RAW') settle?.[0](data.value);
    else settle?.[1]((data.value as { value: unknown }).value);
  }) as never);
  return (method, args) =>
    new Promise((resolve, reject) => {
      const id = String(++next);
      waiting.set(id, [resolve, reject]);
      endpoint.postMessage({ id, type: 'APPLY', path: [method], argumentList: args.map((value) => ({ type: 'RAW', value })) });
    });
}

/** What the console says when no plugin came: the set-up mistakes that look exactly like this. */
function noPluginMessage(ms: number, origins: readonly string[] | undefined): string {
  const here = typeof location === 'undefined' ? "this page's origin" : location.origin;
  return [
    `[external-chat] no external-chat plugin said ready within ${ms} ms (connectTimeoutMs); chat.ready rejects with TimeoutError. Likely causes:`,
    "- the branding bundle Web App 3 serves has no external-chat plugin (its manifest.json's plugins; rebuild and redeploy it);",
    `- webappOrigin (${origins ? origins.join(', ') : "by default the iframe's origin"}) does not list the origin the plugin speaks from, such as a plugin dev server's, or 'null' (a warning above names it);`,
    `- the plugin's config.json has allowedOrigins without this page's origin (${here}), so the plugin ignores this page;`,
    "- the plugin's frame lacks allow-same-origin (the branding manifest's sandboxValues), so it may not load at all.",
    'The bridge keeps asking: a plugin that starts later still connects and fires the ready handlers.',
  ].join('\n');
}
