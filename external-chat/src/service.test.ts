import type { ToolbarButtonPayload } from '@pexip/plugin-api';
import { describe, expect, it, vi } from 'vitest';
import { toButtonPayload } from './button-state';
import { createService } from './service';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function setup(dialOut = vi.fn()) {
  const updates: ToolbarButtonPayload[] = [];
  const service = createService({
    updateButton: async (payload) => {
      updates.push(payload);
    },
    dialOut,
    onButtonError: () => undefined,
  });
  return { service, updates, dialOut };
}

describe('button state', () => {
  it('starts as Open Chat, IconChat, not active, no badge', () => {
    expect(toButtonPayload({ active: false, badge: false })).toEqual({
      position: 'toolbar',
      icon: 'IconChat',
      tooltip: 'Open Chat',
      isActive: false,
      badge: { isVisible: false },
    });
  });

  it('sets active with the Close Chat tooltip and keeps the badge', async () => {
    const { service, updates } = setup();
    service.setBadge(true);
    await settle();
    service.setButtonActive(true);
    await settle();
    expect(updates.at(-1)).toEqual({ position: 'toolbar', icon: 'IconChat', tooltip: 'Close Chat', isActive: true, badge: { isVisible: true } });
    service.setBadge(false);
    await settle();
    expect(updates.at(-1)).toMatchObject({ tooltip: 'Close Chat', isActive: true, badge: { isVisible: false } });
    expect(service.state()).toEqual({ active: true, badge: false });
  });
});

describe('dialOut', () => {
  it('returns uuid and displayName only', async () => {
    const { service } = setup(vi.fn().mockResolvedValue({ uuid: 'u1', displayName: 'Alice', isHost: false, onDisconnect: {} }));
    await expect(service.dialOut({ role: 'GUEST', destination: 'a', protocol: 'sip' })).resolves.toEqual({ uuid: 'u1', displayName: 'Alice' });
  });

  it('turns plugin-api rejections of any shape into an Error with a message', async () => {
    const body = { role: 'GUEST', destination: 'a', protocol: 'sip' } as const;
    await expect(setup(vi.fn().mockRejectedValue({ reason: 'Invalid URI' })).service.dialOut(body)).rejects.toThrow('Invalid URI');
    await expect(setup(vi.fn().mockRejectedValue(new Error('Could not dial out to specified uri'))).service.dialOut(body)).rejects.toThrow(
      'Could not dial out to specified uri',
    );
    await expect(setup(vi.fn().mockRejectedValue(undefined)).service.dialOut(body)).rejects.toThrow('Unknown error');
  });
});
