/**
 * Envelopes ↔ typed messages ↔ service calls, both directions, all read off
 * the two tables in vocabulary.ts. Pure functions; nothing here posts.
 */
import { checkFields, isRecord, own, type Fields, type Result } from './fields.js';
import {
  ACTION_PREFIX,
  PAGE_TO_PLUGIN,
  PLUGIN_TO_PAGE,
  REQUEST_ID,
  wireFields,
  type Decoded,
  type EventAction,
  type HostAction,
  type HostPayloads,
  type PluginAction,
  type PluginPayloads,
  type RequestAction,
  type ServiceMethod,
} from './vocabulary.js';

export type HostMessage = Decoded<HostPayloads>;
export type PluginMessage = Decoded<PluginPayloads>;

/** How an incoming message was classified; only `message` is acted upon. */
export type Inbound<M> =
  | { kind: 'message'; message: M }
  | { kind: 'foreign' }
  | { kind: 'unknown'; action: string }
  | { kind: 'invalid'; name: string; error: string; requestId?: string };

type Table = { readonly [action: string]: { readonly kind: string; readonly fields: Fields } };
type Row<T extends Table> = T[keyof T];

const entries = <T extends Table>(table: T): [keyof T & string, Row<T>][] => Object.entries(table) as [keyof T & string, Row<T>][];
const byAction = <T extends Table>(table: T): Map<string, Fields> =>
  new Map(entries(table).map(([action, row]) => [action, wireFields(row)]));

// Maps, not the tables themselves: a name such as 'constructor' must not find an inherited property.
const HOST_WIRE = /* @__PURE__ */ byAction(PAGE_TO_PLUGIN);
const PLUGIN_WIRE = /* @__PURE__ */ byAction(PLUGIN_TO_PAGE);

/** The service methods the page may call, in table order. */
export const SERVICE_METHODS: readonly ServiceMethod[] = /* @__PURE__ */ entries(PAGE_TO_PLUGIN).flatMap(([, row]) => ('method' in row ? [row.method] : []));
/** The events the plugin raises, in table order. */
export const PLUGIN_EVENTS = /* @__PURE__ */ entries(PLUGIN_TO_PAGE).flatMap(([action, row]) => (row.kind === 'event' ? [action] : [])) as EventAction[];

const ACTION_OF_METHOD = /* @__PURE__ */ new Map(entries(PAGE_TO_PLUGIN).flatMap(([action, row]) => ('method' in row ? [[row.method, action] as const] : [])));
/** answer action → the request it answers */
const REQUEST_OF_ANSWER = /* @__PURE__ */ new Map<string, RequestAction>(
  entries(PAGE_TO_PLUGIN).flatMap(([action, row]) =>
    row.kind === 'request' ? [[row.ok, action as RequestAction] as const, [row.error, action as RequestAction] as const] : [],
  ),
);

function decode<M>(data: unknown, wire: Map<string, Fields>): Inbound<M> {
  const full = isRecord(data) ? own(data, 'action') : undefined;
  if (typeof full !== 'string' || !full.startsWith(ACTION_PREFIX)) return { kind: 'foreign' };
  const name = full.slice(ACTION_PREFIX.length);
  const fields = wire.get(name);
  if (!fields) return { kind: 'unknown', action: full.slice(0, 200) };
  const payload = checkFields(name, data, fields);
  if (payload.ok) return { kind: 'message', message: { name, payload: payload.value } as M };
  // Keep a valid requestId, so the error answer still reaches the caller who sent it.
  const id = 'requestId' in fields ? checkFields(name, data, REQUEST_ID) : undefined;
  return id?.ok && id.value.requestId !== undefined
    ? { kind: 'invalid', name, error: payload.error, requestId: id.value.requestId }
    : { kind: 'invalid', name, error: payload.error };
}

/** Plugin side: classifies a message from the embedding page. */
export const decodeHostMessage = (data: unknown): Inbound<HostMessage> => decode(data, HOST_WIRE);

/** Host side: classifies a message from the plugin. */
export const decodePluginMessage = (data: unknown): Inbound<PluginMessage> => decode(data, PLUGIN_WIRE);

