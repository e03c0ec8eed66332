// Pure: the room's chat as the side panel holds it, and what the plugin must
// be told after each change (the Chat button's state and its unread badge).

import type { Outbound } from './protocol';

export interface ChatMessage {
  id: number;
  author: string;
  text: string;
  t: number;
  /** Written on this page by the local user. */
  mine: boolean;
  /** A line about the call (joined, left), not a message. */
  system: boolean;
}

export interface ChatState {
  open: boolean;
  /** Messages from others that arrived while the panel was closed. */
  unread: number;
  messages: readonly ChatMessage[];
  nextId: number;
}

export type ChatEvent =
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'receive'; author: string; text: string; t: number }
  | { type: 'post'; author: string; text: string; t: number }
  | { type: 'system'; text: string; t: number };

/** Kept in the thread; older lines fall off. */
export const MAX_MESSAGES = 200;
export const MAX_TEXT = 2000;

export const initialChat = (): ChatState => ({ open: false, unread: 0, messages: [], nextId: 1 });

function append(state: ChatState, message: Omit<ChatMessage, 'id'>): ChatState {
  const messages = [...state.messages, { ...message, id: state.nextId }];
  return { ...state, messages: messages.slice(-MAX_MESSAGES), nextId: state.nextId + 1 };
}

export function chatReduce(state: ChatState, event: ChatEvent): ChatState {
  switch (event.type) {
    case 'open':
      return { ...state, open: true, unread: 0 };
    case 'close':
      return { ...state, open: false };
    case 'receive': {
      const next = append(state, { author: event.author, text: event.text.slice(0, MAX_TEXT), t: event.t, mine: false, system: false });
      return state.open ? next : { ...next, unread: state.unread + 1 };
    }
    case 'post': {
      const text = event.text.trim().slice(0, MAX_TEXT);
      return text === '' ? state : append(state, { author: event.author, text, t: event.t, mine: true, system: false });
    }
    case 'system':
      return append(state, { author: '', text: event.text, t: event.t, mine: false, system: true });
  }
}

export type ChatEffect = { name: 'chat-state'; fields: Outbound['chat-state'] } | { name: 'chat-unread'; fields: Outbound['chat-unread'] };

/** What the plugin must hear after `prev` became `next`: the button's state first, then the badge. */
export function chatEffects(prev: ChatState, next: ChatState): ChatEffect[] {
  const effects: ChatEffect[] = [];
  if (prev.open !== next.open) effects.push({ name: 'chat-state', fields: { active: next.open } });
  // As Rocket.Chat's hook: whether anything is unread, sent when that changes (not the count).
  if (prev.unread > 0 !== next.unread > 0) effects.push({ name: 'chat-unread', fields: { unread: next.unread > 0 } });
  return effects;
}

/** Everything the plugin needs to draw the button as the page has it: sent after each `ready` (a restarted plugin knows nothing). */
export function chatSync(state: ChatState): ChatEffect[] {
  return [
    { name: 'chat-state', fields: { active: state.open } },
    { name: 'chat-unread', fields: { unread: state.unread > 0 } },
  ];
}
