// host-bridge's side of the meeting in the page: features, controls and their answers, subscriptions.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectExternalChat } from './connect.js';
import { ACTION_PREFIX, FEATURES, MAX_KEPT_ITEMS } from './contract/internal.js';
import { ControlError, FeatureUnavailableError, InvalidParamsError } from './errors.js';
import { FakeWindow } from './testing/fake-window.js';

const WEBAPP = 'https://pexip.example.com';
const ALL = FEATURES;
const envelope = (name: string, fields: object = {}) => ({ action: `${ACTION_PREFIX}${name}`, ...fields });
const flush = () => vi.advanceTimersByTimeAsync(0);

/** A roster entry as the plugin sends it: a guest a host may do everything to. */
const person = (uuid: string, more: object = {}) => ({
  uuid,
  displayName: uuid.toUpperCase(),
  isHost: false,
  isWaiting: false,
  isMuted: false,
  isClientMuted: false,
  isCameraMuted: false,
  isPresenting: false,
  isSpotlight: false,
  raisedHand: false,
  protocol: 'webrtc',
  callType: 'video',
  isExternal: false,
  can: { control: false, mute: true, disconnect: true, transfer: true, spotlight: true, fecc: false, raiseHand: true, changeLayout: false },
  ...more,
});

function setup() {
  const listeners = new Set<(event: MessageEvent) => void>();
  const host = {
    addEventListener: (_: string, l: (event: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (event: MessageEvent) => void) => listeners.delete(l),
  } as unknown as Window;
  const top = new FakeWindow();
  const webapp = new FakeWindow(top);
  let plugin = new FakeWindow(webapp);
  const chat = connectExternalChat({ contentWindow: webapp } as unknown as HTMLIFrameElement, { webappOrigin: WEBAPP, window: host });
  const deliver = (data: unknown, source: FakeWindow = plugin): void => {
    for (const listener of [...listeners]) listener({ data, source, origin: WEBAPP } as unknown as MessageEvent);
  };
  const ready = (fields: object = { instanceId: 'i1', echoesRequestId: true, features: ALL, connected: true }): void => deliver(envelope('ready', fields));
  const sent = (name?: string) =>
    plugin.posted.map((p) => p.data).filter((m) => m.action !== `${ACTION_PREFIX}ping` && (name === undefined || m.action === `${ACTION_PREFIX}${name}`));
  /** A reloaded plugin: its frame removed, a new one in the same Web App 3. */
  const restart = (): void => {
    plugin.closed = true;
    plugin = new FakeWindow(webapp);
  };
  return { chat, deliver, ready, sent, restart, plugin: () => plugin };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('features and connected', () => {
  it('holds what ready announced, and follows connected and disconnected', () => {
    const s = setup();
    expect(s.chat.features).toEqual([]);
    expect(s.chat.connected).toBe(false);
    expect(s.chat.roster).toEqual([]);
    expect(s.chat.self).toBeUndefined();
    s.ready({ instanceId: 'i1', features: ['chat', 'roster'], connected: true });
    expect(s.chat.features).toEqual(['chat', 'roster']);
    expect(s.chat.connected).toBe(true);
    s.deliver(envelope('disconnected', { userInitiated: true }));
    expect(s.chat.connected).toBe(false);
    s.deliver(envelope('connected'));
    expect(s.chat.connected).toBe(true);
  });

  it('lets a handler of connected read chat.connected already true', () => {
    const s = setup();
    s.ready();
    let seen: boolean | undefined;
    s.chat.on('disconnected', () => (seen = s.chat.connected));
    s.deliver(envelope('disconnected', { userInitiated: false }));
    expect(seen).toBe(false);
  });

  it('takes a plugin that announces no features for one that offers the chat button and dial-out', () => {
    const s = setup();
    s.ready({ instanceId: 'old' });
    expect(s.chat.features).toEqual(['chat', 'dial-out']);
    // Nor does it say it is in a meeting: not until it says `connected`.
    expect(s.chat.connected).toBe(false);
  });
});

describe('controls', () => {
  it('sends each method as its envelope, with a requestId, and resolves on control-result ok', async () => {
    const s = setup();
    s.ready();
    const calls: [string, Promise<void>, object][] = [
      ['mute', s.chat.mute('p1', true), { participantUuid: 'p1', muted: true }],
      ['mute-video', s.chat.muteVideo('p1', false), { participantUuid: 'p1', muted: false }],
      ['admit', s.chat.admit('p1'), { participantUuid: 'p1' }],
      ['disconnect', s.chat.disconnectParticipant('p1'), { participantUuid: 'p1' }],
      ['spotlight', s.chat.spotlight('p1', true), { participantUuid: 'p1', active: true }],
      ['raise-hand', s.chat.raiseHand('p1', true), { participantUuid: 'p1', raised: true }],
      ['set-role', s.chat.setRole('p1', 'host'), { participantUuid: 'p1', role: 'host' }],
      ['transfer', s.chat.transfer('p1', { alias: 'room@example.com', pin: '1234' }), { participantUuid: 'p1', alias: 'room@example.com', pin: '1234' }],
      ['dtmf', s.chat.sendDtmf('p1', '1234#'), { participantUuid: 'p1', digits: '1234#' }],
      ['mute-all-guests', s.chat.muteAllGuests(true), { muted: true }],
    ];
    await flush();
    const posted = s.sent();
    expect(posted.map((m) => m.action)).toEqual(calls.map(([name]) => `${ACTION_PREFIX}${name}`));
    posted.forEach((message, i) => {
      const { action: _, requestId, ...fields } = message;
      expect(fields).toEqual(calls[i]?.[2]);
      expect(requestId).toEqual(expect.any(String));
    });
    for (const [i, message] of posted.entries()) s.deliver(envelope('control-result', { control: calls[i]?.[0], ok: true, requestId: message.requestId }));
    // Each resolves with nothing, as its service method does.
    expect(await Promise.all(calls.map(([, promise]) => promise))).toEqual(Array(10).fill(undefined));
  });

  it('rejects with ControlError keeping the message and the action', async () => {
    const s = setup();
    s.ready();
    const call = s.chat.disconnectParticipant('p1');
    await flush();
    const [sent] = s.sent('disconnect');
    s.deliver(envelope('control-result', { control: 'disconnect', ok: false, message: 'disconnect: Infinity refused it (403)', requestId: sent?.requestId }));
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ControlError);
    expect(error).toMatchObject({ message: 'disconnect: Infinity refused it (403)', action: 'disconnect' });
  });

  it("rejects with the plugin's code; a code it does not know (a newer plugin's) or none (an older plugin's) is 'failed'", async () => {
    const s = setup();
    s.ready();
    const answers = [{ code: 'unknown-participant' }, { code: 'rate-limited' }, { code: 'some-future-code' }, {}];
    const calls = answers.map(() => s.chat.spotlight('p1', true).catch((e: unknown) => e));
    await flush();
    s.sent('spotlight').forEach((sent, i) => s.deliver(envelope('control-result', { control: 'spotlight', ok: false, message: 'no', ...answers[i], requestId: sent.requestId })));
    const errors = await Promise.all(calls);
    expect(errors.map((error) => (error as ControlError).code)).toEqual(['unknown-participant', 'rate-limited', 'failed', 'failed']);
    expect(errors.every((error) => error instanceof ControlError)).toBe(true);
  });

  it('gives every error of its own a code: invalid-params, feature-off', async () => {
    const s = setup();
    s.ready({ instanceId: 'i1', echoesRequestId: true, features: ['chat', 'mute'] });
    expect(await s.chat.mute('', true).catch((e: unknown) => (e as InvalidParamsError).code)).toBe('invalid-params');
    expect(await s.chat.admit('p1').catch((e: unknown) => (e as FeatureUnavailableError).code)).toBe('feature-off');
  });

  it('refuses what the plugin did not announce with FeatureUnavailableError, sending nothing', async () => {
    const s = setup();
    s.ready({ instanceId: 'i1', echoesRequestId: true, features: ['chat', 'mute'] });
    const error = await s.chat.transfer('p1', { alias: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeatureUnavailableError);
    expect(error).toMatchObject({ feature: 'transfer' });
    expect((error as Error).message).toContain("transfer: the plugin does not offer 'transfer'");
    expect(s.sent()).toEqual([]);
  });

  it('refuses a queued call the plugin turns out not to offer, when it says ready', async () => {
    const s = setup();
    const call = s.chat.admit('p1').catch((e: unknown) => e);
    s.ready({ instanceId: 'i1', echoesRequestId: true, features: ['chat'] });
    expect(await call).toBeInstanceOf(FeatureUnavailableError);
    expect(s.sent('admit')).toEqual([]);
  });

  it('validates every argument before anything is sent, naming it', async () => {
    const s = setup();
    s.ready();
    const cases: [Promise<unknown>, string][] = [
      [s.chat.mute('', true), "mute: 'participantUuid' must be a non-empty string"],
      [s.chat.mute('p1', 'yes' as never), "mute: 'muted' must be true or false"],
      [s.chat.setRole('p1', 'chair' as never), "setRole: 'role' must be one of host, guest"],
      [s.chat.sendDtmf('p1', '12x'), "sendDtmf: 'digits' must be DTMF digits (0-9, *, #, A-D)"],
      [s.chat.transfer('p1', 'room' as never), 'transfer: argument 2 must be an object ({ alias, role?, pin? }), got string'],
      [s.chat.transfer('p1', null as never), 'transfer: argument 2 must be an object ({ alias, role?, pin? }), got null'],
      [s.chat.transfer('p1', ['room'] as never), 'transfer: argument 2 must be an object ({ alias, role?, pin? }), got an array'],
      [s.chat.transfer('p1', { alias: 'r', role: 'chair' as never }), "transfer: 'role' must be one of host, guest"],
      [s.chat.muteAllGuests(undefined as never), "muteAllGuests: 'muted' is required (true or false)"],
      [s.chat.admit('p1', { timeoutMs: -1 }), 'admit: timeoutMs must be a whole number'],
    ];
    for (const [call, message] of cases) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidParamsError);
      expect((error as Error).message).toContain(message);
    }
    expect(s.sent()).toEqual([]);
  });

  it('takes the call options after the arguments', async () => {
    const s = setup();
    s.ready();
    const abort = new AbortController();
    const call = s.chat.spotlight('p1', true, { signal: abort.signal }).catch((e: unknown) => e);
    abort.abort(new Error('stop'));
    expect(await call).toMatchObject({ message: 'stop' });
  });
});

