// The video meeting's own chat in the desk's chat panel: its messages come in
// through `chat.on('meeting-message')`, replies go out with
// `chat.sendMeetingMessage`, and a message that arrives while the panel is
// closed nudges the agent with a toast inside the meeting (`chat.notify`).

import { ControlError, type ExternalChat } from '@external-chat/host-bridge';
import { replyTargets, toastText } from './chat-model';
import type { ChatPanel } from './chat-panel';

/** What the wiring needs of the bridge. */
export type MeetingChatBridge = Pick<ExternalChat, 'on' | 'features' | 'connected' | 'roster' | 'self' | 'notify'>;

/** One toast asked for, and what became of it. */
export interface NotifyRecord {
  text: string;
  /** `refused`: the plugin said no (at most one toast per 3 s): expected, and not shown to the agent. */
  outcome: 'pending' | 'shown' | 'refused' | 'failed';
  reason?: string;
}

export interface MeetingChatHooks {
  /** Every toast asked for, oldest first. */
  notifications(): NotifyRecord[];
}

/** Subscribes to the meeting's chat and keeps the panel's reply targets up to date. */
export function connectMeetingChat(chat: MeetingChatBridge, panel: ChatPanel): MeetingChatHooks {
  const notifications: NotifyRecord[] = [];

  const offers = (feature: string): boolean => chat.features.includes(feature);
  const selfUuid = (): string | undefined => chat.self?.participantUuid;

  const nudge = (text: string): void => {
    const record: NotifyRecord = { text, outcome: 'pending' };
    notifications.push(record);
    chat.notify(text).then(
      () => {
        record.outcome = 'shown';
      },
      (error: unknown) => {
        // A refusal is the plugin's rate limit doing its job: the message is in the thread and the badge counts it.
        record.outcome = error instanceof ControlError ? 'refused' : 'failed';
        record.reason = error instanceof Error ? error.message : String(error);
        if (record.outcome === 'failed') console.warn('[host] notify failed', error);
      },
    );
  };

  chat.on('meeting-message', (message) => {
    const entry = panel.meetingMessage(message, selfUuid());
    if (!entry || entry.kind !== 'meeting' || panel.isOpen() || !offers('notify')) return;
    nudge(toastText(entry.author, entry.text));
  });

  // A roster can change many times a second: the targets follow at most once a frame.
  let scheduled = false;
  const refreshTargets = (): void => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      panel.setTargets(
        replyTargets({ meetingChat: offers('meeting-chat'), connected: chat.connected, roster: chat.roster, selfUuid: selfUuid() }),
      );
    });
  };
  chat.on('ready', refreshTargets);
  chat.on('connected', refreshTargets);
  chat.on('disconnected', refreshTargets);
  chat.on('roster', refreshTargets);
  chat.on('self', refreshTargets);

  return { notifications: () => notifications.map((n) => ({ ...n })) };
}
