import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVERYONE_TARGET, WEB_TARGET, privateTarget, type MeetingMessage } from './chat-model';
import { createChatPanel, type ChatPanelHooks } from './chat-panel';

const MARKUP = `
  <aside id="chat-panel" hidden>
    <ol id="chat-thread"></ol>
    <form id="chat-form">
      <label id="chat-target-row" hidden><select id="chat-target"></select></label>
      <input id="chat-input" />
      <button id="chat-send" type="submit">Send</button>
    </form>
    <button id="chat-close" type="button">Close</button>
  </aside>
  <span id="unread-count" hidden>0</span>`;

const el = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const message = (over: Partial<MeetingMessage> = {}): MeetingMessage => ({
  id: 'm1',
  at: new Date().toISOString(),
  participantUuid: 'alice',
  displayName: 'Alice Anderson',
  text: 'Hello from the meeting',
  direct: false,
  ...over,
});

function setup(send: ChatPanelHooks['sendToMeeting'] = () => Promise.resolve()) {
  document.body.innerHTML = MARKUP;
  const hooks = { onCloseClicked: vi.fn(), sendToMeeting: vi.fn(send), onUnreadChange: vi.fn() };
  const panel = createChatPanel(
    {
      panel: el('chat-panel'),
      thread: el('chat-thread'),
      form: el<HTMLFormElement>('chat-form'),
      input: el<HTMLInputElement>('chat-input'),
      targetRow: el('chat-target-row'),
      target: el<HTMLSelectElement>('chat-target'),
      closeButton: el<HTMLButtonElement>('chat-close'),
      unreadCounter: el('unread-count'),
    },
    hooks,
  );
  const type = (text: string): void => {
    el<HTMLInputElement>('chat-input').value = text;
    el<HTMLFormElement>('chat-form').requestSubmit();
  };
  return { panel, hooks, type };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('chat panel: the meeting in the thread', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('shows a meeting message tagged as the meeting with its sender, a private one marked private to you', () => {
    const { panel } = setup();
    panel.meetingMessage(message());
    panel.meetingMessage(message({ id: 'm2', direct: true, displayName: 'Bob Anderson', text: 'Just to you' }));
    const [first, second] = panel.rendered().slice(-2);
    expect(first).toEqual({ kind: 'meeting', author: 'Alice Anderson', text: 'Hello from the meeting', direct: false, pending: false, failed: false, status: '' });
    expect(second).toMatchObject({ kind: 'meeting', author: 'Bob Anderson', direct: true });
    const items = el('chat-thread').querySelectorAll('li');
    expect(items[items.length - 2]?.querySelector('.msg-tag')?.textContent).toBe('Meeting');
    expect(items[items.length - 2]?.querySelector('.msg-private')).toBeNull();
    expect(items[items.length - 1]?.querySelector('.msg-private')?.textContent).toBe('private to you');
  });

  it('puts meeting messages among the web chat by time, and each id once', () => {
    const { panel } = setup();
    const before = panel.rendered().length;
    // The seeded conversation spans the last nine minutes: this one was written six and a half minutes ago,
    // after the agent's first answer.
    panel.meetingMessage(message({ id: 'old', at: new Date(Date.now() - 6.5 * 60_000).toISOString(), text: 'early' }));
    expect(panel.meetingMessage(message({ id: 'old', text: 'early, again' }))).toBeUndefined();
    const thread = panel.rendered();
    expect(thread).toHaveLength(before + 1);
    expect(thread.map((m) => m.text).indexOf('early')).toBe(3);
    expect(thread.map((m) => m.kind).slice(0, 5)).toEqual(['system', 'web', 'mine-web', 'meeting', 'web']);
  });

  it('writes text as text: markup from the meeting stays visible characters', () => {
    const { panel } = setup();
    panel.meetingMessage(message({ displayName: '<b>Mallory</b>', text: '<img src=x onerror="window.pwned=1">' }));
    const li = el('chat-thread').lastElementChild!;
    expect(li.querySelector('img')).toBeNull();
    expect(li.querySelector('b')).toBeNull();
    expect(panel.rendered().at(-1)).toMatchObject({ author: '<b>Mallory</b>', text: '<img src=x onerror="window.pwned=1">' });
  });

  it('counts messages that arrive while closed, web chat and meeting alike, and clears on open', () => {
    const { panel, hooks } = setup();
    panel.receive();
    panel.meetingMessage(message());
    panel.system('Video meeting connected');
    expect(panel.unread()).toBe(2);
    expect(hooks.onUnreadChange.mock.calls).toEqual([[1], [2]]);
    expect(el('unread-count').textContent).toBe('2');
    panel.open();
    expect(panel.unread()).toBe(0);
    expect(hooks.onUnreadChange).toHaveBeenLastCalledWith(0);
    panel.meetingMessage(message({ id: 'm2' }));
    expect(panel.unread()).toBe(0);
    expect(hooks.onUnreadChange).toHaveBeenCalledTimes(3);
  });
});

