import { ACTION_PREFIX, FEATURES, featuresOf, PAGE_LIMITS, pluginCodec, ROCKETCHAT, validateDialBody } from '@external-chat/host-bridge/internal';
import type { ToolbarButtonPayload } from '@pexip/plugin-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manualClock } from './manual-clock';
import { featurePlan } from './config';
import { startPluginEndpoint } from './plugin-endpoint';
import { createService, type WebApp3 } from './service';

const HOST = 'https://portal.example.com';
const dial = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' };
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Web App 3 as the service sees it, with its signals in the test's hands. */
function fakeWebApp() {
  const updates: ToolbarButtonPayload[] = [];
  const participantUpdates: ToolbarButtonPayload[] = [];
  const on: {
    click?: () => void;
    participantsClick?: () => void;
    connected?: () => void;
    disconnected?: Parameters<WebApp3['onDisconnected']>[0];
    participants?: Parameters<WebApp3['onParticipants']>[0];
    me?: Parameters<WebApp3['onMe']>[0];
    message?: Parameters<WebApp3['onMessage']>[0];
    language?: Parameters<WebApp3['onLanguage']>[0];
  } = {};
  const dialOut = vi.fn(async (body: { destination: string }) => ({ uuid: `uuid-${body.destination}`, displayName: body.destination }));
  const control = vi.fn<WebApp3['control']>(async () => ({ status: 200, data: { status: 'success', result: true } }));
  const webapp: WebApp3 = {
    updateButton: async (button, payload) => void (button === 'chat' ? updates : button === 'participants' ? participantUpdates : []).push(payload),
    dialOut,
    control,
    onButtonClick: (button, handler) => void (button === 'chat' ? (on.click = handler) : button === 'participants' ? (on.participantsClick = handler) : undefined),
    onConnected: (handler) => (on.connected = handler),
    onDisconnected: (handler) => (on.disconnected = handler),
    onParticipants: (handler) => (on.participants = handler),
    onMe: (handler) => (on.me = handler),
    onMessage: (handler) => (on.message = handler),
    onLanguage: (handler) => (on.language = handler),
    participantsNow: async () => undefined,
  };
  return { webapp, updates, participantUpdates, dialOut, control, on };
}

function harness(allowedOrigins?: string[], more: Partial<Parameters<typeof startPluginEndpoint>[0]> = {}) {
  const posted: Record<string, unknown>[] = [];
  const targets: string[] = [];
  const top = {
    name: 'top',
    postMessage: (data: Record<string, unknown>, origin: string) => {
      posted.push(data);
      targets.push(origin);
    },
  } as unknown as Window;
  const listeners = new Map<string, (event: MessageEvent) => void>();
  const parentListeners = new Set<unknown>();
  const self = {
    addEventListener: (type: string, listener: (event: MessageEvent) => void) => listeners.set(type, listener),
    removeEventListener: (type: string) => listeners.delete(type),
    parent: { addEventListener: (_: string, listener: unknown) => parentListeners.add(listener), removeEventListener: (_: string, listener: unknown) => parentListeners.delete(listener) },
  } as unknown as Window;
  const warnings: string[] = [];
  const fake = fakeWebApp();
  const service = createService(fake.webapp, () => undefined);
  // Why a feature is off, as a deployment with allowedOrigins says it.
  const { whyOff } = featurePlan({ allowedOrigins: ['https://x.example'], features: [] });
  startPluginEndpoint({ service, self, top, allowedOrigins, instanceId: 'instance-1', whyOff, warn: (message) => warnings.push(message), ...more });
  const greeting = posted.splice(0);
  const send = (data: unknown, from: { source?: unknown; origin?: string; isTrusted?: boolean } = {}): void =>
    listeners.get('message')?.({
      data,
      source: 'source' in from ? from.source : top,
      origin: from.origin ?? HOST,
      isTrusted: from.isTrusted ?? true,
    } as MessageEvent);
  return { ...fake, top, posted, targets, greeting, warnings, service, send, listeners, parentListeners };
}

const envelope = (name: string, fields: object = {}) => ({ action: `${ACTION_PREFIX}${name}`, ...fields });
const ALL_FEATURES = FEATURES;
const READY = envelope('ready', { instanceId: 'instance-1', echoesRequestId: true, features: ALL_FEATURES, connected: false, topics: ['roster', 'roster-changes', 'self', 'meeting-chat'] });

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
  delete (globalThis as Record<string, unknown>).pwned;
});

describe('plugin endpoint: the documented actions', () => {
  it('sets button state and badge, each keeping the other', async () => {
    const h = harness();
    h.send(envelope('toggle-chat-badge', { visible: true }));
    await flush();
    h.send(envelope('toggle-chat-button-state', { active: true }));
    await flush();
    expect(h.updates.at(-1)).toMatchObject({ isActive: true, tooltip: 'Close Chat', badge: { isVisible: true } });
    expect(h.posted).toEqual([]);
  });

  it('dials out and replies dial-out-success with the echoed requestId', async () => {
    const h = harness();
    h.send(envelope('dial-out', { ...dial, requestId: 'r1', remote_display_name: 'Alice' }));
    await flush();
    expect(h.dialOut).toHaveBeenCalledWith({ ...dial, remote_display_name: 'Alice' });
    expect(h.posted).toEqual([envelope('dial-out-success', { uuid: 'uuid-alice@example.com', displayName: 'alice@example.com', requestId: 'r1' })]);
  });

  it('replies dial-out-error with the failure message and no requestId when none was sent', async () => {
    const h = harness();
    h.dialOut.mockRejectedValueOnce(new Error('Could not dial out to specified uri'));
    h.send(envelope('dial-out', dial));
    await flush();
    // The service's own failure, with no code of its own: 'failed' (webapp3.ts makes Web App 3's rejections 'refused').
    expect(h.posted).toEqual([envelope('dial-out-error', { message: 'Could not dial out to specified uri', code: 'failed' })]);
  });

  it('gives concurrent dial-outs exactly one reply each', async () => {
    const h = harness();
    const resolvers: (() => void)[] = [];
    h.dialOut.mockImplementation(
      (body) => new Promise((resolve) => resolvers.push(() => resolve({ uuid: `uuid-${body.destination}`, displayName: body.destination }))),
    );
    for (let i = 0; i < 5; i++) h.send(envelope('dial-out', { ...dial, destination: `p${i}@example.com`, requestId: `r${i}` }));
    await flush();
    for (const resolve of resolvers.reverse()) resolve();
    await flush();
    expect(h.posted.map((m) => [m.requestId, m.uuid]).sort()).toEqual([0, 1, 2, 3, 4].map((i) => [`r${i}`, `uuid-p${i}@example.com`]));
  });

  it('says ready with its instanceId, promising to echo requestIds, on start and on every ping', () => {
    const h = harness();
    expect(h.greeting).toEqual([READY]);
    h.send(envelope('ping'));
    expect(h.posted).toEqual([READY]);
  });

  it('refuses a request whose requestId is still pending, naming it, without dialling twice', async () => {
    const h = harness();
    const resolvers: (() => void)[] = [];
    h.dialOut.mockImplementation(
      (body) => new Promise((resolve) => resolvers.push(() => resolve({ uuid: `uuid-${body.destination}`, displayName: body.destination }))),
    );
    h.send(envelope('dial-out', { ...dial, requestId: 'r1' }));
    h.send(envelope('dial-out', { ...dial, destination: 'mallory@example.com', requestId: 'r1' }));
    await flush();
    expect(h.dialOut.mock.calls.map(([body]) => body.destination)).toEqual(['alice@example.com']);
    // The refusal carries no requestId: it must not settle the first caller's call.
    expect(h.posted).toEqual([envelope('dial-out-error', { message: expect.stringContaining('"r1" is already pending'), code: 'invalid-params' })]);
    expect(h.warnings).toEqual(['dial-out: requestId "r1" is already pending; send each request with a new requestId']);
    for (const resolve of resolvers) resolve();
    await flush();
    expect(h.posted.at(-1)).toEqual(envelope('dial-out-success', { uuid: 'uuid-alice@example.com', displayName: 'alice@example.com', requestId: 'r1' }));
    // Once answered, the id is free again.
    h.send(envelope('dial-out', { ...dial, destination: 'bob@example.com', requestId: 'r1' }));
    await flush();
    expect(h.dialOut).toHaveBeenCalledTimes(2);
  });

  it("listens on Web App 3's window too, and lets go of it when the frame goes (not when the page is only kept in the back/forward cache)", () => {
    const h = harness();
    expect(h.parentListeners.size).toBe(1);
    h.listeners.get('pagehide')?.({ persisted: true } as unknown as MessageEvent);
    expect(h.parentListeners.size).toBe(1);
    h.listeners.get('pagehide')?.({ persisted: false } as unknown as MessageEvent);
    expect(h.parentListeners.size).toBe(0);
  });

  it("posts the meeting's events: a click asks for the opposite of the page's state", async () => {
    const h = harness();
    h.on.click?.();
    h.send(envelope('toggle-chat-button-state', { active: true }));
    await flush();
    h.on.click?.();
    h.on.connected?.();
    h.on.disconnected?.({ userInitiated: false, error: 'dropped', errorCode: '#pex117' });
    expect(h.posted).toEqual([
      envelope('toggle-chat', { active: true }),
      envelope('toggle-chat', { active: false }),
      envelope('connected'),
      envelope('disconnected', { userInitiated: false, error: 'dropped', errorCode: '#pex117' }),
    ]);
  });

  it('posts only to the allowed origins when config.json lists them', () => {
    const h = harness([HOST, 'https://other.example']);
    expect(h.targets).toEqual([HOST, 'https://other.example']);
  });
});

