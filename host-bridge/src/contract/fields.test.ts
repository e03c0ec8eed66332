import { describe, expect, it } from 'vitest';
import { validateDialBody } from './dial-body.js';
import { checkFields, INVISIBLE, INVISIBLE_BUT_NEWLINES, MAX_STRING_LENGTH, optionalString } from './fields.js';

const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' } as const;
const errorOf = (result: { ok: boolean; error?: string }): string => (result.ok ? 'no error' : String(result.error));

describe('checkFields: the 4,096-character limit', () => {
  it('accepts a string of exactly 4,096 characters and refuses one of 4,097, saying the limit', () => {
    expect(MAX_STRING_LENGTH).toBe(4096);
    expect(validateDialBody({ ...dial, text: 'x'.repeat(4096) })).toEqual({ ok: true, value: { ...dial, text: 'x'.repeat(4096) } });
    const refused = validateDialBody({ ...dial, text: 'x'.repeat(4097) });
    expect(refused.ok).toBe(false);
    expect(errorOf(refused)).toMatch(/^dial-out: 'text' must be a name \(no control, bidi or invisible format characters\) of at most 4096 characters, got "x{40}…" \(4097 characters\)$/);
  });

  it('does not blame the length of a 4,096-character value that is wrong for another reason', () => {
    const error = errorOf(validateDialBody({ ...dial, destination: ' '.repeat(4096) }));
    expect(error).toMatch(/^dial-out: 'destination' must be a non-empty string, got /);
    expect(error).not.toContain('at most');
  });
});

describe('checkFields: what an error shows of the value', () => {
  it('quotes a short value whole, and a long one cut to its first 40 characters', () => {
    const forty = 'y'.repeat(40);
    expect(errorOf(validateDialBody({ ...dial, role: forty }))).toBe(`dial-out: 'role' must be one of HOST, GUEST, got "${forty}"`);
    const long = `${'z'.repeat(40)}TAIL-NOT-SHOWN`;
    expect(errorOf(validateDialBody({ ...dial, role: long }))).toBe(`dial-out: 'role' must be one of HOST, GUEST, got "${'z'.repeat(40)}…"`);
  });

  it('names the type of a value that is not a string', () => {
    const fields = { note: optionalString };
    expect(errorOf(checkFields('where', { note: null }, fields))).toBe("where: 'note' must be a string, got null");
    expect(errorOf(checkFields('where', { note: [1] }, fields))).toBe("where: 'note' must be a string, got an array");
    expect(errorOf(checkFields('where', { note: 7 }, fields))).toBe("where: 'note' must be a string, got number");
  });
});

describe('checkFields: characters a person cannot see or sees reordered (refuse)', () => {
  const line = { message: { type: 'string', refuse: INVISIBLE, means: 'one readable line' } } as const;
  const lines = { text: { type: 'string', refuse: INVISIBLE_BUT_NEWLINES, means: 'readable text' } } as const;
  const refusedIn = (fields: typeof line | typeof lines, value: string): string => {
    const [field] = Object.keys(fields) as [string];
    return errorOf(checkFields('t', { [field]: value }, fields)).replace(/^[\s\S]*\((U\+[0-9A-F]+ at \d+)\)$/, '$1');
  };

  it.each([
    ['\u0000', 'U+0000'], ['\u0007', 'U+0007'], ['\t', 'U+0009'], ['\r', 'U+000D'], ['\u001B', 'U+001B'], ['\u007F', 'U+007F'],
    ['\u0085', 'U+0085'], ['\u009F', 'U+009F'], ['\u00AD', 'U+00AD'], ['\u061C', 'U+061C'], ['\u115F', 'U+115F'], ['\u180E', 'U+180E'],
    ['\u200B', 'U+200B'], ['\u200E', 'U+200E'], ['\u200F', 'U+200F'], ['\u2028', 'U+2028'], ['\u2029', 'U+2029'], ['\u202A', 'U+202A'],
    ['\u202E', 'U+202E'], ['\u2060', 'U+2060'], ['\u2066', 'U+2066'], ['\u2069', 'U+2069'], ['\u3164', 'U+3164'], ['\uFEFF', 'U+FEFF'],
    ['\uFFA0', 'U+FFA0'], ['\uFFF9', 'U+FFF9'], ['\u{E0001}', 'U+E0001'], ['\u{E0041}', 'U+E0041'], ['\u{E007F}', 'U+E007F'],
  ])('refuses %j in a line and in lines, naming it and where it is', (char, code) => {
    expect(refusedIn(line, `ab${char}c`)).toBe(`${code} at 2`);
    expect(refusedIn(lines, `a\nb${char}c`)).toBe(`${code} at 3`);
  });

  it('shows what cannot be seen in the value it quotes as its code, so the error itself is not reordered', () => {
    expect(errorOf(checkFields('t', { message: 'Meeting ends \u202Enoos' }, line))).toBe(`t: 'message' must be one readable line, got "Meeting ends <U+202E>noos" (U+202E at 13)`);
  });

  it('takes joiners alone (ZWJ, ZWNJ) as blank, where a value must not be', () => {
    const rule = { text: { type: 'string', nonEmpty: true, refuse: INVISIBLE_BUT_NEWLINES } } as const;
    expect(errorOf(checkFields('t', { text: '\u200D\u200C ' }, rule))).toMatch(/^t: 'text' must be a non-empty string, got /);
    expect(checkFields('t', { text: 'a\u200D' }, rule).ok).toBe(true);
  });

  it('refuses a line feed in a line only', () => {
    expect(refusedIn(line, 'a\nb')).toBe('U+000A at 1');
    expect(checkFields('t', { text: 'a\nb\n\nc' }, lines)).toEqual({ ok: true, value: { text: 'a\nb\n\nc' } });
  });

  it('keeps what people write: emoji joined by ZWJ, ZWNJ, flags of tags, right-to-left scripts, combining marks, variation selectors', () => {
    for (const value of ['👩\u200D👩\u200D👧', 'می\u200Cخواهم', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}', 'مرحبا بالعالم', 'שלום', 'e\u0301', '❤\uFE0F', 'Ñandú 日本語']) {
      expect(checkFields('t', { message: value }, line)).toEqual({ ok: true, value: { message: value } });
    }
  });

  it('refuses tags that are no flag: stray, or a flag sequence without its cancel tag', () => {
    expect(refusedIn(line, 'x\u{1F3F4}\u{E0067}\u{E0062}')).toBe('U+E0067 at 3');
    expect(refusedIn(line, '\u{E0067}\u{E007F}')).toBe('U+E0067 at 0');
  });
});