describe('chat panel: replying', () => {
  const targets = [WEB_TARGET, EVERYONE_TARGET, privateTarget('bob', 'Bob Anderson')];

  it('offers only the web chat until the meeting targets come, then a "To" choice', () => {
    const { panel } = setup();
    expect(el('chat-target-row').hidden).toBe(true);
    panel.setTargets(targets);
    expect(el('chat-target-row').hidden).toBe(false);
    expect(Array.from(el<HTMLSelectElement>('chat-target').options, (o) => o.textContent)).toEqual([
      'Jane Doe (web chat)',
      'Everyone in the meeting',
      'Bob Anderson (private)',
    ]);
  });

  it('sends to the web chat by default, without touching the meeting', () => {
    const { panel, hooks, type } = setup();
    panel.setTargets(targets);
    type('Let me check');
    expect(hooks.sendToMeeting).not.toHaveBeenCalled();
    expect(panel.rendered().at(-1)).toMatchObject({ kind: 'mine-web', author: 'You', text: 'Let me check' });
  });

  it('sends to the meeting: pending first, then marked as sent to the meeting', async () => {
    let settle!: () => void;
    const { panel, hooks, type } = setup(() => new Promise<void>((resolve) => (settle = resolve)));
    panel.setTargets(targets);
    const select = el<HTMLSelectElement>('chat-target');
    select.value = 'meeting';
    select.dispatchEvent(new Event('change'));
    type('Hello all');
    expect(hooks.sendToMeeting).toHaveBeenCalledWith('Hello all', undefined);
    expect(panel.rendered().at(-1)).toMatchObject({ kind: 'mine-meeting', text: 'Hello all', pending: true, status: 'Sending to the meeting…' });
    settle();
    await flush();
    expect(panel.rendered().at(-1)).toMatchObject({ kind: 'mine-meeting', pending: false, failed: false, direct: false, status: 'to the meeting' });
  });

  it('sends privately, and shows a refusal inline on the message', async () => {
    const { panel, hooks, type } = setup(() => Promise.reject(new Error('send-meeting-message: Infinity refused it (403)')));
    panel.setTargets(targets);
    const select = el<HTMLSelectElement>('chat-target');
    select.value = 'meeting:bob';
    select.dispatchEvent(new Event('change'));
    type('Just you');
    expect(hooks.sendToMeeting).toHaveBeenCalledWith('Just you', 'bob');
    await flush();
    expect(panel.rendered().at(-1)).toEqual({
      kind: 'mine-meeting',
      author: 'You',
      text: 'Just you',
      direct: true,
      pending: false,
      failed: true,
      status: 'Not sent private to Bob Anderson: send-meeting-message: Infinity refused it (403)',
    });
  });

  it("Reply on a private message targets its writer, even one the list leaves out", () => {
    const { panel } = setup();
    panel.setTargets(targets);
    panel.meetingMessage(message({ id: 'd', direct: true, participantUuid: 'zoe', displayName: 'Zoe' }));
    el('chat-thread').lastElementChild!.querySelector<HTMLButtonElement>('.msg-reply')!.click();
    expect(panel.target()).toMatchObject({ value: 'meeting:zoe', participantUuid: 'zoe' });
    expect(el<HTMLSelectElement>('chat-target').value).toBe('meeting:zoe');
    expect(el<HTMLInputElement>('chat-input').placeholder).toBe('Write to Zoe…');
  });

  it('keeps a chosen person who left (sending will say why it fails), and goes back to the web chat when the meeting ends', () => {
    const { panel } = setup();
    panel.setTargets(targets);
    const select = el<HTMLSelectElement>('chat-target');
    select.value = 'meeting:bob';
    select.dispatchEvent(new Event('change'));
    panel.setTargets([WEB_TARGET, EVERYONE_TARGET]);
    expect(panel.target().value).toBe('meeting:bob');
    expect(select.value).toBe('meeting:bob');
    panel.setTargets([WEB_TARGET]);
    expect(panel.target()).toBe(WEB_TARGET);
    expect(el('chat-target-row').hidden).toBe(true);
  });
});