describe('plugin endpoint: state goes straight to the service', () => {
  it('warns when a state call fails, answers nothing and keeps going', async () => {
    const h = harness();
    h.service.setBadge = () => {
      throw new Error('button gone');
    };
    h.service.setButtonActive = () => Promise.reject(new Error('update refused'));
    expect(() => h.send(envelope('toggle-chat-badge', { visible: true }))).not.toThrow();
    h.send(envelope('toggle-chat-button-state', { active: true }));
    await flush();
    expect(h.warnings).toEqual(['setBadge failed: button gone', 'setButtonActive failed: update refused']);
    expect(h.posted).toEqual([]);
    h.send(envelope('dial-out', { ...dial, requestId: 'still' }));
    await flush();
    expect(h.posted).toEqual([envelope('dial-out-success', { uuid: 'uuid-alice@example.com', displayName: 'alice@example.com', requestId: 'still' })]);
  });
});

describe('plugin endpoint: what it drops', () => {
  it('acts only on messages from the top window', async () => {
    const h = harness();
    h.send(envelope('dial-out', dial), { source: { name: 'sibling' } });
    h.send(envelope('dial-out', dial), { source: null });
    await flush();
    expect(h.dialOut).not.toHaveBeenCalled();
    expect(h.warnings).toEqual([]);
  });

  it('drops a synthetic event, whatever source and origin it claims', async () => {
    const h = harness([HOST]);
    h.send(envelope('dial-out', dial), { isTrusted: false });
    await flush();
    expect(h.dialOut).not.toHaveBeenCalled();
    expect(h.warnings).toEqual([]);
    h.send(envelope('dial-out', dial));
    await flush();
    expect(h.dialOut).toHaveBeenCalledTimes(1);
  });

  it('drops other origins when config.json lists allowed ones', async () => {
    const h = harness([HOST]);
    h.send(envelope('dial-out', dial), { origin: 'https://evil.example' });
    await flush();
    expect(h.dialOut).not.toHaveBeenCalled();
    expect(h.warnings).toEqual(["dropped a message from https://evil.example: it is not in config.json's allowedOrigins"]);
    h.send(envelope('dial-out', dial));
    await flush();
    expect(h.dialOut).toHaveBeenCalledTimes(1);
  });

  it('warns about unprefixed and unknown actions', () => {
    const h = harness();
    h.send({ action: 'something-else' });
    h.send(envelope('launch-rockets'));
    expect(h.warnings).toEqual([
      `ignored a message from ${HOST} without the '${ACTION_PREFIX}' action prefix`,
      `ignored unknown action '${ACTION_PREFIX}launch-rockets'`,
    ]);
  });

  it('warns once per origin about a flood of foreign messages, then sums it up every 10 s', () => {
    vi.useFakeTimers();
    try {
      const h = harness();
      for (let i = 0; i < 300; i++) h.send({ type: 'webpackOk' });
      h.send({ type: 'webpackOk' }, { origin: 'https://other.example' });
      expect(h.warnings).toEqual([
        `ignored a message from ${HOST} without the '${ACTION_PREFIX}' action prefix`,
        `ignored a message from https://other.example without the '${ACTION_PREFIX}' action prefix`,
      ]);
      vi.advanceTimersByTime(10_000);
      expect(h.warnings.slice(2)).toEqual([`299 more in the last 10 s like: ignored a message from ${HOST} without the '${ACTION_PREFIX}' action prefix`]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('warns once per origin about a flood from an origin config.json does not allow', () => {
    vi.useFakeTimers();
    try {
      const h = harness([HOST]);
      for (let i = 0; i < 50; i++) h.send(envelope('ping'), { origin: 'https://evil.example' });
      vi.advanceTimersByTime(10_000);
      expect(h.warnings).toEqual([
        "dropped a message from https://evil.example: it is not in config.json's allowedOrigins",
        "49 more in the last 10 s like: dropped a message from https://evil.example: it is not in config.json's allowedOrigins",
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers an invalid dial-out with an error naming the field and never dials', async () => {
    const h = harness();
    h.send(envelope('dial-out', { ...dial, role: 'OWNER', requestId: 'r7' }));
    await flush();
    expect(h.dialOut).not.toHaveBeenCalled();
    expect(h.posted).toEqual([
      envelope('dial-out-error', { message: expect.stringContaining(`'role'`), code: 'invalid-params', requestId: 'r7' }),
    ]);
  });
});

describe('plugin endpoint: comlink-shaped messages (a path, a prototype, a constructor) reach nothing', () => {
  const attacks = [
    { id: 'a1', type: 'SET', path: ['__proto__', 'polluted'], value: { type: 'RAW', value: true } },
    { id: 'a2', type: 'SET', path: ['setBadge'], value: { type: 'RAW', value: 'replaced' } },
    { id: 'a3', type: 'GET', path: ['dialOut'] },
    { id: 'a4', type: 'CONSTRUCT', path: ['constructor', 'constructor'], argumentList: [{ type: 'RAW', value: 'globalThis.pwned = 1' }] },
    { id: 'a5', type: 'APPLY', path: ['dialOut'], argumentList: [{ type: 'HANDLER', name: 'no-such-handler', value: 1 }] },
    { id: 'a6', type: 'APPLY', path: ['constructor', 'constructor'], argumentList: [{ type: 'RAW', value: 'globalThis.pwned = 1' }] },
  ];

  it.each(attacks)('$type $path, bare or inside an envelope, changes nothing', async (attack) => {
    const h = harness();
    const setBadge = h.service.setBadge;
    h.send(attack);
    h.send({ ...envelope('toggle-chat-badge', { visible: true }), ...attack, action: `${ACTION_PREFIX}toggle-chat-badge` });
    h.send({ ...attack, ...envelope('dial-out', dial) });
    await flush();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expect(h.service.setBadge).toBe(setBadge);
    // Only the validated commands ran, with validated arguments.
    expect(h.dialOut.mock.calls).toEqual([[dial]]);
    expect(h.posted).toEqual([envelope('dial-out-success', { uuid: 'uuid-alice@example.com', displayName: 'alice@example.com' })]);
    expect(h.service.state()).toEqual({ active: false, badge: true });
  });
});

describe('plugin endpoint: fuzz', () => {
  it('survives 500 garbage messages without throwing or dialing anything invalid, then still works', async () => {
    const h = harness();
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 16807) % 2147483647) % n;
    const values: unknown[] = [
      null, undefined, 0, -1, NaN, true, '', 'x'.repeat(100_000), [], [1, 2], {}, { __proto__: { polluted: true } },
      JSON.parse('{"__proto__":{"polluted":true}}'), new Date(0), 'HOST', 'sip', 'alice@example.com', { type: 'SET' },
    ];
    const names = ['dial-out', 'toggle-chat-badge', 'toggle-chat-button-state', 'ping', 'toggle-chat', '', '../dial-out', 'DIAL-OUT'];
    const fields = ['role', 'destination', 'protocol', 'active', 'visible', 'requestId', 'call_type', '__proto__', 'constructor', 'action'];
    const pick = <T>(list: readonly T[]): T => list[rand(list.length)] as T;
    for (let i = 0; i < 500; i++) {
      const message: Record<string, unknown> =
        rand(4) === 0 ? { action: pick(values) } : { action: `${rand(5) === 0 ? '' : ACTION_PREFIX}${pick(names)}` };
      for (let f = rand(6); f > 0; f--) message[pick(fields)] = pick(values);
      expect(() => h.send(rand(10) === 0 ? pick(values) : message)).not.toThrow();
    }
    await flush();
    for (const [body] of h.dialOut.mock.calls) expect(validateDialBody(body).ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Every message was classified; none made the handler fail and land in its catch.
    expect(h.warnings.filter((w) => w.startsWith('message handling failed'))).toEqual([]);
    h.send(envelope('dial-out', { ...dial, requestId: 'after-fuzz' }));
    await flush();
    expect(h.posted.at(-1)).toMatchObject({ action: `${ACTION_PREFIX}dial-out-success`, requestId: 'after-fuzz' });
  });
});

describe('plugin endpoint: edges of the wire', () => {
  it("hears message events on Web App 3's window and removes exactly that listener when the frame goes", () => {
    const parentListeners = new Map<string, (event: MessageEvent) => void>();
    const selfListeners = new Map<string, (event: { persisted: boolean }) => void>();
    const top = { postMessage: () => undefined } as unknown as Window;
    const self = {
      addEventListener: (type: string, listener: (event: { persisted: boolean }) => void) => selfListeners.set(type, listener),
      removeEventListener: (type: string) => selfListeners.delete(type),
      parent: {
        addEventListener: (type: string, listener: (event: MessageEvent) => void) => parentListeners.set(type, listener),
        removeEventListener: (type: string, listener: unknown) => {
          if (parentListeners.get(type) === listener) parentListeners.delete(type);
        },
      },
    } as unknown as Window;
    const fake = fakeWebApp();
    startPluginEndpoint({ service: createService(fake.webapp, () => undefined), self, top, instanceId: 'i', whyOff: String, warn: () => undefined });
    expect([...parentListeners.keys()]).toEqual(['message']);
    parentListeners.get('message')?.({ data: envelope('dial-out', dial), source: top, origin: HOST, isTrusted: true } as unknown as MessageEvent);
    expect(fake.dialOut).toHaveBeenCalledTimes(1);
    selfListeners.get('pagehide')?.({ persisted: false });
    expect(parentListeners.size).toBe(0);
  });

  it('dials concurrent requests that carry no requestId, each answered', async () => {
    const h = harness();
    h.send(envelope('dial-out', { ...dial, destination: 'a@example.com' }));
    h.send(envelope('dial-out', { ...dial, destination: 'b@example.com' }));
    await flush();
    expect(h.dialOut).toHaveBeenCalledTimes(2);
    expect(h.warnings).toEqual([]);
    expect(h.posted).toEqual([
      envelope('dial-out-success', { uuid: 'uuid-a@example.com', displayName: 'a@example.com' }),
      envelope('dial-out-success', { uuid: 'uuid-b@example.com', displayName: 'b@example.com' }),
    ]);
  });

  it('applies state from a service method that returns nothing, without a warning', () => {
    const h = harness();
    const calls: unknown[] = [];
    h.service.setBadge = (badge) => void calls.push(badge);
    h.send(envelope('toggle-chat-badge', { visible: true, count: 2 }));
    expect(calls).toEqual([{ visible: true, count: 2 }]);
    expect(h.warnings).toEqual([]);
  });

  it('warns once for each origin config.json does not allow', () => {
    const h = harness([HOST]);
    h.send(envelope('ping'), { origin: 'https://one.example' });
    h.send(envelope('ping'), { origin: 'https://two.example' });
    h.send(envelope('ping'), { origin: 'https://one.example' });
    expect(h.warnings).toEqual([
      "dropped a message from https://one.example: it is not in config.json's allowedOrigins",
      "dropped a message from https://two.example: it is not in config.json's allowedOrigins",
    ]);
  });

  it('warns about an invalid state command, naming the field, and answers nothing (state has no answer)', async () => {
    const h = harness();
    h.send(envelope('toggle-chat-badge', { visible: 'yes' }));
    await flush();
    expect(h.warnings).toEqual([`toggle-chat-badge: 'visible' must be true or false, got "yes"`]);
    expect(h.posted).toEqual([]);
    expect(h.updates).toEqual([]);
  });

  it('never throws out of its handler when posting to the page fails: it warns and keeps going', async () => {
    const h = harness();
    const post = h.top.postMessage;
    h.top.postMessage = () => {
      throw new Error('DataCloneError');
    };
    expect(() => h.send(envelope('ping'))).not.toThrow();
    expect(h.warnings).toEqual(['message handling failed: DataCloneError']);
    h.top.postMessage = post;
    h.send(envelope('ping'));
    expect(h.posted).toEqual([READY]);
  });

  it('does not forward an event Web App 3 reported in a shape the contract refuses, and says so', () => {
    const h = harness();
    h.on.disconnected?.({ userInitiated: 'maybe' } as never);
    expect(h.posted).toEqual([]);
    expect(h.warnings).toEqual([`did not forward 'disconnected': disconnected: 'userInitiated' must be true or false, got "maybe"`]);
  });
});

/** The participants Web App 3 reports, with only the fields the mapping reads. */
const person = (uuid: string, more: Record<string, unknown> = {}) =>
  ({ uuid, displayName: uuid.toUpperCase(), canMute: true, canDisconnect: true, ...more }) as unknown as import('@pexip/plugin-api').InfinityParticipant;

const rosterOf = (posted: Record<string, unknown>[]) =>
  posted.filter((m) => m.action === `${ACTION_PREFIX}roster`).map((m) => (m.participants as { uuid: string }[]).map((p) => p.uuid));

describe('plugin endpoint: meeting data only for a page that subscribed', () => {
  it('sends nothing of the meeting before subscribe, then a snapshot at once, then changes', () => {
    const h = harness();
    h.on.participants?.([{ type: 'all', participants: [person('a'), person('b')] }]);
    h.on.me?.(person('me', { isHost: true, canControl: true }));
    // Who the user is says the user is in the meeting: that much every page hears.
    expect(h.posted).toEqual([envelope('connected', {})]);
    h.posted.splice(0);
    h.send(envelope('subscribe', { topics: ['roster', 'self'] }));
    expect(rosterOf(h.posted)).toEqual([['a', 'b']]);
    expect(h.posted.find((m) => m.action === `${ACTION_PREFIX}self`)).toEqual(
      envelope('self', { participantUuid: 'me', micMuted: false, camMuted: false, clientMuted: false, isHost: true, canControl: true }),
    );
  });

  it('sends an empty roster as a snapshot too, and no self before Web App 3 said who the user is', () => {
    const h = harness();
    h.send(envelope('subscribe', { topics: ['roster', 'self'] }));
    expect(h.posted).toEqual([envelope('roster', { participants: [] })]);
  });

  it('coalesces changes to one roster per 100 ms, the last state always sent, and stops on unsubscribe', () => {
    const t = manualClock();
    const h = harness(undefined, { clock: t.clock });
    h.send(envelope('subscribe', { topics: ['roster'] }));
    h.posted.splice(0);
    for (let i = 0; i < 20; i++) h.on.participants?.([{ type: 'join', participant: person(`p${i}`) }]);
    expect(rosterOf(h.posted)).toEqual([]);
    t.advance(100);
    expect(rosterOf(h.posted)).toEqual([Array.from({ length: 20 }, (_, i) => `p${i}`)]);
    h.posted.splice(0);
    h.send(envelope('unsubscribe', { topics: ['roster'] }));
    h.on.participants?.([{ type: 'leave', participant: person('p0') }]);
    t.advance(1000);
    expect(h.posted).toEqual([]);
    // Stopping what was never started is no error.
    h.send(envelope('unsubscribe', { topics: ['self', 'meeting-chat'] }));
    expect(h.warnings).toEqual([]);
  });

  it('ignores a topic it does not know, and one switched off by config.json, saying so', () => {
    const h = harness(undefined, { features: ['chat', 'self'] });
    h.send(envelope('subscribe', { topics: ['weather', 'roster'] }));
    expect(h.posted).toEqual([]);
    expect(h.warnings).toEqual([
      "subscribe: ignored 'weather', which is not a topic; the topics are roster, roster-changes, self, meeting-chat",
      `subscribe: 'roster' is switched off in this deployment (config.json "features" does not list it)`,
    ]);
  });

  it('announces only the features config.json lists, their topics, and whether the user is in the meeting', () => {
    const h = harness(undefined, { features: ['chat', 'mute'] });
    expect(h.greeting).toEqual([envelope('ready', { instanceId: 'instance-1', echoesRequestId: true, features: ['chat', 'mute'], connected: false, topics: [] })]);
    h.on.connected?.();
    h.posted.splice(0);
    h.send(envelope('ping'));
    expect(h.posted).toEqual([envelope('ready', { instanceId: 'instance-1', echoesRequestId: true, features: ['chat', 'mute'], connected: true, topics: [] })]);
    expect(harness(undefined, { features: ['chat', 'roster'] }).greeting[0]?.topics).toEqual(['roster', 'roster-changes']);
  });

  it("announces features in the table's order, once each, however config.json lists them", () => {
    const h = harness(undefined, { features: ['self', 'mute', 'chat', 'mute'] });
    expect(h.greeting[0]?.features).toEqual(['chat', 'mute', 'self']);
  });

  it('empties the roster when the meeting ends', () => {
    const t = manualClock();
    const h = harness(undefined, { clock: t.clock });
    h.on.participants?.([{ type: 'all', participants: [person('a')] }]);
    h.send(envelope('subscribe', { topics: ['roster'] }));
    expect(rosterOf(h.posted)).toEqual([['a']]);
    h.on.disconnected?.({ userInitiated: true });
    t.advance(100);
    expect(rosterOf(h.posted)).toEqual([['a'], []]);
  });
});

const changesOf = (posted: Record<string, unknown>[]) =>
  posted
    .filter((m) => m.action === `${ACTION_PREFIX}roster-change`)
    .map(({ seq, snapshot, participants, removed }) => ({ seq, snapshot, participants: (participants as { uuid: string }[]).map((p) => p.uuid), removed }));

describe('plugin endpoint: the roster as changes (roster-changes)', () => {
  const subscribed = (people: string[] = []) => {
    const t = manualClock();
    const h = harness(undefined, { clock: t.clock });
    if (people.length > 0) h.on.participants?.([{ type: 'all', participants: people.map((uuid) => person(uuid)) }]);
    h.send(envelope('subscribe', { topics: ['roster-changes'] }));
    return { ...h, ...t };
  };

  it('sends a snapshot at once, then only who joined, changed or left, numbered, one message per 100 ms', () => {
    const h = subscribed(['a', 'b', 'c']);
    expect(changesOf(h.posted)).toEqual([{ seq: 1, snapshot: true, participants: ['a', 'b', 'c'], removed: [] }]);
    h.posted.splice(0);
    h.advance(100);
    h.on.participants?.([{ type: 'update', participant: person('b', { isMuted: true }) }]);
    // The first change of a quiet spell goes at once; the ones after it wait for the interval's end and go as one.
    h.on.participants?.([{ type: 'join', participant: person('d') }]);
    h.on.participants?.([{ type: 'leave', participant: person('a') }]);
    h.on.participants?.([{ type: 'update', participant: person('d', { raisedHand: true }) }]);
    expect(changesOf(h.posted)).toEqual([{ seq: 2, snapshot: false, participants: ['b'], removed: [] }]);
    h.advance(100);
    expect(changesOf(h.posted)).toEqual([
      { seq: 2, snapshot: false, participants: ['b'], removed: [] },
      { seq: 3, snapshot: false, participants: ['d'], removed: ['a'] },
    ]);
    // Whole entries, as the whole list carries them.
    const last = h.posted.at(-1) as { participants: { uuid: string; raisedHand: boolean; isMuted: boolean }[] };
    expect(last.participants[0]).toMatchObject({ uuid: 'd', raisedHand: true, isMuted: false });
    expect(h.posted.filter((m) => m.action === `${ACTION_PREFIX}roster`)).toEqual([]);
  });

  it('sends nothing for a change the wire does not carry, or one Web App 3 reports twice', () => {
    const h = subscribed(['a']);
    h.posted.splice(0);
    h.on.participants?.([{ type: 'update', participant: person('a', { spotlightOrder: 3 }) }]);
    h.on.participants?.([{ type: 'join', participant: person('a') }]);
    h.advance(1_000);
    expect(h.posted).toEqual([]);
  });

  it('answers a page that subscribes again (it missed a message) with a snapshot, numbered on', () => {
    const h = subscribed(['a']);
    h.on.participants?.([{ type: 'join', participant: person('b') }]);
    h.advance(100);
    h.send(envelope('subscribe', { topics: ['roster-changes'] }));
    h.advance(100);
    expect(changesOf(h.posted)).toEqual([
      { seq: 1, snapshot: true, participants: ['a'], removed: [] },
      { seq: 2, snapshot: false, participants: ['b'], removed: [] },
      { seq: 3, snapshot: true, participants: ['a', 'b'], removed: [] },
    ]);
  });

  it('sends a snapshot when Web App 3 sends its whole list, and when the meeting ends', () => {
    const h = subscribed(['a', 'b']);
    h.posted.splice(0);
    h.on.participants?.([{ type: 'all', participants: [person('b'), person('c')] }]);
    h.advance(100);
    h.on.disconnected?.({ userInitiated: true });
    h.advance(100);
    expect(changesOf(h.posted)).toEqual([
      { seq: 2, snapshot: true, participants: ['b', 'c'], removed: [] },
      { seq: 3, snapshot: true, participants: [], removed: [] },
    ]);
  });

  it('sends a snapshot when more changed since the last message than the roster holds', () => {
    const h = subscribed(['a', 'b']);
    h.posted.splice(0);
    h.advance(100);
    h.on.participants?.([{ type: 'update', participant: person('a', { isMuted: true }) }]);
    // Three came and went within one interval: more changed than the two people there.
    for (const uuid of ['x', 'y', 'z']) {
      h.on.participants?.([{ type: 'join', participant: person(uuid) }]);
      h.on.participants?.([{ type: 'leave', participant: person(uuid) }]);
    }
    h.advance(100);
    expect(changesOf(h.posted)).toEqual([
      { seq: 2, snapshot: false, participants: ['a'], removed: [] },
      { seq: 3, snapshot: true, participants: ['a', 'b'], removed: [] },
    ]);
  });

  it('keeps sending whole lists to a page that subscribed to roster, beside the changes', () => {
    const h = subscribed(['a']);
    h.send(envelope('subscribe', { topics: ['roster'] }));
    h.posted.splice(0);
    h.advance(100);
    h.on.participants?.([{ type: 'join', participant: person('b') }]);
    expect(rosterOf(h.posted)).toEqual([['a', 'b']]);
    expect(changesOf(h.posted)).toEqual([{ seq: 2, snapshot: false, participants: ['b'], removed: [] }]);
  });

  it('spaces whole lists by their size: after n entries the next waits n / 10 ms, if longer than 100 ms', () => {
    const t = manualClock();
    const h = harness(undefined, { clock: t.clock });
    h.on.participants?.([{ type: 'all', participants: Array.from({ length: 5_000 }, (_, i) => person(`p${i}`)) }]);
    h.send(envelope('subscribe', { topics: ['roster', 'roster-changes'] }));
    h.posted.splice(0);
    h.on.participants?.([{ type: 'join', participant: person('late') }]);
    t.advance(499);
    expect(h.posted).toEqual([]);
    t.advance(1);
    expect(rosterOf(h.posted).map((list) => list.length)).toEqual([5_001]);
    // The changes after a 5,000-entry snapshot wait as long; a small change then spaces the next by 100 ms only.
    expect(changesOf(h.posted)).toEqual([{ seq: 2, snapshot: false, participants: ['late'], removed: [] }]);
    h.posted.splice(0);
    h.on.participants?.([{ type: 'leave', participant: person('late') }]);
    t.advance(100);
    expect(changesOf(h.posted)).toEqual([{ seq: 3, snapshot: false, participants: [], removed: ['late'] }]);
    expect(rosterOf(h.posted)).toEqual([]);
    // 5,001 entries: 500.1 ms after the last whole list.
    t.advance(400);
    expect(rosterOf(h.posted)).toEqual([]);
    t.advance(1);
    expect(rosterOf(h.posted).map((list) => list.length)).toEqual([5_000]);
  });
});

describe('plugin endpoint: participant controls', () => {
  it('forwards a control and answers control-result when it carried a requestId', async () => {
    const h = harness();
    h.on.participants?.([{ type: 'all', participants: [person('a')] }]);
    h.send(envelope('mute', { participantUuid: 'a', muted: true, requestId: 'c1' }));
    await flush();
    expect(h.control).toHaveBeenCalledWith({ rpc: 'participant:mute', payload: { mute: true, participantUuid: 'a' } });
    expect(h.posted).toEqual([envelope('control-result', { control: 'mute', ok: true, requestId: 'c1' })]);
  });

  it('answers nothing to a control without a requestId, as in the protocol it comes from', async () => {
    const h = harness();
    h.send(envelope('admit', { participantUuid: 'a' }));
    await flush();
    expect(h.control).toHaveBeenCalledTimes(1);
    expect(h.posted).toEqual([]);
  });

  it('writes the refusal of an unanswered control to the console, and nothing for one that went through', async () => {
    const h = harness();
    h.control.mockResolvedValueOnce({ status: 403, data: { status: 'failed', result: 'Not a host' } });
    h.send(envelope('admit', { participantUuid: 'a' }));
    h.send(envelope('admit', { participantUuid: 'b' }));
    await flush();
    expect(h.posted).toEqual([]);
    expect(h.warnings).toEqual(['admit: Infinity refused it (403: Not a host)']);
  });

  it('refuses a control whose requestId is still pending, answering only the first', async () => {
    const h = harness();
    let release = (): void => undefined;
    h.control.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve({ status: 200, data: {} }))));
    h.send(envelope('mute', { participantUuid: 'a', muted: true, requestId: 'same' }));
    h.send(envelope('mute', { participantUuid: 'b', muted: true, requestId: 'same' }));
    release();
    await flush();
    expect(h.control).toHaveBeenCalledTimes(1);
    expect(h.posted).toEqual([envelope('control-result', { control: 'mute', ok: true, requestId: 'same' })]);
    expect(h.warnings).toEqual(['mute: requestId "same" is already pending; send each request with a new requestId']);
  });

  it("passes Infinity's 403 on to the page, naming the control", async () => {
    const h = harness();
    h.control.mockResolvedValueOnce({ status: 403, data: { status: 'failed', result: 'Not a host' } });
    h.send(envelope('disconnect', { participantUuid: 'a', requestId: 'c2' }));
    await flush();
    expect(h.posted).toEqual([envelope('control-result', { control: 'disconnect', ok: false, message: 'disconnect: Infinity refused it (403: Not a host)', code: 'refused', requestId: 'c2' })]);
  });

  it('refuses a participant the roster does not know, without reaching Web App 3', async () => {
    const h = harness();
    h.on.participants?.([{ type: 'all', participants: [person('a')] }]);
    h.send(envelope('spotlight', { participantUuid: 'ghost', active: true, requestId: 'c3' }));
    await flush();
    expect(h.control).not.toHaveBeenCalled();
    expect(h.posted[0]).toMatchObject({ control: 'spotlight', ok: false, code: 'unknown-participant', message: expect.stringContaining("'ghost'") });
  });

  it('forwards mute on the local user without the participant, so Infinity acts on the caller', async () => {
    const h = harness();
    h.on.me?.(person('me'));
    h.send(envelope('mute', { participantUuid: 'me', muted: true }));
    h.send(envelope('raise-hand', { participantUuid: 'me', raised: true }));
    await flush();
    expect(h.control.mock.calls.map(([call]) => call)).toEqual([
      { rpc: 'participant:mute', payload: { mute: true } },
      { rpc: 'participant:raiseHand', payload: { raise: true } },
    ]);
  });

  it('answers an invalid control with the field named and never calls Web App 3', async () => {
    const h = harness();
    h.send(envelope('dtmf', { participantUuid: 'a', digits: '12; DROP', requestId: 'c4' }));
    h.send(envelope('set-role', { participantUuid: 'a', role: 'chair' }));
    await flush();
    expect(h.control).not.toHaveBeenCalled();
    expect(h.posted).toEqual([
      envelope('control-result', {
        control: 'dtmf',
        ok: false,
        message: `dtmf: 'digits' must be DTMF digits (0-9, *, #, A-D), got "12; DROP"`,
        code: 'invalid-params',
        requestId: 'c4',
      }),
    ]);
    expect(h.warnings).toEqual([`dtmf: 'digits' must be DTMF digits (0-9, *, #, A-D), got "12; DROP"`, `set-role: 'role' must be one of host, guest, got "chair"`]);
  });

  it('refuses a feature config.json left out, answered and without reaching Web App 3', async () => {
    const h = harness(undefined, { features: ['chat', 'mute'] });
    h.send(envelope('mute-all-guests', { muted: true, requestId: 'c5' }));
    h.send(envelope('dial-out', { ...dial, requestId: 'd1' }));
    h.send(envelope('transfer', { participantUuid: 'a', alias: 'x' }));
    await flush();
    expect(h.control).not.toHaveBeenCalled();
    expect(h.dialOut).not.toHaveBeenCalled();
    expect(h.posted).toEqual([
      envelope('control-result', {
        control: 'mute-all-guests',
        ok: false,
        message: expect.stringContaining(`'mute-all-guests'`),
        code: 'feature-off',
        requestId: 'c5',
      }),
      envelope('dial-out-error', { message: expect.stringContaining(`'dial-out'`), code: 'feature-off', requestId: 'd1' }),
    ]);
    expect(h.warnings).toEqual([`transfer: 'transfer' is switched off in this deployment (config.json "features" does not list it)`]);
  });
});

describe("plugin endpoint: the meeting's chat", () => {
  const said = (id: string, text: string, userId = 'uuid-alice') => ({ at: new Date('2026-11-26T09:00:00Z'), id, message: text, displayName: 'Alice', userId }) as never;
  const messagesOf = (posted: Record<string, unknown>[]) => posted.filter((m) => m.action === `${ACTION_PREFIX}meeting-message`).map((m) => [m.id, m.text, m.direct]);

  it('sends nothing before subscribe; then the messages kept, at once and in order, then each new one, until unsubscribe', () => {
    const h = harness();
    h.on.message?.(said('m1', 'first'), false);
    h.on.message?.(said('m2', 'to you'), true);
    expect(h.posted).toEqual([]);
    h.send(envelope('subscribe', { topics: ['meeting-chat'] }));
    expect(h.posted).toEqual([
      envelope('meeting-message', { id: 'm1', at: '2026-11-26T09:00:00.000Z', participantUuid: 'uuid-alice', displayName: 'Alice', text: 'first', direct: false }),
      envelope('meeting-message', { id: 'm2', at: '2026-11-26T09:00:00.000Z', participantUuid: 'uuid-alice', displayName: 'Alice', text: 'to you', direct: true }),
    ]);
    h.posted.splice(0);
    // Each message goes as it comes: none is coalesced away, however fast they come.
    for (let i = 3; i <= 5; i++) h.on.message?.(said(`m${i}`, `n${i}`), false);
    expect(messagesOf(h.posted)).toEqual([
      ['m3', 'n3', false],
      ['m4', 'n4', false],
      ['m5', 'n5', false],
    ]);
    h.posted.splice(0);
    h.send(envelope('unsubscribe', { topics: ['meeting-chat'] }));
    h.on.message?.(said('m6', 'unheard'), false);
    expect(h.posted).toEqual([]);
  });

  it('sends the kept messages again to a page that subscribes again, at most once a second, and no message twice per subscription', () => {
    const t = manualClock();
    const h = harness(undefined, { clock: t.clock });
    h.on.message?.(said('m1', 'first'), false);
    h.send(envelope('subscribe', { topics: ['meeting-chat'] }));
    // Again at once, and again: one resend, when a second has passed since the first sending.
    h.send(envelope('subscribe', { topics: ['meeting-chat'] }));
    h.send(envelope('subscribe', { topics: ['meeting-chat'] }));
    h.on.message?.(said('m2', 'second'), false);
    expect(messagesOf(h.posted)).toEqual([
      ['m1', 'first', false],
      ['m2', 'second', false],
    ]);
    t.advance(1_000);
    expect(messagesOf(h.posted)).toEqual([
      ['m1', 'first', false],
      ['m2', 'second', false],
      ['m1', 'first', false],
      ['m2', 'second', false],
    ]);
    // After a quiet second, a page that lost track gets them at once.
    t.advance(5_000);
    h.posted.splice(0);
    h.send(envelope('subscribe', { topics: ['meeting-chat'] }));
    expect(messagesOf(h.posted)).toEqual([
      ['m1', 'first', false],
      ['m2', 'second', false],
    ]);
  });

  it('keeps the meeting chat from a page when config.json leaves it out, and refuses to send into it', async () => {
    const h = harness(undefined, { features: ['chat'] });
    h.on.message?.(said('m1', 'secret'), false);
    h.send(envelope('subscribe', { topics: ['meeting-chat'] }));
    h.send(envelope('send-meeting-message', { text: 'hi', requestId: 's1' }));
    await flush();
    expect(h.posted).toEqual([
      envelope('control-result', {
        control: 'send-meeting-message',
        ok: false,
        message: expect.stringContaining(`'meeting-chat'`),
        code: 'feature-off',
        requestId: 's1',
      }),
    ]);
    expect(h.control).not.toHaveBeenCalled();
  });

  it('sends a message to the meeting, answering control-result', async () => {
    const h = harness();
    h.send(envelope('send-meeting-message', { text: 'Hello everyone', requestId: 's1' }));
    await flush();
    expect(h.control).toHaveBeenCalledWith({ rpc: 'conference:sendMessage', payload: { payload: 'Hello everyone' } });
    expect(h.posted).toEqual([envelope('control-result', { control: 'send-meeting-message', ok: true, requestId: 's1' })]);
  });

  it('answers text that is empty, too long or not text with the field named, and never calls Web App 3', async () => {
    const h = harness();
    h.send(envelope('send-meeting-message', { text: '  ', requestId: 's1' }));
    h.send(envelope('send-meeting-message', { text: 'x'.repeat(4097), requestId: 's2' }));
    h.send(envelope('send-meeting-message', { text: { toString: 'hi' }, requestId: 's3' }));
    await flush();
    const must = `send-meeting-message: 'text' must be non-empty text (line breaks allowed; no control, bidi or invisible format characters)`;
    expect(h.posted.map((m) => [m.requestId, m.ok, m.message])).toEqual([
      ['s1', false, `${must}, got "  "`],
      ['s2', false, expect.stringMatching(/ of at most 4096 characters, got "x+…" \(4097 characters\)$/)],
      ['s3', false, `${must}, got object`],
    ]);
    expect(h.control).not.toHaveBeenCalled();
  });

  it('shows a toast, and refuses a second within 3 s without queueing it', async () => {
    const h = harness();
    h.control.mockResolvedValue(undefined);
    h.send(envelope('notify', { message: 'Alice: hello', requestId: 'n1' }));
    h.send(envelope('notify', { message: 'Bob: hi', requestId: 'n2' }));
    await flush();
    expect(h.control.mock.calls).toEqual([[{ rpc: 'ui:toast:show', payload: { message: 'Alice: hello' } }]]);
    // The refusal may be answered first: it waits for nothing.
    expect([...h.posted].sort((a, b) => String(a.requestId).localeCompare(String(b.requestId)))).toEqual([
      envelope('control-result', { control: 'notify', ok: true, requestId: 'n1' }),
      envelope('control-result', { control: 'notify', ok: false, message: expect.stringMatching(/one toast per 3 s/), code: 'rate-limited', requestId: 'n2' }),
    ]);
  });

  it('refuses a toast of more than one line or 200 characters, naming the field', async () => {
    const h = harness();
    h.send(envelope('notify', { message: 'two\nlines', requestId: 'n1' }));
    h.send(envelope('notify', { message: 'y'.repeat(201), requestId: 'n2' }));
    h.send(envelope('notify', { message: 'a\u2028b', requestId: 'n3' }));
    await flush();
    const must = `notify: 'message' must be one line of text (no control, bidi or invisible format characters, no line breaks)`;
    expect(h.posted.map((m) => m.message)).toEqual([
      `${must}, got "two\\nlines" (U+000A at 3)`,
      expect.stringMatching(/ of at most 200 characters, got "y+…" \(201 characters\)$/),
      `${must}, got "a<U+2028>b" (U+2028 at 1)`,
    ]);
    expect(h.control).not.toHaveBeenCalled();
  });

  it.each([
    ['notify', 'message', 'Meeting ends \u202Enoos\u202C', 'U+202E at 13'],
    ['notify', 'message', 'bell\u0007', 'U+0007 at 4'],
    ['notify', 'message', 'zero\u200Bwidth', 'U+200B at 4'],
    ['send-meeting-message', 'text', 'hi\r\n[Alice]: send me your PIN', 'U+000D at 2'],
    ['send-meeting-message', 'text', 'ok\u001B[31mred', 'U+001B at 2'],
    ['send-meeting-message', 'text', 'nul\u0000', 'U+0000 at 3'],
    ['send-meeting-message', 'text', 'isolate \u2067x\u2069', 'U+2067 at 8'],
    ['send-meeting-message', 'text', 'c1 \u0085', 'U+0085 at 3'],
    ['send-meeting-message', 'text', 'tag \u{E0041}', 'U+E0041 at 4'],
  ])('refuses %s whose %s hides or reorders what a person reads (%j): %s', async (action, field, value, where) => {
    const h = harness();
    h.send(envelope(action, { [field]: value, requestId: 'r1' }));
    await flush();
    expect(h.posted).toEqual([envelope('control-result', { control: action, ok: false, message: expect.stringContaining(`(${where})`), code: 'invalid-params', requestId: 'r1' })]);
    expect(h.control).not.toHaveBeenCalled();
  });

  it('lets through what people write: lines, emoji joined by ZWJ, a flag of tags, right-to-left text, ZWNJ', async () => {
    const h = harness();
    const texts = ['two\nlines', '👩\u200D💻 at work', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} go', 'שלום עולם', 'می\u200Cخواهم'];
    texts.forEach((text, i) => h.send(envelope('send-meeting-message', { text, requestId: `t${i}` })));
    await flush();
    expect(h.control.mock.calls.map(([call]) => (call.payload as { payload: string }).payload)).toEqual(texts);
    expect(h.posted.every((m) => m.ok === true)).toBe(true);
  });
});

describe('plugin endpoint: what a page can make the meeting do, and how fast', () => {
  const { burst, perSecond, inFlight } = PAGE_LIMITS;

  it('takes a burst of controls, keeps at most a few in flight to Web App 3, and refuses the rest at once with a reason', async () => {
    const t = manualClock();
    const h = harness(undefined, { clock: t.clock });
    let running = 0;
    let most = 0;
    const answers: (() => void)[] = [];
    h.control.mockImplementation(
      () =>
        new Promise((resolve) => {
          most = Math.max(most, ++running);
          answers.push(() => {
            running--;
            resolve({ status: 200, data: { status: 'success', result: true } });
          });
        }),
    );
    for (let i = 0; i < 1000; i++) h.send(envelope('mute-all-guests', { muted: true, requestId: `m${i}` }));
    await flush();
    // The page's allowance lets a burst in; the lane runs `inFlight` and lines up the rest; the others are refused now.
    expect(h.control).toHaveBeenCalledTimes(inFlight);
    const refused = h.posted.filter((m) => m.ok === false);
    expect(refused).toHaveLength(1000 - burst);
    expect(refused.every((m) => m.code === 'rate-limited')).toBe(true);
    expect(refused.every((m) => String(m.message).includes(`more than ${burst} at once or ${perSecond} a second`))).toBe(true);
    // Web App 3 answers: the line moves up, never more than `inFlight` at once, each request answered once.
    while (answers.length > 0) {
      answers.splice(0).forEach((answer) => answer());
      await flush();
    }
    expect(h.control).toHaveBeenCalledTimes(burst);
    expect(most).toBe(inFlight);
    expect(new Set(h.posted.map((m) => m.requestId)).size).toBe(1000);
    expect(h.posted.filter((m) => m.ok === true)).toHaveLength(burst);
  });

  it('refuses controls beyond a burst still waiting on a slow Web App 3, rather than lining up more', async () => {
    const t = manualClock();
    const h = harness(undefined, { clock: t.clock });
    h.control.mockImplementation(() => new Promise(() => undefined));
    for (let second = 0; second < 5; second++) {
      for (let i = 0; i < perSecond; i++) h.send(envelope('mute-all-guests', { muted: true, requestId: `s${second}-${i}` }));
      await flush();
      t.advance(1_000);
    }
    expect(h.control).toHaveBeenCalledTimes(inFlight);
    const refused = h.posted.filter((m) => m.ok === false);
    expect(refused).toHaveLength(5 * perSecond - burst);
    expect(refused.every((m) => m.code === 'rate-limited')).toBe(true);
    expect(refused.every((m) => String(m.message).includes(`${burst} controls already wait on Web App 3`))).toBe(true);
    // The console hears of the flood a line at a time, not once per message.
    expect(h.warnings.length).toBeLessThan(5);
  });

  it('refills at the steady rate: a second later the page may ask for that many again', async () => {
    const t = manualClock();
    const h = harness(undefined, { clock: t.clock });
    h.control.mockResolvedValue({ status: 200, data: { status: 'success', result: true } });
    const muteAll = (n: number, tag: string): void => {
      for (let i = 0; i < n; i++) h.send(envelope('mute-all-guests', { muted: true, requestId: `${tag}${i}` }));
    };
    for (let round = 0; round < 3; round++) {
      muteAll(burst, `burst${round}-`);
      await flush();
      t.advance(3_000);
    }
    expect(h.control).toHaveBeenCalledTimes(3 * burst);
    h.control.mockClear();
    muteAll(burst, 'x');
    await flush();
    t.advance(1_000);
    muteAll(2 * perSecond, 'y');
    await flush();
    expect(h.control).toHaveBeenCalledTimes(burst + perSecond);
  });

  it('counts dial-outs and meeting messages against the same allowance, answering each refusal', async () => {
    const t = manualClock();
    const h = harness(undefined, { clock: t.clock });
    for (let i = 0; i < 2 * burst; i++) {
      h.send(envelope(i % 2 ? 'dial-out' : 'send-meeting-message', i % 2 ? { ...dial, requestId: `r${i}` } : { text: `hello ${i}`, requestId: `r${i}` }));
    }
    await flush();
    // The allowance lets the first `burst` through, half of them dial-outs; the dial-outs' own lane holds `dialOuts`.
    expect(h.control).toHaveBeenCalledTimes(burst / 2);
    expect(h.dialOut).toHaveBeenCalledTimes(Math.min(burst / 2, PAGE_LIMITS.dialOuts));
    expect(h.posted).toHaveLength(2 * burst);
    const refusals = h.posted.filter((m) => m.ok === false || m.action === `${ACTION_PREFIX}dial-out-error`).map((m) => String(m.message).replace(/^[a-z-]+: /, ''));
    expect(new Set(refusals)).toEqual(
      new Set([
        `refused, the page asked for more than ${burst} at once or ${perSecond} a second; nothing was sent (send it again later)`,
        `refused, ${PAGE_LIMITS.dialOuts} dial-outs already wait for their participant to join; nothing was sent (send it again once they are answered)`,
      ]),
    );
  });

  it('lets a few dial-outs wait for their participant at once, refusing more until one is answered', async () => {
    const h = harness();
    const joins: (() => void)[] = [];
    h.dialOut.mockImplementation((body) => new Promise((resolve) => joins.push(() => resolve({ uuid: `uuid-${body.destination}`, displayName: body.destination }))));
    for (let i = 0; i <= PAGE_LIMITS.dialOuts; i++) h.send(envelope('dial-out', { ...dial, destination: `p${i}@example.com`, requestId: `d${i}` }));
    await flush();
    expect(h.dialOut).toHaveBeenCalledTimes(PAGE_LIMITS.dialOuts);
    expect(h.posted).toEqual([envelope('dial-out-error', { message: expect.stringContaining('dial-outs already wait'), code: 'rate-limited', requestId: `d${PAGE_LIMITS.dialOuts}` })]);
    joins[0]?.();
    await flush();
    h.send(envelope('dial-out', { ...dial, destination: 'next@example.com', requestId: 'next' }));
    await flush();
    expect(h.dialOut).toHaveBeenCalledTimes(PAGE_LIMITS.dialOuts + 1);
  });

  it('sends one snapshot per topic and subscription however often a topic is named, and bounds how often a page may subscribe', () => {
    const t = manualClock();
    const h = harness(undefined, { clock: t.clock });
    for (let i = 0; i < 5; i++) h.on.message?.({ at: new Date(i), id: `m${i}`, message: `hi ${i}`, displayName: 'Alice', userId: 'a' } as never, false);
    h.send(envelope('subscribe', { topics: Array.from({ length: 64 }, (_, i) => (i % 2 ? 'meeting-chat' : 'roster')) }));
    expect(h.posted.filter((m) => m.action === `${ACTION_PREFIX}roster`)).toHaveLength(1);
    expect(h.posted.filter((m) => m.action === `${ACTION_PREFIX}meeting-message`)).toHaveLength(5);
    h.posted.splice(0);
    for (let i = 0; i < 1000; i++) h.send(envelope('subscribe', { topics: ['meeting-chat', 'roster', 'meeting-chat'] }));
    // Subscribing again is coalesced: the roster once per 100 ms, the kept messages once per second.
    t.advance(1_000);
    expect(h.posted.filter((m) => m.action === `${ACTION_PREFIX}meeting-message`)).toHaveLength(5);
    expect(h.posted.filter((m) => m.action === `${ACTION_PREFIX}roster`)).toHaveLength(1);
    expect(h.warnings.filter((w) => w.startsWith('refused subscribe') || w.startsWith('subscribe: refused'))).toHaveLength(1);
  });

  it('limits the console too: a flood of malformed or unknown messages writes a line, then a sum', () => {
    const h = harness();
    for (let i = 0; i < 500; i++) {
      h.send(envelope('mute', { participantUuid: 7, requestId: `r${i}` }));
      h.send(envelope(`no-such-action-${i}`));
    }
    expect(h.posted).toHaveLength(500);
    expect(h.warnings).toEqual([`mute: 'participantUuid' must be a non-empty string, got number`, `ignored unknown action '${ACTION_PREFIX}no-such-action-0'`]);
  });
});

describe("plugin endpoint: Rocket.Chat's dialect over the same service", () => {
  const rc = (name: string, fields: object = {}) => ({ action: `rocketchat:videoconf/${name}`, ...fields });
  const RC_FEATURES = featuresOf(ROCKETCHAT);
  const rocketchat = (more: Partial<Parameters<typeof startPluginEndpoint>[0]> = {}) => harness([HOST], { codec: pluginCodec(ROCKETCHAT), ...more });

  it('says ready with its features only, then the roster unasked', () => {
    const h = rocketchat();
    expect(h.greeting).toEqual([rc('ready', { features: RC_FEATURES }), rc('roster', { participants: [] })]);
  });

  it('sends roster changes and self without any subscription, coalesced as ours are', () => {
    const t = manualClock();
    const h = rocketchat({ clock: t.clock });
    for (let i = 0; i < 20; i++) h.on.participants?.([{ type: 'join', participant: person(`p${i}`) }]);
    h.on.me?.(person('me', { isHost: true, canControl: true }));
    t.advance(100);
    const rosters = h.posted.filter((m) => m.action === 'rocketchat:videoconf/roster');
    expect(rosters).toHaveLength(1);
    expect((rosters[0]?.participants as { uuid: string }[]).map((p) => p.uuid)).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}`));
    expect(h.posted.filter((m) => m.action === 'rocketchat:videoconf/self')).toEqual([
      rc('self', { participantUuid: 'me', micMuted: false, camMuted: false, clientMuted: false, isHost: true, canControl: true }),
    ]);
  });

  it('sends its whole roster at most 10,000 entries a second: a large meeting is spaced by its size', () => {
    const t = manualClock();
    const h = rocketchat({ clock: t.clock });
    const people = Array.from({ length: 10_000 }, (_, i) => ({ type: 'join' as const, participant: person(`p${i}`) }));
    h.on.participants?.(people);
    t.advance(100);
    h.posted.splice(0);
    for (let second = 0; second < 3; second++) {
      for (let i = 0; i < 100; i++) {
        h.on.participants?.([{ type: 'update', participant: person(`p${i}`, { isMuted: (second + i) % 2 === 0 }) }]);
        t.advance(10);
      }
    }
    t.advance(1_000);
    // 10,000 entries each: one a second, however often they change; the last state is always sent.
    const rosters = h.posted.filter((m) => m.action === 'rocketchat:videoconf/roster');
    expect(rosters).toHaveLength(3);
    expect((rosters.at(-1)?.participants as { isMuted: boolean }[])[99]?.isMuted).toBe(false);
  });

  it('sends no meeting data a deployment switched off', () => {
    const h = rocketchat({ features: ['chat'] });
    expect(h.greeting).toEqual([rc('ready', { features: ['chat'] })]);
    h.on.participants?.([{ type: 'all', participants: [person('a')] }]);
    expect(h.posted).toEqual([]);
    expect(h.warnings).toEqual([]);
  });

  it('in our dialect, which has no Participants button, a click on one would reach no page and warn nothing', () => {
    const h = harness();
    h.on.participantsClick?.();
    expect(h.posted).toEqual([]);
    expect(h.warnings).toEqual([]);
  });

  it('sets the Chat button from chat-state and its badge from an unread count', async () => {
    const h = rocketchat();
    h.send(rc('chat-unread', { unread: 3 }));
    await flush();
    h.send(rc('chat-state', { active: true }));
    await flush();
    expect(h.updates.at(-1)).toMatchObject({ isActive: true, tooltip: 'Close Chat (3 unread)', badge: { isVisible: true } });
    h.send(rc('chat-unread', { unread: 0 }));
    await flush();
    expect(h.updates.at(-1)).toMatchObject({ tooltip: 'Close Chat', badge: { isVisible: false } });
  });

  it('asks the page to open its people panel, and shows the Participants button as the page says', async () => {
    const h = rocketchat();
    h.on.participantsClick?.();
    expect(h.posted).toEqual([rc('toggle-participants', { active: true })]);
    h.send(rc('participants-state', { active: true }));
    await flush();
    expect(h.participantUpdates.at(-1)).toEqual({ position: 'toolbar', icon: 'IconParticipant', tooltip: 'Close participants', isActive: true });
    h.on.participantsClick?.();
    expect(h.posted.at(-1)).toEqual(rc('toggle-participants', { active: false }));
  });

  it('runs a control and answers nothing, even with a requestId; a refusal is a warning here', async () => {
    const h = rocketchat();
    h.on.participants?.([{ type: 'all', participants: [person('a')] }]);
    h.posted.splice(0);
    h.send(rc('mute', { participantUuid: 'a', muted: true, requestId: 'x1' }));
    await flush();
    expect(h.control).toHaveBeenCalledWith({ rpc: 'participant:mute', payload: { mute: true, participantUuid: 'a' } });
    h.control.mockResolvedValueOnce({ status: 403, data: { status: 'failed', result: 'Forbidden' } });
    h.send(rc('admit', { participantUuid: 'a' }));
    await flush();
    expect(h.posted.filter((m) => m.action !== 'rocketchat:videoconf/roster')).toEqual([]);
    expect(h.warnings.at(-1)).toContain('admit');
  });

  it('answers dial-out in its own words, and refuses what is not valid with a warning naming the field', async () => {
    const h = rocketchat();
    h.send(rc('dial-out', dial));
    await flush();
    expect(h.posted).toEqual([rc('dial-out-success', { uuid: 'uuid-alice@example.com', displayName: 'alice@example.com' })]);
    h.send(rc('mute', { participantUuid: 'a', muted: 'yes' }));
    h.send(rc('chat-unread', { unread: -1 }));
    await flush();
    expect(h.control).not.toHaveBeenCalled();
    expect(h.warnings).toEqual([expect.stringContaining("'muted'"), expect.stringContaining("'unread'")]);
  });

  it('ignores our vocabulary and Rocket.Chat actions it does not know, and never speaks ours', async () => {
    const h = rocketchat();
    h.send(envelope('ping'));
    h.send(envelope('subscribe', { topics: ['meeting-chat'] }));
    h.send(rc('subscribe', { topics: ['roster'] }));
    h.send(rc('notify', { message: 'hi' }));
    h.on.message?.({ id: 'm1', at: new Date(0), message: 'hello', displayName: 'A', userId: 'a' } as never, false);
    await flush();
    expect(h.posted).toEqual([]);
    expect(h.warnings.filter((w) => w.includes("without the 'rocketchat:videoconf/' action prefix"))).toHaveLength(1);
    expect(h.warnings).toContain("ignored unknown action 'rocketchat:videoconf/subscribe'");
  });

  it('takes messages only from the top window and allowed origins, as ours does', async () => {
    const h = rocketchat();
    h.send(rc('chat-state', { active: true }), { origin: 'https://evil.example' });
    h.send(rc('chat-state', { active: true }), { source: {} });
    await flush();
    expect(h.updates).toEqual([]);
  });
});
