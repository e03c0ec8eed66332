/**
 * The wire format, both directions, in one place: envelopes ↔ typed messages,
 * and service method calls ↔ envelopes. Pure functions; no postMessage here.
 */
import { ACTION_PREFIX, HOST_ACTIONS, PLUGIN_ACTIONS, action, type HostAction, type PluginAction } from './actions';
import type { Decoded, DialOutBody, ExternalChatService, HostPayloads, PluginPayloads } from './types';
import { checkFields, DIAL_FIELDS, isRecord, own, type Fields } from './validate';

export type HostMessage = Decoded<HostPayloads>;
export type PluginMessage = Decoded<PluginPayloads>;

/** How an incoming message was classified; only `message` is acted upon. */
export type Inbound<M> =
  | { kind: 'message'; message: M }
  | { kind: 'foreign' }
  | { kind: 'unknown'; action: string }
  | { kind: 'invalid'; name: string; error: string; requestId?: string };

const optionalString = { type: 'string', optional: true } as const;
const requestId = { requestId: { ...optionalString, nonEmpty: true } };

/** The payload fields of every envelope; fields not listed are never read or passed on. */
const HOST_FIELDS: Record<HostAction, Fields> = {
  'toggle-chat-button-state': { active: { type: 'boolean' } },
  'toggle-chat-badge': { visible: { type: 'boolean' } },
  // Object.assign rather than a spread: a bundler may drop an unused call marked pure, not a spread.
  'dial-out': /* @__PURE__ */ Object.assign({}, requestId, DIAL_FIELDS),
  ping: {},
};

const PLUGIN_FIELDS: Record<PluginAction, Fields> = {
  ready: { instanceId: optionalString },
  'toggle-chat': { active: { type: 'boolean' } },
  'dial-out-success': { uuid: { type: 'string', nonEmpty: true }, displayName: optionalString, ...requestId },
  // `message` is optional here so a reply without one still settles its call.
  'dial-out-error': { message: optionalString, ...requestId },
  connected: {},
  disconnected: { userInitiated: { type: 'boolean' }, error: optionalString, errorCode: optionalString },
};

function decode<M>(data: unknown, names: readonly string[], fields: Record<string, Fields>): Inbound<M> {
  const full = isRecord(data) ? own(data, 'action') : undefined;
  if (typeof full !== 'string' || !full.startsWith(ACTION_PREFIX)) return { kind: 'foreign' };
  const name = full.slice(ACTION_PREFIX.length);
  if (!names.includes(name)) return { kind: 'unknown', action: full.slice(0, 200) };
  const payload = checkFields<object>(name, data, fields[name] as Fields);
  if (payload.ok) return { kind: 'message', message: { name, payload: payload.value } as M };
  const id = checkFields<{ requestId?: string }>(name, data, requestId);
  return id.ok && id.value.requestId !== undefined
    ? { kind: 'invalid', name, error: payload.error, requestId: id.value.requestId }
    : { kind: 'invalid', name, error: payload.error };
}

/** Plugin side: classifies a message from the embedding page. */
export const decodeHostMessage = (data: unknown): Inbound<HostMessage> => decode(data, HOST_ACTIONS, HOST_FIELDS);

/** Host side: classifies a message from the plugin. */
export const decodePluginMessage = (data: unknown): Inbound<PluginMessage> => decode(data, PLUGIN_ACTIONS, PLUGIN_FIELDS);

/** Builds the flat envelope `{ action, ...payload }`. */
export function encode<N extends HostAction>(name: N, payload: HostPayloads[N]): { action: string } & HostPayloads[N];
export function encode<N extends PluginAction>(name: N, payload: PluginPayloads[N]): { action: string } & PluginPayloads[N];
export function encode(name: HostAction | PluginAction, payload: object): { action: string } {
  return { action: action(name), ...payload };
}

export type ServiceMethod = keyof ExternalChatService;

/** The only methods either side ever calls; anything else never reaches the service. */
export const SERVICE_METHODS = ['setButtonActive', 'setBadge', 'dialOut'] as const satisfies readonly ServiceMethod[];

/** A service call as the plugin endpoint hands it to comlink. */
export interface ServiceCall {
  method: ServiceMethod;
  args: [boolean] | [DialOutBody];
  requestId?: string;
}

/** Plugin side: a validated host message → the service call it asks for (`ping` asks for none). */
export function messageToCall(message: HostMessage): ServiceCall | undefined {
  switch (message.name) {
    case 'toggle-chat-button-state':
      return { method: 'setButtonActive', args: [message.payload.active] };
    case 'toggle-chat-badge':
      return { method: 'setBadge', args: [message.payload.visible] };
    case 'dial-out': {
      const { requestId, ...body } = message.payload;
      return requestId === undefined ? { method: 'dialOut', args: [body] } : { method: 'dialOut', args: [body], requestId };
    }
    case 'ping':
      return undefined;
  }
}

/** Host side: a service call → its envelope. The dial body must be validated already. */
export function callToEnvelope(method: ServiceMethod, arg: unknown, requestId: string): { action: string } {
  return method === 'dialOut'
    ? encode('dial-out', { ...(arg as DialOutBody), requestId })
    : method === 'setBadge'
      ? encode('toggle-chat-badge', { visible: arg as boolean })
      : encode('toggle-chat-button-state', { active: arg as boolean });
}

/** Plugin side: the outcome of a dial-out → its reply envelope, echoing `requestId` when there was one. */
export function dialOutReply(
  outcome: { ok: true; value: { uuid: string; displayName?: string | undefined } } | { ok: false; message: string },
  requestId: string | undefined,
): { action: string } {
  const id = requestId === undefined ? {} : { requestId };
  if (!outcome.ok) return encode('dial-out-error', { message: outcome.message, ...id });
  const { uuid, displayName } = outcome.value;
  return encode('dial-out-success', displayName === undefined ? { uuid, ...id } : { uuid, displayName, ...id });
}
