/**
 * The wire vocabulary: one row per action, one table per direction. Codec,
 * validation, both endpoints, host-bridge's methods and events, and the
 * wire reference's tables (docs/wire.md) all follow from these two tables.
 *
 * Adding a control is its row here (with `webapp3`: the RPC and how its payload is named there),
 * its method among host-bridge's ExternalChatMethods (connect.ts), and its line in the API reference.
 * The typecheck holds the method to the row and the row to @pexip/plugin-api's types; the service's
 * method, the plugin's call and Rocket.Chat's row follow from the row.
 */
import { DIAL_FIELDS } from './dial-body.js';
import { boolean, INVISIBLE, INVISIBLE_BUT_NEWLINES, MAX_STRING_LENGTH, optionalBoolean, optionalString, READABLE, string, text, type Fields, type ListRule, type PayloadOf } from './fields.js';

/** Every envelope's `action` starts with this; anything else is not ours. */
export const ACTION_PREFIX = 'pexip:plugin:external-chat/';

/** Echoed on a request's answer, so concurrent calls resolve the right caller. Chosen by the page. */
export const REQUEST_ID = { requestId: { type: 'string', optional: true, nonEmpty: true } } as const;

/**
 * The most entries a roster message carries, and what a page accepts: Infinity limits a conference only by the
 * deployment's capacity, and an auditorium of 10,000 people must fit with room to spare (host-bridge checks a list
 * of 100,000 in 0.14 s in Node, 10× its 10,000's; the plugin sends one at most every 10 s).
 */
export const MAX_PARTICIPANTS = 100_000;

/**
 * Names the plugin or the page may not know yet (a newer peer's feature or
 * topic) are plain strings on the wire: an unknown name is skipped, never a
 * reason to refuse the whole message.
 */
export const NAMES = { type: 'list', of: string, maxItems: 64 } as const satisfies ListRule;
const names = NAMES;

/**
 * Infinity's `can*` flags of the participant, as @pexip/infinity derives them: what may be done to them (mute,
 * disconnect, transfer, spotlight, fecc, raiseHand; a host may then do it) and what they may do themselves
 * (control: a host's powers in a meeting; changeLayout).
 */
const CAN = {
  control: boolean,
  mute: boolean,
  disconnect: boolean,
  transfer: boolean,
  spotlight: boolean,
  fecc: boolean,
  raiseHand: boolean,
  changeLayout: boolean,
} as const;

/** One participant of the main room, as the plugin maps it from @pexip/plugin-api's InfinityParticipant. */
export const ROSTER_ENTRY = {
  uuid: string,
  displayName: text,
  isHost: boolean,
  isWaiting: boolean,
  isMuted: boolean,
  isClientMuted: boolean,
  isCameraMuted: boolean,
  isPresenting: boolean,
  isSpotlight: boolean,
  raisedHand: boolean,
  protocol: text,
  callType: text,
  isExternal: boolean,
  can: { type: 'object', fields: CAN },
} as const satisfies Fields;

/**
 * The longest chat message sent to the meeting. Neither @pexip/infinity-api's
 * types nor its validation state Infinity's limit, so this is the contract's
 * general string limit.
 */
export const MAX_MEETING_MESSAGE_LENGTH = MAX_STRING_LENGTH;
/** A toast is a nudge, not a message: one short line. */
export const MAX_NOTIFY_LENGTH = 200;
/** At most one toast per this many ms: a page that nudges on every message must not bury the meeting in toasts. */
export const NOTIFY_INTERVAL_MS = 3_000;

/**
 * How much a page may make the meeting do, far above a person clicking: its requests, controls and
 * subscriptions take from an allowance of `burst` that refills at `perSecond`; at most `inFlight`
 * controls wait on Web App 3 at once, and at most a burst's worth in all; at most `dialOuts` dial-outs
 * wait for their participant to join. Beyond that the plugin refuses, never queues.
 */
export const PAGE_LIMITS = { burst: 30, perSecond: 10, inFlight: 4, dialOuts: 8 } as const;

/** One message of the meeting's own chat, from @pexip/plugin-api's `message` / `directMessage` events. */
export const MEETING_MESSAGE = {
  id: string,
  at: { type: 'string', pattern: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, means: 'an ISO 8601 UTC time (Date.toISOString())' },
  participantUuid: string,
  displayName: text,
  text: { ...text, maxLength: MAX_MEETING_MESSAGE_LENGTH },
  direct: boolean,
} as const satisfies Fields;

