// Pure: the meeting's chat messages (as @pexip/plugin-api types them) → the wire's meeting-message, and the messages kept for a page that subscribes later.
import { checkFields, MAX_KEPT_ITEMS, MAX_MEETING_MESSAGE_LENGTH, MAX_STRING_LENGTH, MEETING_MESSAGE, type MeetingMessage } from '@external-chat/host-bridge/internal';
import type { Message } from '@pexip/plugin-api';

const clip = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

/** A time the wire's rule accepts: four-digit years, UTC (toISOString writes ±YYYYYY beyond year 9999). */
const ISO_TIME = MEETING_MESSAGE.at.pattern;

/** `at` is a Date from Web App 3; a string or number is read as one, anything unreadable is the time it arrived. */
function timeOf(at: unknown, now: () => number): string {
  const date = at instanceof Date ? at : typeof at === 'string' || typeof at === 'number' ? new Date(at) : undefined;
  const iso = date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
  return iso !== undefined && ISO_TIME.test(iso) ? iso : new Date(now()).toISOString();
}

export interface MessageContext {
  /** Wall-clock ms, for a message without a readable time. */
  now(): number;
  /** A new number each call, for a message without an id: two in one millisecond from one sender must still differ. */
  sequence(): number;
}

/**
 * The wire's message, checked against the contract's rule; undefined for one
 * that names no sender or carries no text (nothing a page could show).
 * Infinity's text is trusted for its shape, not its length: longer text is cut
 * to what the wire carries.
 */
export function toMeetingMessage(message: Message, direct: boolean, context: MessageContext): MeetingMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const text = clip(message.message, MAX_MEETING_MESSAGE_LENGTH);
  if (text === '') return undefined;
  const at = timeOf(message.at, context.now);
  const participantUuid = clip(message.userId, MAX_STRING_LENGTH);
  // Web App 3 gives every message an id; one without gets one of its own, so a page can still tell messages apart.
  const id = clip(message.id, MAX_STRING_LENGTH) || `${participantUuid}@${at}#${context.sequence()}`;
  const checked = checkFields('meeting-message', { id, at, participantUuid, displayName: clip(message.displayName, MAX_STRING_LENGTH), text, direct }, MEETING_MESSAGE);
  return checked.ok ? checked.value : undefined;
}

/** The last MAX_KEPT_ITEMS messages, oldest first: what a page that subscribes gets at once. */
export function createKept<T>(max = MAX_KEPT_ITEMS) {
  const items: T[] = [];
  return {
    add(item: T): void {
      items.push(item);
      if (items.length > max) items.shift();
    },
    list: (): readonly T[] => [...items],
    clear(): void {
      items.length = 0;
    },
  };
}

/** How long after the send's answer its echo may come, from the user. */
export const ECHO_MS = 10_000;
/**
 * How long, while the plugin does not know who the user is (no `me` yet), a message with the text of one the page
 * sent counts as its echo: its text and time are all that tell, and another person's words must not be lost.
 */
export const UNSURE_ECHO_MS = 2_000;

/**
 * The meeting messages the plugin sent, until they come back: Web App 3 may echo a plugin's own message
 * as `event:message`, before or after the send's answer and with a fresh id, so only its text tells. Each
 * send is matched once; its window counts from the send, and again from its answer (set `at`). A send that
 * failed is forgotten (nothing comes back).
 */
export function createEchoes(elapsed: () => number) {
  let sent: { text: string; at: number }[] = [];
  const forget = (entry: object): void => void (sent = sent.filter((one) => one !== entry && elapsed() - one.at < ECHO_MS));
  return {
    add(text: string): { at: number } {
      const entry = { text, at: elapsed() };
      forget(entry);
      sent.push(entry);
      return entry;
    },
    forget,
    /** Whether `text` comes back from a send (which is then forgotten); `sure`: it comes from the user. */
    take(text: unknown, sure: boolean): boolean {
      const echo = sent.find((one) => one.text === text && elapsed() - one.at < (sure ? ECHO_MS : UNSURE_ECHO_MS));
      if (echo) forget(echo);
      return echo !== undefined;
    },
  };
}
