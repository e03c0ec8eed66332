import { describe, expect, it } from 'vitest';
import { answerIn, decodeHostMessage, decodePluginMessage, encode, envelopeOf, isRequest, isState, PLUGIN_EVENTS, pluginCodec, SERVICE_METHODS } from './codec.js';
import { EXTERNAL_CHAT } from './dialects.js';
import { ACTION_PREFIX, action, HOST_ACTIONS, PAGE_TO_PLUGIN, PLUGIN_TO_PAGE, wireFields } from './vocabulary.js';

// The plugin's side of our dialect, as plugin-endpoint.ts uses it.
const { answerOf, callOf, eventOf } = pluginCodec(EXTERNAL_CHAT);

const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' } as const;

describe('decodeHostMessage (plugin side)', () => {
  it('decodes every host action into its payload, fields not in the table dropped', () => {
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

  it('calls a prefixed action it does not know unknown, inherited names included', () => {
    for (const name of ['self-destruct', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(decodeHostMessage({ action: `${ACTION_PREFIX}${name}` })).toEqual({ kind: 'unknown', action: `${ACTION_PREFIX}${name}` });
    }
    // Plugin → page actions are not commands the plugin takes.
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}toggle-chat`, active: true }).kind).toBe('unknown');
  });

  it('calls a bad payload invalid, names the field, and keeps a valid requestId for the answer', () => {
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
    // A bad requestId is named first: the answer could not reach its caller anyway.
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}dial-out`, ...dial, role: 'X', requestId: '' })).toMatchObject({
      error: `dial-out: 'requestId' must be a non-empty string, got ""`,
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

describe('the table drives the service', () => {
  it('lists the service methods and the events in table order', () => {
    // One method per row that calls the service, once each, in table order; subscriptions and ping call none.
    expect(SERVICE_METHODS.slice(0, 4)).toEqual(['setButtonActive', 'setBadge', 'dialOut', 'mute']);
    expect(new Set(SERVICE_METHODS).size).toBe(SERVICE_METHODS.length);
    expect(SERVICE_METHODS).toHaveLength(HOST_ACTIONS.length - ['subscribe', 'unsubscribe', 'ping'].length);
    // What the page hears as events: the events and topics, not `ready` or the answers.
    expect(PLUGIN_EVENTS.slice(0, 3)).toEqual(['toggle-chat', 'connected', 'disconnected']);
    expect(PLUGIN_EVENTS).toEqual(expect.arrayContaining(['roster', 'self', 'meeting-message']));
    for (const answer of ['ready', 'dial-out-success', 'dial-out-error', 'control-result']) expect(PLUGIN_EVENTS).not.toContain(answer);
  });

  it('maps each service method to its action and back (host envelopeOf → plugin callOf)', () => {
    for (const [method, arg, name, serviceArg] of [
      ['setButtonActive', true, 'toggle-chat-button-state', true],
      // setBadge's row turns its argument into the payload, and the service takes the payload.
      ['setBadge', false, 'toggle-chat-badge', { visible: false }],
      ['setBadge', 3, 'toggle-chat-badge', { visible: true, count: 3 }],
      ['setBadge', 0, 'toggle-chat-badge', { visible: false, count: 0 }],
      ['dialOut', dial, 'dial-out', dial],
    ] as const) {
      const built = envelopeOf(method, [arg], 'req-1');
      expect(built.ok && built.value.action).toBe(name);
      const envelope = built.ok ? built.value.envelope : undefined;
      expect(envelope?.action).toBe(`${ACTION_PREFIX}${name}`);
      const decoded = decodeHostMessage(envelope);
      const call = decoded.kind === 'message' ? callOf(decoded.message) : undefined;
      expect(call?.method).toBe(method);
      expect(call?.args).toEqual([serviceArg]);
      // Only requests carry requestId: state needs no answer.
      expect(call?.requestId).toBe(PAGE_TO_PLUGIN[name].kind === 'request' ? 'req-1' : undefined);
    }
    expect(envelopeOf('dialOut', [dial], 'req-1')).toEqual({
      ok: true,
      value: { action: 'dial-out', envelope: { action: `${ACTION_PREFIX}dial-out`, ...dial, requestId: 'req-1' } },
    });
  });

  it('validates a call by its row before building anything, naming the method and the field', () => {
    expect(envelopeOf('setBadge', ['yes'], 'r')).toEqual({ ok: false, error: `setBadge: 'visible' must be true or false, got "yes"` });
    expect(envelopeOf('dialOut', [{ ...dial, protocol: 'fax' }], 'r')).toMatchObject({ ok: false, error: expect.stringMatching(/^dialOut: 'protocol'/) });
    expect(envelopeOf('dialOut', [null], 'r')).toMatchObject({ ok: false, error: expect.stringMatching(/^dialOut: its argument must be an object \(\{ role, destination, protocol, call_type\?/) });
    const sneaky = envelopeOf('dialOut', [{ ...dial, requestId: 'mine', extra: 1 }], 'req-2');
    expect(sneaky.ok && sneaky.value.envelope).toEqual({ action: `${ACTION_PREFIX}dial-out`, ...dial, requestId: 'req-2' });
  });

  it('answers ping with no service call', () => {
    expect(callOf({ name: 'ping', payload: {} })).toBeUndefined();
  });
});

describe('the wire fields of a row', () => {
  it('put requestId first on what the page sends (its error is named first), last on the answers, and nowhere else', () => {
    expect(Object.keys(wireFields(PAGE_TO_PLUGIN.mute))).toEqual(['requestId', 'participantUuid', 'muted']);
    expect(Object.keys(wireFields(PAGE_TO_PLUGIN['dial-out']))[0]).toBe('requestId');
    expect(Object.keys(wireFields(PLUGIN_TO_PAGE['control-result']))).toEqual(['control', 'ok', 'message', 'code', 'requestId']);
    expect(Object.keys(wireFields(PLUGIN_TO_PAGE['dial-out-error']))).toEqual(['message', 'code', 'requestId']);
    expect(wireFields(PAGE_TO_PLUGIN['toggle-chat-badge'])).toBe(PAGE_TO_PLUGIN['toggle-chat-badge'].fields);
    expect(wireFields(PLUGIN_TO_PAGE.roster)).toBe(PLUGIN_TO_PAGE.roster.fields);
  });
});

describe('answers and events (plugin side)', () => {
  it('builds flat answers, echoing requestId only when there was one, declared fields only', () => {
    expect(answerOf('dial-out', { ok: true, value: { uuid: 'u1', displayName: 'Alice', isHost: true, disconnect: () => 1 } }, 'r1')).toEqual({
      action: `${ACTION_PREFIX}dial-out-success`,
      uuid: 'u1',
      displayName: 'Alice',
      requestId: 'r1',
    });
    expect(answerOf('dial-out', { ok: false, message: 'nope', code: 'refused' }, undefined)).toEqual({ action: `${ACTION_PREFIX}dial-out-error`, message: 'nope', code: 'refused' });
  });

  it('turns a result that breaks the answer rule into an error answer instead of forwarding it', () => {
    expect(answerOf('dial-out', { ok: true, value: { displayName: 'no uuid' } }, 'r2')).toEqual({
      action: `${ACTION_PREFIX}dial-out-error`,
      message: "Web App 3 answered something unexpected (dial-out-success: 'uuid' is required (a non-empty string))",
      code: 'failed',
      requestId: 'r2',
    });
  });

  it('encodes events through their rule', () => {
    expect(eventOf('toggle-chat', { active: true })).toEqual({ ok: true, value: { action: `${ACTION_PREFIX}toggle-chat`, active: true } });
    expect(eventOf('disconnected', { userInitiated: false, error: 'x', secret: 'y' } as never)).toEqual({
      ok: true,
      value: { action: `${ACTION_PREFIX}disconnected`, userInitiated: false, error: 'x' },
    });
    expect(eventOf('disconnected', { userInitiated: 'no' } as never)?.ok).toBe(false);
    expect(encode('ready', { instanceId: 'i' })).toEqual({ action: `${ACTION_PREFIX}ready`, instanceId: 'i' });
  });
});

describe('answerIn (host side)', () => {
  it('splits an answer into the request it answers and its outcome', () => {
    expect(answerIn({ name: 'dial-out-success', payload: { uuid: 'u', requestId: 'r' } })).toEqual({
      request: 'dial-out',
      requestId: 'r',
      ok: true,
      value: { uuid: 'u' },
    });
    expect(answerIn({ name: 'dial-out-error', payload: { message: 'busy' } })).toEqual({
      request: 'dial-out',
      requestId: undefined,
      ok: false,
      message: 'busy',
    });
    expect(answerIn({ name: 'toggle-chat', payload: { active: true } })).toBeUndefined();
  });
});

describe('requestId belongs to requests and their answers only', () => {
  it('keeps the requestId of a request and of both its answers', () => {
    expect(decodePluginMessage({ action: `${ACTION_PREFIX}dial-out-success`, uuid: 'u', requestId: 'r1' })).toEqual({
      kind: 'message',
      message: { name: 'dial-out-success', payload: { uuid: 'u', requestId: 'r1' } },
    });
    expect(decodePluginMessage({ action: `${ACTION_PREFIX}dial-out-error`, message: 'no', requestId: 'r2' })).toEqual({
      kind: 'message',
      message: { name: 'dial-out-error', payload: { message: 'no', requestId: 'r2' } },
    });
  });

  it('drops a requestId sent with state, ping, ready or an event, as any field not in the table', () => {
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}toggle-chat-badge`, visible: true, requestId: 'x' })).toEqual({
      kind: 'message',
      message: { name: 'toggle-chat-badge', payload: { visible: true } },
    });
    // Not checked either: a ping with an empty requestId is still a ping.
    expect(decodeHostMessage({ action: `${ACTION_PREFIX}ping`, requestId: '' })).toEqual({ kind: 'message', message: { name: 'ping', payload: {} } });
    expect(decodePluginMessage({ action: `${ACTION_PREFIX}ready`, instanceId: 'i', requestId: 'x' })).toEqual({
      kind: 'message',
      message: { name: 'ready', payload: { instanceId: 'i' } },
    });
    expect(decodePluginMessage({ action: `${ACTION_PREFIX}toggle-chat`, active: false, requestId: 'x' })).toEqual({
      kind: 'message',
      message: { name: 'toggle-chat', payload: { active: false } },
    });
  });

  it('puts no requestId key at all on an answer to a request sent without one', () => {
    expect(Object.keys(answerOf('dial-out', { ok: true, value: { uuid: 'u1' } }, undefined) ?? {})).toEqual(['action', 'uuid']);
    expect(Object.keys(answerOf('dial-out', { ok: false, message: 'nope', code: 'refused' }, undefined) ?? {})).toEqual(['action', 'message', 'code']);
  });
});

describe('action names', () => {
  it('action() prefixes a name with ACTION_PREFIX', () => {
    expect(action('dial-out')).toBe('pexip:plugin:external-chat/dial-out');
    expect(action('ready')).toBe('pexip:plugin:external-chat/ready');
  });

  it('reports an unknown action cut to 200 characters, so a flood of huge names cannot fill the console', () => {
    const huge = `${ACTION_PREFIX}${'x'.repeat(10_000)}`;
    expect(decodeHostMessage({ action: huge })).toEqual({ kind: 'unknown', action: huge.slice(0, 200) });
    expect(decodePluginMessage({ action: huge })).toEqual({ kind: 'unknown', action: huge.slice(0, 200) });
  });

  it('tells state from requests by the table', () => {
    expect(HOST_ACTIONS.filter(isState)).toEqual(['toggle-chat-button-state', 'toggle-chat-badge']);
    for (const action of ['dial-out', 'mute', 'transfer', 'send-meeting-message', 'notify'] as const) expect(isRequest(action)).toBe(true);
    for (const action of ['toggle-chat-badge', 'subscribe', 'unsubscribe', 'ping'] as const) expect(isRequest(action)).toBe(false);
  });
});