/** The local user, from Web App 3's `me` event. */
export const SELF = {
  participantUuid: string,
  micMuted: boolean,
  camMuted: boolean,
  clientMuted: boolean,
  isHost: boolean,
  canControl: boolean,
} as const satisfies Fields;

/**
 * How the plugin does a control in Web App 3: the @pexip/plugin-api RPC it calls, with the control's
 * payload under Web App 3's names: fields renamed (`as`), values renamed (`values`), and what the RPC
 * needs where the control may say nothing (`defaults`). `self: true`: a control naming the local user
 * leaves `participantUuid` out, which is how Infinity is told the subject is the caller (naming
 * yourself asks a host's right instead). The plugin checks each against plugin-api's types.
 */
export interface WebApp3Call {
  readonly rpc: string;
  readonly as?: { readonly [field: string]: string };
  readonly values?: { readonly [field: string]: { readonly [value: string]: string } };
  readonly defaults?: { readonly [field: string]: string };
  readonly self?: true;
  /** plugin-api types the RPC as answering nothing: no answer is then success (its failure rejects). */
  readonly answersNothing?: true;
}

/**
 * Why a request or control failed: `code` on `dial-out-error` and on `control-result` with `ok: false`,
 * beside the message. Messages may change; codes are part of the contract (semver), so a page decides on
 * the code. A newer plugin may send a code this list lacks (the field is plain text on the wire).
 * - `invalid-params`: the message broke the contract (the message names the field), or reused a pending `requestId`.
 * - `feature-off`: the deployment switched the action's feature off (config.json).
 * - `rate-limited`: over the page's allowance or the toasts' interval; nothing was sent, send it again later.
 * - `unknown-participant`: no participant of the meeting has that uuid.
 * - `refused`: Web App 3 or Infinity refused it (a right the user lacks, not in a meeting, a failed dial).
 * - `timeout`: Web App 3 gave no answer in time (a control 5 s, a dial-out 5 minutes); it may still happen.
 * - `failed`: anything else.
 */
