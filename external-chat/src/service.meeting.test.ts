// The service's side of the meeting: what Web App 3's events do to its state and topics, and each control's call.
import type { InfinityParticipant } from '@pexip/plugin-api';
import { describe, expect, it, vi } from 'vitest';
import { NOTIFY_INTERVAL_MS } from '@external-chat/host-bridge/internal';
import { createService, type ServiceOptions, type WebApp3 } from './service';

const person = (uuid: string, more: Partial<InfinityParticipant> = {}) => ({ uuid, displayName: uuid, ...more }) as InfinityParticipant;

function setup(options: ServiceOptions = {}, present: WebApp3['participantsNow'] = async () => undefined) {
  const on: {
    connected?: () => void;
    disconnected?: Parameters<WebApp3['onDisconnected']>[0];
    participants?: Parameters<WebApp3['onParticipants']>[0];
    me?: Parameters<WebApp3['onMe']>[0];
    message?: Parameters<WebApp3['onMessage']>[0];
  } = {};
  const control = vi.fn<WebApp3['control']>(async () => ({ status: 200, data: { status: 'success', result: true } }));
  const service = createService(
    {
      updateButton: async () => undefined,
      dialOut: vi.fn(),
      control,
      onButtonClick: () => undefined,
      onConnected: (handler) => (on.connected = handler),
      onDisconnected: (handler) => (on.disconnected = handler),
      onParticipants: (handler) => (on.participants = handler),
      onMe: (handler) => (on.me = handler),
      onMessage: (handler) => (on.message = handler),
      onLanguage: () => undefined,
      participantsNow: present,
    },
    () => undefined,
    options,
  );
  const touched: string[] = [];
  service.onTopicChange((topic) => touched.push(topic));
  const items: unknown[] = [];
  service.onTopicItem((topic, item) => items.push([topic, item.id]));
  return { service, on, control, touched, items };
}

describe('the meeting as the service follows it', () => {
  it('is not connected until Web App 3 says so, or says who the user is', () => {
    const a = setup();
    expect(a.service.connected()).toBe(false);
    a.on.connected?.();
    expect(a.service.connected()).toBe(true);
    const b = setup();
    b.on.me?.(person('me'));
    expect(b.service.connected()).toBe(true);
    expect(b.touched).toEqual(['self']);
    expect(b.service.snapshot('self')).toMatchObject({ participantUuid: 'me' });
  });

  it('ignores a me without a participant', () => {
    const s = setup();
    s.on.me?.({} as InfinityParticipant);
    expect(s.service.connected()).toBe(false);
    expect(s.touched).toEqual([]);
    expect(s.service.snapshot('self')).toBeUndefined();
  });

  it('touches roster on every change, and self only when the change is the user', () => {
    const s = setup();
    s.on.me?.(person('me'));
    s.touched.length = 0;
    s.on.participants?.([{ type: 'join', participant: person('a') }]);
    expect(s.touched).toEqual(['roster']);
    s.on.participants?.([{ type: 'update', participant: person('me', { isMuted: true }) }]);
    expect(s.touched).toEqual(['roster', 'roster', 'self']);
    expect(s.service.snapshot('roster')?.participants.map((p) => p.uuid)).toEqual(['a', 'me']);
  });

  it('forgets the meeting when it ends: not connected, empty roster, no self', () => {
    const s = setup();
    s.on.connected?.();
    s.on.me?.(person('me'));
    s.on.participants?.([{ type: 'all', participants: [person('me'), person('a')] }]);
    s.touched.length = 0;
    s.on.disconnected?.({ userInitiated: false });
    expect(s.service.connected()).toBe(false);
    expect(s.touched).toEqual(['roster']);
    expect(s.service.snapshot('roster')).toEqual({ participants: [] });
    expect(s.service.snapshot('self')).toBeUndefined();
  });
});