/** Builds the flat envelope `{ action, ...payload }`. */
export function encode<N extends HostAction>(name: N, payload: HostPayloads[N]): { action: string } & HostPayloads[N];
export function encode<N extends PluginAction>(name: N, payload: PluginPayloads[N]): { action: string } & PluginPayloads[N];
export function encode(name: HostAction | PluginAction, payload: object): { action: string } {
  return { action: ACTION_PREFIX + name, ...payload };
}

/** A service call, as the plugin endpoint makes it (through comlink for a request). */
export interface ServiceCall {
  action: HostAction;
  method: ServiceMethod;
  args: [unknown];
  requestId?: string;
}

/** Plugin side: the service call a validated message asks for; undefined for `ping`. */
export function callOf({ name, payload }: HostMessage): ServiceCall | undefined {
  const row = PAGE_TO_PLUGIN[name];
  if (row.kind === 'ping') return undefined;
  const { requestId, ...fields } = payload as { requestId?: string } & Record<string, unknown>;
  const call: ServiceCall = { action: name, method: row.method, args: [row.kind === 'state' ? fields[row.arg] : fields] };
  if (requestId !== undefined) call.requestId = requestId;
  return call;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Plugin side: a request's outcome → its answer envelope. The result passes
 * the answer's own rule, so only the fields the table declares leave.
 */
export function answerOf(request: RequestAction, outcome: Outcome, requestId: string | undefined): { action: string } {
  const row = PAGE_TO_PLUGIN[request];
  const id = requestId === undefined ? {} : { requestId };
  let message = outcome.ok ? '' : outcome.message;
  if (outcome.ok) {
    const result = checkFields(row.ok, outcome.value, PLUGIN_TO_PAGE[row.ok].fields);
    if (result.ok) return encode(row.ok, { ...result.value, ...id });
    message = `Web App 3 answered something unexpected (${result.error})`;
  }
  return encode(row.error, { message, ...id });
}

/**
 * Plugin side: a service event → its envelope, through the event's rule, so
 * nothing undeclared or invalid leaves.
 */
export function eventOf<E extends EventAction>(name: E, payload: PluginPayloads[E]): Result<{ action: string }> {
  const valid = checkFields(name, payload, PLUGIN_TO_PAGE[name].fields);
  return valid.ok ? { ok: true, value: encode(name, valid.value as PluginPayloads[E]) } : valid;
}

/**
 * Host side: a service call → its envelope. The argument is validated by the
 * method's row; errors name the method and the field.
 */
export function envelopeOf(method: ServiceMethod, arg: unknown, requestId: string): Result<{ action: HostAction; envelope: { action: string } }> {
  const action = ACTION_OF_METHOD.get(method) as HostAction;
  const row = PAGE_TO_PLUGIN[action];
  const valid = checkFields(method, row.kind === 'state' ? { [row.arg]: arg } : arg, row.fields);
  if (!valid.ok) return valid;
  const payload = row.kind === 'request' ? { ...valid.value, requestId } : valid.value;
  return { ok: true, value: { action, envelope: { action: ACTION_PREFIX + action, ...payload } } };
}

/** The actions whose last value a restarted plugin is told again. */
export const isState = (action: HostAction): boolean => PAGE_TO_PLUGIN[action].kind === 'state';
export const isRequest = (action: HostAction): action is RequestAction => PAGE_TO_PLUGIN[action].kind === 'request';

export type Answer =
  | { request: RequestAction; requestId: string | undefined; ok: true; value: object }
  | { request: RequestAction; requestId: string | undefined; ok: false; message: string | undefined };

/** Host side: a message that answers a request, split into its outcome; undefined for anything else. */
export function answerIn({ name, payload }: PluginMessage): Answer | undefined {
  const request = REQUEST_OF_ANSWER.get(name);
  if (!request) return undefined;
  const { requestId, ...fields } = payload as { requestId?: string; message?: string } & Record<string, unknown>;
  return PLUGIN_TO_PAGE[name].kind === 'ok'
    ? { request, requestId, ok: true, value: fields }
    : { request, requestId, ok: false, message: fields.message as string | undefined };
}
