import { describe, expect, it } from 'vitest';
import { actionName, envelope, FEATURES, parseInbound, PREFIX } from './protocol';
import { person } from './test-people';

const entry = person('u1', { displayName: 'Alice', can: { control: true, mute: true, disconnect: true, transfer: true, spotlight: true, fecc: false, raiseHand: true, changeLayout: false } });
const msg = (name: string, fields: Record<string, unknown> = {}) => ({ action: PREFIX + name, ...fields });

describe('parseInbound', () => {
  it('ignores what is not of this protocol, and actions it does not know', () => {
    for (const data of [null, 'ready', [], {}, { action: 42 }, { action: 'pexip:plugin:external-chat/ready' }, msg('control-result', { ok: true })]) {
      expect(parseInbound(data)).toEqual({ kind: 'ignored' });
    }
  });

  it('reads ready: known features in the page order, unknown ones set apart, non-strings dropped', () => {
    expect(parseInbound(msg('ready', { features: ['roster', 'chat', 'meeting-chat', 7, 'participants'] }))).toEqual({
      kind: 'ok',
      message: { name: 'ready', features: ['chat', 'participants', 'roster'], unknownFeatures: ['meeting-chat'] },
    });
    expect(parseInbound(msg('ready', { features: [...FEATURES] }))).toMatchObject({ message: { features: [...FEATURES] } });
  });

  it('refuses ready without a features array, naming the field', () => {
    expect(parseInbound(msg('ready'))).toEqual({ kind: 'invalid', name: 'ready', error: "ready: 'features' must be an array of feature names, got nothing" });
  });

  it('reads a roster, ignoring fields it does not know', () => {
    const parsed = parseInbound(msg('roster', { participants: [{ ...entry, protocol: 'webrtc', callType: 'video', isExternal: false }] }));
    expect(parsed).toEqual({ kind: 'ok', message: { name: 'roster', participants: [entry] } });
  });

  it('refuses a roster with a wrong entry, naming the entry and the field', () => {
    expect(parseInbound(msg('roster', { participants: [entry, { ...entry, isMuted: 'no' }] }))).toEqual({
      kind: 'invalid',
      name: 'roster',
      error: `roster: participants[1].'isMuted' must be true or false, got "no"`,
    });
    expect(parseInbound(msg('roster', { participants: [{ ...entry, can: { ...entry.can, mute: undefined } }] }))).toMatchObject({
      error: `roster: participants[0].can.'mute' must be true or false, got nothing`,
    });
    expect(parseInbound(msg('roster', { participants: [{ ...entry, uuid: '' }] }))).toMatchObject({ error: `roster: participants[0].'uuid' must not be empty` });
    expect(parseInbound(msg('roster', { participants: {} }))).toMatchObject({ error: `roster: 'participants' must be an array, got an object` });
  });

  it('reads self, disconnected, toggles and dial-out answers', () => {
    const self = { participantUuid: 'me', micMuted: false, camMuted: true, clientMuted: false, isHost: true, canControl: true };
    expect(parseInbound(msg('self', self))).toEqual({ kind: 'ok', message: { name: 'self', self } });
    expect(parseInbound(msg('disconnected', { userInitiated: false, error: 'gone', errorCode: '#pex1' }))).toEqual({
      kind: 'ok',
      message: { name: 'disconnected', userInitiated: false, error: 'gone', errorCode: '#pex1' },
    });
    expect(parseInbound(msg('toggle-participants', { active: true }))).toEqual({ kind: 'ok', message: { name: 'toggle-participants', active: true } });
    expect(parseInbound(msg('dial-out-success', { uuid: 'x' }))).toEqual({ kind: 'ok', message: { name: 'dial-out-success', uuid: 'x' } });
    expect(parseInbound(msg('dial-out-error', { message: 'busy' }))).toEqual({ kind: 'ok', message: { name: 'dial-out-error', message: 'busy' } });
  });

  it('refuses a toggle whose active is not a boolean, and a self without its uuid', () => {
    expect(parseInbound(msg('toggle-chat', { active: 'true' }))).toEqual({ kind: 'invalid', name: 'toggle-chat', error: `toggle-chat: 'active' must be true or false, got "true"` });
    expect(parseInbound(msg('self', { micMuted: false }))).toMatchObject({ kind: 'invalid', error: `self: 'participantUuid' must be a string, got nothing` });
    expect(parseInbound(msg('disconnected', { userInitiated: true, error: 3 }))).toMatchObject({ kind: 'invalid', error: `disconnected: 'error' must be a string, got 3` });
  });
});

describe('envelope and actionName', () => {
  it('puts the action first and the fields flat', () => {
    expect(envelope('mute', { participantUuid: 'p', muted: true })).toEqual({ action: 'rocketchat:videoconf/mute', participantUuid: 'p', muted: true });
    expect(actionName({ action: 'rocketchat:videoconf/roster' })).toBe('roster');
    expect(actionName({ action: 'other/roster' })).toBeNull();
  });
});
