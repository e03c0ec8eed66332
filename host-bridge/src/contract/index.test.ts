import { describe, expect, it } from 'vitest';

// The entry is imported inside the test, not at the top of the file: a contract
// module that throws while loading (its tables are built at load time) then
// fails this test, instead of only failing to collect the file, which test
// runners such as Stryker's may count as no tests at all.
describe('the contract entry (@external-chat/host-bridge/contract)', () => {
  it("loads and exports the tables, action names, codec and validation host-bridge's README lists", async () => {
    const contract = await import('./index.js');
    // The one place the lists are written out: every other test reads them from the contract.
    const participantControls = ['mute', 'mute-video', 'admit', 'disconnect', 'spotlight', 'raise-hand', 'set-role', 'transfer', 'dtmf', 'mute-all-guests'];
    expect(Object.keys(contract.PAGE_TO_PLUGIN)).toEqual([
      'toggle-chat-button-state',
      'toggle-chat-badge',
      'dial-out',
      'subscribe',
      'unsubscribe',
      ...participantControls,
      'send-meeting-message',
      'notify',
      'ping',
    ]);
    expect(Object.keys(contract.PLUGIN_TO_PAGE)).toEqual([
      'ready',
      'toggle-chat',
      'dial-out-success',
      'dial-out-error',
      'connected',
      'disconnected',
      'roster',
      'roster-change',
      'self',
      'meeting-message',
      'control-result',
    ]);
    expect(contract.FEATURES).toEqual(['chat', 'dial-out', ...participantControls, 'meeting-chat', 'notify', 'roster', 'self']);
    expect(contract.ERROR_CODES).toEqual(['invalid-params', 'feature-off', 'rate-limited', 'unknown-participant', 'refused', 'timeout', 'failed']);
    expect(contract.HOST_ACTIONS).toEqual(Object.keys(contract.PAGE_TO_PLUGIN));
    expect(contract.PLUGIN_ACTIONS).toEqual(Object.keys(contract.PLUGIN_TO_PAGE));
    expect(contract.action('ping')).toBe(`${contract.ACTION_PREFIX}ping`);
    for (const fn of [contract.encode, contract.decodeHostMessage, contract.decodePluginMessage, contract.checkFields, contract.validateDialBody]) {
      expect(fn).toBeTypeOf('function');
    }
  });

  it('is narrow: the tables, limits, decoding and validation, none of the plugin\'s machinery', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual([
      'ACTION_PREFIX',
      'DIALECTS',
      'ERROR_CODES',
      'FEATURES',
      'HOST_ACTIONS',
      'LEGACY_FEATURES',
      'MAX_ALIAS_LENGTH',
      'MAX_KEPT_ITEMS',
      'MAX_MEETING_MESSAGE_LENGTH',
      'MAX_NOTIFY_LENGTH',
      'MAX_PARTICIPANTS',
      'MAX_STRING_LENGTH',
      'NOTIFY_INTERVAL_MS',
      'PAGE_LIMITS',
      'PAGE_TO_PLUGIN',
      'PLUGIN_ACTIONS',
      'PLUGIN_TO_PAGE',
      'action',
      'checkFields',
      'decodeHostMessage',
      'decodePluginMessage',
      'encode',
      'validateDialBody',
    ]);
  });

  it('round-trips a dial-out through the loaded tables: page envelope, plugin call, plugin answer, page outcome', async () => {
    const { envelopeOf, decodeHostMessage, pluginCodec, EXTERNAL_CHAT, decodePluginMessage, answerIn } = await import('./internal.js');
    const { callOf, answerOf } = pluginCodec(EXTERNAL_CHAT);
    const body = { role: 'HOST', destination: 'bob@example.com', protocol: 'auto' } as const;
    const built = envelopeOf('dialOut', [body], 'r1');
    expect(built).toEqual({ ok: true, value: { action: 'dial-out', envelope: { action: 'pexip:plugin:external-chat/dial-out', ...body, requestId: 'r1' } } });
    const inbound = decodeHostMessage(built.ok ? built.value.envelope : undefined);
    expect(inbound.kind).toBe('message');
    const call = inbound.kind === 'message' ? callOf(inbound.message) : undefined;
    expect(call).toEqual({ action: 'dial-out', method: 'dialOut', args: [body], requestId: 'r1' });
    const answer = decodePluginMessage(answerOf('dial-out', { ok: true, value: { uuid: 'u1' } }, call?.requestId));
    expect(answer.kind === 'message' ? answerIn(answer.message) : undefined).toEqual({ request: 'dial-out', requestId: 'r1', ok: true, value: { uuid: 'u1' } });
    const refusal = decodePluginMessage(answerOf('dial-out', { ok: false, message: 'busy', code: 'refused' }, 'r2'));
    expect(refusal.kind === 'message' ? answerIn(refusal.message) : undefined).toEqual({ request: 'dial-out', requestId: 'r2', ok: false, message: 'busy', code: 'refused' });
  });
});
