import { describe, expect, it } from 'vitest';
import { DIAL_FIELDS, validateDialBody } from './dial-body.js';
import { MAX_STRING_LENGTH } from './fields.js';

const valid = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' };

describe('validateDialBody', () => {
  it('accepts the three required fields and returns a fresh object', () => {
    const input = { ...valid };
    const result = validateDialBody(input);
    expect(result).toEqual({ ok: true, value: valid });
    expect(result.ok && result.value).not.toBe(input);
  });

  it('keeps every optional Pexip field and drops everything else', () => {
    const full = {
      ...valid,
      call_type: 'audio',
      presentation_url: 'rtmp://x/y',
      streaming: 'no',
      dtmf_sequence: '1234#',
      source: 'sip:me@example.com',
      source_display_name: 'Desk',
      remote_display_name: 'Alice',
      text: 'Alice (guest)',
      keep_conference_alive: 'keep_conference_alive_never',
    };
    const result = validateDialBody({ ...full, requestId: 'r1', extra: 'x', conferenceAlias: 'other' });
    expect(result).toEqual({ ok: true, value: full });
    expect(Object.keys(DIAL_FIELDS).sort()).toEqual(Object.keys(full).sort());
  });

  it.each([
    [{ destination: 'a', protocol: 'sip' }, "'role' is required (one of HOST, GUEST)"],
    [{ ...valid, role: 'ADMIN' }, `'role' must be one of HOST, GUEST, got "ADMIN"`],
    [{ ...valid, destination: '' }, "'destination' must be a non-empty string"],
    [{ ...valid, destination: '   ' }, "'destination' must be a non-empty string"],
    [{ ...valid, destination: 42 }, "'destination' must be a non-empty string, got number"],
    [{ role: 'HOST', destination: 'a' }, "'protocol' is required (one of sip, h323, rtmp, mssip, auto)"],
    [{ ...valid, protocol: 'SIP' }, "'protocol' must be one of sip, h323, rtmp, mssip, auto"],
    [{ ...valid, call_type: 'hologram' }, "'call_type' must be one of video, video-only, audio"],
    [{ ...valid, streaming: true }, "'streaming' must be one of yes, no, got boolean"],
    [{ ...valid, keep_conference_alive: 'yes' }, "'keep_conference_alive' must be one of keep_conference_alive,"],
    [{ ...valid, text: null }, "'text' must be a name (no control, bidi or invisible format characters), got null"],
    [{ ...valid, source: ['a'] }, "'source' must be a string, got an array"],
    [{ ...valid, dtmf_sequence: 'x'.repeat(MAX_STRING_LENGTH + 1) }, `of at most ${MAX_STRING_LENGTH} characters`],
    [null, 'expected an object, got null'],
    ['role=HOST', 'expected an object, got "role=HOST"'],
    [[valid], 'expected an object, got an array'],
  ])('rejects %j naming the field', (input, message) => {
    const result = validateDialBody(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
    expect(!result.ok && result.error).toMatch(/^dial-out: /);
  });

  it('reads own properties only, so a polluted prototype cannot supply a field', () => {
    const proto = { role: 'HOST', destination: 'x', protocol: 'sip' };
    const result = validateDialBody(Object.create(proto));
    expect(result).toMatchObject({ ok: false, error: "dial-out: 'role' is required (one of HOST, GUEST)" });
  });

  it('ignores a __proto__ key and never copies it onto the result', () => {
    const input = JSON.parse('{"role":"GUEST","destination":"a","protocol":"sip","__proto__":{"polluted":true}}');
    const result = validateDialBody(input);
    expect(result.ok).toBe(true);
    expect(Object.getPrototypeOf(result.ok && result.value)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
