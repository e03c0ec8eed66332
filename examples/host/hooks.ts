// window.__host: what the host demo exposes to tests and the console.
// Typed here, next to the page that builds it (host.ts), so tests import it instead of retyping it.
import type { connectExternalChat, ExternalChat } from '@external-chat/host-bridge';
import type { CallRecord } from './dial-form';
import type { LogEntry } from './envelope-log';
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
}

declare global {
  interface Window {
    __host?: HostHooks;
  }
}