describe('subscriptions', () => {
  it('subscribes with the first handler of a topic, unsubscribes when the last goes, nothing before', async () => {
    const s = setup();
    s.ready();
    expect(s.sent()).toEqual([]);
    const off1 = s.chat.on('roster', () => undefined);
    const off2 = s.chat.on('roster', () => undefined);
    s.chat.on('toggle-chat', () => undefined);
    expect(s.sent()).toEqual([envelope('subscribe', { topics: ['roster'] })]);
    off1();
    expect(s.sent('unsubscribe')).toEqual([]);
    off2();
    expect(s.sent('unsubscribe')).toEqual([envelope('unsubscribe', { topics: ['roster'] })]);
  });

  it('renews the subscriptions with every new plugin instance, which starts with none', () => {
    const s = setup();
    s.chat.on('roster', () => undefined);
    s.chat.on('self', () => undefined);
    // Before ready, nothing can be posted; ready sends them all at once.
    s.ready();
    expect(s.sent('subscribe')).toEqual([envelope('subscribe', { topics: ['roster', 'self'] })]);
    s.restart();
    s.ready({ instanceId: 'i2', echoesRequestId: true, features: ALL });
    expect(s.sent('subscribe')).toEqual([envelope('subscribe', { topics: ['roster', 'self'] })]);
  });

  it('does not subscribe to a topic the plugin does not offer', () => {
    const s = setup();
    s.chat.on('roster', () => undefined);
    s.ready({ instanceId: 'i1', features: ['chat'] });
    expect(s.sent()).toEqual([]);
  });

  it('delivers roster and self, and keeps the latest roster in chat.roster', () => {
    const s = setup();
    s.ready();
    const seen: unknown[] = [];
    s.chat.on('roster', (roster) => seen.push(roster.participants.map((p) => p.uuid)));
    const entry = person('p1', { displayName: 'Alice', isWaiting: true, protocol: 'sip' });
    s.deliver(envelope('roster', { participants: [entry] }));
    s.deliver(envelope('toggle-chat', { active: true }));
    expect(seen).toEqual([['p1']]);
    expect(s.chat.self).toBeUndefined();
    const self = { participantUuid: 'me', micMuted: true, camMuted: false, clientMuted: false, isHost: true, canControl: true };
    s.deliver(envelope('self', self));
    expect(s.chat.self).toEqual(self);
    expect(s.chat.roster).toEqual([entry]);
    // An invalid roster is dropped whole: a page never draws half-checked data.
    s.deliver(envelope('roster', { participants: [{ ...entry, can: { ...entry.can, mute: 'yes' } }] }));
    expect(seen).toEqual([['p1']]);
  });
});

