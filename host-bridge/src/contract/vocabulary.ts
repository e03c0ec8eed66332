/**
 * The wire vocabulary: one row per action, one table per direction. Codec,
 * validation, both endpoints, host-bridge's methods and events, and the
 * README's protocol tables all follow from these two tables.
 *
 * Adding an action is one row here, plus (when it calls Web App 3) one method
 * on ExternalChatService; the compiler checks that the two agree (service.ts).
 */
import { DIAL_FIELDS } from './dial-body.js';
import { boolean, optionalBoolean, optionalString, string, type Fields, type PayloadOf } from './fields.js';

/** Every envelope's `action` starts with this; anything else is not ours. */
export const ACTION_PREFIX = 'pexip:plugin:external-chat/';

/** Echoed on a request's answer, so concurrent calls resolve the right caller. Chosen by the page. */
export const REQUEST_ID = { requestId: { type: 'string', optional: true, nonEmpty: true } } as const;

/**
 * What the plugin sends.
 * - `ready`: the plugin (re)started, or answers `ping`. `echoesRequestId: true` promises that every
 *   answer carries its request's `requestId`, so the page settles its calls by id only.
 * - `event`: something happened in the meeting; host-bridge raises it under the action's name.
 * - `ok` / `error`: the answer to a request, echoing its `requestId`.
 */
export const PLUGIN_TO_PAGE = {
  ready: { kind: 'ready', fields: { instanceId: optionalString, echoesRequestId: optionalBoolean } },
  'toggle-chat': { kind: 'event', fields: { active: boolean } },
  'dial-out-success': { kind: 'ok', fields: { uuid: string, displayName: optionalString } },
  // `message` is optional so that an answer without one still settles its call.
  'dial-out-error': { kind: 'error', fields: { message: optionalString } },
  connected: { kind: 'event', fields: {} },
  disconnected: { kind: 'event', fields: { userInitiated: boolean, error: optionalString, errorCode: optionalString } },
} as const satisfies { [action: string]: { kind: 'ready' | 'event' | 'ok' | 'error'; fields: Fields } };

export type PluginAction = keyof typeof PLUGIN_TO_PAGE;
type ActionsOfKind<K> = { [A in PluginAction]: (typeof PLUGIN_TO_PAGE)[A]['kind'] extends K ? A : never }[PluginAction];

/**
 * What the embedding page sends.
 * - `state`: calls `method` with the field `arg`; no answer. State, not an event: host-bridge tells a
 *   restarted plugin the last value again.
 * - `request`: calls `method` with the payload; answered with `ok` (the result) or `error` ({ message }).
 * - `ping`: answered with `ready`, so a page that starts late still finds the plugin.
 */
export const PAGE_TO_PLUGIN = {
  'toggle-chat-button-state': { kind: 'state', fields: { active: boolean }, method: 'setButtonActive', arg: 'active' },
  'toggle-chat-badge': { kind: 'state', fields: { visible: boolean }, method: 'setBadge', arg: 'visible' },
  'dial-out': { kind: 'request', fields: DIAL_FIELDS, method: 'dialOut', ok: 'dial-out-success', error: 'dial-out-error' },
  ping: { kind: 'ping', fields: {} },
} as const satisfies {
  [action: string]:
    | { kind: 'state'; fields: Fields; method: string; arg: string }
    | { kind: 'request'; fields: Fields; method: string; ok: ActionsOfKind<'ok'>; error: ActionsOfKind<'error'> }
    | { kind: 'ping'; fields: Fields };
};

export type HostAction = keyof typeof PAGE_TO_PLUGIN;

/** The action names, for pages that speak raw envelopes. */
export const HOST_ACTIONS = /* @__PURE__ */ Object.keys(PAGE_TO_PLUGIN) as readonly HostAction[];
export const PLUGIN_ACTIONS = /* @__PURE__ */ Object.keys(PLUGIN_TO_PAGE) as readonly PluginAction[];

/** `action('dial-out')` → `'pexip:plugin:external-chat/dial-out'`. */
export const action = <N extends HostAction | PluginAction>(name: N): `${typeof ACTION_PREFIX}${N}` => `${ACTION_PREFIX}${name}`;
export type ServiceMethod = (typeof PAGE_TO_PLUGIN)[HostAction] extends infer R ? (R extends { method: infer M } ? M : never) : never;
export type RequestAction = { [A in HostAction]: (typeof PAGE_TO_PLUGIN)[A]['kind'] extends 'request' ? A : never }[HostAction];
export type EventAction = ActionsOfKind<'event'>;

type WireFields<R extends { kind: string; fields: Fields }> = (
  R['kind'] extends 'request' | 'ok' | 'error' ? R['fields'] & typeof REQUEST_ID : R['fields']
) extends infer F extends Fields
  ? F
  : never;

/** Payload fields of each envelope the page sends, by action. */
export type HostPayloads = { [A in HostAction]: PayloadOf<WireFields<(typeof PAGE_TO_PLUGIN)[A]>> };
/** Payload fields of each envelope the plugin sends, by action. */
export type PluginPayloads = { [A in PluginAction]: PayloadOf<WireFields<(typeof PLUGIN_TO_PAGE)[A]>> };

/** What a successful dial-out resolves to. */
export type DialOutResult = PayloadOf<(typeof PLUGIN_TO_PAGE)['dial-out-success']['fields']>;
export type DisconnectedPayload = PluginPayloads['disconnected'];
/** The meeting's events, as the service raises them and host-bridge delivers them. */
export type PluginEvents = { [A in EventAction]: PluginPayloads[A] };

/** A decoded message: the short action name and its validated payload. */
export type Decoded<M, N extends keyof M = keyof M> = N extends keyof M ? { name: N; payload: M[N] } : never;

/**
 * The fields an action carries on the wire: a request and its answers also
 * carry `requestId`. A request's is checked first, so an error names it when
 * it is wrong (the answer could not reach its caller anyway).
 */
export const wireFields = (row: { kind: string; fields: Fields }): Fields =>
  row.kind === 'request' ? { ...REQUEST_ID, ...row.fields } : row.kind === 'ok' || row.kind === 'error' ? { ...row.fields, ...REQUEST_ID } : row.fields;
