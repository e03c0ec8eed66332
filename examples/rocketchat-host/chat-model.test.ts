import { describe, expect, it } from 'vitest';
import { chatEffects, chatReduce, chatSync, initialChat, MAX_MESSAGES, type ChatEvent, type ChatState } from './chat-model';

const run = (events: ChatEvent[], from: ChatState = initialChat()) => events.reduce(chatReduce, from);
const receive = (text = 'hi'): ChatEvent => ({ type: 'receive', author: 'Alice', text, t: 1 });

describe('chat model', () => {
  it('counts messages from others while closed, not while open, and clears the count on open', () => {
    const closed = run([receive(), receive()]);
    expect(closed.unread).toBe(2);
    const opened = chatReduce(closed, { type: 'open' });
    expect(opened.unread).toBe(0);
    expect(run([receive()], opened).unread).toBe(0);
    expect(run([{ type: 'close' }, receive()], opened).unread).toBe(1);
  });

  it('posts trimmed text of your own, drops empty posts, and never counts them', () => {
    const state = run([
      { type: 'post', author: 'You', text: '  hello  ', t: 1 },
      { type: 'post', author: 'You', text: '   ', t: 2 },
    ]);
    expect(state.messages.map((m) => [m.text, m.mine])).toEqual([['hello', true]]);
    expect(state.unread).toBe(0);
  });

  it('keeps the newest MAX_MESSAGES with ids that keep growing', () => {
    const state = run(Array.from({ length: MAX_MESSAGES + 5 }, (_, i) => receive(`m${i}`)));
    expect(state.messages).toHaveLength(MAX_MESSAGES);
    expect(state.messages[0]!.text).toBe('m5');
    expect(state.messages.at(-1)!.id).toBe(MAX_MESSAGES + 5);
  });

  it('tells the plugin the button state first and the badge second, only what changed, the badge as Rocket.Chat does (unread or not)', () => {
    const one = run([receive()]);
    expect(chatEffects(initialChat(), one)).toEqual([{ name: 'chat-unread', fields: { unread: true } }]);
    const a = run([receive(), receive()]);
    expect(chatEffects(one, a)).toEqual([]);
    const b = chatReduce(a, { type: 'open' });
    expect(chatEffects(a, b)).toEqual([
      { name: 'chat-state', fields: { active: true } },
      { name: 'chat-unread', fields: { unread: false } },
    ]);
    expect(chatEffects(b, chatReduce(b, { type: 'post', author: 'You', text: 'x', t: 1 }))).toEqual([]);
    expect(chatEffects(b, chatReduce(b, { type: 'system', text: 'joined', t: 1 }))).toEqual([]);
  });

  it('syncs a (re)started plugin with the whole state', () => {
    expect(chatSync(run([receive()]))).toEqual([
      { name: 'chat-state', fields: { active: false } },
      { name: 'chat-unread', fields: { unread: true } },
    ]);
  });
});
