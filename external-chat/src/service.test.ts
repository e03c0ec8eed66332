import type { ToolbarButtonPayload } from '@pexip/plugin-api';
import { describe, expect, it, vi } from 'vitest';
import { toButtonPayload } from './button-state';
import { createService, type ServiceEvent, type ServiceOptions, type WebApp3 } from './service';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function setup(dialOut: WebApp3['dialOut'] = vi.fn(), options: ServiceOptions = {}) {
  const updates: ToolbarButtonPayload[] = [];
  const participantUpdates: ToolbarButtonPayload[] = [];
  const on: {
    click?: () => void;
    participantsClick?: () => void;
    connected?: () => void;
    disconnected?: Parameters<WebApp3['onDisconnected']>[0];
    message?: Parameters<WebApp3['onMessage']>[0];
    language?: Parameters<WebApp3['onLanguage']>[0];
  } = {};
  const service = createService(
    {
      updateButton: async (button, payload) => void (button === 'chat' ? updates : button === 'participants' ? participantUpdates : []).push(payload),
      dialOut,
      onButtonClick: (button, handler) => void (button === 'chat' ? (on.click = handler) : button === 'participants' ? (on.participantsClick = handler) : undefined),
      onConnected: (handler) => (on.connected = handler),
      onDisconnected: (handler) => (on.disconnected = handler),
      control: async () => undefined,
      onParticipants: () => undefined,
      onMe: () => undefined,
      onMessage: (handler) => (on.message = handler),
      onLanguage: (handler) => (on.language = handler),
      participantsNow: async () => undefined,
    },
    () => undefined,
    options,
  );
  const events: ServiceEvent[] = [];
  service.onEvent((event) => events.push(event));
  return { service, updates, participantUpdates, on, events };
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
    service.setBadge({ visible: true });
    await settle();
    service.setButtonActive(true);
    await settle();
    expect(updates.at(-1)).toEqual({ position: 'toolbar', icon: 'IconChat', tooltip: 'Close Chat', isActive: true, badge: { isVisible: true } });
    service.setBadge({ visible: false });
    await settle();
    expect(updates.at(-1)).toMatchObject({ tooltip: 'Close Chat', isActive: true, badge: { isVisible: false } });
    expect(service.state()).toEqual({ active: true, badge: false });
  });
});

describe("the tooltip: count, language and the deployment's words", () => {
  it('counts the unread while the badge shows, and stops when the page sends the dot alone', async () => {
    const { service, updates } = setup();
    service.setBadge({ visible: true, count: 3 });
    await settle();
    expect(updates.at(-1)).toMatchObject({ tooltip: 'Open Chat (3 unread)', badge: { isVisible: true } });
    service.setBadge({ visible: false, count: 3 });
    await settle();
    expect(updates.at(-1)).toMatchObject({ tooltip: 'Open Chat', badge: { isVisible: false } });
    service.setBadge({ visible: true });
    await settle();
    expect(updates.at(-1)).toMatchObject({ tooltip: 'Open Chat', badge: { isVisible: true } });
  });

  it("follows Web App 3's language, redrawn once per change, keeping the rest of the state", async () => {
    const { service, updates, on } = setup();
    service.setBadge({ visible: true, count: 2 });
    await settle();
    on.language?.('de-DE');
    await settle();
    expect(updates.at(-1)).toMatchObject({ tooltip: 'Chat öffnen (2 ungelesen)', badge: { isVisible: true } });
    const drawn = updates.length;
    on.language?.('de');
    on.language?.('not a language');
    await settle();
    expect(updates).toHaveLength(drawn);
    expect(service.state().language).toBe('de');
    on.language?.('xx');
    await settle();
    expect(updates.at(-1)).toMatchObject({ tooltip: 'Open Chat (2 unread)' });
  });

  it("draws nothing again for English, the language a button has before Web App 3 says one (it says 'en' after the ack), nor for one without strings", async () => {
    const { service, updates, on } = setup();
    await settle();
    const drawn = updates.length;
    on.language?.('en');
    on.language?.('en-GB');
    on.language?.('xx');
    await settle();
    expect(updates).toHaveLength(drawn);
    expect(service.state().language).toBeUndefined();
    on.language?.('nb');
    await settle();
    expect(updates).toHaveLength(drawn + 1);
    on.language?.('en');
    await settle();
    expect(updates.at(-1)).toMatchObject({ tooltip: 'Open Chat' });
  });

  it("uses config.json's labels in every language", async () => {
    const { service, updates, on } = setup(vi.fn(), { labels: { open: 'Talk to us', close: 'Hide' } });
    on.language?.('fr');
    service.setButtonActive(true);
    await settle();
    expect(updates.at(-1)).toMatchObject({ tooltip: 'Hide' });
    service.setButtonActive(false);
    service.setBadge({ visible: true, count: 1 });
    // Two changes in a row are drawn as one, once the button is quiet.
    await vi.waitFor(() => expect(updates.at(-1)).toMatchObject({ tooltip: 'Talk to us (1 non lu)' }));
  });
});

