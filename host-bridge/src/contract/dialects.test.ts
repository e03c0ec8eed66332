import { describe, expect, it } from 'vitest';
import { FEATURES, featuresOf, pluginCodec, topicsOf } from './codec.js';
import { DIALECTS, EXTERNAL_CHAT, ROCKETCHAT } from './dialects.js';

const RC = 'rocketchat:videoconf/';
const rc = (name: string, fields: object = {}) => ({ action: RC + name, ...fields });
const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' } as const;
const codec = pluginCodec(ROCKETCHAT);
const ours = pluginCodec(EXTERNAL_CHAT);

describe("the dialects' tables", () => {
  it('name their features and topics in table order', () => {
    // Ours but the meeting's chat and toasts, with the Participants button, in table order.
    const participantControls = FEATURES.filter((feature) => !['chat', 'dial-out', 'meeting-chat', 'notify', 'roster', 'self'].includes(feature));
    expect(participantControls).toContain('mute');
    expect(featuresOf(ROCKETCHAT)).toEqual(['chat', 'participants', ...participantControls, 'dial-out', 'roster', 'self']);
    // What TopicInfo names, of each topic's row.
    expect([...topicsOf(ROCKETCHAT)].map(([topic, { action, feature, delivery, changesOf }]) => [topic, { action, feature, delivery, changesOf }])).toEqual([
      ['roster', { action: 'roster', feature: 'roster', delivery: 'latest' }],
      ['self', { action: 'self', feature: 'self', delivery: 'latest' }],
    ]);
    expect(featuresOf(EXTERNAL_CHAT)).not.toContain('participants');
    expect(Object.keys(DIALECTS)).toEqual(['external-chat', 'rocketchat']);
  });

  it("reuse ours wherever they mean the same, so the two cannot drift", () => {
    expect(ROCKETCHAT.pageToPlugin.mute).toBe(EXTERNAL_CHAT.pageToPlugin.mute);
    expect(ROCKETCHAT.pageToPlugin['chat-state']).toBe(EXTERNAL_CHAT.pageToPlugin['toggle-chat-button-state']);
    expect(ROCKETCHAT.pluginToPage.roster).toBe(EXTERNAL_CHAT.pluginToPage.roster);
  });
});

