// The participant controls and meeting topics, as the contract defines them: rows, answers, validation (fuzzed).
import { describe, expect, it } from 'vitest';
import { answerIn, decodeHostMessage, decodePluginMessage, FEATURES, featureOf, pluginCodec, TOPICS } from './codec.js';
import { EXTERNAL_CHAT } from './dialects.js';
import { checkFields, type FieldRule } from './fields.js';
import { ACTION_PREFIX, PAGE_TO_PLUGIN, type ControlAction } from './vocabulary.js';

const { answerOf, callOf, isAnswered } = pluginCodec(EXTERNAL_CHAT);
const CONTROLS = Object.entries(PAGE_TO_PLUGIN).flatMap(([action, row]) => (row.kind === 'control' ? [action as ControlAction] : []));

describe('the control rows', () => {
  it('are the participant controls, each its own feature, then the meeting chat and the toast', () => {
    const participant = CONTROLS.slice(0, -2);
    expect(CONTROLS.slice(-2)).toEqual(['send-meeting-message', 'notify']);
    for (const action of participant) expect(featureOf(action as ControlAction)).toBe(action);
    expect(featureOf('send-meeting-message')).toBe('meeting-chat');
    expect(featureOf('notify')).toBe('notify');
    expect(FEATURES).toEqual(['chat', 'dial-out', ...participant, 'meeting-chat', 'notify', 'roster', 'self']);
    expect([...TOPICS].map(([topic, { action, feature, delivery, changesOf }]) => [topic, { action, feature, delivery, changesOf }])).toEqual([
      ['roster', { action: 'roster', feature: 'roster', delivery: 'latest' }],
      ['roster-changes', { action: 'roster-change', feature: 'roster', delivery: 'changes', changesOf: 'roster' }],
      ['self', { action: 'self', feature: 'self', delivery: 'latest' }],
      ['meeting-chat', { action: 'meeting-message', feature: 'meeting-chat', delivery: 'every' }],
    ]);
    expect(featureOf('ping')).toBeUndefined();
    expect(featureOf('subscribe')).toBeUndefined();
  });

  it('answer a control only when it carried a requestId; a request always', () => {
    expect(isAnswered('mute', 'r1')).toBe(true);
    expect(isAnswered('mute', undefined)).toBe(false);
    expect(isAnswered('dial-out', undefined)).toBe(true);
    expect(isAnswered('toggle-chat-badge', 'r1')).toBe(false);
  });

  it('answer with control-result naming the control, and host-bridge reads it back', () => {
    const ok = answerOf('spotlight', { ok: true, value: undefined }, 'r1');
    expect(ok).toEqual({ action: `${ACTION_PREFIX}control-result`, control: 'spotlight', ok: true, requestId: 'r1' });
    const refused = answerOf('spotlight', { ok: false, message: 'spotlight: Infinity refused it (403)', code: 'refused' }, 'r2');
    const decoded = decodePluginMessage(refused);
    expect(decoded.kind === 'message' && answerIn(decoded.message)).toEqual({
      request: 'spotlight',
      requestId: 'r2',
      ok: false,
      message: 'spotlight: Infinity refused it (403)',
      code: 'refused',
    });
    const decodedOk = decodePluginMessage(ok);
    expect(decodedOk.kind === 'message' && answerIn(decodedOk.message)).toEqual({ request: 'spotlight', requestId: 'r1', ok: true, value: undefined });
  });

  it('turn a valid control into its service call, requestId apart', () => {
    const inbound = decodeHostMessage({ action: `${ACTION_PREFIX}transfer`, participantUuid: 'p', alias: 'room', requestId: 'r', extra: 'dropped' });
    expect(inbound.kind === 'message' && callOf(inbound.message)).toEqual({
      action: 'transfer',
      method: 'transfer',
      args: [{ participantUuid: 'p', alias: 'room' }],
      requestId: 'r',
    });
  });
});

