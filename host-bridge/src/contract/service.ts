import type { DialOutBody } from './dial-body.js';
import type { Fields, PayloadOf } from './fields.js';
import type { ROCKETCHAT } from './dialects.js';
import type { ControlAction, ControlPayloads, DialOutResult, PAGE_TO_PLUGIN, HostAction, PLUGIN_TO_PAGE, PluginAction, ServiceMethod } from './vocabulary.js';

/**
 * The controls' methods, read off their rows: each takes the control's payload, resolves once Web App 3
 * (Infinity) accepted it, and rejects with what refused it. host-bridge documents each (connect.ts).
 */
export type ControlMethods = {
  [A in ControlAction as (typeof PAGE_TO_PLUGIN)[A]['method']]: (control: ControlPayloads[A]) => Promise<void>;
};

/**
 * The service the plugin exposes. The page reaches it through host-bridge's
 * methods; the envelope endpoints translate each call to the wire as the
 * PAGE_TO_PLUGIN row naming the method says, and back to the method.
 */
export interface ExternalChatService extends ControlMethods {
  /** Shows the Chat button active (tooltip *Close Chat*) or not (*Open Chat*). */
  setButtonActive(active: boolean): void | Promise<void>;
  /** Shows or hides the unread badge on the Chat button; a `count` is told in its tooltip (*Open Chat (3 unread)*). */
  setBadge(badge: BadgePayload): void | Promise<void>;
  /** Dials `body.destination` into the meeting; resolves once the participant joined. */
  dialOut(body: DialOutBody): Promise<DialOutResult>;
}

/** The service, with what other dialects' rows call beyond ours (dialects.ts). */
export interface DialectService extends ExternalChatService {
  /** Shows the Participants button active (tooltip *Close participants*) or not: Rocket.Chat's dialect has one. */
  setParticipantsButtonActive(active: boolean): void | Promise<void>;
}
/** The service methods any dialect's rows may name. */
export type DialectMethod = keyof DialectService;

/** What the badge shows: the dot, and optionally how many are unread. */
export type BadgePayload = PayloadOf<(typeof PAGE_TO_PLUGIN)['toggle-chat-badge']['fields']>;

// ---- the compiler holds PAGE_TO_PLUGIN and this interface together ----
// Every row names a method of the service, every method has a row, and each
// method takes what its row's payload carries and returns what its answer does.

type Assert<T extends true> = T;
type Same<A, B> = [A, B] extends [B, A] ? true : false;
type RowOf<M> = Extract<(typeof PAGE_TO_PLUGIN)[HostAction], { method: M }>;
// A state row with `toPayload` hands the service its whole payload; otherwise the one field `arg`.
type ArgOf<R> = R extends { kind: 'state'; toPayload: unknown; fields: infer F extends Fields }
  ? PayloadOf<F>
  : R extends { kind: 'state'; arg: infer K; fields: infer F extends Fields }
  ? PayloadOf<F>[K & keyof PayloadOf<F>]
  : R extends { kind: 'request' | 'control'; fields: infer F extends Fields }
    ? PayloadOf<F>
    : never;
type ResultOf<R> = R extends { kind: 'request'; ok: infer O extends PluginAction } ? PayloadOf<(typeof PLUGIN_TO_PAGE)[O]['fields']> : void;
type Agrees = {
  [M in keyof ExternalChatService]: Same<Parameters<ExternalChatService[M]>[0], ArgOf<RowOf<M>>> extends true
    ? Same<Awaited<ReturnType<ExternalChatService[M]>>, ResultOf<RowOf<M>>>
    : false;
}[keyof ExternalChatService];
// `Agrees` is a union over the methods: it is exactly `true` only when every method agrees.
type _TableMatchesService = Assert<Same<Agrees, true>>;
type _EveryRowNamesAMethod = Assert<Same<ServiceMethod, keyof ExternalChatService>>;

// Another dialect's rows must call the service with what its methods take (a row may word its payload differently: `toService`).
type DialectArgOf<R> = R extends { toService: (payload: never) => infer A } ? A : ArgOf<R>;
// A method the service lacks, or an `arg` its payload lacks (`never`), fails the row.
type RowsFit<T> = {
  [A in keyof T]: T[A] extends { method: infer M }
    ? M extends DialectMethod
      ? [DialectArgOf<T[A]>] extends [never]
        ? false
        : DialectArgOf<T[A]> extends Parameters<DialectService[M]>[0]
          ? true
          : false
      : false
    : true;
}[keyof T];
type _RocketChatFitsService = Assert<Same<RowsFit<(typeof ROCKETCHAT)['pageToPlugin']>, true>>;
