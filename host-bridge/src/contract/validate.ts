import type { DialOutBody } from './types';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Longest string accepted in any field; larger values are a mistake or an attack, never a real URI. */
export const MAX_STRING_LENGTH = 4096;

/** One payload field: a boolean, or a string optionally limited to `values`. */
export interface FieldRule {
  type: 'string' | 'boolean';
  optional?: boolean;
  nonEmpty?: boolean;
  values?: readonly string[];
}

export type Fields = Record<string, FieldRule>;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Own data only: inherited or polluted prototype properties never count as input. */
export const own = (obj: object, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const preview = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : typeof value;

const expected = (rule: FieldRule): string =>
  rule.type === 'boolean'
    ? 'true or false'
    : rule.values
      ? `one of ${rule.values.join(', ')}`
      : `a ${rule.nonEmpty ? 'non-empty ' : ''}string`;

/**
 * Checks `data` against `fields` and returns a fresh object holding only those
 * fields. The error names the action and the field and says what it must be.
 */
export function checkFields<T>(where: string, data: unknown, fields: Fields): Result<T> {
  if (!isRecord(data)) return { ok: false, error: `${where}: expected an object, got ${preview(data)}` };
  const out: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(fields)) {
    const value = own(data, field);
    if (value === undefined) {
      if (rule.optional) continue;
      return { ok: false, error: `${where}: '${field}' is required (${expected(rule)})` };
    }
    const valid =
      typeof value === rule.type &&
      (typeof value !== 'string' ||
        (value.length <= MAX_STRING_LENGTH &&
          !(rule.nonEmpty && value.trim() === '') &&
          !(rule.values && !rule.values.includes(value))));
    if (!valid) {
      const too = typeof value === 'string' && value.length > MAX_STRING_LENGTH;
      return {
        ok: false,
        error: `${where}: '${field}' must be ${expected(rule)}${too ? ` of at most ${MAX_STRING_LENGTH} characters` : ''}, got ${preview(value)}`,
      };
    }
    out[field] = value;
  }
  return ok(out as T);
}

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

type Body = Required<DialOutBody>;
const string: FieldRule = { type: 'string', optional: true };

/** Pexip's dial body, field by field; nothing else is ever forwarded. */
export const DIAL_FIELDS: { [K in keyof Body]: FieldRule } = {
  role: { type: 'string', values: allOf<Body['role']>()(['HOST', 'GUEST']) },
  destination: { type: 'string', nonEmpty: true },
  protocol: { type: 'string', values: allOf<Body['protocol']>()(['sip', 'h323', 'rtmp', 'mssip', 'auto']) },
  call_type: { type: 'string', optional: true, values: allOf<Body['call_type']>()(['video', 'video-only', 'audio']) },
  presentation_url: string,
  streaming: { type: 'string', optional: true, values: allOf<Body['streaming']>()(['yes', 'no']) },
  dtmf_sequence: string,
  source: string,
  source_display_name: string,
  remote_display_name: string,
  text: string,
  keep_conference_alive: {
    type: 'string',
    optional: true,
    values: allOf<Body['keep_conference_alive']>()([
      'keep_conference_alive',
      'keep_conference_alive_if_multiple',
      'keep_conference_alive_never',
    ]),
  },
};

/** Validates an untrusted dial body; the result holds Pexip's dial fields only. */
export const validateDialBody = (input: unknown): Result<DialOutBody> => checkFields('dial-out', input, DIAL_FIELDS);

/** The origin a URL string names, or undefined when it is not a URL. */
export function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/** True for an exact origin: scheme://host[:port], no path, no trailing slash. */
export const isOrigin = (value: unknown): value is string => typeof value === 'string' && originOf(value) === value;
