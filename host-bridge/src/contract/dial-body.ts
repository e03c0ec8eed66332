import type { DialMap } from '@pexip/infinity-api';
import { checkFields, INVISIBLE, optionalString, READABLE, string, type FieldRule, type PayloadOf, type Result } from './fields.js';

/** Pexip's dial body, as its own API package defines it: the rules below are checked against it. */
type PexipDialBody = DialMap['Body'];

/**
 * Lists every member of the union `T`, checked by the compiler in both
 * directions, so a Pexip package update that adds or removes a value fails
 * the build instead of silently drifting.
 */
const allOf =
  <T extends string>() =>
  <const V extends readonly T[]>(
    values: V & ([Exclude<T, V[number]>] extends [never] ? unknown : { missing: Exclude<T, V[number]> }),
  ): V =>
    values;

type Body = Required<PexipDialBody>;
const optionalOneOf = <const V extends readonly string[]>(values: V) => ({ type: 'string', optional: true, values }) as const;
/** A name everyone in the meeting reads in the participant list: nothing hidden or reordered (stricter than Pexip's type). */
const displayName = { ...optionalString, refuse: INVISIBLE, means: `a name (${READABLE})` } as const;

/** Pexip's dial body, field by field; nothing else is ever forwarded. */
export const DIAL_FIELDS = {
  role: { type: 'string', values: allOf<Body['role']>()(['HOST', 'GUEST']) },
  destination: string,
  protocol: { type: 'string', values: allOf<Body['protocol']>()(['sip', 'h323', 'rtmp', 'mssip', 'auto']) },
  call_type: optionalOneOf(allOf<Body['call_type']>()(['video', 'video-only', 'audio'])),
  presentation_url: optionalString,
  streaming: optionalOneOf(allOf<Body['streaming']>()(['yes', 'no'])),
  dtmf_sequence: optionalString,
  source: optionalString,
  source_display_name: displayName,
  remote_display_name: displayName,
  // Shown instead of remote_display_name, in everyone's participant list.
  text: displayName,
  keep_conference_alive: optionalOneOf(
    allOf<Body['keep_conference_alive']>()(['keep_conference_alive', 'keep_conference_alive_if_multiple', 'keep_conference_alive_never']),
  ),
} as const satisfies { [K in keyof Body]-?: FieldRule };

/**
 * The Infinity dial body (`DialMap['Body']` of @pexip/infinity-api), written
 * out from the rules. Published types carry it whole: Pexip's package is a
 * build-time check only, as its own declarations do not resolve under
 * `moduleResolution: NodeNext`/`Node16` and a consumer would need it installed.
 */
export type DialOutBody = PayloadOf<typeof DIAL_FIELDS>;

// The rules describe exactly Pexip's type: each must be assignable to the other.
type Assert<T extends true> = T;
type _MatchesPexip = Assert<[DialOutBody, PexipDialBody] extends [PexipDialBody, DialOutBody] ? true : false>;

/** Validates an untrusted dial body; the result holds Pexip's dial fields only. */
export const validateDialBody = (input: unknown): Result<DialOutBody> => checkFields('dial-out', input, DIAL_FIELDS);
