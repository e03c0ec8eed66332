// The contact centre's own chat, beside the meeting. Pure UI: host.ts decides
// when it opens and closes and tells the plugin (button state, badge).

import { h, shortClock } from './dom';

type Author = 'customer' | 'agent' | 'system';

interface Message {
  author: Author;
  text: string;
  t: number;
}

export interface ChatPanel {
  isOpen(): boolean;
  open(): void;
  close(): void;
  /** A message from the customer; counts as unread while the panel is closed. */
  receive(text?: string): void;
  /** A line from the desk itself (meeting joined, call dropped, ...). */
  system(text: string): void;
  /** Unread customer messages since the panel was last open. */
  unread(): number;
  markRead(): void;
}

export interface ChatPanelElements {
  panel: HTMLElement;
  thread: HTMLElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  closeButton: HTMLButtonElement;
  unreadCounter: HTMLElement;
}

const CUSTOMER = 'Jane Doe';

const INCOMING = [
  'Sorry, my camera froze for a second. Can you still see me?',
  'I have the invoice number here: INV-2024-0931.',
  'Could you send me a link to the refund form?',
  'My colleague Sam would like to join the call too.',
  'Thanks, that makes sense now.',
];

/** Wires the chat panel; `onCloseClicked` runs when the agent closes it from inside. */
export function createChatPanel(elements: ChatPanelElements, onCloseClicked: () => void): ChatPanel {
  const { panel, thread, form, input, closeButton, unreadCounter } = elements;
  const now = Date.now();
  const messages: Message[] = [
    { author: 'system', text: 'Conversation started from the website', t: now - 9 * 60_000 },
    { author: 'customer', text: 'Hi, I was charged twice for my March subscription.', t: now - 8 * 60_000 },
    { author: 'agent', text: 'Hello Jane, sorry about that. Let me take a look at your account.', t: now - 7 * 60_000 },
    { author: 'customer', text: 'Sure. Can we do a quick video call? It is easier to show you.', t: now - 6 * 60_000 },
    { author: 'agent', text: 'Of course, I am starting one now.', t: now - 5 * 60_000 },
  ];
  let unread = 0;
  let nextIncoming = 0;

  const render = (message: Message): HTMLElement => {
    if (message.author === 'system') return h('li', 'msg system', h('span', '', message.text), h('time', '', shortClock(message.t)));
    const who = message.author === 'agent' ? 'You' : CUSTOMER;
    return h(
      'li',
      `msg ${message.author}`,
      h('div', 'msg-meta', h('span', 'msg-author', who), h('time', '', shortClock(message.t))),
      h('div', 'msg-bubble', message.text),
    );
  };

  const append = (message: Message): void => {
    messages.push(message);
    thread.append(render(message));
    thread.scrollTop = thread.scrollHeight;
  };

  const showUnread = (): void => {
    unreadCounter.textContent = String(unread);
    unreadCounter.hidden = unread === 0;
  };

  thread.replaceChildren(...messages.map(render));
  showUnread();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    append({ author: 'agent', text, t: Date.now() });
    input.value = '';
  });
  closeButton.addEventListener('click', onCloseClicked);

  const api: ChatPanel = {
    isOpen: () => !panel.hidden,
    open() {
      panel.hidden = false;
      api.markRead();
      thread.scrollTop = thread.scrollHeight;
      input.focus({ preventScroll: true });
    },
    close() {
      panel.hidden = true;
    },
    receive(text) {
      append({ author: 'customer', text: text ?? INCOMING[nextIncoming++ % INCOMING.length] ?? '', t: Date.now() });
      if (!api.isOpen()) {
        unread++;
        showUnread();
      }
    },
    system(text) {
      append({ author: 'system', text, t: Date.now() });
    },
    unread: () => unread,
    markRead() {
      unread = 0;
      showUnread();
    },
  };
  return api;
}