describe('the roster from its changes (a plugin that offers roster-changes)', () => {
  const TOPICS = ['roster', 'roster-changes', 'self', 'meeting-chat'];
  const change = (seq: number, participants: object[], removed: string[] = [], snapshot = false) => envelope('roster-change', { seq, snapshot, participants, removed });
  const watching = () => {
    const s = setup();
    s.ready({ instanceId: 'i1', echoesRequestId: true, features: ALL, connected: true, topics: TOPICS });
    const seen: { uuids: string[]; change: unknown }[] = [];
    const off = s.chat.on('roster', ({ participants, change }) => seen.push({ uuids: participants.map((p) => p.uuid), change }));
    return { ...s, seen, off };
  };

  it('subscribes to roster-changes for on("roster"), and unsubscribes it with the last handler', () => {
    const s = watching();
    expect(s.sent()).toEqual([envelope('subscribe', { topics: ['roster-changes'] })]);
    s.off();
    expect(s.sent('unsubscribe')).toEqual([envelope('unsubscribe', { topics: ['roster-changes'] })]);
  });

  it('keeps the whole list from a snapshot and the changes after it, and hands each handler both', () => {
    const s = watching();
    s.deliver(change(1, [person('a'), person('b'), person('c')], [], true));
    s.deliver(change(2, [person('b', { isMuted: true }), person('d')], ['a']));
    expect(s.seen.map(({ uuids }) => uuids)).toEqual([
      ['a', 'b', 'c'],
      // A changed entry keeps its place, a new one goes last.
      ['b', 'c', 'd'],
    ]);
    expect(s.seen[1]?.change).toEqual({ seq: 2, snapshot: false, participants: [person('b', { isMuted: true }), person('d')], removed: ['a'] });
    expect(s.chat.roster).toEqual([person('b', { isMuted: true }), person('c'), person('d')]);
    expect(Object.isFrozen(s.chat.roster)).toBe(true);
  });

  it('after a missed message raises nothing and asks once for a snapshot, again after a second, and goes on from the snapshot', async () => {
    const s = watching();
    s.deliver(change(1, [person('a')], [], true));
    s.deliver(change(3, [person('b')]));
    s.deliver(change(4, [person('c')]));
    expect(s.seen.map(({ uuids }) => uuids)).toEqual([['a']]);
    expect(s.sent('subscribe')).toEqual([envelope('subscribe', { topics: ['roster-changes'] }), envelope('subscribe', { topics: ['roster-changes'] })]);
    await vi.advanceTimersByTimeAsync(1_000);
    s.deliver(change(5, [person('d')]));
    expect(s.sent('subscribe')).toHaveLength(3);
    s.deliver(change(6, [person('a'), person('b'), person('c'), person('d')], [], true));
    s.deliver(change(7, [], ['a']));
    expect(s.seen.map(({ uuids }) => uuids)).toEqual([['a'], ['a', 'b', 'c', 'd'], ['b', 'c', 'd']]);
  });

  it('takes no change before its first snapshot (another bridge in the page subscribed first)', () => {
    const s = watching();
    s.deliver(change(7, [person('x')]));
    expect(s.seen).toEqual([]);
    s.deliver(change(8, [person('x'), person('y')], [], true));
    expect(s.seen.map(({ uuids }) => uuids)).toEqual([['x', 'y']]);
  });

  it('starts afresh with a new plugin: its numbers start again from its snapshot', () => {
    const s = watching();
    s.deliver(change(1, [person('a')], [], true));
    s.deliver(change(2, [person('b')]));
    s.restart();
    s.ready({ instanceId: 'i2', echoesRequestId: true, features: ALL, topics: TOPICS });
    expect(s.sent('subscribe')).toEqual([envelope('subscribe', { topics: ['roster-changes'] })]);
    s.deliver(change(3, [person('c')]), s.plugin());
    expect(s.seen).toHaveLength(2);
    s.deliver(change(1, [person('c')], [], true), s.plugin());
    expect(s.chat.roster.map((p) => p.uuid)).toEqual(['c']);
  });

  it('takes whole lists from a plugin without roster-changes, with no change attached', () => {
    const s = setup();
    s.ready({ instanceId: 'old', echoesRequestId: true, features: ALL });
    const seen: unknown[] = [];
    s.chat.on('roster', (event) => seen.push(event));
    expect(s.sent('subscribe')).toEqual([envelope('subscribe', { topics: ['roster'] })]);
    s.deliver(envelope('roster', { participants: [person('a')] }));
    expect(seen).toEqual([{ participants: [person('a')] }]);
  });

  it('drops a change that breaks the contract whole, and asks for a snapshot', () => {
    const s = watching();
    s.deliver(change(1, [person('a')], [], true));
    s.deliver(change(2, [{ ...person('b'), isMuted: 'yes' }]));
    s.deliver(change(3, [person('c')]));
    expect(s.chat.roster.map((p) => p.uuid)).toEqual(['a']);
    expect(s.sent('subscribe')).toHaveLength(2);
  });
});

