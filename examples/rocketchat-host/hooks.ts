// window.__rc: what the Rocket.Chat host page exposes to tests and the console.
import type { DialRecord } from './dial-form';
import type { LogEntry } from './log';
import type { DrawnRow } from './people-panel';
import type { Feature, RosterEntry, SelfState } from './protocol';

export interface RcHooks {
  /** The features of the last `ready` (what the page draws controls for); [] before it. */
  features(): Feature[];
  /** How many `ready` the page accepted. */
  readies(): number;
  connected(): boolean;
  /** The last roster accepted, as sent. */
  roster(): RosterEntry[];
  self(): SelfState | undefined;
  chatOpen(): boolean;
  participantsOpen(): boolean;
  /** Messages from the room not yet read. */
  unread(): number;
  /** Every `unread` value the page sent with chat-unread, in order. */
  readonly unreadSent: unknown[];
  /** Every envelope both ways, oldest first; refused ones say why. */
  readonly log: LogEntry[];
  /** Messages from a wrong origin or a window outside the iframe, dropped unread. */
  dropped(): number;
  /** The people panel as drawn: each row's controls, read from the DOM. */
  rows(): DrawnRow[];
  /** Whether the mute-all-guests button is drawn. */
  muteAllDrawn(): boolean;
  /** Whether the dial-out form is drawn. */
  dialDrawn(): boolean;
  dials(): DialRecord[];
  /** Posts `{action: 'rocketchat:videoconf/<name>', ...fields}` as the page would, unchecked (tests send malformed ones on purpose). */
  send(name: string, fields?: Record<string, unknown>): void;
  /** A room member writes in the chat. */
  receive(author?: string, text?: string): void;
}

declare global {
  interface Window {
    __rc?: RcHooks;
  }
}
