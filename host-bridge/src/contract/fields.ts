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
/**
 * A string, optionally non-blank, one of `values`, or matching `pattern` (described by `means`); at most
 * `maxLength` (default MAX_STRING_LENGTH) characters. `refuse` finds characters it may not hold: a global
 * regular expression whose matches are allowed sequences unless its group 1 matched, which is a refused
 * character (its code point and place are named in the error).
 */
export interface StringRule extends Rule {
  readonly type: 'string';
  readonly nonEmpty?: boolean;
  readonly maxLength?: number;
  readonly values?: readonly string[];
  readonly pattern?: RegExp;
  readonly refuse?: RegExp;
  readonly means?: string;
}
export interface BooleanRule extends Rule {
  readonly type: 'boolean';
}
/** A whole number from `min` to `max` (default: the safe integers). */
export interface IntegerRule extends Rule {
  readonly type: 'integer';
  readonly min?: number;
  readonly max?: number;
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

/** A value one of the rules `of` accepts (tried in order): for a field another implementation words two ways. */
export interface EitherRule extends Rule {
  readonly type: 'either';
  readonly of: readonly (StringRule | BooleanRule | IntegerRule)[];
}

/** One payload field. */
export type FieldRule = StringRule | BooleanRule | IntegerRule | ObjectRule | ListRule | EitherRule;

export type Fields = { readonly [field: string]: FieldRule };

/** The TypeScript type a rule accepts. */
type ScalarOf<R> = R extends BooleanRule ? boolean : R extends IntegerRule ? number : R extends { values: readonly (infer V)[] } ? V : string;
type ValueOf<R extends FieldRule> = R extends EitherRule
  ? ScalarOf<R['of'][number]>
  : R extends BooleanRule
  ? boolean
  : R extends IntegerRule
    ? number
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

/**
 * What a person reading a message cannot see, or sees reordered: control characters (C0, DEL, C1),
 * format characters (bidi embeddings, overrides, isolates and marks, zero-width spaces, invisible
 * operators, tags), line and paragraph separators, and the Hangul fillers that draw as blanks. Kept:
 * ZWNJ and ZWJ, which join letters and emoji, and the tags of a flag emoji (🏴, tags, cancel tag).
 * For a `refuse` rule; the second also keeps the line feed (a chat message may have several lines).
 */
/** What a `refuse: INVISIBLE` rule's `means` says. */
export const READABLE = 'no control, bidi or invisible format characters';
const invisibleBut = (kept: string): RegExp =>
  new RegExp(String.raw`\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}|[${kept}\u200C\u200D]|([\p{Cc}\p{Cf}\u2028\u2029\u115F\u1160\u3164\uFFA0])`, 'gu');
export const INVISIBLE = invisibleBut('');
export const INVISIBLE_BUT_NEWLINES = invisibleBut(String.raw`\n`);

/** Own data only: inherited or polluted prototype properties never count as input. */
export const own = (obj: object, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The code point at `at` as `U+202E`. */
const codeAt = (text: string, at = 0): string => `U+${(text.codePointAt(at) as number).toString(16).toUpperCase().padStart(4, '0')}`;

// What the value holds is shown as text; what cannot be seen (or would reorder the message around it) as its code.
export const preview = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value).replace(/[\p{Cf}\u2028\u2029\u0080-\u009F]/gu, (char) => `<${codeAt(char)}>`)
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : typeof value;

const expected = (rule: FieldRule): string => {
  switch (rule.type) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `a whole number${rule.min === undefined ? '' : ` from ${rule.min}`}${rule.max === undefined ? '' : ` to ${rule.max}`}`;
    case 'object':
      return `an object (${Object.keys(rule.fields).join(', ')})`;
    case 'list':
      return `an array of at most ${rule.maxItems} items`;
    case 'either':
      return rule.of.map(expected).join(', or ');
    default:
      return rule.values ? `one of ${rule.values.join(', ')}` : rule.means ?? `a ${rule.nonEmpty ? 'non-empty ' : ''}string`;
  }
};

/**
 * Thrown inside the checker only, so that a valid value costs no error text:
 * the path is collected on the way out, the message written once at the top.
 */
class Invalid {
  readonly path: string[] = [];
  constructor(readonly describe: (path: string) => string) {}
}

