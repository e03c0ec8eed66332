// The room's chat in the contextual bar: draws the thread from chat-model's
// state and reports what the user does. Knows nothing of the plugin.

import { h, shortClock } from '../host/dom';
import type { ChatMessage, ChatState } from './chat-model';
import { initials } from './people-model';

export interface ChatElements {
  panel: HTMLElement;
  thread: HTMLElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  close: HTMLButtonElement;
}

export interface ChatPanel {
  draw(state: ChatState): void;
}

const message = (m: ChatMessage): HTMLElement => {
  if (m.system) return h('li', 'msg system', h('span', '', m.text), h('time', '', shortClock(m.t)));
  return h(
    'li',
    `msg${m.mine ? ' mine' : ''}`,
    h('span', 'avatar', initials(m.author)),
    h('div', 'msg-body', h('div', 'msg-meta', h('strong', '', m.author), h('time', '', shortClock(m.t))), h('p', 'msg-text', m.text)),
  );
};

export function createChatPanel(el: ChatElements, on: { post(text: string): void; close(): void }): ChatPanel {
  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    on.post(el.input.value);
    el.input.value = '';
  });
  el.close.addEventListener('click', () => on.close());
  // The thread shrinks when the people panel opens below it: keep the newest message in view.
  new ResizeObserver(() => {
    el.thread.scrollTop = el.thread.scrollHeight;
  }).observe(el.thread);
  let drawn = 0;
  return {
    draw(state) {
      el.panel.hidden = !state.open;
      // Messages only ever append (or fall off the front): redraw when the last id changed.
      const last = state.messages.at(-1)?.id ?? 0;
      if (last !== drawn) {
        drawn = last;
        el.thread.replaceChildren(...state.messages.map(message));
        el.thread.scrollTop = el.thread.scrollHeight;
      }
    },
  };
}
