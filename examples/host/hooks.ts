// window.__host: what the host demo exposes to tests and the console.
// Typed here, next to the page that builds it (host.ts), so tests import it instead of retyping it.
import type { connectExternalChat, ExternalChat } from '@external-chat/host-bridge';
import type { Target } from './chat-model';
import type { RenderedMessage } from './chat-panel';
import type { CallRecord } from './dial-form';
import type { LogEntry } from './envelope-log';
import type { NotifyRecord } from './meeting-chat';
import type { ParticipantsPanel } from './participants-panel';

export interface HostHooks {
  chat: ExternalChat;
  /** connectExternalChat itself, for a second bridge from the console or a test. */
  connect: typeof connectExternalChat;
  /** Every envelope, oldest first (the on-screen log keeps the newest 200). */
  log: LogEntry[];
  panelOpen(): boolean;
  calls: CallRecord[];
  /** The participants panel: its drawn rows, status line, draw count, and a hold on drawing. */
  participants: ParticipantsPanel;
  /** The chat panel's thread as drawn (web chat and meeting chat, in time order), read from the DOM. */
  chatThread(): RenderedMessage[];
  /** Messages that arrived while the chat panel was closed (what the Chat button's badge counts). */
  unread(): number;
  /** Where the composer's next message goes. */
  chatTarget(): Target;
  /** Every toast the page asked the meeting for (chat.notify), with its outcome. */
  notifications(): NotifyRecord[];
}

declare global {
  interface Window {
    __host?: HostHooks;
  }
}