describe('the Participants button (a dialect that has one)', () => {
  it('asks for the opposite of what the page last said, and shows what the page says, in its language', async () => {
    const { service, on, events, participantUpdates, updates } = setup();
    on.participantsClick?.();
    expect(events).toEqual([{ name: 'toggle-participants', payload: { active: true } }]);
    service.setParticipantsButtonActive(true);
    await settle();
    expect(participantUpdates).toEqual([{ position: 'toolbar', icon: 'IconParticipant', tooltip: 'Close participants', isActive: true }]);
    on.participantsClick?.();
    expect(events.at(-1)).toEqual({ name: 'toggle-participants', payload: { active: false } });
    on.language?.('sv');
    await settle();
    expect(participantUpdates.at(-1)).toMatchObject({ tooltip: 'Stäng deltagare', isActive: true });
    expect(updates.at(-1)).toMatchObject({ tooltip: 'Öppna chatten' });
    expect(service.participantsState()).toEqual({ active: true, language: 'sv' });
  });

  it('is not redrawn when nothing changed, and leaves the Chat button alone', async () => {
    const { service, participantUpdates, updates } = setup();
    service.setParticipantsButtonActive(false);
    await settle();
    expect(participantUpdates).toEqual([]);
    service.setParticipantsButtonActive(true);
    await settle();
    expect(participantUpdates).toHaveLength(1);
    expect(updates).toEqual([]);
  });
});

describe('events', () => {
  it('a click asks for the opposite of the state the page set; the button itself does not change', async () => {
    const { service, updates, on, events } = setup();
    on.click?.();
    expect(events).toEqual([{ name: 'toggle-chat', payload: { active: true } }]);
    await settle();
    expect(updates).toEqual([]);
    service.setButtonActive(true);
    on.click?.();
    expect(events.at(-1)).toEqual({ name: 'toggle-chat', payload: { active: false } });
  });

  it('raises connected and disconnected as Web App 3 reports them', () => {
    const { on, events } = setup();
    on.connected?.();
    on.disconnected?.({ userInitiated: true });
    expect(events).toEqual([
      { name: 'connected', payload: {} },
      { name: 'disconnected', payload: { userInitiated: true } },
    ]);
  });
});

describe('dialOut', () => {
  it("hands Web App 3's answer and failures back as they are (the endpoint picks the fields)", async () => {
    const body = { role: 'GUEST', destination: 'a', protocol: 'sip' } as const;
    const participant = { uuid: 'u1', displayName: 'Alice', isHost: false };
    await expect(setup(vi.fn().mockResolvedValue(participant)).service.dialOut(body)).resolves.toBe(participant);
    await expect(setup(vi.fn().mockRejectedValue({ reason: 'Invalid URI' })).service.dialOut(body)).rejects.toEqual({ reason: 'Invalid URI' });
  });
});