describe("the meeting's chat as the service follows it", () => {
  const message = (id: string, text = 'hi') => ({ at: new Date(0), id, message: text, displayName: 'Alice', userId: 'uuid-alice' }) as never;

  it('raises each message as a topic item and keeps it for a page that subscribes later', () => {
    const s = setup();
    s.on.message?.(message('m1'), false);
    s.on.message?.(message('m2'), true);
    expect(s.items).toEqual([
      ['meeting-chat', 'm1'],
      ['meeting-chat', 'm2'],
    ]);
    expect(s.service.snapshot('meeting-chat')?.map((m) => [m.id, m.direct])).toEqual([
      ['m1', false],
      ['m2', true],
    ]);
    expect(s.touched).toEqual([]);
  });

  it('forgets the messages when the meeting ends: the next meeting is not handed them', () => {
    const s = setup();
    s.on.message?.(message('m1'), true);
    s.on.disconnected?.({ userInitiated: true });
    expect(s.service.snapshot('meeting-chat')).toEqual([]);
  });

  it('gives messages without a time or an id the time they arrived and ids of their own', () => {
    const s = setup({ now: () => Date.parse('2026-11-26T12:00:00Z') });
    const bare = { message: 'hi', displayName: 'Alice', userId: 'uuid-alice' } as never;
    s.on.message?.(bare, false);
    s.on.message?.(bare, false);
    const [first, second] = s.service.snapshot('meeting-chat') ?? [];
    expect(first?.at).toBe('2026-11-26T12:00:00.000Z');
    expect(first?.id).not.toBe(second?.id);
  });

  it('drops a message it cannot carry, raising and keeping nothing', () => {
    const s = setup();
    s.on.message?.(message('m1', ''), false);
    expect(s.items).toEqual([]);
    expect(s.service.snapshot('meeting-chat')).toEqual([]);
  });
});

