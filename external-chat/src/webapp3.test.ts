import { MAX_KEPT_ITEMS, MAX_STRING_LENGTH, type DisconnectedPayload } from '@external-chat/host-bridge/internal';
import type { Button, Plugin } from '@pexip/plugin-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addButton, listenFromStart, webApp3 } from './webapp3';

/** Just the signals webApp3 subscribes to, fired by the test. */
function fakePlugin() {
  const handlers: Record<string, (payload?: unknown) => void> = {};
  const toasts: unknown[] = [];
  const sent: unknown[] = [];
  const signal = (name: string) => ({ add: (handler: (payload?: unknown) => void) => (handlers[name] = handler) });
  const plugin = {
    events: {
      connected: signal('connected'),
      disconnected: signal('disconnected'),
      userInitiatedDisconnect: signal('left'),
      languageSelect: signal('language'),
      message: signal('message'),
      directMessage: signal('directMessage'),
    },
    ui: { showToast: async (payload: unknown) => void toasts.push(payload) },
    conference: { sendMessage: async (payload: unknown) => (sent.push(payload), { status: 200, data: { status: 'success', result: true } }) },
  } as unknown as Plugin;
  const button = { onClick: signal('click') } as unknown as Button<'toolbar'>;
  return { plugin, button, toasts, sent, fire: (name: string, payload?: unknown) => handlers[name]?.(payload) };
}

describe('webApp3: plugin-api as the service sees it', () => {
  it('takes button updates before Web App 3 has added the button, and shows them once it has', async () => {
    const { plugin } = fakePlugin();
    const updates: unknown[] = [];
    let add!: (button: Button<'toolbar'>) => void;
    const webapp = webApp3(plugin, { chat: new Promise((resolve) => (add = resolve)) });
    const pending = webapp.updateButton('chat', { position: 'toolbar', icon: 'IconChat', tooltip: 'Close Chat', isActive: true });
    await Promise.resolve();
    expect(updates).toEqual([]);
    add({ update: async (payload: unknown) => void updates.push(payload) } as unknown as Button<'toolbar'>);
    await pending;
    expect(updates).toEqual([{ position: 'toolbar', icon: 'IconChat', tooltip: 'Close Chat', isActive: true }]);
  });

  it('has nothing to draw and no clicks for a button the deployment did not add, and hands each button its own clicks', async () => {
    const { plugin, button } = fakePlugin();
    const clicks: unknown[] = [];
    (button as unknown as { onClick: { add: (handler: () => void) => void } }).onClick = { add: (handler) => clicks.push(handler) };
    const webapp = webApp3(plugin, { chat: Promise.resolve(button) });
    await expect(webapp.updateButton('participants', { position: 'toolbar', icon: 'IconParticipant', tooltip: 'Open participants' })).resolves.toBeUndefined();
    const chat = (): void => undefined;
    webapp.onButtonClick('participants', () => undefined);
    webapp.onButtonClick('chat', chat);
    await Promise.resolve();
    await Promise.resolve();
    expect(clicks).toEqual([chat]);
  });

  it('reports Leave and a dropped call, with Infinity’s error cut to what the wire carries', () => {
    const { plugin, button, fire } = fakePlugin();
    const seen: DisconnectedPayload[] = [];
    webApp3(plugin, { chat: Promise.resolve(button) }).onDisconnected((payload) => seen.push(payload));
    fire('left');
    fire('disconnected', { error: 'x'.repeat(MAX_STRING_LENGTH + 10), errorCode: 117 });
    fire('disconnected', undefined);
    expect(seen[0]).toEqual({ userInitiated: true });
    expect(seen[1]).toEqual({ userInitiated: false, error: 'x'.repeat(MAX_STRING_LENGTH), errorCode: '117' });
    expect(seen[2]).toEqual({ userInitiated: false });
  });

  it('hears the language and the messages Web App 3 said before anyone listened, and all after', () => {
    const { plugin, fire } = fakePlugin();
    const early = listenFromStart(plugin);
    fire('language', 'nb');
    fire('message', { id: 'm1' });
    fire('directMessage', { id: 'm2' });
    const languages: string[] = [];
    const messages: [string, boolean][] = [];
    early.onLanguage((code) => languages.push(code));
    early.onMessage((message, direct) => messages.push([message.id, direct]));
    fire('language', 'sv');
    fire('message', { id: 'm3' });
    expect(languages).toEqual(['nb', 'sv']);
    expect(messages).toEqual([
      ['m1', false],
      ['m2', true],
      ['m3', false],
    ]);
  });

  it('holds only the last messages while nobody listens', () => {
    const { plugin, fire } = fakePlugin();
    const early = listenFromStart(plugin);
    for (let i = 1; i <= MAX_KEPT_ITEMS + 5; i++) fire('message', { id: `m${i}` });
    const ids: string[] = [];
    early.onMessage((message) => ids.push(message.id));
    expect(ids).toHaveLength(MAX_KEPT_ITEMS);
    expect(ids[0]).toBe('m6');
  });

  it("tells the meeting's messages from private ones", () => {
    const { plugin, button, fire } = fakePlugin();
    const seen: [string, boolean][] = [];
    webApp3(plugin, { chat: Promise.resolve(button) }).onMessage((message, direct) => seen.push([message.id, direct]));
    fire('message', { id: 'm1' });
    fire('directMessage', { id: 'm2' });
    expect(seen).toEqual([
      ['m1', false],
      ['m2', true],
    ]);
  });

  it('sends a toast through ui.showToast and a meeting message through conference.sendMessage', async () => {
    const { plugin, button, toasts, sent } = fakePlugin();
    const webapp = webApp3(plugin, { chat: Promise.resolve(button) });
    await expect(webapp.control({ rpc: 'ui:toast:show', payload: { message: 'hi' } })).resolves.toBeUndefined();
    await expect(webapp.control({ rpc: 'conference:sendMessage', payload: { payload: 'hello' } })).resolves.toEqual({ status: 200, data: { status: 'success', result: true } });
    expect(toasts).toEqual([{ message: 'hi' }]);
    expect(sent).toEqual([{ payload: 'hello' }]);
  });
});

