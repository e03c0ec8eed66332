import type { EventMessage, Message } from '@pexip/plugin-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkSendMessage, MeetingChat } from './chat';
import { NO_REPLY } from './no-reply';
import { ME_UUID, personUuid } from './people';
import { Roster, type Broadcast } from './roster';

type Sent = { event: keyof EventMessage; payload: unknown };
let sent: Sent[];
let roster: Roster;
let chat: MeetingChat;
let ids: number;
const broadcast: Broadcast = (event, payload) => void sent.push({ event, payload });
const AT = new Date('2026-03-04T05:06:07.000Z');

const ALICE = personUuid(0);
const BOB = personUuid(1);
const DAVE = personUuid(3); // waiting in the lobby
const OK = { status: 200, data: { status: 'success', result: true } };
const refused = (result: string) => ({ status: 403, data: { status: 'failed', result } });

beforeEach(() => {
  sent = [];
  ids = 0;
  roster = new Roster(broadcast);
  roster.start({ role: 'chair', participants: 4, lobby: 1 });
  sent = [];
  chat = new MeetingChat(roster, broadcast, { now: () => AT, newId: () => `m${++ids}` });
});

describe('checkSendMessage', () => {
  it.each([
    [null, 'conference:sendMessage needs an object payload {payload, participantUuid?}, got null'],
    [{}, "conference:sendMessage: 'payload' must be a non-empty string (the message text), got undefined"],
    [{ payload: 42 }, "conference:sendMessage: 'payload' must be a non-empty string (the message text), got 42"],
    [{ payload: '   ' }, `conference:sendMessage: 'payload' must be a non-empty string (the message text), got "   "`],
    [{ payload: 'hi', participantUuid: 7 }, "conference:sendMessage: 'participantUuid' must be a participant's uuid, got 7"],
    [{ payload: 'hi', participantUuid: 'nobody' }, "Unknown participant 'nobody'"],
    [{ payload: 'hi', participantUuid: ME_UUID }, "conference:sendMessage: 'participantUuid' is the local user's own uuid: leave it out to write to everyone"],
    [{ payload: 'hi', participantUuid: DAVE }, 'Dave Anderson is waiting in the lobby: admit them before writing to them'],
  ])('refuses %j, naming what is wrong', (payload, error) => {
    expect(checkSendMessage(payload, roster)).toEqual({ error });
  });

  it('accepts a text to everyone, or to someone in the room', () => {
    expect(checkSendMessage({ payload: 'hi' }, roster)).toEqual({ text: 'hi' });
    expect(checkSendMessage({ payload: 'hi', participantUuid: BOB }, roster)).toEqual({ text: 'hi', to: BOB });
  });
});

describe('a plugin writes (conference:sendMessage)', () => {
  it('200, recorded as the local user’s message, and echoed to every plugin after the reply (event:message / event:directMessage)', () => {
    const later: Array<() => void> = [];
    expect(chat.send({ payload: 'Hello all' }, 'chat', (fn) => later.push(fn))).toEqual(OK);
    expect(chat.send({ payload: 'Just you', participantUuid: ALICE }, 'chat', (fn) => later.push(fn))).toEqual(OK);
    expect(chat.list()).toEqual([
      { id: 'm1', at: AT.toISOString(), from: ME_UUID, displayName: 'You', text: 'Hello all', direct: false, pluginId: 'chat' },
      { id: 'm2', at: AT.toISOString(), from: ME_UUID, displayName: 'You', text: 'Just you', to: ALICE, direct: true, pluginId: 'chat' },
    ]);
    expect(sent).toEqual([]);
    for (const fn of later) fn();
    expect(sent).toEqual([
      { event: 'event:message', payload: { at: AT, id: 'm1', message: 'Hello all', displayName: 'You', userId: ME_UUID } },
      { event: 'event:directMessage', payload: { at: AT, id: 'm2', message: 'Just you', displayName: 'You', userId: ME_UUID } },
    ]);
  });

  it('?echo=before sends the echo at once; ?echo=off never', () => {
    chat.echo = 'before';
    chat.send({ payload: 'Hello all' }, 'chat', () => undefined);
    expect(sent.map((s) => s.event)).toEqual(['event:message']);
    chat.echo = 'off';
    chat.send({ payload: 'Again' }, 'chat');
    expect(sent).toHaveLength(1);
  });

  it('refused: no reply for a message to everyone (messageConference is 200-only), 403 for a private one; nothing recorded', () => {
    expect(chat.send({ payload: '' }, 'chat')).toBe(NO_REPLY);
    expect(chat.send({ payload: 'x', participantUuid: 'nobody' }, 'chat')).toEqual(refused("Unknown participant 'nobody'"));
    chat.silent = false;
    expect(chat.send({ payload: '' }, 'chat')).toEqual(refused(`conference:sendMessage: 'payload' must be a non-empty string (the message text), got ""`));
    expect(chat.list()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('undefined outside a meeting (the request never goes), as the other controls', () => {
    roster.end();
    expect(chat.send({ payload: 'Hello' }, 'chat')).toBeUndefined();
    expect(chat.list()).toEqual([]);
  });
});

describe('someone else writes (say)', () => {
  it('to everyone: event:message with a Date `at`, recorded in order', () => {
    expect(chat.say(ALICE, 'Good morning')).toBe('m1');
    expect(sent).toEqual([{ event: 'event:message', payload: { at: AT, id: 'm1', message: 'Good morning', displayName: 'Alice Anderson', userId: ALICE } }]);
    expect((sent[0]?.payload as Message).at).toBeInstanceOf(Date);
    expect(chat.list()).toEqual([{ id: 'm1', at: AT.toISOString(), from: ALICE, displayName: 'Alice Anderson', text: 'Good morning', direct: false }]);
  });

  it('privately to the local user: event:directMessage, recorded with the recipient', () => {
    chat.say(BOB, 'psst', true);
    expect(sent.map((s) => s.event)).toEqual(['event:directMessage']);
    expect(chat.list()[0]).toMatchObject({ from: BOB, to: ME_UUID, direct: true, text: 'psst' });
  });

  it.each([
    ['nobody', 'hi', "say: 'nobody' is not in the meeting: pick a uuid from __sim.roster()"],
    [DAVE, 'hi', 'say: Dave Anderson is waiting in the lobby and cannot write: admit them first'],
    [ME_UUID, 'hi', "say: that is the local user's uuid: the local user writes through a plugin's conference:sendMessage"],
    [ALICE, ' ', 'say: the text must be a non-empty string, got " "'],
  ])('throws for %s / %j, sends nothing', (uuid, text, message) => {
    expect(() => chat.say(uuid, text)).toThrow(message);
    expect(sent).toEqual([]);
    expect(chat.list()).toEqual([]);
  });

  it('throws outside a meeting', () => {
    roster.end();
    expect(() => chat.say(ALICE, 'hi')).toThrow('not in the meeting: join it first');
  });

  it('ids are unique with the default generator', () => {
    const plain = new MeetingChat(roster, broadcast);
    const a = plain.say(ALICE, 'one');
    const b = plain.say(ALICE, 'two');
    expect(a).not.toBe(b);
  });

  it('tells listeners about every message, and clear() empties the chat for a new meeting', () => {
    const seen: string[] = [];
    chat.onMessage((m) => seen.push(m.text));
    chat.say(ALICE, 'one');
    chat.send({ payload: 'two' }, 'chat');
    expect(seen).toEqual(['one', 'two']);
    chat.clear();
    expect(chat.list()).toEqual([]);
  });
});
