// The contact centre's own chat, beside the meeting: the customer's web chat
// and the video meeting's chat in one thread (the rules live in
// chat-model.ts). UI only: host.ts decides when it opens and closes and tells
// the plugin (button state, badge); meeting-chat.ts feeds it the meeting's
// messages and reply targets. Everything from outside is shown as text, never HTML.

import {
  countsAsUnread,
  createThread,
  meetingEntry,
  replyTargetFor,
  sendStatus,
  WEB_TARGET,
  type EntryKind,
  type MeetingMessage,
  type Target,
  type ThreadEntry,
} from './chat-model';
import { h, shortClock } from './dom';

export interface ChatPanel {
  isOpen(): boolean;
  open(): void;
  close(): void;
  /** A message from the customer; counts as unread while the panel is closed. */
  receive(text?: string): void;
  /** A line from the desk itself (meeting joined, call dropped, ...). */
  system(text: string): void;
  /**
   * A message of the meeting's chat: the entry it became, or undefined when
   * the thread already has it (same id). A new one from someone else counts as
   * unread while the panel is closed.
   */
  meetingMessage(message: MeetingMessage, selfUuid?: string): ThreadEntry | undefined;
  /** Where a reply may go (the first is the web chat); the choice stays when it is still offered. */
  setTargets(targets: readonly Target[]): void;
  /** The reply target chosen in the composer. */
  target(): Target;
  /** Unread messages since the panel was last open. */
  unread(): number;
  markRead(): void;
  /** The thread as drawn, read from the DOM (for tests). */
  rendered(): RenderedMessage[];
}

/** One drawn message, as a test reads it. */
export interface RenderedMessage {
  kind: EntryKind;
  /** '' for the desk's own lines */
  author: string;
  text: string;
  direct: boolean;
  pending: boolean;
  failed: boolean;
  /** The line under the agent's meeting messages ('to the meeting', 'private to Bob', 'Not sent …'), else ''. */
  status: string;
}

export interface ChatPanelElements {
  panel: HTMLElement;
  thread: HTMLElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  targetRow: HTMLElement;
  target: HTMLSelectElement;
  closeButton: HTMLButtonElement;
  unreadCounter: HTMLElement;
}

export interface ChatPanelHooks {
  /** The agent closed the panel from inside. */
  onCloseClicked(): void;
  /** Sends the agent's text to the meeting (privately to `participantUuid` when given); rejects with the reason. */
  sendToMeeting(text: string, participantUuid: string | undefined): Promise<void>;
  /** The unread count changed (the page puts it on the Chat button's badge). */
  onUnreadChange(count: number): void;
}

const CUSTOMER = 'Jane Doe';

const INCOMING = [
  'Sorry, my camera froze for a second. Can you still see me?',
  'I have the invoice number here: INV-2024-0931.',
  'Could you send me a link to the refund form?',
  'My colleague Sam would like to join the call too.',
  'Thanks, that makes sense now.',
];