describe('a transfer, as Infinity takes one', () => {
  const transfer = (fields: object) => decodeHostMessage({ action: `${ACTION_PREFIX}transfer`, participantUuid: 'p', ...fields });
  const errorOf = (fields: object): string | undefined => {
    const inbound = transfer(fields);
    return inbound.kind === 'invalid' ? inbound.error : undefined;
  };

  it('takes a PIN of 4 to 20 digits, counting a terminal #, and no other', () => {
    for (const pin of ['1234', '123#', '1234#', '12345678901234567890', '1234567890123456789#']) expect(transfer({ alias: 'room', pin }).kind).toBe('message');
    for (const pin of ['', '123', '12#', '123456789012345678901', '12345678901234567890#', '12a4', '12 34', '#1234', '\u0000'.repeat(4096), '١٢٣٤']) {
      expect(errorOf({ alias: 'room', pin })).toMatch(/^transfer: 'pin' must be a PIN of 4 to 20 digits, counting an optional terminal #, got /);
    }
  });

  it('takes an alias of at most 250 characters with nothing hidden in it', () => {
    expect(transfer({ alias: 'meet.support@example.com' }).kind).toBe('message');
    expect(transfer({ alias: 'x'.repeat(250) }).kind).toBe('message');
    expect(errorOf({ alias: 'x'.repeat(251) })).toMatch(/of at most 250 characters, got "x+…" \(251 characters\)$/);
    expect(errorOf({ alias: 'meet.evil@example.com\r\nX-Role: host' })).toMatch(/^transfer: 'alias' must be a conference alias .*\(U\+000D at 21\)$/);
    expect(errorOf({ alias: 'room\u202E' })).toMatch(/\(U\+202E at 4\)$/);
  });
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const SAMPLES: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  1.5,
  '',
  '   ',
  'p-1',
  'host',
  'guest',
  'chair',
  '0123456789*#ABCD',
  '12a',
  '1 2',
  'x'.repeat(4097),
  [],
  ['p-1'],
  {},
  { toString: 'p-1' },
];

const accepts = (rule: FieldRule, value: unknown): boolean => {
  if (value === undefined) return rule.optional === true;
  if (rule.type === 'boolean') return typeof value === 'boolean';
  if (rule.type !== 'string' || typeof value !== 'string' || value.length > 4096) return false;
  if (rule.nonEmpty && value.trim() === '') return false;
  if (rule.values && !rule.values.includes(value)) return false;
  return !rule.pattern || rule.pattern.test(value);
};

describe('control validation, fuzzed', () => {
  it('accepts exactly the payloads whose every field follows its rule, and names the first field that does not', () => {
    const next = random(9);
    for (const action of CONTROLS) {
      const fields = PAGE_TO_PLUGIN[action].fields as Record<string, FieldRule>;
      for (let round = 0; round < 400; round++) {
        const data: Record<string, unknown> = { action: `${ACTION_PREFIX}${action}` };
        for (const name of Object.keys(fields)) {
          const value = SAMPLES[Math.floor(next() * SAMPLES.length)];
          if (value !== undefined) data[name] = value;
        }
        const inbound = decodeHostMessage(data);
        const firstBad = Object.keys(fields).find((name) => !accepts(fields[name] as FieldRule, data[name]));
        if (firstBad === undefined) {
          expect(inbound.kind, JSON.stringify(data)).toBe('message');
          const call = inbound.kind === 'message' ? callOf(inbound.message) : undefined;
          // Only declared fields, with the values sent.
          expect(call?.args[0]).toEqual(Object.fromEntries(Object.keys(fields).flatMap((name) => (data[name] === undefined ? [] : [[name, data[name]]]))));
        } else {
          expect(inbound.kind, JSON.stringify(data)).toBe('invalid');
          expect(inbound.kind === 'invalid' && inbound.error).toMatch(new RegExp(`^${action}: '${firstBad}' `));
        }
      }
    }
  });
});

describe('nested rules (the roster)', () => {
  it('names the path of the value that is wrong', () => {
    const entry = { ok: { type: 'boolean' } } as const;
    const fields = { list: { type: 'list', of: { type: 'object', fields: { can: { type: 'object', fields: entry } } }, maxItems: 3 } } as const;
    expect(checkFields('roster', { list: [{ can: { ok: true } }, { can: { ok: 'no' } }] }, fields)).toEqual({
      ok: false,
      error: `roster: 'list[1].can.ok' must be true or false, got "no"`,
    });
    expect(checkFields('roster', { list: [{ can: {} }] }, fields)).toEqual({ ok: false, error: `roster: 'list[0].can.ok' is required (true or false)` });
    expect(checkFields('roster', { list: [1, 2, 3, 4] }, fields)).toEqual({ ok: false, error: `roster: 'list' must be an array of at most 3 items, got an array (4 items)` });
    expect(checkFields('roster', { list: { 0: 'x' } }, fields)).toMatchObject({ ok: false, error: `roster: 'list' must be an array of at most 3 items, got object` });
  });

  it('says what an object field must hold when it gets something else', () => {
    const fields = { can: { type: 'object', fields: { mute: { type: 'boolean' }, fecc: { type: 'boolean' } } } } as const;
    expect(checkFields('self', { can: 'all' }, fields)).toEqual({ ok: false, error: `self: 'can' must be an object (mute, fecc), got "all"` });
    expect(checkFields('self', { can: [true] }, fields)).toEqual({ ok: false, error: `self: 'can' must be an object (mute, fecc), got an array` });
  });

  it('rebuilds nested values, so undeclared fields never pass', () => {
    const fields = { list: { type: 'list', of: { type: 'object', fields: { a: { type: 'boolean' } } }, maxItems: 2 } } as const;
    expect(checkFields('x', { list: [{ a: true, secret: 1 }] }, fields)).toEqual({ ok: true, value: { list: [{ a: true }] } });
  });
});