describe('controls through the service', () => {
  it('sends each method as its RPC', async () => {
    const s = setup();
    await s.service.mute({ participantUuid: 'p', muted: true });
    await s.service.muteVideo({ participantUuid: 'p', muted: true });
    await s.service.admit({ participantUuid: 'p' });
    await s.service.disconnectParticipant({ participantUuid: 'p' });
    await s.service.spotlight({ participantUuid: 'p', active: false });
    await s.service.raiseHand({ participantUuid: 'p', raised: false });
    await s.service.setRole({ participantUuid: 'p', role: 'guest' });
    await s.service.transfer({ participantUuid: 'p', alias: 'a' });
    await s.service.sendDtmf({ participantUuid: 'p', digits: '1' });
    await s.service.muteAllGuests({ muted: false });
    expect(s.control.mock.calls.map(([call]) => call.rpc)).toEqual([
      'participant:mute',
      'participant:muteVideo',
      'participant:admit',
      'participant:disconnect',
      'participant:spotlight',
      'participant:raiseHand',
      'participant:setRole',
      'participant:transfer',
      'participant:sendDTMF',
      'conference:muteAllGuests',
    ]);
  });

  it('writes in the meeting chat to everyone, or privately to a participant it knows', async () => {
    const s = setup();
    await s.service.sendMeetingMessage({ text: 'Hello' });
    await s.service.sendMeetingMessage({ text: 'Psst', participantUuid: 'p' });
    expect(s.control.mock.calls.map(([call]) => call)).toEqual([
      { rpc: 'conference:sendMessage', payload: { payload: 'Hello' } },
      { rpc: 'conference:sendMessage', payload: { payload: 'Psst', participantUuid: 'p' } },
    ]);
    s.on.participants?.([{ type: 'all', participants: [person('a')] }]);
    await expect(s.service.sendMeetingMessage({ text: 'Psst', participantUuid: 'p' })).rejects.toMatchObject({ code: 'unknown-participant', message: expect.stringContaining("'p'") });
    s.control.mockResolvedValueOnce({ status: 403, data: { status: 'failed', result: 'chat is disabled' } });
    await expect(s.service.sendMeetingMessage({ text: 'Hi' })).rejects.toMatchObject({ code: 'refused', message: 'send-meeting-message: Infinity refused it (403: chat is disabled)' });
  });

  it('shows one toast per 3 s: others are refused, not queued, and say when the last one was', async () => {
    let now = 10_000;
    const s = setup({ elapsed: () => now });
    s.control.mockResolvedValue(undefined);
    await s.service.notify({ message: 'Alice: are you there?' });
    now += 1_200;
    await expect(s.service.notify({ message: 'Bob: hello' })).rejects.toMatchObject({
      code: 'rate-limited',
      message: 'notify: one toast per 3 s; this one was not shown (nothing is queued: send it again in 1.8 s)',
    });
    now += NOTIFY_INTERVAL_MS - 1_200;
    await s.service.notify({ message: 'Carol: hi' });
    expect(s.control.mock.calls.map(([call]) => call)).toEqual([
      { rpc: 'ui:toast:show', payload: { message: 'Alice: are you there?' } },
      { rpc: 'ui:toast:show', payload: { message: 'Carol: hi' } },
    ]);
  });

  it("passes on Web App 3's refusal of a toast", async () => {
    const s = setup();
    s.control.mockRejectedValueOnce({ reason: 'no toasts here' });
    await expect(s.service.notify({ message: 'x' })).rejects.toEqual({ reason: 'no toasts here' });
  });

  it('leaves the user out of their own mute, but not of a host control such as disconnect', async () => {
    const s = setup();
    s.on.me?.(person('me'));
    await s.service.muteVideo({ participantUuid: 'me', muted: true });
    await s.service.disconnectParticipant({ participantUuid: 'me' });
    await s.service.muteVideo({ participantUuid: 'other', muted: true });
    expect(s.control.mock.calls.map(([call]) => call.payload)).toEqual([{ muteVideo: true }, { participantUuid: 'me' }, { muteVideo: true, participantUuid: 'other' }]);
  });

  it('refuses a participant missing from a roster it heard, naming the control; mute-all-guests names nobody', async () => {
    const s = setup();
    s.on.participants?.([{ type: 'all', participants: [person('a')] }]);
    await expect(s.service.spotlight({ participantUuid: 'b', active: true })).rejects.toMatchObject({
      code: 'unknown-participant',
      message: "spotlight: unknown participant 'b' (not in the meeting's roster); use a uuid from the latest roster",
    });
    await s.service.muteAllGuests({ muted: true });
    expect(s.control).toHaveBeenCalledTimes(1);
  });

  it('takes no answer as success only from the RPCs whose rows say they answer nothing (set-role, toasts)', async () => {
    const s = setup();
    s.control.mockResolvedValue(undefined);
    await expect(s.service.setRole({ participantUuid: 'p', role: 'guest' })).resolves.toBeUndefined();
    await expect(s.service.notify({ message: 'hi' })).resolves.toBeUndefined();
    await expect(s.service.admit({ participantUuid: 'p' })).rejects.toMatchObject({ code: 'refused', message: expect.stringContaining('did not send it to Infinity') });
  });

  it("rejects with Infinity's refusal, naming the control", async () => {
    const s = setup();
    s.control.mockResolvedValueOnce({ status: 403, data: { status: 'failed', result: 'no' } });
    await expect(s.service.setRole({ participantUuid: 'p', role: 'host' })).rejects.toMatchObject({ code: 'refused', message: 'set-role: Infinity refused it (403: no)' });
  });
});