/** `extra` qualifies what it must be; `after` says more about what it got. */
const wrong = (rule: FieldRule, value: unknown, extra = '', after = ''): Invalid =>
  new Invalid((path) => `'${path}' must be ${expected(rule)}${extra}, got ${preview(value)}${after}`);

/** Where `refuse` finds its first refused character, or -1. */
function refusedAt(refuse: RegExp, value: string): number {
  for (const match of value.matchAll(refuse)) if (match[1] !== undefined) return match.index;
  return -1;
}

function checkString(rule: StringRule, value: string): string {
  const maxLength = rule.maxLength ?? MAX_STRING_LENGTH;
  const long = value.length > maxLength;
  const at = long || !rule.refuse ? -1 : refusedAt(rule.refuse, value);
  if (
    !long &&
    at < 0 &&
    // Joiners alone (ZWJ, ZWNJ) are as blank as spaces.
    !(rule.nonEmpty && value.replace(/[\u200C\u200D]/g, '').trim() === '') &&
    !(rule.values && !rule.values.includes(value)) &&
    !(rule.pattern && !rule.pattern.test(value))
  ) {
    return value;
  }
  const refused = at < 0 ? '' : ` (${codeAt(value, at)} at ${at})`;
  throw wrong(rule, value, long ? ` of at most ${maxLength} characters` : '', long ? ` (${value.length} characters)` : refused);
}

function checkValue(rule: FieldRule, value: unknown): unknown {
  switch (rule.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw wrong(rule, value);
    case 'string':
      if (typeof value === 'string') return checkString(rule, value);
      throw wrong(rule, value);
    case 'integer':
      if (Number.isSafeInteger(value) && !((value as number) < (rule.min ?? -Infinity)) && !((value as number) > (rule.max ?? Infinity))) return value;
      throw wrong(rule, value, '', typeof value === 'number' ? ` (${value})` : '');
    case 'object':
      if (isRecord(value)) return checkObject(value, rule.fields);
      throw wrong(rule, value);
    case 'list': {
      if (!Array.isArray(value) || value.length > rule.maxItems) throw wrong(rule, value, '', Array.isArray(value) ? ` (${value.length} items)` : '');
      const out: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        try {
          out[i] = checkValue(rule.of, value[i]);
        } catch (error) {
          if (error instanceof Invalid) error.path.unshift(`[${i}]`);
          throw error;
        }
      }
      return out;
    }
    case 'either':
      for (const one of rule.of) {
        try {
          return checkValue(one, value);
        } catch (error) {
          // The next rule may accept it.
          if (!(error instanceof Invalid)) throw error;
        }
      }
      throw wrong(rule, value);
  }
}

/** Each rule set's entries, listed once: a roster checks the same fields a thousand times per message. */
const ENTRIES = new WeakMap<Fields, [string, FieldRule][]>();
const entriesOf = (fields: Fields): [string, FieldRule][] => {
  let list = ENTRIES.get(fields);
  if (!list) ENTRIES.set(fields, (list = Object.entries(fields)));
  return list;
};

function checkObject(data: Record<string, unknown>, fields: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, rule] of entriesOf(fields)) {
    const value = own(data, field);
    if (value === undefined) {
      if (rule.optional) continue;
      const missing = new Invalid((path) => `'${path}' is required (${expected(rule)})`);
      missing.path.push(field);
      throw missing;
    }
    try {
      out[field] = checkValue(rule, value);
    } catch (error) {
      if (error instanceof Invalid) error.path.unshift(field);
      throw error;
    }
  }
  return out;
}

/** `participants`, `[3]`, `can`, `mute` → `participants[3].can.mute` */
const joinPath = (path: readonly string[]): string => path.map((part, i) => (i === 0 || part.startsWith('[') ? part : `.${part}`)).join('');

/**
 * Checks `data` against `fields` and returns a fresh object holding only those
 * fields (nested objects and lists rebuilt the same way). The error names
 * `where` and the field's path and says what it must be.
 */
export function checkFields<F extends Fields>(where: string, data: unknown, fields: F): Result<PayloadOf<F>> {
  if (!isRecord(data)) return { ok: false, error: `${where}: expected an object, got ${preview(data)}` };
  try {
    return { ok: true, value: checkObject(data, fields) as PayloadOf<F> };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: `${where}: ${error.describe(joinPath(error.path))}` };
    throw error;
  }
}