describe('a toolbar button whose icon this Web App 3 lacks', () => {
  const drawing = { custom: { main: '<svg/>', hover: '<svg/>' } };
  const payload = { position: 'toolbar', icon: 'IconParticipant', tooltip: 'Open participants' } as const;
  const ONCLICK = { add: () => undefined };
  const REMOVE = async () => undefined;
  function fakeUi(refuse: string | undefined) {
    const added: unknown[] = [];
    const updated: unknown[] = [];
    const plugin = {
      ui: {
        addButton: async (button: { icon: unknown }) => {
          added.push(button);
          if (refuse !== undefined && typeof button.icon === 'string') throw { reason: refuse };
          return { onClick: ONCLICK, remove: REMOVE, update: async (next: unknown) => void updated.push(next) };
        },
      },
    } as unknown as Plugin;
    return { plugin, added, updated };
  }

  it("is added again with its own drawing on 'Invalid Icon name', and keeps the drawing in every update", async () => {
    const { plugin, added, updated } = fakeUi('Invalid Icon name');
    const button = await addButton(plugin, payload, drawing);
    await button.update({ ...payload, tooltip: 'Close participants', isActive: true });
    expect(added).toEqual([payload, { ...payload, icon: drawing }]);
    expect(updated).toEqual([{ ...payload, icon: drawing, tooltip: 'Close participants', isActive: true }]);
    // The same signal plugin-api fires on, and the same remove.
    expect(button.onClick).toBe(ONCLICK);
    expect(button.remove).toBe(REMOVE);
  });

  it('is added as asked where the name is known, and any other refusal stays a refusal', async () => {
    const known = fakeUi(undefined);
    await addButton(known.plugin, payload, drawing);
    expect(known.added).toEqual([payload]);
    const refused = fakeUi('Too many buttons');
    await expect(addButton(refused.plugin, payload, drawing)).rejects.toEqual({ reason: 'Too many buttons' });
    expect(refused.added).toHaveLength(1);
  });
});

describe('calls that Web App 3 may never answer, and what it hands through', () => {
  afterEach(() => void vi.useRealTimers());

  it('settles a control without an answer after 5 s, naming the RPC and the time-out', async () => {
    vi.useFakeTimers();
    const { plugin, button } = fakePlugin();
    (plugin.conference as unknown as { muteAllGuests: () => Promise<never> }).muteAllGuests = () => new Promise<never>(() => undefined);
    const pending = webApp3(plugin, { chat: Promise.resolve(button) }).control({ rpc: 'conference:muteAllGuests', payload: { mute: true } });
    const settled = expect(pending).rejects.toMatchObject({ code: 'timeout', message: 'conference:muteAllGuests got no answer from Web App 3 within 5 s (a refusal, or lost)' });
    await vi.advanceTimersByTimeAsync(4_999);
    await vi.advanceTimersByTimeAsync(1);
    await settled;
  });

  it("makes Web App 3's rejection of a control or a dial-out a refusal, in its words, and a dial-out nobody answers a time-out", async () => {
    vi.useFakeTimers();
    const { plugin, button } = fakePlugin();
    (plugin.ui as unknown as Record<string, unknown>).showToast = () => Promise.reject({ reason: 'Toasts are off' });
    (plugin.conference as unknown as Record<string, unknown>).dialOut = () => new Promise<never>(() => undefined);
    const webapp = webApp3(plugin, { chat: Promise.resolve(button) });
    await expect(webapp.control({ rpc: 'ui:toast:show', payload: { message: 'hi' } })).rejects.toMatchObject({ code: 'refused', message: 'Toasts are off' });
    const dial = webapp.dialOut({ role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' });
    const settled = expect(dial).rejects.toMatchObject({ code: 'timeout', message: 'alice@example.com did not join within 5 minutes' });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await settled;
  });

  it("hands the dial-out's participant, Web App 3's connected, and a language only once one was said", async () => {
    const { plugin, button, fire } = fakePlugin();
    (plugin.conference as unknown as { dialOut: (body: unknown) => Promise<unknown> }).dialOut = async (body) => ({ uuid: 'u1', body });
    const webapp = webApp3(plugin, { chat: Promise.resolve(button) }, listenFromStart(plugin));
    await expect(webapp.dialOut({ role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' })).resolves.toEqual({
      uuid: 'u1',
      body: { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' },
    });
    const seen: string[] = [];
    webapp.onConnected(() => seen.push('connected'));
    webapp.onLanguage((code) => seen.push(code));
    fire('connected');
    fire('language', 'sv');
    expect(seen).toEqual(['connected', 'sv']);
  });
});
