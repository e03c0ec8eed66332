import { MAX_MEETING_MESSAGE_LENGTH } from '@external-chat/host-bridge/internal';
import type { Message } from '@pexip/plugin-api';
import { describe, expect, it } from 'vitest';
import { createEchoes, createKept, ECHO_MS, toMeetingMessage, UNSURE_ECHO_MS } from './meeting-chat';

const message = (more: Partial<Record<keyof Message, unknown>> = {}) =>
  ({ at: new Date('2026-11-26T09:30:00.250Z'), id: 'm1', message: 'Hello all', displayName: 'Alice', userId: 'uuid-alice', ...more }) as Message;
const NOW = Date.parse('2026-11-26T10:00:00.000Z');
let n = 0;
const context = (now = NOW) => ({ now: () => now, sequence: () => ++n });

describe('a meeting message on the wire', () => {
  it('carries who wrote what and when, as an ISO time, and whether it was private to the user', () => {
    expect(toMeetingMessage(message(), false, context())).toEqual({
      id: 'm1',
      at: '2026-11-26T09:30:00.250Z',
      participantUuid: 'uuid-alice',
      displayName: 'Alice',
      text: 'Hello all',
      direct: false,
    });
    expect(toMeetingMessage(message(), true, context())?.direct).toBe(true);
  });

  it('reads a time given as text or a number, and uses the time it arrived for one it cannot read', () => {
    expect(toMeetingMessage(message({ at: '2026-11-26T09:30:00Z' }), false, context())?.at).toBe('2026-11-26T09:30:00.000Z');
    expect(toMeetingMessage(message({ at: Date.parse('2026-11-26T09:31:00Z') }), false, context())?.at).toBe('2026-11-26T09:31:00.000Z');
    expect(toMeetingMessage(message({ at: 'yesterday-ish' }), false, context())?.at).toBe('2026-11-26T10:00:00.000Z');
    expect(toMeetingMessage(message({ at: undefined }), false, context())?.at).toBe('2026-11-26T10:00:00.000Z');
  });

  it('cuts text longer than the wire carries, and keeps an empty display name', () => {
    const long = toMeetingMessage(message({ message: 'x'.repeat(MAX_MEETING_MESSAGE_LENGTH + 10) }), false, context());
    expect(long?.text).toHaveLength(MAX_MEETING_MESSAGE_LENGTH);
    expect(toMeetingMessage(message({ displayName: undefined }), false, context())?.displayName).toBe('');
  });

  it('gives a message without an id one of its own, different for two in the same millisecond', () => {
    const one = toMeetingMessage(message({ id: undefined }), false, context())?.id;
    const two = toMeetingMessage(message({ id: undefined }), false, context())?.id;
    expect(one).toMatch(/^uuid-alice@2026-11-26T09:30:00\.250Z#\d+$/);
    expect(two).not.toBe(one);
  });

  it('uses the time it arrived for a time the wire cannot carry (beyond year 9999)', () => {
    expect(toMeetingMessage(message({ at: new Date(Date.UTC(10000, 0, 1)) }), false, context())?.at).toBe('2026-11-26T10:00:00.000Z');
  });

  it('drops a message with no text, no sender, or that is no object at all', () => {
    expect(toMeetingMessage(message({ message: '' }), false, context())).toBeUndefined();
    expect(toMeetingMessage(message({ message: { html: '<b>hi</b>' } }), false, context())).toBeUndefined();
    expect(toMeetingMessage(message({ userId: undefined }), false, context())).toBeUndefined();
    expect(toMeetingMessage(message({ userId: '   ' }), false, context())).toBeUndefined();
    expect(toMeetingMessage(null as unknown as Message, false, context())).toBeUndefined();
  });
});

describe('the messages kept for a page that subscribes later', () => {
  it('are the last ones, oldest first, and a copy', () => {
    const kept = createKept<number>(3);
    for (let i = 1; i <= 5; i++) kept.add(i);
    const list = kept.list();
    expect(list).toEqual([3, 4, 5]);
    kept.add(6);
    expect(list).toEqual([3, 4, 5]);
    kept.clear();
    expect(kept.list()).toEqual([]);
  });
});

describe("the plugin's own messages, until Web App 3 echoes them", () => {
  it('match one echo each, by text, within ECHO_MS of the send or its answer; a forgotten send matches none', () => {
    let now = 0;
    const echoes = createEchoes(() => now);
    echoes.add('hello');
    echoes.add('hello');
    const failed = echoes.add('refused');
    echoes.forget(failed);
    expect(echoes.take('refused', true)).toBe(false);
    expect(echoes.take('hello', true)).toBe(true);
    expect(echoes.take('hello', true)).toBe(true);
    expect(echoes.take('hello', true)).toBe(false);
    const late = echoes.add('late');
    now += ECHO_MS - 1;
    // Answered now: the window starts again.
    late.at = now;
    now += ECHO_MS - 1;
    expect(echoes.take('late', true)).toBe(true);
    echoes.add('gone');
    now += ECHO_MS;
    expect(echoes.take('gone', true)).toBe(false);
  });

  it('match, when the sender may not be the user (no `me` yet), only within UNSURE_ECHO_MS', () => {
    let now = 0;
    const echoes = createEchoes(() => now);
    echoes.add('ok');
    now += UNSURE_ECHO_MS;
    expect(echoes.take('ok', false)).toBe(false);
    expect(echoes.take('ok', true)).toBe(true);
    echoes.add('yes');
    now += UNSURE_ECHO_MS - 1;
    expect(echoes.take('yes', false)).toBe(true);
  });
});
