// Types only: the compiler holds each control row's `webapp3` (host-bridge's contract) to
// @pexip/plugin-api's own types, so a row that names an RPC, a field or a value Web App 3 does not
// take fails the build, and webapp3.ts's method for the RPC exists.
import type { ControlAction, ControlPayloads, PAGE_TO_PLUGIN } from '@external-chat/host-bridge/internal';
import type { ParticipantID, Plugin, RPCCallPayload } from '@pexip/plugin-api';
import type { ControlRpc } from './controls';

type Assert<T extends true> = T;
type Spec<A extends ControlAction> = (typeof PAGE_TO_PLUGIN)[A]['webapp3'];

// A value the row renames (set-role's host → chair), each member of a union on its own. A uuid is
// plugin-api's ParticipantID once the plugin hands it on (a brand on the same string).
type ValueOf<V, T> = T extends keyof V ? V[T] : T;
type Id<K, T> = K extends 'participantUuid' ? (T extends string ? ParticipantID : T) : T;
type Renamed<P, S> = {
  [K in keyof P as S extends { as: infer As } ? (K extends keyof As ? As[K] & string : K) : K]: S extends { values: { [F in K]: infer V } } ? ValueOf<V, P[K]> : Id<K, P[K]>;
};
// What the row fills in where the control says nothing is then always there.
type Defaulted<R, S> = S extends { defaults: infer D } ? Omit<R, keyof D> & { [K in keyof D & keyof R]-?: Exclude<R[K], undefined> | D[K] } : R;
type Built<A extends ControlAction> = Defaulted<Renamed<ControlPayloads[A], Spec<A>>, Spec<A>>;
// A control naming the local user, for a row marked `self`.
type AsSelf<A extends ControlAction> = Spec<A> extends { self: true } ? Omit<Built<A>, 'participantUuid'> : Built<A>;

/** Takes what the RPC takes, and nothing it does not know. */
type Fits<B, P> = [B] extends [P] ? ([Exclude<keyof B, keyof P>] extends [never] ? true : false) : false;
type EveryRowFits = { [A in ControlAction]: Fits<Built<A>, RPCCallPayload<Spec<A>['rpc']>> extends true ? Fits<AsSelf<A>, RPCCallPayload<Spec<A>['rpc']>> : false }[ControlAction];
type _RowsFitPluginApi = Assert<EveryRowFits>;

/** plugin-api's method for an RPC, as webapp3.ts derives it: `participant:mute` → `conference.mute`, `ui:toast:show` → `ui.showToast`. */
type MethodOf<R> = R extends `ui:${infer Noun}:${infer Verb}`
  ? Plugin['ui'][`${Verb}${Capitalize<Noun>}` & keyof Plugin['ui']]
  : R extends `${string}:${infer Name}`
    ? Plugin['conference'][Name & keyof Plugin['conference']]
    : never;
type EveryMethodTakesItsPayload = { [R in ControlRpc]: [RPCCallPayload<R>] extends [Parameters<MethodOf<R>>[0]] ? true : false }[ControlRpc];
type _MethodsExist = Assert<EveryMethodTakesItsPayload>;

/** A row says `answersNothing` exactly when plugin-api's method for its RPC resolves with nothing. */
type Same<A, B> = [A, B] extends [B, A] ? true : false;
type ResolvesWithNothing<R> = [Awaited<ReturnType<MethodOf<R>>>] extends [void | undefined] ? true : false;
type SaysNothing<A extends ControlAction> = Spec<A> extends { answersNothing: true } ? true : false;
type _AnswersNothingAsPluginApiSays = Assert<{ [A in ControlAction]: Same<SaysNothing<A>, ResolvesWithNothing<Spec<A>['rpc']>> }[ControlAction]>;

export {};
