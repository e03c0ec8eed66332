import type { RosterEntry } from '@external-chat/host-bridge';
import { describe, expect, it } from 'vitest';
import {
  EVERYONE_TARGET,
  MAX_PRIVATE_TARGETS,
  UNNAMED,
  WEB_TARGET,
  countsAsUnread,
  createThread,
  meetingEntry,
  replyTargetFor,
  replyTargets,
  sendStatus,
  toastText,
  type MeetingMessage,
  type ThreadEntry,
} from './chat-model';

const entry = (key: string, t: number, kind: ThreadEntry['kind'] = 'web'): ThreadEntry => ({ key, kind, author: 'Jane Doe', text: key, t, direct: false });
const message = (over: Partial<MeetingMessage> = {}): MeetingMessage => ({
  id: 'm1',
  at: '2026-11-26T10:00:00.000Z',
  participantUuid: 'alice',
  displayName: 'Alice Anderson',
  text: 'Hello',
  direct: false,
  ...over,
});
const person = (uuid: string, displayName: string, isWaiting = false) => ({ uuid, displayName, isWaiting }) as RosterEntry;

describe('createThread', () => {
  it('keeps time order, whatever order the messages arrive in, and says where each went', () => {
    const thread = createThread([entry('a', 10), entry('c', 30)]);
    expect(thread.add(entry('d', 40))).toBe(2);
    expect(thread.add(entry('b', 20))).toBe(1);
    expect(thread.add(entry('first', 5))).toBe(0);
    expect(thread.entries().map((e) => e.key)).toEqual(['first', 'a', 'b', 'c', 'd']);
  });

  it('puts a message after those of the same time: equal times keep arrival order', () => {
    const thread = createThread([entry('a', 10), entry('b', 10)]);
    expect(thread.add(entry('c', 10))).toBe(2);
    expect(thread.entries().map((e) => e.key)).toEqual(['a', 'b', 'c']);
  });

  it('takes each key once: the kept messages the plugin sends again are not shown twice', () => {
    const thread = createThread();
    expect(thread.add(entry('meeting:1', 10))).toBe(0);
    expect(thread.add({ ...entry('meeting:1', 99), text: 'again' })).toBeUndefined();
    expect(thread.entries()).toEqual([entry('meeting:1', 10)]);
    expect(thread.has('meeting:1')).toBe(true);
    expect(thread.has('meeting:2')).toBe(false);
  });

  it('updates an entry in place and leaves its place alone', () => {
    const thread = createThread([entry('a', 10), { ...entry('b', 20, 'mine-meeting'), state: 'pending' }]);
    expect(thread.update('b', { state: 'failed', error: 'refused' })).toBe(1);
    expect(thread.get('b')).toMatchObject({ key: 'b', t: 20, state: 'failed', error: 'refused' });
    expect(thread.update('nope', { state: 'sent' })).toBeUndefined();
    expect(thread.entries().map((e) => e.key)).toEqual(['a', 'b']);
  });
});