describe('a plugin that starts mid-meeting', () => {
  it("asks who is there: the roster and 'connected' come from the answer, with the changes heard meanwhile on top", async () => {
    let answer!: (people: readonly InfinityParticipant[] | undefined) => void;
    const s = setup({}, () => new Promise((resolve) => (answer = resolve)));
    const events: string[] = [];
    s.service.onEvent((event) => events.push(event.name));
    s.on.participants?.([{ type: 'leave', participant: person('b') }, { type: 'join', participant: person('c') }]);
    answer([person('a'), person('b')]);
    await s.service.present;
    expect(s.service.connected()).toBe(true);
    expect(events).toEqual(['connected']);
    expect(s.service.snapshot('roster')?.participants.map((p) => p.uuid)).toEqual(['a', 'c']);
    expect(s.service.snapshot('self')).toBeUndefined();
  });

  it("says 'connected' once, however it learns it: the answer, `me`, Web App 3's event (said again when its event stream reconnects)", async () => {
    const s = setup({}, async () => [person('a')]);
    const events: string[] = [];
    s.service.onEvent((event) => events.push(event.name));
    await s.service.present;
    s.on.me?.(person('a'));
    s.on.connected?.();
    expect(events).toEqual(['connected']);
    s.on.disconnected?.({ userInitiated: false });
    s.on.connected?.();
    s.on.connected?.();
    expect(events).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('stays out of the meeting without an answer, and after the meeting ended meanwhile', async () => {
    const none = setup({}, async () => undefined);
    await none.service.present;
    expect(none.service.connected()).toBe(false);
    let answer!: (people: readonly InfinityParticipant[] | undefined) => void;
    const ended = setup({}, () => new Promise((resolve) => (answer = resolve)));
    ended.on.disconnected?.({ userInitiated: true });
    answer([person('a')]);
    await ended.service.present;
    expect(ended.service.connected()).toBe(false);
    expect(ended.service.snapshot('roster')?.participants).toEqual([]);
    const failed = setup({}, async () => Promise.reject(new Error('no answer')));
    await expect(failed.service.present).resolves.toBeUndefined();
  });
});

describe("the user's own meeting messages, echoed by Web App 3", () => {
  const message = (id: string) => ({ at: new Date(0), id, message: 'hi', displayName: 'Someone', userId: 'uuid-alice' });

  it('reach the page once: the echo of a message the page sent is dropped, before or after the answer', async () => {
    const s = setup();
    s.on.me?.(person('me'));
    let answer!: (reply: unknown) => void;
    s.control.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const sent = s.service.sendMeetingMessage({ text: 'hello' });
    s.on.message?.(<never>{ ...message('echo-1'), userId: 'me', message: 'hello' }, false);
    answer({ status: 200, data: { status: 'success', result: true } });
    await sent;
    await s.service.sendMeetingMessage({ text: 'again' });
    s.on.message?.(<never>{ ...message('echo-2'), userId: 'me', message: 'again' }, false);
    // Someone else writing the same words, and the user writing in Web App 3's own chat, do reach the page.
    s.on.message?.(<never>{ ...message('other'), userId: 'alice', message: 'hello' }, false);
    s.on.message?.(<never>{ ...message('typed-in-web-app-3'), userId: 'me', message: 'hello' }, false);
    expect(s.items).toEqual([
      ['meeting-chat', 'other'],
      ['meeting-chat', 'typed-in-web-app-3'],
    ]);
  });

  it("before Web App 3 said who the user is, takes only what comes soon after the send as its echo: another person's same words later are theirs", async () => {
    let now = 0;
    const s = setup({ elapsed: () => now });
    await s.service.sendMeetingMessage({ text: 'ok' });
    s.on.message?.(<never>{ ...message('echo'), userId: 'me', message: 'ok' }, false);
    await s.service.sendMeetingMessage({ text: 'ok' });
    now += 2_500;
    s.on.message?.(<never>{ ...message('bob'), userId: 'bob', message: 'ok' }, false);
    expect(s.items).toEqual([['meeting-chat', 'bob']]);
  });

  it('forgets a message Infinity refused: nothing comes back for it', async () => {
    const s = setup();
    s.on.me?.(person('me'));
    s.control.mockResolvedValueOnce({ status: 403, data: { status: 'failed', result: 'no' } });
    await expect(s.service.sendMeetingMessage({ text: 'hello' })).rejects.toThrow('Infinity refused it');
    s.on.message?.(<never>{ ...message('m'), userId: 'me', message: 'hello' }, false);
    expect(s.items).toEqual([['meeting-chat', 'm']]);
  });
});