export const ERROR_CODES = ['invalid-params', 'feature-off', 'rate-limited', 'unknown-participant', 'refused', 'timeout', 'failed'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
/** `value` as a code this version knows, else `fallback`: how both sides read a code they did not make. */
export const errorCodeOf = (value: unknown, fallback: ErrorCode = 'failed'): ErrorCode =>
  (ERROR_CODES as readonly unknown[]).includes(value) ? (value as ErrorCode) : fallback;
const code = { ...optionalString, means: `why it failed (${ERROR_CODES.join(', ')})` } as const;

/** How a topic reaches its subscriber (see PLUGIN_TO_PAGE). */
export type Delivery = 'latest' | 'every' | 'changes';

/** A row of a plugin → page table (ours below, or another dialect's). */
export type PluginRow =
  | { readonly kind: 'ready' | 'event' | 'ok' | 'error' | 'result'; readonly fields: Fields }
  | {
      readonly kind: 'topic';
      readonly topic: string;
      readonly feature: string;
      readonly delivery: Delivery;
      /** `changes`: the `latest` topic whose value this one carries as changes. */
      readonly changesOf?: string;
      readonly fields: Fields;
    };

/** The roster's entries, as a whole list or a change carries them. */
const ROSTER_LIST = { type: 'list', of: { type: 'object', fields: ROSTER_ENTRY }, maxItems: MAX_PARTICIPANTS } as const satisfies ListRule;

/**
 * A row of a page → plugin table; `Ok` and `Error` are the answer actions of its dialect.
 * A state row may turn its payload into the service's argument (`toService`) when a dialect words it differently.
 */
export type PageRow<Ok extends string = string, Error extends string = string> =
  | {
      readonly kind: 'state';
      readonly feature: string;
      readonly fields: Fields;
      readonly method: string;
      readonly arg: string;
      readonly toPayload?: (arg: never) => object;
      readonly toService?: (payload: never) => unknown;
    }
  | {
      readonly kind: 'request';
      readonly feature: string;
      readonly fields: Fields;
      readonly method: string;
      readonly args: readonly string[];
      readonly rest?: true;
      readonly ok: Ok;
      readonly error: Error;
      /** The service's argument, when a dialect words the payload differently (fills in its own defaults). */
      readonly toService?: (payload: never) => unknown;
    }
  | {
      readonly kind: 'control';
      readonly feature: string;
      readonly fields: Fields;
      readonly method: string;
      readonly args: readonly string[];
      readonly rest?: true | 'options';
      readonly webapp3: WebApp3Call;
    }
  | { readonly kind: 'subscribe' | 'unsubscribe'; readonly fields: Fields }
  | { readonly kind: 'ping'; readonly fields: Fields };

/**
 * What the plugin sends.
 * - `ready`: the plugin (re)started, or answers `ping`. `echoesRequestId: true` promises that every
 *   answer carries its request's `requestId`, so the page settles its calls by id only. `topics`: what
 *   the page may subscribe to (a plugin without it offers the topics of its `features` but `roster-changes`).
 * - `event`: something happened in the meeting; host-bridge raises it under the action's name.
 * - `topic`: meeting data, sent only to a page that subscribed to `topic`; host-bridge raises it under
 *   the action's name. `delivery: 'latest'`: the current value at once, then its changes, coalesced.
 *   `delivery: 'every'`: each item, none skipped: those the plugin kept (since it loaded, up to
 *   MAX_KEPT_ITEMS) at once, then each new one as it comes.
 *   `delivery: 'changes'`: the value of the `latest` topic `changesOf` as changes, numbered by `seq`: a
 *   snapshot (`snapshot: true`, the whole value) at once, then what changed, coalesced; a subscriber that
 *   misses one (a gap in `seq`) subscribes again and gets a snapshot.
 * - `ok` / `error`: the answer to a request, echoing its `requestId`; an error says why in `code` (ERROR_CODES).
 * - `result`: the answer to a control that carried a `requestId`; when not `ok`, with its `code`.
 */
export const PLUGIN_TO_PAGE = {
  ready: {
    kind: 'ready',
    fields: {
      instanceId: optionalString,
      echoesRequestId: optionalBoolean,
      features: { ...names, optional: true },
      connected: optionalBoolean,
      topics: { ...names, optional: true },
    },
  },
  'toggle-chat': { kind: 'event', fields: { active: boolean } },
  'dial-out-success': { kind: 'ok', fields: { uuid: string, displayName: optionalString } },
  // `message` is optional so that an answer without one still settles its call.
  'dial-out-error': { kind: 'error', fields: { message: optionalString, code } },
  connected: { kind: 'event', fields: {} },
  disconnected: { kind: 'event', fields: { userInitiated: boolean, error: optionalString, errorCode: optionalString } },
  roster: {
    kind: 'topic',
    topic: 'roster',
    feature: 'roster',
    delivery: 'latest',
    fields: { participants: ROSTER_LIST },
  },
  // The roster for pages that keep it: a snapshot, then only who joined, changed (`participants`, whole entries) or left (`removed`).
  'roster-change': {
    kind: 'topic',
    topic: 'roster-changes',
    feature: 'roster',
    delivery: 'changes',
    changesOf: 'roster',
    fields: {
      // One more than the last message's: a page that sees another number missed one.
      seq: { type: 'integer', min: 1 },
      // true: `participants` is everyone (forget what you held) and `removed` is empty.
      snapshot: boolean,
      participants: ROSTER_LIST,
      removed: { type: 'list', of: string, maxItems: MAX_PARTICIPANTS },
    },
  },
  self: { kind: 'topic', topic: 'self', feature: 'self', delivery: 'latest', fields: SELF },
  'meeting-message': { kind: 'topic', topic: 'meeting-chat', feature: 'meeting-chat', delivery: 'every', fields: MEETING_MESSAGE },
  'control-result': { kind: 'result', fields: { control: string, ok: boolean, message: optionalString, code } },
} as const satisfies { [action: string]: PluginRow };

/** How many items of an `every` topic the plugin keeps for a page that subscribes later. */
export const MAX_KEPT_ITEMS = 100;

export type PluginAction = keyof typeof PLUGIN_TO_PAGE;
type ActionsOfKind<K> = { [A in PluginAction]: (typeof PLUGIN_TO_PAGE)[A]['kind'] extends K ? A : never }[PluginAction];

const participantUuid = string;
const role = { type: 'string', values: ['host', 'guest'] } as const;
const optionalParticipantUuid = { ...string, optional: true } as const;
/** The characters a DTMF keypad sends. */
const digits = { type: 'string', pattern: /^[0-9*#A-D]+$/, means: 'DTMF digits (0-9, *, #, A-D)' } as const;
/** Infinity's alias field holds at most 250 characters (its Management API). */
export const MAX_ALIAS_LENGTH = 250;
/** A conference alias, as Infinity's configuration holds one. */
const alias = {
  ...string,
  maxLength: MAX_ALIAS_LENGTH,
  refuse: INVISIBLE,
  means: `a conference alias (${READABLE})`,
} as const;
/** Infinity's PINs: 4 to 20 digits, counting an optional terminal #. */
const pin = { type: 'string', optional: true, pattern: /^(?=.{4,20}$)\d+#?$/, means: 'a PIN of 4 to 20 digits, counting an optional terminal #' } as const;
/** What a person reads in the meeting's chat: lines of text, nothing hidden or reordered. */
const readable = `non-empty text (line breaks allowed; ${READABLE})`;

/**
 * What the embedding page sends.
 * - `state`: calls `method` with the field `arg`; no answer. State, not an event: host-bridge tells a
 *   restarted plugin the last value again.
 * - `request`: calls `method` with the payload; answered with `ok` (the result) or `error` ({ message }).
 * - `control`: calls `method` with the payload; answered with `control-result` only when it carries a
 *   `requestId` (without one, its effect shows in the next `roster`).
 * - `subscribe` / `unsubscribe`: starts or stops the plugin sending the `topics` named.
 * - `ping`: answered with `ready`, so a page that starts late still finds the plugin.
 *
 * `feature` names what `config.json`'s `features` switches and `ready.features` announces; `args` are
 * the payload fields host-bridge's method takes one by one, in order (`rest: true`: then the other
 * fields as one object; `rest: 'options'`: the other fields ride in the call options). A state row's
 * `arg` is the field host-bridge's method sets, or (with `toPayload`) the name of the one argument
 * that `toPayload` turns into the payload.
 */
export const PAGE_TO_PLUGIN = {
  'toggle-chat-button-state': { kind: 'state', feature: 'chat', fields: { active: boolean }, method: 'setButtonActive', arg: 'active' },
  'toggle-chat-badge': {
    kind: 'state',
    feature: 'chat',
    fields: { visible: boolean, count: { type: 'integer', min: 0, optional: true } },
    method: 'setBadge',
    arg: 'visible | count',
    // Web App 3's badge is a dot: a count goes into the tooltip, and the dot shows while it is above 0.
    toPayload: (badge: boolean | number) => (typeof badge === 'number' ? { visible: badge > 0, count: badge } : { visible: badge }),
  },
  'dial-out': {
    kind: 'request',
    feature: 'dial-out',
    fields: DIAL_FIELDS,
    method: 'dialOut',
    args: [],
    rest: true,
    ok: 'dial-out-success',
    error: 'dial-out-error',
  },
  subscribe: { kind: 'subscribe', fields: { topics: names } },
  unsubscribe: { kind: 'unsubscribe', fields: { topics: names } },
  mute: {
    kind: 'control',
    feature: 'mute',
    fields: { participantUuid, muted: boolean },
    method: 'mute',
    args: ['participantUuid', 'muted'],
    webapp3: { rpc: 'participant:mute', as: { muted: 'mute' }, self: true },
  },
  'mute-video': {
    kind: 'control',
    feature: 'mute-video',
    fields: { participantUuid, muted: boolean },
    method: 'muteVideo',
    args: ['participantUuid', 'muted'],
    webapp3: { rpc: 'participant:muteVideo', as: { muted: 'muteVideo' }, self: true },
  },
  admit: { kind: 'control', feature: 'admit', fields: { participantUuid }, method: 'admit', args: ['participantUuid'], webapp3: { rpc: 'participant:admit' } },
  disconnect: {
    kind: 'control',
    feature: 'disconnect',
    fields: { participantUuid },
    method: 'disconnectParticipant',
    args: ['participantUuid'],
    webapp3: { rpc: 'participant:disconnect' },
  },
  spotlight: {
    kind: 'control',
    feature: 'spotlight',
    fields: { participantUuid, active: boolean },
    method: 'spotlight',
    args: ['participantUuid', 'active'],
    webapp3: { rpc: 'participant:spotlight', as: { active: 'enable' } },
  },
  'raise-hand': {
    kind: 'control',
    feature: 'raise-hand',
    fields: { participantUuid, raised: boolean },
    method: 'raiseHand',
    args: ['participantUuid', 'raised'],
    webapp3: { rpc: 'participant:raiseHand', as: { raised: 'raise' }, self: true },
  },
  'set-role': {
    kind: 'control',
    feature: 'set-role',
    fields: { participantUuid, role },
    method: 'setRole',
    args: ['participantUuid', 'role'],
    // Infinity calls the host role 'chair' here, and 'host' in a transfer.
    webapp3: { rpc: 'participant:setRole', values: { role: { host: 'chair' } }, answersNothing: true },
  },
  transfer: {
    kind: 'control',
    feature: 'transfer',
    fields: { participantUuid, alias, role: { ...role, optional: true }, pin },
    method: 'transfer',
    args: ['participantUuid'],
    rest: true,
    // A transfer never quietly promotes anyone: without a role the participant arrives as a guest.
    webapp3: { rpc: 'participant:transfer', as: { alias: 'destination' }, defaults: { role: 'guest', pin: '' } },
  },
  dtmf: {
    kind: 'control',
    feature: 'dtmf',
    fields: { participantUuid, digits },
    method: 'sendDtmf',
    args: ['participantUuid', 'digits'],
    webapp3: { rpc: 'participant:sendDTMF' },
  },
  'mute-all-guests': {
    kind: 'control',
    feature: 'mute-all-guests',
    fields: { muted: boolean },
    method: 'muteAllGuests',
    args: ['muted'],
    webapp3: { rpc: 'conference:muteAllGuests', as: { muted: 'mute' } },
  },
  'send-meeting-message': {
    kind: 'control',
    feature: 'meeting-chat',
    fields: { text: { ...string, maxLength: MAX_MEETING_MESSAGE_LENGTH, refuse: INVISIBLE_BUT_NEWLINES, means: readable }, participantUuid: optionalParticipantUuid },
    method: 'sendMeetingMessage',
    args: ['text'],
    rest: 'options',
    // Without a participant the message goes to everyone in the meeting.
    webapp3: { rpc: 'conference:sendMessage', as: { text: 'payload' } },
  },
  notify: {
    kind: 'control',
    feature: 'notify',
    fields: {
      message: {
        ...string,
        maxLength: MAX_NOTIFY_LENGTH,
        // A toast is one line, read by everyone in the meeting: nothing hidden or reordered.
        refuse: INVISIBLE,
        means: `one line of text (${READABLE}, no line breaks)`,
      },
    },
    method: 'notify',
    args: ['message'],
    webapp3: { rpc: 'ui:toast:show', answersNothing: true },
  },
  ping: { kind: 'ping', fields: {} },
} as const satisfies { [action: string]: PageRow<ActionsOfKind<'ok'>, ActionsOfKind<'error'>> };

export type HostAction = keyof typeof PAGE_TO_PLUGIN;

/** The action names, for pages that speak raw envelopes. */
export const HOST_ACTIONS = /* @__PURE__ */ Object.keys(PAGE_TO_PLUGIN) as readonly HostAction[];
export const PLUGIN_ACTIONS = /* @__PURE__ */ Object.keys(PLUGIN_TO_PAGE) as readonly PluginAction[];

/** `action('dial-out')` → `'pexip:plugin:external-chat/dial-out'`. */
export const action = <N extends HostAction | PluginAction>(name: N): `${typeof ACTION_PREFIX}${N}` => `${ACTION_PREFIX}${name}`;
export type ServiceMethod = (typeof PAGE_TO_PLUGIN)[HostAction] extends infer R ? (R extends { method: infer M } ? M : never) : never;
export type RequestAction = { [A in HostAction]: (typeof PAGE_TO_PLUGIN)[A]['kind'] extends 'request' ? A : never }[HostAction];
export type ControlAction = { [A in HostAction]: (typeof PAGE_TO_PLUGIN)[A]['kind'] extends 'control' ? A : never }[HostAction];
/** Actions the page expects an answer to (when it sends a `requestId`, for a control). */
export type AnsweredAction = RequestAction | ControlAction;
export type EventAction = ActionsOfKind<'event' | 'topic'>;
export type TopicAction = ActionsOfKind<'topic'>;
/** What a page can subscribe to. */
export type Topic = (typeof PLUGIN_TO_PAGE)[TopicAction]['topic'];
type TopicsDelivered<D> = { [A in TopicAction]: (typeof PLUGIN_TO_PAGE)[A] extends { delivery: D; topic: infer T } ? T : never }[TopicAction];
/** Topics whose current value is sent (`delivery: 'latest'`). */
export type LatestTopic = TopicsDelivered<'latest'>;
/** Topics of which each item is sent (`delivery: 'every'`). */
export type EveryTopic = TopicsDelivered<'every'>;
/** The actions of topics that carry another's value as changes (`delivery: 'changes'`). */
export type ChangesAction = { [A in TopicAction]: (typeof PLUGIN_TO_PAGE)[A] extends { delivery: 'changes' } ? A : never }[TopicAction];
type FeatureOf<R> = R extends { feature: infer F extends string } ? F : never;
/** What a plugin offered before `ready` listed its features: a `ready` without `features` means these. */
export const LEGACY_FEATURES = ['chat', 'dial-out'] as const satisfies readonly Feature[];
/** What `config.json`'s `features` may list and `ready.features` announces. */
export type Feature = FeatureOf<(typeof PAGE_TO_PLUGIN)[HostAction]> | FeatureOf<(typeof PLUGIN_TO_PAGE)[PluginAction]>;

type WireFields<R extends { kind: string; fields: Fields }> = (
  R['kind'] extends 'request' | 'control' | 'ok' | 'error' | 'result' ? R['fields'] & typeof REQUEST_ID : R['fields']
) extends infer F extends Fields
  ? F
  : never;

/** Payload fields of each envelope the page sends, by action. */
export type HostPayloads = { [A in HostAction]: PayloadOf<WireFields<(typeof PAGE_TO_PLUGIN)[A]>> };
/** Payload fields of each envelope the plugin sends, by action. */
export type PluginPayloads = { [A in PluginAction]: PayloadOf<WireFields<(typeof PLUGIN_TO_PAGE)[A]>> };
/** What each topic carries: its value (`latest`) or one item (`every`). */
export type TopicPayloads = { [A in TopicAction as (typeof PLUGIN_TO_PAGE)[A]['topic']]: PluginPayloads[A] };

/** What a successful dial-out resolves to. */
export type DialOutResult = PayloadOf<(typeof PLUGIN_TO_PAGE)['dial-out-success']['fields']>;
export type DisconnectedPayload = PluginPayloads['disconnected'];
export type RosterEntry = PayloadOf<typeof ROSTER_ENTRY>;
export type MeetingMessage = PayloadOf<typeof MEETING_MESSAGE>;
export type SelfState = PayloadOf<typeof SELF>;
/** One `roster-change`: a snapshot of the roster, or who joined or changed and who left since the last. */
export type RosterChange = PluginPayloads['roster-change'];
/** The meeting's events, as the service raises them and host-bridge delivers them. */
export type PluginEvents = { [A in EventAction]: PluginPayloads[A] };
/** Each control's payload, without `requestId`: what the service's method takes. */
export type ControlPayloads = { [A in ControlAction]: PayloadOf<(typeof PAGE_TO_PLUGIN)[A]['fields']> };

/** A decoded message: the short action name and its validated payload. */
export type Decoded<M, N extends keyof M = keyof M> = N extends keyof M ? { name: N; payload: M[N] } : never;

const ANSWERED_KINDS: readonly string[] = ['request', 'control', 'ok', 'error', 'result'];

/**
 * The fields an action carries on the wire: a request (or control) and its
 * answers also carry `requestId`. A request's is checked first, so an error
 * names it when it is wrong (the answer could not reach its caller anyway).
 */
export const wireFields = (row: { kind: string; fields: Fields }): Fields =>
  !ANSWERED_KINDS.includes(row.kind)
    ? row.fields
    : row.kind === 'request' || row.kind === 'control'
      ? { ...REQUEST_ID, ...row.fields }
      : { ...row.fields, ...REQUEST_ID };
