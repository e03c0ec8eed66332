import { describe, expect, it } from 'vitest';
import { ACTION_PREFIX } from './actions';
import { callToEnvelope, decodeHostMessage, decodePluginMessage, dialOutReply, encode, messageToCall } from './codec';

const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' } as const;

describe('decodeHostMessage (plugin side)', () => {
  it('decodes every host action into its payload, fields not in the contract dropped', () => {
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}toggle-chat-button-state`, active: true, extra: 1 })).toEqual({
      kind: 'message',
      message: { name: 'toggle-chat-button-state', payload: { active: true } },
    });
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}toggle-chat-badge`, visible: false })).toEqual({
      kind: 'message',
      message: { name: 'toggle-chat-badge', payload: { visible: false } },
    });
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}dial-out`, ...dial, requestId: 'r1', type: 'SET', path: ['__proto__'] })).toEqual({
      kind: 'message',
      message: { name: 'dial-out', payload: { ...dial, requestId: 'r1' } },
    });
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}ping` })).toEqual({ kind: 'message', message: { name: 'ping', payload: {} } });
  });

  it.each([null, undefined, 42, 'pexip:plugin:external-chat/ping', [], {}, { action: 7 }, { action: 'other:thing' }, { type: 'APPLY', path: ['dialOut'] }])(
    'calls %j foreign',
    (data) => {
      expect(decodeHostMessage(data)).toEqual({ kind: 'foreign' });
    },
  );

  it('calls a prefixed action it does not know unknown', () => {
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}self-destruct` })).toEqual({
      kind: 'unknown',
      action: `${ACTION_PREFIX}self-destruct`,
    });
    // Plugin → host actions are not commands the plugin takes.
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}toggle-chat`, active: true }).kind).toBe('unknown');
  });

  it('calls a bad payload invalid, names the field, and keeps a valid requestId for the reply', () => {
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}toggle-chat-badge`, visible: 'yes' })).toEqual({
      kind: 'invalid',
      name: 'toggle-chat-badge',
      error: `toggle-chat-badge: 'visible' must be true or false, got "yes"`,
    });
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}dial-out`, ...dial, protocol: 'xmpp', requestId: 'r9' })).toEqual({
      kind: 'invalid',
      name: 'dial-out',
      error: `dial-out: 'protocol' must be one of sip, h323, rtmp, mssip, auto, got "xmpp"`,
      requestId: 'r9',
    });
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}dial-out`, ...dial, requestId: 5 })).toEqual({
      kind: 'invalid',
      name: 'dial-out',
      error: `dial-out: 'requestId' must be a non-empty string, got number`,
    });
  });
});

describe('decodePluginMessage (host side)', () => {
  it('decodes the plugin actions', () => {
    expect(decodePluginMessage({ action: `${ACTION_PREFIX}ready`, instanceId: 'i1' })).toEqual({
      kind: 'message',
      message: { name: 'ready', payload: { instanceId: 'i1' } },
    });
    expect(decodePluginMessage({ action: `${ACTION_PREFIX}ready` })).toEqual({ kind: 'message', message: { name: 'ready', payload: {} } });
    expect(decodePluginMessage({ action: `${ACTION_PREFIX}dial-out-success`, uuid: 'u', displayName: 'A', requestId: 'r' })).toEqual({
      kind: 'message',
      message: { name: 'dial-out-success', payload: { uuid: 'u', displayName: 'A', requestId: 'r' } },
    });
    expect(decodePluginMessage({ action: `${ACTION_PREFIX}disconnected`, userInitiated: false, error: 'x', errorCode: '#1' })).toEqual({
      kind: 'message',
      message: { name: 'disconnected', payload: { userInitiated: false, error: 'x', errorCode: '#1' } },
    });
  });

  it('rejects a success without uuid and a toggle without a boolean', () => {
    expect(decodePluginMessage({ action: `${ACTION_PREFIX}dial-out-success` }).kind).toBe('invalid');
    expect(decodePluginMessage({ action: `${ACTION_PREFIX}toggle-chat`, active: 'true' }).kind).toBe('invalid');
  });
});

describe('calls ↔ envelopes', () => {
  it('maps each service method to its documented action and back', () => {
    for (const [method, arg, name] of [
      ['setButtonActive', true, 'toggle-chat-button-state'],
      ['setBadge', false, 'toggle-chat-badge'],
      ['dialOut', dial, 'dial-out'],
    ] as const) {
      const envelope = callToEnvelope(method, arg, 'req-1');
      expect(envelope.action).toBe(`${ACTION_PREFIX}${name}`);
      const decoded = decodeHostMessage(envelope);
      expect(decoded.kind).toBe('message');
      const call = decoded.kind === 'message' ? messageToCall(decoded.message) : undefined;
      expect(call?.method).toBe(method);
      expect(call?.args).toEqual([arg]);
    }
    expect(callToEnvelope('dialOut', dial, 'req-1')).toEqual({ action: `${ACTION_PREFIX}dial-out`, ...dial, requestId: 'req-1' });
  });

  it('answers ping with no service call', () => {
    expect(messageToCall({ name: 'ping', payload: {} })).toBeUndefined();
  });

  it('builds flat dial-out replies, echoing requestId only when there was one', () => {
    expect(dialOutReply({ ok: true, value: { uuid: 'u1', displayName: 'Alice' } }, 'r1')).toEqual({
      action: `${ACTION_PREFIX}dial-out-success`,
      uuid: 'u1',
      displayName: 'Alice',
      requestId: 'r1',
    });
    expect(dialOutReply({ ok: false, message: 'nope' }, undefined)).toEqual({ action: `${ACTION_PREFIX}dial-out-error`, message: 'nope' });
    expect(encode('toggle-chat', { active: true })).toEqual({ action: `${ACTION_PREFIX}toggle-chat`, active: true });
  });
});
