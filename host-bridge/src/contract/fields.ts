/**
 * Payload fields and their rules: the one validator every envelope passes,
 * in both directions, on both sides.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Longest string accepted in any field; larger values are a mistake or an attack, never a real URI. */
export const MAX_STRING_LENGTH = 4096;

/** One payload field: a boolean, or a string optionally limited to `values`. */
export interface FieldRule {
  readonly type: 'string' | 'boolean';
  readonly optional?: boolean;
  readonly nonEmpty?: boolean;
  readonly values?: readonly string[];
}

export type Fields = { readonly [field: string]: FieldRule };

/** The TypeScript type a rule accepts. */
type ValueOf<R extends FieldRule> = R['type'] extends 'boolean'
  ? boolean
  : R extends { values: readonly (infer V)[] }
    ? V
    : string;

type Optional<F extends Fields> = { [K in keyof F]: F[K] extends { optional: true } ? K : never }[keyof F];

/** Shown as one flat object in editors and .d.ts readers, not as the mapped types that built it. */
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** The payload type `fields` describe, optional fields optional. */
export type PayloadOf<F extends Fields> = Flat<
  { -readonly [K in Exclude<keyof F, Optional<F>>]: ValueOf<F[K]> } & { -readonly [K in Optional<F>]?: ValueOf<F[K]> }
>;

export const boolean = { type: 'boolean' } as const;
export const optionalBoolean = { type: 'boolean', optional: true } as const;
export const string = { type: 'string', nonEmpty: true } as const;
export const optionalString = { type: 'string', optional: true } as const;

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
 * fields. The error names `where` and the field and says what it must be.
 */
export function checkFields<F extends Fields>(where: string, data: unknown, fields: F): Result<PayloadOf<F>> {
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
  return { ok: true, value: out as PayloadOf<F> };
}
