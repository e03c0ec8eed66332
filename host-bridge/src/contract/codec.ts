/**
 * Envelopes ↔ typed messages ↔ service calls, both directions, all read off
 * the two tables in vocabulary.ts. Pure functions; nothing here posts.
 */
import { checkFields, isRecord, own, type Fields, type Result } from './fields.js';
import { EXTERNAL_CHAT, type Dialect } from './dialects.js';
import type { DialectMethod } from './service.js';
import {
  ACTION_PREFIX,
  type PluginRow,
  PAGE_TO_PLUGIN,
  PLUGIN_TO_PAGE,
  REQUEST_ID,
  wireFields,
  type AnsweredAction,
  type Decoded,
  type ErrorCode,
  type EventAction,
  type Feature,
  type HostAction,
  type HostPayloads,
  type PluginAction,
  type PluginPayloads,
  type ServiceMethod,
  type Topic,
  type TopicAction,
  type PageRow,
  type Delivery,
  type ChangesAction,
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
type HostRow = Row<typeof PAGE_TO_PLUGIN>;

const entries = <T extends Table>(table: T): [keyof T & string, Row<T>][] => Object.entries(table) as [keyof T & string, Row<T>][];
const PLUGIN_WIRE = /* @__PURE__ */ lazyWire(PLUGIN_TO_PAGE);

/** The service methods the page may call, in table order. */
export const SERVICE_METHODS: readonly ServiceMethod[] = /* @__PURE__ */ entries(PAGE_TO_PLUGIN).flatMap(([, row]) => ('method' in row ? [row.method] : []));
/** The events host-bridge raises (topics included), in table order: a topic carried as changes is raised as the topic it carries. */
export const PLUGIN_EVENTS = /* @__PURE__ */ entries(PLUGIN_TO_PAGE).flatMap(([action, row]) =>
  row.kind === 'event' || (row.kind === 'topic' && row.delivery !== 'changes') ? [action] : [],
) as Exclude<EventAction, ChangesAction>[];
/** Everything a deployment can switch on or off, in table order. */
export const FEATURES = /* @__PURE__ */ featuresOf(EXTERNAL_CHAT) as Feature[];
/** topic → the action that carries it, the feature that switches it and how it is delivered. */
export const TOPICS = /* @__PURE__ */ topicsOf(EXTERNAL_CHAT) as ReadonlyMap<Topic, TopicInfo<TopicAction, Feature, Topic>>;

// Built inside a function: a bundle that uses neither drops the whole computation, not only the `new Map`.
const ACTION_OF_METHOD = /* @__PURE__ */ (() => new Map(entries(PAGE_TO_PLUGIN).flatMap(([action, row]) => ('method' in row ? [[row.method, action] as const] : []))))();
/** answer action → the request it answers (`control-result` names its control in the payload). */
const REQUEST_OF_ANSWER = /* @__PURE__ */ (() =>
  new Map<string, AnsweredAction>(
    entries(PAGE_TO_PLUGIN).flatMap(([action, row]) =>
      row.kind === 'request' ? [[row.ok, action as AnsweredAction] as const, [row.error, action as AnsweredAction] as const] : [],
    ),
  ))();

/**
 * An action's wire fields, made on first use and kept (a plugin that hears three kinds of message builds
 * three: measured, every row's at start held ~6 KB more heap, make bench figure 4). The table's own rows
 * only: a name such as 'constructor' finds no inherited property.
 */
function lazyWire(table: Table): Pick<Map<string, Fields>, 'get'> {
  const made = new Map<string, Fields>();
  return {
    get(action) {
      const row = own(table, action) as Row<Table> | undefined;
      if (!row) return undefined;
      let fields = made.get(action);
      if (!fields) made.set(action, (fields = wireFields(row)));
      return fields;
    },
  };
}

function decode<M>(data: unknown, wire: Pick<Map<string, Fields>, 'get'>, prefix: string = ACTION_PREFIX): Inbound<M> {
  const full = isRecord(data) ? own(data, 'action') : undefined;
  if (typeof full !== 'string' || !full.startsWith(prefix)) return { kind: 'foreign' };
  const name = full.slice(prefix.length);
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
export const decodeHostMessage = (data: unknown): Inbound<HostMessage> => OURS.decode(data) as Inbound<HostMessage>;

/** Host side: classifies a message from the plugin. */
export const decodePluginMessage = (data: unknown): Inbound<PluginMessage> => decode(data, PLUGIN_WIRE);

/** Builds the flat envelope `{ action, ...payload }`. */
export function encode<N extends HostAction>(name: N, payload: HostPayloads[N]): { action: string } & HostPayloads[N];
export function encode<N extends PluginAction>(name: N, payload: PluginPayloads[N]): { action: string } & PluginPayloads[N];
export function encode(name: HostAction | PluginAction, payload: object): { action: string } {
  return { action: ACTION_PREFIX + name, ...payload };
}

/** The feature a page action belongs to (what `config.json` may switch off); undefined for the always-on ones. */
export const featureOf = (action: HostAction): Feature | undefined => {
  const row: HostRow = PAGE_TO_PLUGIN[action];
  return 'feature' in row ? row.feature : undefined;
};

/** A service call, as the plugin endpoint makes it: the row's method, with the validated argument. */
export interface ServiceCall<A extends string = HostAction> {
  action: A;
  method: DialectMethod;
  args: [unknown];
  requestId?: string;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; message: string; code: ErrorCode };

/** A message of any dialect, decoded: the short action name and its validated payload. */
export interface DialectMessage {
  name: string;
  payload: Record<string, unknown>;
}

/** Everything a dialect lets a deployment switch on or off, in table order. */
export function featuresOf({ pageToPlugin, pluginToPage }: Dialect): readonly string[] {
  return [...new Set([...entries(pageToPlugin), ...entries(pluginToPage)].flatMap(([, row]) => ('feature' in row ? [row.feature] : [])))];
}

/** What a topic's row says: the action that carries it, the feature that switches it, how it is delivered (and of what, for changes). */
export interface TopicInfo<A extends string = string, F extends string = string, T extends string = string> {
  action: A;
  feature: F;
  delivery: Delivery;
  changesOf?: T | undefined;
}

/** A dialect's topics: topic → its row's TopicInfo. */
export function topicsOf({ pluginToPage }: Dialect): ReadonlyMap<string, TopicInfo> {
  return new Map(
    entries(pluginToPage).flatMap(([action, row]) =>
      // The row itself, with its action: it holds everything TopicInfo names.
      row.kind === 'topic' ? [[row.topic, { ...row, action }] as const] : [],
    ),
  );
}

/** The plugin's side of one dialect's wire: what plugin-endpoint.ts and topics.ts need, read off the dialect's two tables. */
export type PluginCodec = ReturnType<typeof pluginCodec>;

/**
 * Plugin side, for any dialect: classifies the page's messages, turns them
 * into service calls, and turns outcomes and events into this dialect's
 * envelopes, each through its row's rule, so nothing undeclared leaves.
 */
export function pluginCodec(dialect: Dialect) {
  const { prefix, pageToPlugin, pluginToPage } = dialect;
  const pageWire = lazyWire(pageToPlugin);
  // The tables' own rows, as own properties (Maps of them held more heap for nothing); `rowOf` is for a validated action.
  const rowOf = (action: string): PageRow => own(pageToPlugin, action) as PageRow;
  const pluginRowOf = (name: string): PluginRow | undefined => own(pluginToPage, name) as PluginRow | undefined;
  // The action that answers a control sent with a `requestId`; a dialect without one answers no control.
  const result = entries(pluginToPage).find(([, row]) => row.kind === 'result')?.[0];
  const features = featuresOf(dialect);
  const topics = topicsOf(dialect);
  const encodeAs = (name: string, payload: object): { action: string } => ({ action: prefix + name, ...payload });
  /** Through the row's rule: only the fields the row declares leave, and only valid ones. */
  const checked = (name: string, payload: object): Result<{ action: string }> | undefined => {
    const row = pluginRowOf(name);
    if (!row) return undefined;
    const valid = checkFields(name, payload, row.fields);
    return valid.ok ? { ok: true, value: encodeAs(name, valid.value) } : valid;
  };
  const isAnsweredIn = (action: string, requestId: string | undefined): boolean => {
    const { kind } = rowOf(action);
    return kind === 'request' || (kind === 'control' && requestId !== undefined && result !== undefined);
  };

  return {
    dialect,
    /** Everything this dialect lets a deployment switch on or off, in table order. */
    features,
    /** What a deployment offers: config.json's `features` (undefined: all), in table order, once each. */
    offered: (configured: readonly string[] | undefined): readonly string[] => (configured ? features.filter((feature) => configured.includes(feature)) : features),
    /** topic → the action that carries it, the feature that switches it and how it is delivered. */
    topics,
    decode: (data: unknown): Inbound<DialectMessage> => decode(data, pageWire, prefix),
    kindOf: (action: string): PageRow['kind'] => rowOf(action).kind,
    /** The feature a page action belongs to; undefined for the always-on ones. */
    featureOf: (action: string): string | undefined => {
      const row = rowOf(action);
      return 'feature' in row ? row.feature : undefined;
    },
    callOf({ name, payload }: DialectMessage): ServiceCall<string> | undefined {
      const row = rowOf(name);
      if (!('method' in row)) return undefined;
      const { requestId, ...fields } = payload as { requestId?: string } & Record<string, unknown>;
      // A row gives the service its payload worded for the service (`toService`); else a state row gives one
      // field, or with `toPayload` its whole payload, as the service's method says (service.ts).
      const arg =
        'toService' in row && row.toService
          ? (row.toService as (payload: object) => unknown)(fields)
          : row.kind !== 'state' || row.toPayload
            ? fields
            : fields[row.arg];
      const call: ServiceCall<string> = { action: name, method: row.method as DialectMethod, args: [arg] };
      if (requestId !== undefined) call.requestId = requestId;
      return call;
    },
    /** Whether the page gets an answer: a request always; a control when it carried a `requestId` and the dialect answers controls. */
    isAnswered: isAnsweredIn,
    /** Whether the action waits on the service's answer (a request or control), rather than setting state. */
    isRequest: (action: string): boolean => ['request', 'control'].includes(rowOf(action).kind),
    /** An outcome → its answer envelope; undefined when the page gets none. A result passes the answer's own rule. */
    answerOf(request: string, outcome: Outcome, requestId: string | undefined): { action: string } | undefined {
      const row = rowOf(request);
      if (!isAnsweredIn(request, requestId)) return undefined;
      const id = requestId === undefined ? {} : { requestId };
      // The failure's code goes where the answer's row has a field for it (Rocket.Chat's dial-out error has none).
      const failed = (name: string, payload: object, { message, code }: { message: string; code: ErrorCode }): { action: string } =>
        encodeAs(name, { ...payload, message, ...(pluginRowOf(name)?.fields.code ? { code } : {}), ...id });
      if (row.kind !== 'request') {
        const control = { control: request, ok: outcome.ok };
        return outcome.ok ? encodeAs(result as string, { ...control, ...id }) : failed(result as string, control, outcome);
      }
      if (!outcome.ok) return failed(row.error, {}, outcome);
      const answer = checked(row.ok, outcome.value as object);
      if (answer?.ok) return { ...answer.value, ...id };
      return failed(row.error, {}, { message: `Web App 3 answered something unexpected (${answer?.ok === false ? answer.error : `no '${row.ok}' row`})`, code: 'failed' });
    },
    /** A service event → its envelope; undefined when this dialect does not carry the event. */
    eventOf: (name: string, payload: object): Result<{ action: string }> | undefined => checked(name, payload),
    /** `ready`, with the fields this dialect's `ready` declares (the rest stay home). */
    readyOf: (payload: object): { action: string } => {
      const ready = checked('ready', payload);
      return ready?.ok ? ready.value : encodeAs('ready', {});
    },
    /** A topic's value or item → its envelope; the service checked it already (roster.ts, meeting-chat.ts). */
    topicOf: (action: string, payload: object): { action: string } => encodeAs(action, payload),
  };
}

const OURS = /* @__PURE__ */ pluginCodec(EXTERNAL_CHAT);

/** Host side: how many arguments a method takes; its call options come after them. */
export function arityOf(method: ServiceMethod): number {
  const row: HostRow = PAGE_TO_PLUGIN[ACTION_OF_METHOD.get(method) as HostAction];
  return 'args' in row ? row.args.length + ('rest' in row && row.rest === true ? 1 : 0) : 1;
}

/** Host side: the payload fields a method takes in its call options (`rest: 'options'`), beside `signal` and `timeoutMs`. */
export function optionFieldsOf(method: ServiceMethod): readonly string[] {
  const row: HostRow = PAGE_TO_PLUGIN[ACTION_OF_METHOD.get(method) as HostAction];
  if (!('rest' in row) || row.rest !== 'options') return [];
  const args: readonly string[] = row.args;
  return Object.keys(row.fields).filter((name) => !args.includes(name));
}

/** A method's arguments, as its row names them (`args`, then `rest` as one object or from the call options), into the payload they stand for. */
function payloadOfArgs(method: string, row: HostRow, args: readonly unknown[]): Result<Record<string, unknown>> {
  if (row.kind === 'state') return { ok: true, value: 'toPayload' in row ? row.toPayload(args[0] as never) : { [row.arg]: args[0] } };
  if (!('args' in row)) return { ok: false, error: `${method} is not a method` };
  const named = Object.fromEntries(row.args.map((name, i) => [name, args[i]]));
  if (!('rest' in row)) return { ok: true, value: named };
  const rest: unknown = args[row.args.length];
  if (row.rest === 'options') {
    // Options that are no object are refused with the call options' own message.
    if (!isRecord(rest)) return { ok: true, value: named };
    const fields = optionFieldsOf(method as ServiceMethod);
    // A field the options only inherit (a class's getter) would be read as absent: a private message would go to everyone.
    const inherited = fields.find((name) => name in rest && own(rest, name) === undefined && (rest as Record<string, unknown>)[name] !== undefined);
    if (inherited !== undefined) return { ok: false, error: `${method}: options.${inherited} must be the options object's own property (a plain object such as { ${inherited}: … }), not inherited` };
    return { ok: true, value: { ...Object.fromEntries(fields.map((name) => [name, own(rest, name)])), ...named } };
  }
  if (isRecord(rest)) return { ok: true, value: { ...rest, ...named } };
  const which = row.args.length === 0 ? 'its argument' : `argument ${row.args.length + 1}`;
  const fields = Object.entries(row.fields as Fields)
    .filter(([name]) => !(row.args as readonly string[]).includes(name))
    .map(([name, rule]) => name + (rule.optional ? '?' : ''));
  const got = rest === null ? 'null' : Array.isArray(rest) ? 'an array' : typeof rest;
  return { ok: false, error: `${method}: ${which} must be an object ({ ${fields.join(', ')} }), got ${got}` };
}

/**
 * Host side: a method call (its arguments, call options after them) → its
 * envelope, validated by the method's row; errors name the method and the field.
 */
export function envelopeOf(method: ServiceMethod, args: readonly unknown[], requestId: string): Result<{ action: HostAction; envelope: { action: string } }> {
  const action = ACTION_OF_METHOD.get(method) as HostAction;
  const row: HostRow = PAGE_TO_PLUGIN[action];
  const data = payloadOfArgs(method, row, args);
  if (!data.ok) return data;
  const valid = checkFields(method, data.value, row.fields);
  if (!valid.ok) return valid;
  const payload = row.kind === 'state' ? valid.value : { ...valid.value, requestId };
  return { ok: true, value: { action, envelope: { action: ACTION_PREFIX + action, ...payload } } };
}

/** The actions whose last value a restarted plugin is told again. */
export const isState = (action: HostAction): boolean => PAGE_TO_PLUGIN[action].kind === 'state';
/** The actions the page sends with a `requestId` and waits on. */
export const isRequest = (action: HostAction): action is AnsweredAction => PAGE_TO_PLUGIN[action].kind === 'request' || PAGE_TO_PLUGIN[action].kind === 'control';

export type Answer =
  | { request: string; requestId: string | undefined; ok: true; value: unknown }
  | { request: string; requestId: string | undefined; ok: false; message: string | undefined; code: string | undefined };

/** Host side: a message that answers a request or control, split into its outcome; undefined for anything else. */
export function answerIn({ name, payload }: PluginMessage): Answer | undefined {
  if (name === 'control-result') {
    const { requestId, control, ok, message, code } = payload as PluginPayloads['control-result'];
    // A control resolves with nothing, as its service method does.
    return ok ? { request: control, requestId, ok: true, value: undefined } : { request: control, requestId, ok: false, message, code };
  }
  const request = REQUEST_OF_ANSWER.get(name);
  if (!request) return undefined;
  const { requestId, ...fields } = payload as { requestId?: string; message?: string; code?: string } & Record<string, unknown>;
  return PLUGIN_TO_PAGE[name].kind === 'ok'
    ? { request, requestId, ok: true, value: fields }
    : { request, requestId, ok: false, message: fields.message, code: fields.code };
}