describe("pluginCodec: Rocket.Chat's dialect", () => {
  it('decodes its prefix only, and classifies each action by its row', () => {
    expect(codec.decode(rc('chat-state', { active: true, extra: 1 }))).toEqual({ kind: 'message', message: { name: 'chat-state', payload: { active: true } } });
    expect(codec.decode({ action: 'pexip:plugin:external-chat/ping' })).toEqual({ kind: 'foreign' });
    expect(codec.decode(rc('ping'))).toEqual({ kind: 'unknown', action: `${RC}ping` });
    expect(codec.decode(rc('chat-unread', { unread: 1.5 }))).toMatchObject({ kind: 'invalid', name: 'chat-unread' });
    expect([codec.kindOf('chat-state'), codec.kindOf('mute'), codec.kindOf('dial-out')]).toEqual(['state', 'control', 'request']);
    expect([codec.isRequest('chat-state'), codec.isRequest('mute'), codec.isRequest('dial-out')]).toEqual([false, true, true]);
    expect([codec.featureOf('participants-state'), codec.featureOf('dial-out')]).toEqual(['participants', 'dial-out']);
    expect(ours.featureOf('ping')).toBeUndefined();
  });

  it("takes chat-unread as Rocket.Chat's hook sends it, a boolean, and as a count", () => {
    expect(codec.decode(rc('chat-unread', { unread: true }))).toEqual({ kind: 'message', message: { name: 'chat-unread', payload: { unread: true } } });
    expect(codec.callOf({ name: 'chat-unread', payload: { unread: true } })?.args).toEqual([{ visible: true }]);
    expect(codec.callOf({ name: 'chat-unread', payload: { unread: false } })?.args).toEqual([{ visible: false }]);
    expect(codec.decode(rc('chat-unread', { unread: 'yes' }))).toEqual({
      kind: 'invalid',
      name: 'chat-unread',
      error: "chat-unread: 'unread' must be true or false, or a whole number from 0, got \"yes\"",
    });
  });

  it("dials a destination alone with Rocket.Chat's own defaults; a field the page sends wins", () => {
    const alone = codec.decode(rc('dial-out', { destination: 'alice@example.com' }));
    expect(alone.kind).toBe('message');
    const payload = (alone as { message: { payload: Record<string, unknown> } }).message.payload;
    expect(codec.callOf({ name: 'dial-out', payload })?.args).toEqual([{ role: 'GUEST', protocol: 'auto', call_type: 'audio', destination: 'alice@example.com' }]);
    expect(codec.callOf({ name: 'dial-out', payload: { ...dial } })?.args).toEqual([{ role: 'GUEST', protocol: 'sip', call_type: 'audio', destination: 'alice@example.com' }]);
    expect(codec.decode(rc('dial-out', { role: 'ADMIN', destination: 'x' }))).toMatchObject({ kind: 'invalid', name: 'dial-out' });
    expect(ours.decode({ action: 'pexip:plugin:external-chat/dial-out', destination: 'x' })).toMatchObject({ kind: 'invalid', error: expect.stringContaining("'role' is required") });
  });

  it('hands the service what its methods take, the unread count as the badge', () => {
    expect(codec.callOf({ name: 'chat-unread', payload: { unread: 3 } })).toEqual({ action: 'chat-unread', method: 'setBadge', args: [{ visible: true, count: 3 }] });
    expect(codec.callOf({ name: 'chat-unread', payload: { unread: 0 } })?.args).toEqual([{ visible: false, count: 0 }]);
    expect(codec.callOf({ name: 'participants-state', payload: { active: true } })).toEqual({ action: 'participants-state', method: 'setParticipantsButtonActive', args: [true] });
    expect(codec.callOf({ name: 'mute', payload: { participantUuid: 'p', muted: true, requestId: 'x' } })).toEqual({
      action: 'mute',
      method: 'mute',
      args: [{ participantUuid: 'p', muted: true }],
      requestId: 'x',
    });
    expect(codec.callOf({ name: 'mute', payload: { participantUuid: 'p', muted: true } })).not.toHaveProperty('requestId');
    expect(ours.callOf({ name: 'ping', payload: {} })).toBeUndefined();
  });

  it('answers dial-out in its own words and no control, even one that carries a requestId', () => {
    expect(codec.isAnswered('mute', 'x')).toBe(false);
    expect(ours.isAnswered('mute', 'x')).toBe(true);
    expect(ours.isAnswered('mute', undefined)).toBe(false);
    expect(codec.isAnswered('dial-out', undefined)).toBe(true);
    expect(codec.answerOf('mute', { ok: false, message: 'no', code: 'refused' }, 'x')).toBeUndefined();
    expect(codec.answerOf('dial-out', { ok: true, value: { uuid: 'u', displayName: 'A', isHost: false } }, undefined)).toEqual(rc('dial-out-success', { uuid: 'u', displayName: 'A' }));
    // Rocket.Chat's dial-out error has a message and no code.
    expect(codec.answerOf('dial-out', { ok: false, message: 'busy', code: 'refused' }, 'r1')).toEqual(rc('dial-out-error', { message: 'busy', requestId: 'r1' }));
    expect(codec.answerOf('dial-out', { ok: true, value: { displayName: 'A' } }, undefined)).toEqual(
      rc('dial-out-error', { message: "Web App 3 answered something unexpected (dial-out-success: 'uuid' is required (a non-empty string))" }),
    );
  });

  it('sends only the events and ready fields it has rows for', () => {
    expect(codec.eventOf('toggle-participants', { active: true })).toEqual({ ok: true, value: rc('toggle-participants', { active: true }) });
    expect(codec.eventOf('meeting-message', { id: 'm' })).toBeUndefined();
    expect(ours.eventOf('toggle-participants', { active: true })).toBeUndefined();
    expect(codec.eventOf('toggle-chat', { active: 'yes' })).toMatchObject({ ok: false, error: expect.stringContaining("'active'") });
    expect(codec.readyOf({ instanceId: 'i', echoesRequestId: true, features: ['chat'], connected: true })).toEqual(rc('ready', { features: ['chat'] }));
    expect(codec.readyOf({ features: 'chat' })).toEqual(rc('ready'));
    expect(codec.topicOf('roster', { participants: [] })).toEqual(rc('roster', { participants: [] }));
  });

  it('offers what config.json lists, in table order, once each; everything without a list', () => {
    expect(codec.offered(['self', 'chat', 'chat', 'notify'])).toEqual(['chat', 'self']);
    expect(codec.offered(undefined)).toEqual(codec.features);
    expect(codec.offered([])).toEqual([]);
  });
});
