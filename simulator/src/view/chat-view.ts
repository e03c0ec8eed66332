// The side panel's Chat tab, for whoever runs the demo: the meeting's messages
// (private ones marked) and a form to write as someone in the room.
import type { InfinityParticipant } from '@pexip/plugin-api';
import { createAvatar } from './avatar';
import type { SimMeetingMessage } from '../harness/sim-api';

/** Rows kept on the page; `__sim.meetingMessages()` keeps them all. */
export const MAX_CHAT_ROWS = 200;
/** Senders offered in the form: a 1,000-person meeting would make the list useless, and costly to rebuild. */
export const MAX_SENDERS = 50;

export interface ChatViewElements {
  log: HTMLElement;
  empty: HTMLElement;
  form: HTMLFormElement;
  sender: HTMLSelectElement;
  direct: HTMLInputElement;
  text: HTMLInputElement;
  send: HTMLButtonElement;
  error: HTMLElement;
  unread: HTMLElement;
}

export interface ChatViewDeps {
  /** the local user's uuid while in the meeting */
  meUuid(): string | null;
  /** a display name for a uuid (the recipient of a private message) */
  nameOf(uuid: string): string | undefined;
  /** someone writes; throws with a reason to show */
  say(uuid: string, text: string, direct: boolean): void;
}

const time = (iso: string): string => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** Pure: the line above a message ("Alice Anderson · privately to you"). */
export function messageHeading(m: Pick<SimMeetingMessage, 'from' | 'displayName' | 'direct' | 'to'>, me: string | null, nameOf: (uuid: string) => string | undefined): string {
  const who = m.from === me ? 'You' : m.displayName;
  if (!m.direct) return who;
  const to = m.to === me ? 'you' : (m.to !== undefined ? nameOf(m.to) : undefined) ?? m.to ?? 'someone';
  return `${who} · privately to ${to}`;
}

export class ChatView {
  private unread = 0;
  private visible = false;
  private sendersKey = '';

  constructor(
    private readonly ui: ChatViewElements,
    private readonly deps: ChatViewDeps,
  ) {
    ui.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.refreshEmpty();
  }

  /** The tab is showing (unread count cleared) or not. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      this.unread = 0;
      this.renderUnread();
      this.ui.log.lastElementChild?.scrollIntoView({ block: 'end' });
    }
  }

  /** A new meeting: its chat starts empty. */
  clear(): void {
    this.ui.log.replaceChildren();
    this.unread = 0;
    this.renderUnread();
    this.refreshEmpty();
  }

  append(m: SimMeetingMessage): void {
    const me = this.deps.meUuid();
    const li = document.createElement('li');
    li.className = `chat-message${m.from === me ? ' mine' : ''}${m.direct ? ' direct' : ''}`;
    li.dataset.id = m.id;
    const head = document.createElement('div');
    head.className = 'chat-head';
    const who = document.createElement('span');
    who.className = 'chat-who';
    who.textContent = messageHeading(m, me, this.deps.nameOf);
    const at = document.createElement('time');
    at.className = 'chat-time';
    at.dateTime = m.at;
    at.textContent = time(m.at);
    head.append(who, at);
    const text = document.createElement('p');
    text.className = 'chat-text';
    text.textContent = m.text;
    li.append(createAvatar(m.from === me ? 'You' : m.displayName), head, text);
    const log = this.ui.log;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 24;
    log.append(li);
    while (log.childElementCount > MAX_CHAT_ROWS) log.firstElementChild?.remove();
    if (this.visible && atBottom) li.scrollIntoView({ block: 'end' });
    if (!this.visible && m.from !== me) {
      this.unread++;
      this.renderUnread();
    }
    this.refreshEmpty();
  }

  /** Who may write: the room, not the lobby (at most MAX_SENDERS); keeps the choice when it is still there. */
  setSenders(inMeeting: boolean, people: Iterable<InfinityParticipant>): void {
    const speakers: Array<[string, string]> = [];
    for (const p of people) {
      if (p.isWaiting) continue;
      speakers.push([p.uuid, p.displayName ?? p.uri]);
      if (speakers.length === MAX_SENDERS) break;
    }
    const key = `${inMeeting}|${speakers.map(([u, n]) => `${u}=${n}`).join(',')}`;
    if (key === this.sendersKey) return;
    this.sendersKey = key;
    const { sender } = this.ui;
    const chosen = sender.value;
    sender.replaceChildren(
      ...speakers.map(([uuid, name]) => {
        const o = document.createElement('option');
        o.value = uuid;
        o.textContent = name;
        return o;
      }),
    );
    if (speakers.some(([uuid]) => uuid === chosen)) sender.value = chosen;
    const usable = inMeeting && speakers.length > 0;
    for (const el of [sender, this.ui.direct, this.ui.text, this.ui.send]) el.disabled = !usable;
    this.ui.text.placeholder = !inMeeting ? 'Join the meeting to chat' : speakers.length === 0 ? 'Nobody else in the room' : 'Message';
  }

  private submit(): void {
    const { sender, direct, text, error } = this.ui;
    try {
      this.deps.say(sender.value, text.value, direct.checked);
      text.value = '';
      error.hidden = true;
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
      error.hidden = false;
    }
  }

  private renderUnread(): void {
    this.ui.unread.textContent = this.unread > 99 ? '99+' : String(this.unread);
    this.ui.unread.hidden = this.unread === 0;
  }

  private refreshEmpty(): void {
    this.ui.empty.hidden = this.ui.log.childElementCount > 0;
  }
}
