/**
 * Payload fields and their rules: the one validator every envelope passes,
 * in both directions, on both sides.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Longest string accepted in any field; larger values are a mistake or an attack, never a real URI. */
export const MAX_STRING_LENGTH = 4096;

interface Rule {
  readonly optional?: boolean;
}
/** A string, optionally non-blank, one of `values`, or matching `pattern` (described by `means`). */
export interface StringRule extends Rule {
  readonly type: 'string';
  readonly nonEmpty?: boolean;
  readonly values?: readonly string[];
  readonly pattern?: RegExp;
  readonly means?: string;
}
export interface BooleanRule extends Rule {
  readonly type: 'boolean';
}
/** A nested object: exactly its own `fields`, each by its rule. */
export interface ObjectRule extends Rule {
  readonly type: 'object';
  readonly fields: Fields;
}
/** An array of at most `maxItems` values, each by the rule `of`. */
export interface ListRule extends Rule {
  readonly type: 'list';
  readonly of: FieldRule;
  readonly maxItems: number;
}

/** One payload field. */
export type FieldRule = StringRule | BooleanRule | ObjectRule | ListRule;

export type Fields = { readonly [field: string]: FieldRule };

/** The TypeScript type a rule accepts. */
type ValueOf<R extends FieldRule> = R extends BooleanRule
  ? boolean
  : R extends ObjectRule
    ? PayloadOf<R['fields']>
    : R extends ListRule
      ? ValueOf<R['of']>[]
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
/** A string that may be empty (Infinity's names and labels can be). */
export const text = { type: 'string' } as const;

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

const expected = (rule: FieldRule): string => {
  switch (rule.type) {
    case 'boolean':
      return 'true or false';
    case 'object':
      return `an object (${Object.keys(rule.fields).join(', ')})`;
    case 'list':
      return `an array of at most ${rule.maxItems} items`;
    default:
      return rule.values ? `one of ${rule.values.join(', ')}` : rule.means ?? `a ${rule.nonEmpty ? 'non-empty ' : ''}string`;
  }
};

type Checked = { ok: true; value: unknown } | { ok: false; error: string };

function checkString(rule: StringRule, value: string, path: string): Checked {
  const valid =
    value.length <= MAX_STRING_LENGTH &&
    !(rule.nonEmpty && value.trim() === '') &&
    !(rule.values && !rule.values.includes(value)) &&
    !(rule.pattern && !rule.pattern.test(value));
  if (valid) return { ok: true, value };
  const too = value.length > MAX_STRING_LENGTH ? ` of at most ${MAX_STRING_LENGTH} characters` : '';
  return { ok: false, error: `'${path}' must be ${expected(rule)}${too}, got ${preview(value)}` };
}

function checkValue(rule: FieldRule, value: unknown, path: string): Checked {
  const wrong: Checked = { ok: false, error: `'${path}' must be ${expected(rule)}, got ${preview(value)}` };
  switch (rule.type) {
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : wrong;
    case 'string':
      return typeof value === 'string' ? checkString(rule, value, path) : wrong;
    case 'object':
      return isRecord(value) ? checkObject(value, rule.fields, `${path}.`) : wrong;
    case 'list': {
      if (!Array.isArray(value) || value.length > rule.maxItems) {
        const count = Array.isArray(value) ? ` (${value.length} items)` : '';
        return { ok: false, error: `'${path}' must be ${expected(rule)}, got ${preview(value)}${count}` };
      }
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const item = checkValue(rule.of, value[i], `${path}[${i}]`);
        if (!item.ok) return item;
        out.push(item.value);
      }
      return { ok: true, value: out };
    }
  }
}

function checkObject(data: Record<string, unknown>, fields: Fields, prefix: string): Checked {
  const out: Record<string, unknown> = {};
  for (const field in fields) {
    const rule = fields[field] as FieldRule;
    const value = own(data, field);
    if (value === undefined) {
      if (rule.optional) continue;
      return { ok: false, error: `'${prefix}${field}' is required (${expected(rule)})` };
    }
    const checked = checkValue(rule, value, prefix + field);
    if (!checked.ok) return checked;
    out[field] = checked.value;
  }
  return { ok: true, value: out };
}

/**
 * Checks `data` against `fields` and returns a fresh object holding only those
 * fields (nested objects and lists rebuilt the same way). The error names
 * `where` and the field's path and says what it must be.
 */
export function checkFields<F extends Fields>(where: string, data: unknown, fields: F): Result<PayloadOf<F>> {
  if (!isRecord(data)) return { ok: false, error: `${where}: expected an object, got ${preview(data)}` };
  const checked = checkObject(data, fields, '');
  return checked.ok ? { ok: true, value: checked.value as PayloadOf<F> } : { ok: false, error: `${where}: ${checked.error}` };
}