const PLACEHOLDER: Record<'web' | 'meeting' | 'private', (target: Target) => string> = {
  web: () => `Write to ${CUSTOMER}…`,
  meeting: () => 'Write to the meeting…',
  private: (target) => `Write to ${target.name ?? 'them'}…`,
};

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Wires the chat panel. */
export function createChatPanel(elements: ChatPanelElements, hooks: ChatPanelHooks): ChatPanel {
  const { panel, thread, form, input, targetRow, target: select, closeButton, unreadCounter } = elements;
  const now = Date.now();
  let localCount = 0;
  const local = (kind: EntryKind, author: string, text: string, t = Date.now()): ThreadEntry => ({
    key: `local:${++localCount}`,
    kind,
    author,
    text,
    t,
    direct: false,
  });
  const model = createThread([
    local('system', '', 'Conversation started from the website', now - 9 * 60_000),
    local('web', CUSTOMER, 'Hi, I was charged twice for my March subscription.', now - 8 * 60_000),
    local('mine-web', 'You', 'Hello Jane, sorry about that. Let me take a look at your account.', now - 7 * 60_000),
    local('web', CUSTOMER, 'Sure. Can we do a quick video call? It is easier to show you.', now - 6 * 60_000),
    local('mine-web', 'You', 'Of course, I am starting one now.', now - 5 * 60_000),
  ]);
  const nodes = new Map<string, HTMLElement>();
  let unread = 0;
  let nextIncoming = 0;
  let targets: readonly Target[] = [WEB_TARGET];
  let chosen: Target = WEB_TARGET;

  const render = (entry: ThreadEntry): HTMLElement => {
    if (entry.kind === 'system') {
      const li = h('li', 'msg system', h('span', 'msg-text', entry.text), h('time', '', shortClock(entry.t)));
      li.dataset.kind = entry.kind;
      return li;
    }
    const meeting = entry.kind === 'meeting' || entry.kind === 'mine-meeting';
    const mine = entry.kind === 'mine-web' || entry.kind === 'mine-meeting';
    const meta = h(
      'div',
      'msg-meta',
      meeting && h('span', 'msg-tag', 'Meeting'),
      h('span', 'msg-author', entry.author),
      h('time', '', shortClock(entry.t)),
    );
    // Under the bubble: who else can read it and how to answer (theirs), or how the sending went (the agent's).
    let foot: HTMLElement | undefined;
    if (entry.kind === 'meeting') {
      const reply = h('button', 'link-button msg-reply', 'Reply');
      reply.type = 'button';
      const to = replyTargetFor(entry);
      reply.title = to.participantUuid ? `Reply privately to ${entry.author}` : 'Reply to everyone in the meeting';
      reply.setAttribute('aria-label', reply.title);
      reply.addEventListener('click', () => {
        choose(to);
        input.focus();
      });
      foot = h('div', 'msg-foot', entry.direct && h('span', 'msg-private', 'private to you'), reply);
    } else if (entry.kind === 'mine-meeting') {
      foot = h('div', 'msg-foot msg-status', sendStatus(entry));
    }
    const li = h(
      'li',
      `msg ${mine ? 'agent' : 'customer'}${meeting ? ' meeting' : ''}${entry.direct ? ' direct' : ''}`,
      meta,
      h('div', 'msg-bubble', entry.text),
      foot,
    );
    li.dataset.kind = entry.kind;
    li.dataset.direct = String(entry.direct);
    if (entry.state) li.dataset.state = entry.state;
    return li;
  };

  /** Puts the entry in the thread at its time; undefined when the thread had it already. */
  const add = (entry: ThreadEntry): ThreadEntry | undefined => {
    const index = model.add(entry);
    if (index === undefined) return undefined;
    const node = render(entry);
    nodes.set(entry.key, node);
    thread.insertBefore(node, thread.children[index] ?? null);
    thread.scrollTop = thread.scrollHeight;
    if (countsAsUnread(entry) && !api.isOpen()) setUnread(unread + 1);
    return entry;
  };

  const update = (key: string, patch: Partial<ThreadEntry>): void => {
    if (model.update(key, patch) === undefined) return;
    const old = nodes.get(key);
    const entry = model.get(key);
    if (!old || !entry) return;
    const node = render(entry);
    nodes.set(key, node);
    old.replaceWith(node);
  };

  const setUnread = (count: number): void => {
    const changed = count !== unread;
    unread = count;
    unreadCounter.textContent = String(unread);
    unreadCounter.hidden = unread === 0;
    if (changed) hooks.onUnreadChange(unread);
  };

  // ---- the composer's target ----
  const drawTargets = (): void => {
    const list = targets.some((t) => t.value === chosen.value) ? targets : [...targets, chosen];
    select.replaceChildren(
      ...list.map((t) => {
        const option = h('option', '', t.label);
        option.value = t.value;
        return option;
      }),
    );
    select.value = chosen.value;
    targetRow.hidden = list.length < 2;
    const kind = chosen.value === 'web' ? 'web' : chosen.participantUuid ? 'private' : 'meeting';
    input.placeholder = PLACEHOLDER[kind](chosen);
    form.dataset.target = kind;
  };
  const choose = (next: Target): void => {
    chosen = next;
    drawTargets();
  };
  select.addEventListener('change', () => {
    choose([...targets, chosen].find((t) => t.value === select.value) ?? WEB_TARGET);
  });

  const sendToMeeting = (text: string, to: Target): void => {
    const entry: ThreadEntry = {
      ...local('mine-meeting', 'You', text),
      direct: to.participantUuid !== undefined,
      ...(to.participantUuid ? { participantUuid: to.participantUuid, to: to.name } : {}),
      state: 'pending',
    };
    add(entry);
    hooks.sendToMeeting(text, to.participantUuid).then(
      () => update(entry.key, { state: 'sent' }),
      (error: unknown) => update(entry.key, { state: 'failed', error: errorText(error) }),
    );
  };

  thread.replaceChildren();
  for (const entry of model.entries()) {
    const node = render(entry);
    nodes.set(entry.key, node);
    thread.append(node);
  }
  setUnread(0);
  drawTargets();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    if (chosen.value === 'web') add(local('mine-web', 'You', text));
    else sendToMeeting(text, chosen);
    input.value = '';
  });
  closeButton.addEventListener('click', () => hooks.onCloseClicked());

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
      add(local('web', CUSTOMER, text ?? INCOMING[nextIncoming++ % INCOMING.length] ?? ''));
    },
    system(text) {
      add(local('system', '', text));
    },
    meetingMessage(message, selfUuid) {
      return add(meetingEntry(message, selfUuid));
    },
    setTargets(next) {
      targets = next;
      // Out of the meeting only the web chat is left; a person who left stays chosen (sending says why it fails).
      if (next.length < 2) chosen = WEB_TARGET;
      drawTargets();
    },
    target: () => chosen,
    unread: () => unread,
    markRead() {
      setUnread(0);
    },
    rendered: () =>
      Array.from(thread.children, (li): RenderedMessage => {
        const el = li as HTMLElement;
        const text = el.querySelector('.msg-bubble') ?? el.querySelector('.msg-text');
        return {
          kind: el.dataset.kind as EntryKind,
          author: el.querySelector('.msg-author')?.textContent ?? '',
          text: text?.textContent ?? '',
          direct: el.dataset.direct === 'true',
          pending: el.dataset.state === 'pending',
          failed: el.dataset.state === 'failed',
          status: el.querySelector('.msg-status')?.textContent ?? '',
        };
      }),
  };
  return api;
}
