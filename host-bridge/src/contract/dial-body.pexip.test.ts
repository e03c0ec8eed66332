// Our validator must agree with Pexip's own generated schema validator for
// the dial body. It lives in an internal path of @pexip/infinity-api, so it
// is used here only, never bundled.
import { validateDialBody as pexipValidate } from '@pexip/infinity-api/dist/conference/validation.js';
import { describe, expect, it } from 'vitest';
import { DIAL_FIELDS, validateDialBody } from './dial-body.js';

const candidates: Record<string, unknown[]> = {
  role: ['HOST', 'GUEST', 'host', undefined, 1],
  destination: ['alice@example.com', 'sip:bob@example.com', undefined, 7, null],
  protocol: ['sip', 'h323', 'rtmp', 'mssip', 'auto', 'SIP', undefined],
  call_type: ['video', 'video-only', 'audio', 'fax', undefined],
  streaming: ['yes', 'no', true, undefined],
  keep_conference_alive: ['keep_conference_alive', 'keep_conference_alive_if_multiple', 'keep_conference_alive_never', 'always', undefined],
  text: ['hello', 3, undefined],
};

/** A small deterministic PRNG so the sample is the same on every run. */
function* bodies(count: number): Generator<Record<string, unknown>> {
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const body: Record<string, unknown> = {};
    for (const [field, values] of Object.entries(candidates)) {
      const value = values[next(values.length)];
      if (value !== undefined) body[field] = value;
    }
    yield body;
  }
}

describe('validateDialBody agrees with @pexip/infinity-api', () => {
  it('on the same field list', () => {
    const source = (pexipValidate as unknown as { toString(): string }).toString();
    for (const field of Object.keys(DIAL_FIELDS)) expect(source).toContain(field);
  });

  it('except where ours is deliberately stricter: empty or blank destinations and huge strings', () => {
    for (const body of [
      { role: 'GUEST', destination: '', protocol: 'sip' },
      { role: 'GUEST', destination: '   ', protocol: 'sip' },
      { role: 'GUEST', destination: 'a'.repeat(5000), protocol: 'sip' },
      { role: 'GUEST', destination: 'a', protocol: 'sip', text: 'x'.repeat(5000) },
    ]) {
      expect(pexipValidate(body)).toBe(true);
      expect(validateDialBody(body).ok).toBe(false);
    }
  });

  it('on 2,000 generated bodies', () => {
    let accepted = 0;
    for (const body of bodies(2000)) {
      const ours = validateDialBody(body).ok;
      expect({ body, ok: ours }).toEqual({ body, ok: pexipValidate(body) });
      if (ours) accepted++;
    }
    // Both outcomes must be exercised for the comparison to mean anything.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(1980);
  });
});