describe("the meeting's chat, the badge's count and toasts", () => {
  const message = { id: 'm1', at: '2026-11-26T09:00:00.000Z', participantUuid: 'p1', displayName: 'Alice', text: 'Hi', direct: false };

  it("subscribes with the first meeting-message handler, delivers each message, and unsubscribes with the last", async () => {
    const s = setup();
    s.ready();
    const heard: unknown[] = [];
    const off = s.chat.on('meeting-message', (m) => heard.push(m));
    expect(s.sent('subscribe')).toEqual([envelope('subscribe', { topics: ['meeting-chat'] })]);
    s.deliver(envelope('meeting-message', message));
    s.deliver(envelope('meeting-message', { ...message, id: 'm2', direct: true }));
    expect(heard).toEqual([message, { ...message, id: 'm2', direct: true }]);
    off();
    expect(s.sent('unsubscribe')).toEqual([envelope('unsubscribe', { topics: ['meeting-chat'] })]);
  });

  it('hands each message to the handlers once, however often the plugin sends it again (a second subscription, another bridge)', () => {
    const s = setup();
    s.ready();
    const heard: string[] = [];
    s.chat.on('meeting-message', (m) => heard.push(m.id));
    s.deliver(envelope('meeting-message', message));
    s.deliver(envelope('meeting-message', { ...message, id: 'm2' }));
    s.deliver(envelope('meeting-message', message));
    s.deliver(envelope('meeting-message', { ...message, id: 'm2' }));
    s.deliver(envelope('meeting-message', { ...message, id: 'm3' }));
    expect(heard).toEqual(['m1', 'm2', 'm3']);
  });

  it('forgets only ids far older than anything the plugin sends again', () => {
    const s = setup();
    s.ready();
    const heard: string[] = [];
    s.chat.on('meeting-message', (m) => heard.push(m.id));
    for (let i = 0; i < 2 * MAX_KEPT_ITEMS + 1; i++) s.deliver(envelope('meeting-message', { ...message, id: `m${i}` }));
    // The last 100 again, as a new subscription gets them: none is handed twice.
    for (let i = MAX_KEPT_ITEMS + 1; i < 2 * MAX_KEPT_ITEMS + 1; i++) s.deliver(envelope('meeting-message', { ...message, id: `m${i}` }));
    expect(heard).toHaveLength(2 * MAX_KEPT_ITEMS + 1);
    // The very first is long forgotten: were it sent again, it would be new.
    s.deliver(envelope('meeting-message', { ...message, id: 'm0' }));
    expect(heard).toHaveLength(2 * MAX_KEPT_ITEMS + 2);
  });

  it('does not subscribe to a meeting chat the plugin does not offer', () => {
    const s = setup();
    s.ready({ instanceId: 'i1', features: ['chat'] });
    s.chat.on('meeting-message', () => undefined);
    expect(s.sent('subscribe')).toEqual([]);
  });

  it('sends a message, to everyone or privately, taking the participant from the options', async () => {
    const s = setup();
    s.ready();
    const all = s.chat.sendMeetingMessage('Hello');
    const one = s.chat.sendMeetingMessage('Psst', { participantUuid: 'p1', timeoutMs: 5_000 });
    const [first, second] = s.sent('send-meeting-message') as { requestId: string }[];
    expect(first).toEqual(envelope('send-meeting-message', { text: 'Hello', requestId: first?.requestId }));
    expect(second).toEqual(envelope('send-meeting-message', { text: 'Psst', participantUuid: 'p1', requestId: second?.requestId }));
    s.deliver(envelope('control-result', { control: 'send-meeting-message', ok: true, requestId: first?.requestId }));
    s.deliver(envelope('control-result', { control: 'send-meeting-message', ok: false, message: 'send-meeting-message: Infinity refused it (403)', requestId: second?.requestId }));
    await expect(all).resolves.toBeUndefined();
    await expect(one).rejects.toEqual(new ControlError('send-meeting-message: Infinity refused it (403)', 'send-meeting-message'));
  });

  it('takes call options alone, and refuses a participant the options only inherit (it would have gone to everyone)', async () => {
    const s = setup();
    s.ready();
    const sent = s.chat.sendMeetingMessage('Hello', { signal: new AbortController().signal, timeoutMs: 1_000 });
    const [first] = s.sent('send-meeting-message') as { requestId: string }[];
    expect(first).toEqual(envelope('send-meeting-message', { text: 'Hello', requestId: first?.requestId }));
    s.deliver(envelope('control-result', { control: 'send-meeting-message', ok: true, requestId: first?.requestId }));
    await expect(sent).resolves.toBeUndefined();
    class To {
      get participantUuid(): string {
        return 'p1';
      }
    }
    const refusal = new InvalidParamsError(
      'sendMeetingMessage: options.participantUuid must be the options object\'s own property (a plain object such as { participantUuid: … }), not inherited',
    );
    await expect(s.chat.sendMeetingMessage('Psst', new To() as never)).rejects.toThrow(refusal);
    await expect(s.chat.sendMeetingMessage('Psst', Object.create({ participantUuid: 'p1' }) as never)).rejects.toThrow(refusal);
    expect(s.sent('send-meeting-message')).toHaveLength(1);
  });

  it('refuses text that is no text or too long, an unknown option, and a participant that is no id, sending nothing', async () => {
    const s = setup();
    s.ready();
    const must = `sendMeetingMessage: 'text' must be non-empty text (line breaks allowed; no control, bidi or invisible format characters)`;
    await expect(s.chat.sendMeetingMessage('')).rejects.toThrow(new InvalidParamsError(`${must}, got ""`));
    await expect(s.chat.sendMeetingMessage({ text: 'hi' } as never)).rejects.toThrow(new InvalidParamsError(`${must}, got object`));
    await expect(s.chat.sendMeetingMessage('[Bob]: hi\r\n[Alice]: your PIN?')).rejects.toThrow(new InvalidParamsError(`${must}, got "[Bob]: hi\\r\\n[Alice]: your PIN?" (U+000D at 9)`));
    await expect(s.chat.sendMeetingMessage('x'.repeat(4097))).rejects.toThrow(/of at most 4096 characters/);
    await expect(s.chat.sendMeetingMessage('hi', { to: 'p1' } as never)).rejects.toThrow(
      new InvalidParamsError("sendMeetingMessage: unknown option 'to'; the options are signal, timeoutMs and participantUuid"),
    );
    await expect(s.chat.sendMeetingMessage('hi', { participantUuid: 7 } as never)).rejects.toThrow(
      new InvalidParamsError("sendMeetingMessage: 'participantUuid' must be a non-empty string, got number"),
    );
    await expect(s.chat.sendMeetingMessage('hi', null as never)).rejects.toThrow(
      new InvalidParamsError('sendMeetingMessage: options must be an object ({ signal?, timeoutMs?, participantUuid? }) or left out, got null'),
    );
    expect(s.sent('send-meeting-message')).toEqual([]);
  });

  it('says a count on the badge, and the dot only while it is above 0', async () => {
    const s = setup();
    s.ready();
    await s.chat.setBadge(3);
    await s.chat.setBadge(0);
    await s.chat.setBadge(true);
    expect(s.sent('toggle-chat-badge')).toEqual([
      envelope('toggle-chat-badge', { visible: true, count: 3 }),
      envelope('toggle-chat-badge', { visible: false, count: 0 }),
      envelope('toggle-chat-badge', { visible: true }),
    ]);
    await expect(s.chat.setBadge(-1)).rejects.toThrow(new InvalidParamsError("setBadge: 'count' must be a whole number from 0, got number (-1)"));
    await expect(s.chat.setBadge(1.5)).rejects.toThrow(new InvalidParamsError("setBadge: 'count' must be a whole number from 0, got number (1.5)"));
  });

  it('shows a toast, and passes on the refusal of one too many', async () => {
    const s = setup();
    s.ready();
    const shown = s.chat.notify('Alice: hello');
    const extra = s.chat.notify('Bob: hi');
    const [first, second] = s.sent('notify') as { requestId: string }[];
    expect(first).toEqual(envelope('notify', { message: 'Alice: hello', requestId: first?.requestId }));
    s.deliver(envelope('control-result', { control: 'notify', ok: true, requestId: first?.requestId }));
    s.deliver(envelope('control-result', { control: 'notify', ok: false, message: 'notify: one toast per 3 s', requestId: second?.requestId }));
    await expect(shown).resolves.toBeUndefined();
    await expect(extra).rejects.toBeInstanceOf(ControlError);
    await expect(s.chat.notify('two\nlines')).rejects.toThrow(/'message' must be one line of text .* \(U\+000A at 3\)$/);
    await expect(s.chat.notify('Meeting ends \u202Enoos')).rejects.toThrow(/\(U\+202E at 13\)$/);
  });

  it('refuses the chat and toasts of a plugin that does not offer them, sending nothing', async () => {
    const s = setup();
    s.ready({ instanceId: 'i1', features: ['chat'] });
    await expect(s.chat.sendMeetingMessage('hi')).rejects.toEqual(new FeatureUnavailableError('meeting-chat', 'sendMeetingMessage'));
    await expect(s.chat.notify('hi')).rejects.toEqual(new FeatureUnavailableError('notify', 'notify'));
    expect(s.sent('send-meeting-message')).toEqual([]);
  });
});
