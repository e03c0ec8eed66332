// The whole bridge, minus the browser frames: the host's real comlink wrap()
// (connectExternalChat) talks to the plugin's real endpoint and service, every
// message crossing a real MessageChannel (structured clone).
import { ACTION_PREFIX, FEATURES } from '@external-chat/host-bridge/contract';
import { connectExternalChat, DialOutError } from '@external-chat/host-bridge';
import { describe, expect, it, vi } from 'vitest';
import { startPluginEndpoint } from '../../external-chat/src/plugin-endpoint';
import { createService } from '../../external-chat/src/service';

const WEBAPP = 'https://pexip.example.com';
const HOST = 'https://portal.example.com';

function stack() {
  const hostListeners = new Set<(event: MessageEvent) => void>();
  const hostWindow = {
    addEventListener: (_: string, l: (event: MessageEvent) => void) => hostListeners.add(l),
    removeEventListener: (_: string, l: (event: MessageEvent) => void) => hostListeners.delete(l),
  } as unknown as Window;
  const toPlugin = new MessageChannel();
  const toHost = new MessageChannel();
  // The top window as the plugin sees it: what the plugin posts crosses a real MessageChannel to the page.
  const top = { name: 'top', postMessage: (data: unknown) => toHost.port1.postMessage(data) } as unknown as Window;

  const webapp = { frames: [] as unknown[], postMessage: () => undefined } as unknown as Window & { frames: unknown[] };
  const pluginWindow = {
    parent: webapp,
    postMessage: (data: unknown) => toPlugin.port1.postMessage(data),
  } as unknown as Window;
  (webapp as unknown as { parent: unknown }).parent = top;
  webapp.frames.push(pluginWindow);

  const updates: unknown[] = [];
  const dialOut = vi.fn(async (body: { destination: string }) => {
    if (body.destination.startsWith('fail')) throw new Error('Could not dial out to specified uri');
    return { uuid: `uuid-${body.destination}`, displayName: body.destination, isHost: false };
  });
  const service = createService(
    {
      updateButton: async (_button, p) => void updates.push(p),
      dialOut,
      onButtonClick: () => undefined,
      onConnected: () => undefined,
      onDisconnected: () => undefined,
      control: async () => ({ status: 200, data: { status: 'success', result: true } }),
      onParticipants: () => undefined,
      onMe: () => undefined,
      onMessage: () => undefined,
      onLanguage: () => undefined,
      participantsNow: async () => undefined,
    },
    () => undefined,
  );
  let onPluginMessage: (event: MessageEvent) => void = () => undefined;
  const self = {
    addEventListener: (type: string, listener: (event: MessageEvent) => void) => {
      if (type === 'message') onPluginMessage = listener;
    },
    parent: {},
  } as unknown as Window;
  startPluginEndpoint({ service, self, top, instanceId: 'one', whyOff: String, warn: () => undefined });

  // Node's MessageEvents are never isTrusted; in the browser a posted message is, and the plugin acts only on those.
  toPlugin.port2.onmessage = (event) => onPluginMessage({ data: event.data, source: top, origin: HOST, isTrusted: true } as MessageEvent);
  toHost.port2.onmessage = (event) => {
    for (const l of [...hostListeners]) l({ data: event.data, source: pluginWindow, origin: WEBAPP } as MessageEvent);
  };
  const close = (): void => {
    for (const port of [toPlugin.port1, toPlugin.port2, toHost.port1, toHost.port2]) port.close();
  };
  return { hostWindow, webapp, service, updates, dialOut, close };
}

describe('host-bridge ↔ plugin over MessageChannel', () => {
  it('connects by ping, drives the button, dials out and reports failures', async () => {
    const s = stack();
    const chat = connectExternalChat({ contentWindow: s.webapp } as unknown as HTMLIFrameElement, {
      webappOrigin: WEBAPP,
      window: s.hostWindow,
    });
    await chat.ready;
    await chat.setButtonActive(true);
    await chat.setBadge(true);
    await expect(
      Promise.all([
        chat.dialOut({ role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' }),
        chat.dialOut({ role: 'HOST', destination: 'bob@example.com', protocol: 'auto' }),
      ]),
    ).resolves.toEqual([
      { uuid: 'uuid-alice@example.com', displayName: 'alice@example.com' },
      { uuid: 'uuid-bob@example.com', displayName: 'bob@example.com' },
    ]);
    const failed = chat.dialOut({ role: 'GUEST', destination: 'fail@example.com', protocol: 'sip' });
    await expect(failed).rejects.toEqual(new DialOutError('Could not dial out to specified uri'));
    expect(s.service.state()).toEqual({ active: true, badge: true });
    expect(s.updates.at(-1)).toMatchObject({ isActive: true, tooltip: 'Close Chat', badge: { isVisible: true } });
    expect(s.dialOut).toHaveBeenCalledTimes(3);
    chat.close();
    s.close();
  });

  it('the plugin answers a raw envelope from a host without the library', async () => {
    const s = stack();
    const replies: unknown[] = [];
    s.hostWindow.addEventListener('message', (event) => replies.push((event as MessageEvent).data));
    (s.webapp.frames[0] as Window).postMessage(
      { action: `${ACTION_PREFIX}dial-out`, role: 'GUEST', destination: 'carol@example.com', protocol: 'sip' },
      '*',
    );
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    // The plugin said ready when it started; the answer follows.
    expect(replies[0]).toEqual({ action: `${ACTION_PREFIX}ready`, instanceId: 'one', echoesRequestId: true, features: [...FEATURES], connected: false, topics: ['roster', 'roster-changes', 'self', 'meeting-chat'] });
    expect(replies[1]).toEqual({ action: `${ACTION_PREFIX}dial-out-success`, uuid: 'uuid-carol@example.com', displayName: 'carol@example.com' });
    s.close();
  });
});
