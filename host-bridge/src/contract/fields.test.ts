import { describe, expect, it } from 'vitest';
import { validateDialBody } from './dial-body.js';
import { checkFields, MAX_STRING_LENGTH, optionalString } from './fields.js';

const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' } as const;
const errorOf = (result: { ok: boolean; error?: string }): string => (result.ok ? 'no error' : String(result.error));

describe('checkFields: the 4,096-character limit', () => {
  it('accepts a string of exactly 4,096 characters and refuses one of 4,097, saying the limit', () => {
    expect(MAX_STRING_LENGTH).toBe(4096);
    expect(validateDialBody({ ...dial, text: 'x'.repeat(4096) })).toEqual({ ok: true, value: { ...dial, text: 'x'.repeat(4096) } });
    const refused = validateDialBody({ ...dial, text: 'x'.repeat(4097) });
    expect(refused.ok).toBe(false);
    expect(errorOf(refused)).toMatch(/^dial-out: 'text' must be a string of at most 4096 characters, got "x{40}…" \(4097 characters\)$/);
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
