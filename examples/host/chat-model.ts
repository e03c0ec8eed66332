// Pure: the desk's one chat thread, which mixes the customer's web chat with
// the video meeting's own chat, and the rules around it (who a reply can go
// to, what a toast may say). No DOM here; chat-panel.ts draws it.

import type { MeetingMessage, RosterEntry } from '@external-chat/host-bridge';
import { MAX_NOTIFY_LENGTH } from '@external-chat/host-bridge/contract';

export type { MeetingMessage };

/**
 * - `system`: a line from the desk itself (meeting joined, call dropped)
 * - `web` / `mine-web`: the customer's web chat, from her / from the agent
 * - `meeting` / `mine-meeting`: the video meeting's chat, from someone there / from the agent
 */
export type EntryKind = 'system' | 'web' | 'mine-web' | 'meeting' | 'mine-meeting';

export type SendState = 'pending' | 'sent' | 'failed';

export interface ThreadEntry {
  /** Unique in the thread: `meeting:<id>` for the meeting's messages, `local:<n>` for the desk's own. */
  key: string;
  kind: EntryKind;
  /** Who wrote it, as shown ('You' for the agent). */
  author: string;
  text: string;
  /** ms since the epoch: the thread is in this order. */
  t: number;
  /** A private meeting message: to the agent (`meeting`) or from the agent to `to` (`mine-meeting`). */
  direct: boolean;
  /** meeting: the writer's uuid (a reply goes back to it); mine-meeting: the recipient's uuid when private. */
  participantUuid?: string;
  /** mine-meeting, private: the recipient's name as it was when sent. */
  to?: string;
  /** mine-meeting: where its sending stands. */
  state?: SendState;
  /** mine-meeting, failed: why, as the bridge said it. */
  error?: string;
}

/**
 * The thread in time order, each message once. `add` answers the index the
 * new entry went to (so the view inserts one node, not a redraw) or
 * undefined for a key it already has: the plugin sends its kept messages again
 * to a page that subscribes again, and a restarted plugin may repeat some.
 */
export function createThread(initial: readonly ThreadEntry[] = []) {
  const entries: ThreadEntry[] = [];
  const keys = new Set<string>();
  const thread = {
    add(entry: ThreadEntry): number | undefined {
      if (keys.has(entry.key)) return undefined;
      keys.add(entry.key);
      // After every entry at or before its time: equal times keep arrival order.
      let index = entries.length;
      while (index > 0 && entries[index - 1]!.t > entry.t) index--;
      entries.splice(index, 0, entry);
      return index;
    },
    has: (key: string): boolean => keys.has(key),
    /** Changes an entry in place; answers its index, or undefined for an unknown key. */
    update(key: string, patch: Partial<Omit<ThreadEntry, 'key' | 't'>>): number | undefined {
      const index = entries.findIndex((e) => e.key === key);
      if (index < 0) return undefined;
      entries[index] = { ...entries[index]!, ...patch };
      return index;
    },
    get: (key: string): ThreadEntry | undefined => entries.find((e) => e.key === key),
    entries: (): readonly ThreadEntry[] => entries,
  };
  for (const entry of initial) thread.add(entry);
  return thread;
}
export type Thread = ReturnType<typeof createThread>;

/** The name shown for someone whose display name is empty. */
export const UNNAMED = 'Someone in the meeting';

/**
 * A message of the meeting's chat as a thread entry. `selfUuid` is the
 * agent's own uuid in the meeting: a message from it is the agent's (should
 * Infinity ever echo one back), shown on the agent's side.
 */
export function meetingEntry(message: MeetingMessage, selfUuid?: string): ThreadEntry {
  const t = Date.parse(message.at);
  const mine = selfUuid !== undefined && message.participantUuid === selfUuid;
  return {
    key: `meeting:${message.id}`,
    kind: mine ? 'mine-meeting' : 'meeting',
    author: mine ? 'You' : message.displayName.trim() || UNNAMED,
    text: message.text,
    t: Number.isNaN(t) ? Date.now() : t,
    direct: message.direct,
    participantUuid: message.participantUuid,
    ...(mine ? { state: 'sent' as const } : {}),
  };
}

/** Whether an arriving entry is something the agent has yet to read (not the desk's nor the agent's own). */
export const countsAsUnread = (entry: ThreadEntry): boolean => entry.kind === 'web' || entry.kind === 'meeting';

/** What the status line under one of the agent's meeting messages says. */
export function sendStatus(entry: ThreadEntry): string {
  const where = entry.direct ? `private to ${entry.to ?? UNNAMED}` : 'to the meeting';
  if (entry.state === 'pending') return `Sending ${where}…`;
  if (entry.state === 'failed') return `Not sent ${where}: ${entry.error ?? 'unknown error'}`;
  return where;
}

// ---- who a reply goes to ----

/** `web` = the customer's web chat; `meeting` = everyone in the meeting; `meeting:<uuid>` = privately to one person there. */
export type TargetValue = 'web' | 'meeting' | `meeting:${string}`;

export interface Target {
  value: TargetValue;
  label: string;
  /** The person's uuid, for a private meeting target. */
  participantUuid?: string;
  /** The person's name, for a private meeting target. */
  name?: string;
}

export const WEB_TARGET: Target = { value: 'web', label: 'Jane Doe (web chat)' };
export const EVERYONE_TARGET: Target = { value: 'meeting', label: 'Everyone in the meeting' };

/** A select of a thousand people helps nobody: beyond this, the Reply action on a message reaches the rest. */
export const MAX_PRIVATE_TARGETS = 50;

export const privateTarget = (participantUuid: string, name: string): Target => ({
  value: `meeting:${participantUuid}`,
  label: `${name} (private)`,
  participantUuid,
  name,
});

/**
 * Where a reply may go: the web chat always; when the plugin offers the
 * meeting's chat and the agent is in the meeting, everyone there and each
 * person in the room (not the lobby, who cannot read it; not the agent).
 */
export function replyTargets(input: {
  meetingChat: boolean;
  connected: boolean;
  roster: readonly RosterEntry[];
  selfUuid: string | undefined;
}): Target[] {
  if (!input.meetingChat || !input.connected) return [WEB_TARGET];
  const people = input.roster
    .filter((p) => !p.isWaiting && p.uuid !== input.selfUuid)
    .slice(0, MAX_PRIVATE_TARGETS)
    .map((p) => privateTarget(p.uuid, p.displayName.trim() || UNNAMED));
  return [WEB_TARGET, EVERYONE_TARGET, ...people];
}

/** The target a Reply on this meeting message sets: privately back to its writer when it was private, else everyone. */
export function replyTargetFor(entry: ThreadEntry): Target {
  return entry.direct && entry.participantUuid ? privateTarget(entry.participantUuid, entry.author) : EVERYONE_TARGET;
}

// ---- the toast ----

/**
 * `${name}: ${text}` as one toast line: control characters and line breaks
 * become spaces (the toast is one line and the contract refuses control
 * characters), runs of spaces shrink to one, and a line longer than the
 * toast takes is cut with '…', never inside a character.
 */
export function toastText(displayName: string, text: string, max = MAX_NOTIFY_LENGTH): string {
  const line = `${displayName.trim() || UNNAMED}: ${text}`
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (line.length <= max) return line;
  const chars = Array.from(line);
  // Length counts UTF-16 units, as the contract does: drop whole characters until the line and '…' fit.
  let cut = '';
  for (const ch of chars) {
    if (cut.length + ch.length + 1 > max) break;
    cut += ch;
  }
  return `${cut.trimEnd()}…`;
}
