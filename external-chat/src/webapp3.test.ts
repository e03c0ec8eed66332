import { MAX_STRING_LENGTH, type DisconnectedPayload } from '@external-chat/host-bridge/contract';
import type { Button, Plugin } from '@pexip/plugin-api';
import { describe, expect, it } from 'vitest';
import { webApp3 } from './webapp3';

/** Just the signals webApp3 subscribes to, fired by the test. */
function fakePlugin() {
  const handlers: Record<string, (payload?: unknown) => void> = {};
  const signal = (name: string) => ({ add: (handler: (payload?: unknown) => void) => (handlers[name] = handler) });
  const plugin = {
    events: { connected: signal('connected'), disconnected: signal('disconnected'), userInitiatedDisconnect: signal('left') },
  } as unknown as Plugin;
  const button = { onClick: signal('click') } as unknown as Button<'toolbar'>;
  return { plugin, button, fire: (name: string, payload?: unknown) => handlers[name]?.(payload) };
}

describe('webApp3: plugin-api as the service sees it', () => {
  it('takes button updates before Web App 3 has added the button, and shows them once it has', async () => {
    const { plugin } = fakePlugin();
    const updates: unknown[] = [];
    let add!: (button: Button<'toolbar'>) => void;
    const webapp = webApp3(plugin, new Promise((resolve) => (add = resolve)));
    const pending = webapp.updateButton({ position: 'toolbar', icon: 'IconChat', tooltip: 'Close Chat', isActive: true });
    await Promise.resolve();
    expect(updates).toEqual([]);
    add({ update: async (payload: unknown) => void updates.push(payload) } as unknown as Button<'toolbar'>);
    await pending;
    expect(updates).toEqual([{ position: 'toolbar', icon: 'IconChat', tooltip: 'Close Chat', isActive: true }]);
  });

  it('reports Leave and a dropped call, with Infinity’s error cut to what the wire carries', () => {
    const { plugin, button, fire } = fakePlugin();
    const seen: DisconnectedPayload[] = [];
    webApp3(plugin, Promise.resolve(button)).onDisconnected((payload) => seen.push(payload));
    fire('left');
    fire('disconnected', { error: 'x'.repeat(MAX_STRING_LENGTH + 10), errorCode: 117 });
    fire('disconnected', undefined);
    expect(seen[0]).toEqual({ userInitiated: true });
    expect(seen[1]).toEqual({ userInitiated: false, error: 'x'.repeat(MAX_STRING_LENGTH), errorCode: '117' });
    expect(seen[2]).toEqual({ userInitiated: false });
  });
});