describe('meetingEntry', () => {
  it('keys by the message id and takes its time, sender and privacy', () => {
    expect(meetingEntry(message({ direct: true }))).toEqual({
      key: 'meeting:m1',
      kind: 'meeting',
      author: 'Alice Anderson',
      text: 'Hello',
      t: Date.parse('2026-11-26T10:00:00.000Z'),
      direct: true,
      participantUuid: 'alice',
    });
  });

  it("shows the agent's own message (should Infinity echo it) as the agent's", () => {
    expect(meetingEntry(message({ participantUuid: 'me' }), 'me')).toMatchObject({ kind: 'mine-meeting', author: 'You', state: 'sent' });
    expect(meetingEntry(message(), 'me').kind).toBe('meeting');
  });

  it('names someone without a name, and dates an unreadable time now', () => {
    const before = Date.now();
    const e = meetingEntry(message({ displayName: '  ', at: 'not a time' }));
    expect(e.author).toBe(UNNAMED);
    expect(e.t).toBeGreaterThanOrEqual(before);
  });

  it('counts what others write as unread, not what the desk or the agent writes', () => {
    expect(['web', 'meeting', 'mine-web', 'mine-meeting', 'system'].map((kind) => countsAsUnread(entry('x', 1, kind as ThreadEntry['kind'])))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('sendStatus', () => {
  const mine = (over: Partial<ThreadEntry>): ThreadEntry => ({ ...entry('x', 1, 'mine-meeting'), ...over });
  it('says where the message goes and how its sending stands', () => {
    expect(sendStatus(mine({ state: 'pending' }))).toBe('Sending to the meeting…');
    expect(sendStatus(mine({ state: 'sent' }))).toBe('to the meeting');
    expect(sendStatus(mine({ state: 'sent', direct: true, to: 'Bob Anderson' }))).toBe('private to Bob Anderson');
    expect(sendStatus(mine({ state: 'failed', direct: true, to: 'Bob', error: 'Bob left' }))).toBe('Not sent private to Bob: Bob left');
  });
});

describe('replyTargets', () => {
  const roster = [person('me', 'You'), person('alice', 'Alice Anderson'), person('carol', 'Carol Anderson', true), person('bob', ' ')];

  it('offers the meeting, and each person in the room but the agent, when the plugin has its chat and the agent is in', () => {
    expect(replyTargets({ meetingChat: true, connected: true, roster, selfUuid: 'me' })).toEqual([
      WEB_TARGET,
      EVERYONE_TARGET,
      { value: 'meeting:alice', label: 'Alice Anderson (private)', participantUuid: 'alice', name: 'Alice Anderson' },
      { value: 'meeting:bob', label: `${UNNAMED} (private)`, participantUuid: 'bob', name: UNNAMED },
    ]);
  });

  it('offers only the web chat without the feature or outside the meeting', () => {
    expect(replyTargets({ meetingChat: false, connected: true, roster, selfUuid: 'me' })).toEqual([WEB_TARGET]);
    expect(replyTargets({ meetingChat: true, connected: false, roster, selfUuid: 'me' })).toEqual([WEB_TARGET]);
  });

  it(`lists at most ${MAX_PRIVATE_TARGETS} people`, () => {
    const crowd = Array.from({ length: 200 }, (_, i) => person(`p${i}`, `Person ${i}`));
    const targets = replyTargets({ meetingChat: true, connected: true, roster: crowd, selfUuid: 'me' });
    expect(targets).toHaveLength(2 + MAX_PRIVATE_TARGETS);
    expect(targets.at(-1)?.participantUuid).toBe(`p${MAX_PRIVATE_TARGETS - 1}`);
  });

  it('a Reply goes back privately to the writer of a private message, else to everyone', () => {
    expect(replyTargetFor(meetingEntry(message({ direct: true })))).toEqual({
      value: 'meeting:alice',
      label: 'Alice Anderson (private)',
      participantUuid: 'alice',
      name: 'Alice Anderson',
    });
    expect(replyTargetFor(meetingEntry(message()))).toBe(EVERYONE_TARGET);
  });
});

describe('toastText', () => {
  it('is "name: text" when that fits', () => {
    expect(toastText('Alice Anderson', 'Can everyone see my screen?')).toBe('Alice Anderson: Can everyone see my screen?');
  });

  it('makes one line: line breaks, tabs and other control characters become single spaces', () => {
    expect(toastText('Bob', 'first line\r\nsecond\tline\u0007 end\u2028next\u0085x')).toBe('Bob: first line second line end next x');
    expect(toastText('  ', 'hi')).toBe(`${UNNAMED}: hi`);
  });

  it('cuts a long line to 200 characters with an ellipsis', () => {
    const cut = toastText('Alice', 'word '.repeat(100));
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith('Alice: word word')).toBe(true);
    expect(toastText('A', 'x'.repeat(197))).toHaveLength(200);
    expect(toastText('A', 'x'.repeat(198))).toBe(`A: ${'x'.repeat(196)}…`);
  });

  it('never cuts inside a character that takes two UTF-16 units', () => {
    const cut = toastText('A', '😀'.repeat(150));
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).toBe(`A: ${'😀'.repeat(98)}…`);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false);
  });

  it('always gives what notify accepts: no control character, at most 200', () => {
    for (const text of ['\n'.repeat(300), `${'ab\n'.repeat(120)}`, '\u0000x'.repeat(150)]) {
      const line = toastText('Zed', text);
      expect(line.length).toBeLessThanOrEqual(200);
      expect(/\p{Cc}/u.test(line)).toBe(false);
    }
  });
});
