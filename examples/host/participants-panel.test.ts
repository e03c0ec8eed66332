import type { ExternalChatEvents, RosterEntry, RosterEvent } from '@external-chat/host-bridge';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createParticipantsPanel, type ParticipantsChat } from './participants-panel';
import { ALL, hostSelf, person } from './test-people';

const HOST = hostSelf('p1');


/** Frames run when the test says, so a burst of messages can be shown to cost one draw. */
let frames: FrameRequestCallback[] = [];
const nextFrame = (): void => {
  const due = frames;
  frames = [];
  for (const callback of due) callback(0);
};

function setup() {
  document.body.innerHTML = `
    <span id="count"></span><input id="filter" /><button id="mute-all"></button>
    <ul id="list"></ul><p id="more"></p><p id="empty"></p><p id="status"></p>`;
  const el = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
  const handlers = new Map<string, ((payload: never) => void)[]>();
  const control = vi.fn(() => Promise.resolve());
  const chat = {
    features: ALL,
    connected: true,
    on(event: string, handler: (payload: never) => void) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return () => undefined;
    },
    mute: control,
    muteVideo: control,
    admit: control,
    disconnectParticipant: control,
    spotlight: control,
    raiseHand: control,
    setRole: control,
    muteAllGuests: control,
  } as unknown as ParticipantsChat;
  const emit = <E extends keyof ExternalChatEvents>(event: E, payload: ExternalChatEvents[E]): void => {
    for (const handler of handlers.get(event) ?? []) (handler as (p: ExternalChatEvents[E]) => void)(payload);
  };
  const panel = createParticipantsPanel(
    { count: el('count'), filter: el('filter'), muteAll: el('mute-all'), list: el('list'), more: el('more'), empty: el('empty'), status: el('status') },
    chat,
  );
  /** Each row's first child: a row redrawn gets a new one. */
  const drawn = (): Map<string, Node | null> =>
    new Map(Array.from(document.querySelectorAll<HTMLLIElement>('li.person'), (li) => [li.dataset.uuid ?? '', li.firstChild]));
  return { panel, emit, control, drawn, el };
}

describe('participants panel', () => {
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('at 10,000 people, a burst of messages is one draw that reads and redraws only the rows that changed', () => {
    const { panel, emit, drawn, el } = setup();
    const touched = new Set<string>();
    const watched = (entry: RosterEntry): RosterEntry =>
      new Proxy(entry, {
        get(target, key, receiver) {
          touched.add(target.uuid);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const everyone = Array.from({ length: 10_000 }, (_, i) => watched(person(`p${i}`)));
    const list = new Map(everyone.map((e) => [e.uuid, e]));
    const event = (seq: number, participants: RosterEntry[], removed: string[] = []): RosterEvent => {
      for (const e of participants) list.set(e.uuid, e);
      for (const uuid of removed) list.delete(uuid);
      return { participants: [...list.values()], change: { seq, snapshot: seq === 1, participants, removed } };
    };
    emit('self', HOST);
    emit('roster', event(1, everyone));
    nextFrame();
    expect(panel.rows()).toHaveLength(100);
    expect(panel.rows()[0]).toMatchObject({ uuid: 'p1', you: true });
    expect(el('count').textContent).toBe('10000');
    const before = drawn();
    const renders = panel.renders();

    const burst = [
      event(2, [watched(person('p5', { isMuted: true }))]),
      event(3, [watched(person('p7', { raisedHand: true }))]),
      event(4, [watched(person('late'))], ['p9000']),
    ];
    touched.clear();
    for (const message of burst) emit('roster', message);
    // The messages read only whom they carry.
    expect([...touched].sort()).toEqual(['late', 'p5', 'p7', 'p9000']);
    touched.clear();
    nextFrame();
    expect(panel.renders()).toBe(renders + 1);
    // The frame reads the rows it draws, not the meeting.
    expect(touched.size).toBe(100);

    const after = drawn();
    const redrawn = [...after].filter(([uuid, first]) => before.get(uuid) !== first).map(([uuid]) => uuid);
    // p5 muted and p7 with a hand up (now under you) are drawn again; the other rows keep their elements.
    expect(redrawn.sort()).toEqual(['p5', 'p7']);
    expect(panel.rows().map((r) => r.uuid).slice(0, 4)).toEqual(['p1', 'p7', 'p0', 'p2']);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(el('count').textContent).toBe('10000');
  });

  it('an older plugin: the whole list each time, drawn the same', () => {
    const { panel, emit } = setup();
    emit('self', HOST);
    emit('roster', { participants: [person('a', { isWaiting: true }), person('p1'), person('b', { raisedHand: true })] });
    nextFrame();
    expect(panel.rows().map((r) => [r.uuid, r.waiting, r.you])).toEqual([
      ['a', true, false],
      ['p1', false, true],
      ['b', false, false],
    ]);
    emit('roster', { participants: [person('p1'), person('b')] });
    nextFrame();
    expect(panel.rows().map((r) => r.uuid)).toEqual(['p1', 'b']);
  });

  it('a button acts on the entry as it is now, not as it was drawn', () => {
    const { emit, control } = setup();
    emit('self', HOST);
    const b = person('b');
    emit('roster', { participants: [person('p1'), b], change: { seq: 1, snapshot: true, participants: [person('p1'), b], removed: [] } });
    nextFrame();
    const button = document.querySelector<HTMLButtonElement>('li[data-uuid="b"] button[data-action="mute"]')!;
    // b mutes itself meanwhile; the row is not drawn again before the click.
    const muted = person('b', { isMuted: true });
    emit('roster', { participants: [person('p1'), muted], change: { seq: 2, snapshot: false, participants: [muted], removed: [] } });
    button.click();
    expect(control).toHaveBeenCalledWith('b', false);
  });
});
