import type { InfinityParticipant } from '@pexip/plugin-api';
import { describe, expect, it, vi } from 'vitest';
import { OVERSCAN, ParticipantList, ROW_HEIGHT, UNMEASURED_ROWS, rowCount, rowWindow, rowsBetween, statusOf, type PanelRows } from './participant-list';
import { initialPeople, localParticipant, person } from '../model/people';
import { Roster } from '../model/roster';
import type { SimParticipant } from '../harness/sim-api';
import { MAX_TILES, renderStage } from './stage';

const names = (el: HTMLElement, selector: string) => [...el.querySelectorAll(selector)].map((n) => n.textContent);
const uuidsOf = (el: HTMLElement) => [...el.querySelectorAll<HTMLElement>('li.participant')].map((n) => n.dataset.uuid ?? 'you');
const rows = (others: InfinityParticipant[], dialled: SimParticipant[] = []): PanelRows => ({
  me: localParticipant('chair'),
  lobby: others.filter((p) => p.isWaiting),
  room: others.filter((p) => !p.isWaiting),
  calling: dialled.filter((d) => d.state === 'calling'),
  dialled: new Map(dialled.map((d) => [d.uuid, d])),
});

/** A list in a scroller `height` px high scrolled to `top` (happy-dom lays nothing out: the test says where it is). */
function mounted(height: number, onDisconnect = vi.fn()) {
  const scroller = document.createElement('section');
  const list = document.createElement('ul');
  scroller.append(list);
  let top = 0;
  Object.defineProperty(scroller, 'clientHeight', { get: () => height });
  Object.defineProperty(scroller, 'scrollTop', { get: () => top, set: (v: number) => void (top = v) });
  const requestDraw = vi.fn();
  const view = new ParticipantList(list, scroller, onDisconnect, requestDraw);
  return { scroller, list, view, requestDraw, scrollTo: (px: number) => void (top = px) };
}

describe('rowWindow: which rows are drawn for a scroll offset', () => {
  const inView = Math.ceil(480 / ROW_HEIGHT) + 1; // a partly shown row at each edge

  it('at the top: the rows in view and the overscan below; padding below stands for the rest', () => {
    expect(rowWindow(10_001, 0, 480)).toEqual({ first: 0, last: inView + OVERSCAN, before: 0, after: (10_001 - inView - OVERSCAN) * ROW_HEIGHT });
  });

  it('in the middle: overscan either side, padding above and below; the list keeps its full height', () => {
    const w = rowWindow(10_001, 5000 * ROW_HEIGHT + 10, 480);
    expect(w).toEqual({ first: 5000 - OVERSCAN, last: 5000 + inView + OVERSCAN, before: (5000 - OVERSCAN) * ROW_HEIGHT, after: (10_001 - 5000 - inView - OVERSCAN) * ROW_HEIGHT });
    expect(w.before + (w.last - w.first) * ROW_HEIGHT + w.after).toBe(10_001 * ROW_HEIGHT);
  });

  it('at (or past) the end: the last rows, nothing below', () => {
    for (const top of [10_001 * ROW_HEIGHT - 480, 10_001 * ROW_HEIGHT * 2]) {
      expect(rowWindow(10_001, top, 480)).toEqual({ first: 10_001 - inView - OVERSCAN, last: 10_001, before: (10_001 - inView - OVERSCAN) * ROW_HEIGHT, after: 0 });
    }
  });

  it('a list shorter than the view: every row, no padding; a negative offset (overscroll) reads as the top', () => {
    expect(rowWindow(4, 0, 480)).toEqual({ first: 0, last: 4, before: 0, after: 0 });
    expect(rowWindow(100, -30, 480).first).toBe(0);
  });

  it('not laid out yet (no height): the first UNMEASURED_ROWS and the overscan', () => {
    expect(rowWindow(10_001, 0, 0)).toMatchObject({ first: 0, last: UNMEASURED_ROWS + OVERSCAN });
  });
});

describe('rowsBetween and rowCount: you, the lobby, the room, then calls still ringing', () => {
  const calling: SimParticipant = { uuid: 'd-1', pluginId: 'chat', destination: 'hang@example.com', displayName: 'hang@example.com', role: 'guest', state: 'calling' };
  const view = rows(initialPeople(10, 3), [calling]);

  it('counts you and the ringing calls', () => {
    expect(rowCount(view)).toBe(1 + 10 + 1);
  });

  it('a window across every boundary reads each part by position', () => {
    const keys = rowsBetween(view, 0, 12).map((r) => (r.kind === 'person' ? r.person.displayName : r.key));
    expect(keys).toEqual([
      'self',
      'Heidi Anderson', // the lobby (the last three invented) first
      'Ivan Anderson',
      'Judy Anderson',
      'Alice Anderson',
      'Bob Anderson',
      'Carol Anderson',
      'Dave Anderson',
      'Erin Anderson',
      'Frank Anderson',
      'Grace Anderson',
      'calling:d-1',
    ]);
    expect(rowsBetween(view, 3, 6).map((r) => r.key)).toEqual([view.lobby.at(2)!.uuid, view.room.at(0)!.uuid, view.room.at(1)!.uuid]);
    expect(rowsBetween(view, 11, 40).map((r) => r.key)).toEqual(['calling:d-1']);
  });
});

describe('the participant list', () => {
  it('you first, then the lobby, then the room, then calls still ringing; markers in the status', () => {
    const [alice, bob, carol] = initialPeople(3, 1);
    const muted = { ...bob!, isMuted: true, raisedHand: true, isSpotlight: true };
    const calling: SimParticipant = { uuid: 'd-1', pluginId: 'chat', destination: 'hang@example.com', displayName: 'hang@example.com', role: 'guest', state: 'calling' };
    const { list, view } = mounted(600);
    view.draw(rows([alice!, muted, carol!], [calling]));
    expect(names(list, '.name')).toEqual(['You', 'Carol Anderson', 'Alice Anderson', 'Bob Anderson', 'hang@example.com']);
    expect(names(list, '.detail')).toEqual([
      'Host · this browser',
      'Waiting in the lobby',
      'Host',
      'Guest · muted · hand raised · spotlight',
      'Calling… · hang@example.com',
    ]);
    expect(list.querySelector('.waiting')?.textContent).toContain('Carol');
    expect(list.querySelector('.calling')?.getAttribute('data-uuid')).toBe('d-1');
    expect(list.dataset.count).toBe('5');
  });

  it('a Disconnect button for dialled calls only, which hangs up that call', () => {
    const [alice] = initialPeople(1, 0);
    const joined = { ...person(9), uuid: 'd-2' } as InfinityParticipant;
    const dialled: SimParticipant = { uuid: 'd-2', pluginId: 'chat', destination: 'alice@example.com', displayName: 'Alice', role: 'guest', state: 'joined', participant: joined };
    const onDisconnect = vi.fn();
    const { list, view } = mounted(600, onDisconnect);
    view.draw(rows([alice!, joined], [dialled]));
    const buttons = list.querySelectorAll<HTMLButtonElement>('button.disconnect');
    expect(buttons).toHaveLength(1);
    buttons[0]!.click();
    expect(onDisconnect).toHaveBeenCalledWith('d-2');
  });

  it('at 10,000 people: only the rows in view and the overscan exist; padding gives the list its full height', () => {
    const { list, view } = mounted(480);
    const everyone = rows(initialPeople(10_000, 1));
    const w = view.draw(everyone);
    expect(list.querySelectorAll('li')).toHaveLength(w.last - w.first);
    expect(w.last - w.first).toBeLessThan(40);
    expect(uuidsOf(list).slice(0, 3)).toEqual(['you', everyone.lobby.at(0)!.uuid, everyone.room.at(0)!.uuid]);
    expect(list.dataset.count).toBe('10001');
    expect(list.style.paddingTop).toBe('0px');
    expect(list.style.paddingBottom).toBe(`${(10_001 - w.last) * ROW_HEIGHT}px`);
    // Screen readers hear the place in the whole list.
    expect(list.querySelector('li')?.getAttribute('aria-setsize')).toBe('10001');
  });

  it('scrolled to the middle: the rows there, by position; asks for a redraw when scrolled', () => {
    const { scroller, list, view, requestDraw, scrollTo } = mounted(480);
    const everyone = rows(initialPeople(10_000, 1));
    view.draw(everyone);
    scrollTo(5000 * ROW_HEIGHT);
    scroller.dispatchEvent(new Event('scroll'));
    expect(requestDraw).toHaveBeenCalledTimes(1);
    const w = view.draw(everyone);
    expect(w.first).toBe(5000 - OVERSCAN);
    // Row i is you (0), the lobby (1), then the room: row 4992 is the room's 4990th.
    expect(uuidsOf(list)[0]).toBe(everyone.room.at(5000 - OVERSCAN - 2)!.uuid);
    expect(list.querySelector('li')?.getAttribute('aria-posinset')).toBe(String(5000 - OVERSCAN + 1));
    expect(list.style.paddingTop).toBe(`${(5000 - OVERSCAN) * ROW_HEIGHT}px`);
    expect(list.querySelectorAll('li')).toHaveLength(w.last - w.first);
  });

  it('a redraw keeps the rows that did not change and rebuilds the one that did', () => {
    const roster = new Roster(() => undefined);
    roster.start({ role: 'chair', participants: 10_000, lobby: 1 });
    const { list, view } = mounted(480);
    const panel = (): PanelRows => ({ me: roster.me, lobby: roster.lobby, room: roster.room, calling: [], dialled: new Map() });
    view.draw(panel());
    const before = [...list.children];
    const second = roster.room.at(1)!;
    roster.update(second.uuid, { isMuted: true });
    view.draw(panel());
    const after = [...list.children];
    expect(after.filter((el, i) => el !== before[i]).map((el) => (el as HTMLElement).dataset.uuid)).toEqual([second.uuid]);
    expect(after[3]?.querySelector('.detail')?.textContent).toBe('Guest · muted');
    // Admitting the one in the lobby moves them into the room, in join order (the last of all).
    roster.update(roster.lobby.at(0)!.uuid, { isWaiting: false });
    view.draw(panel());
    expect(list.querySelectorAll('.waiting')).toHaveLength(0);
    expect(list.dataset.count).toBe('10001');
  });

  it('statusOf', () => {
    expect(statusOf(person(0))).toBe('Host');
    expect(statusOf({ ...person(2), isCameraMuted: true, isPresenting: true })).toBe('Guest · camera off · presenting');
  });
});

describe('the stage', () => {
  const room = (people: InfinityParticipant[]) => people.filter((p) => !p.isWaiting);

  it(`a tile for you and each person in the room (not the lobby), at most ${MAX_TILES}, the last counting the rest`, () => {
    const stage = document.createElement('section');
    renderStage(stage, { inMeeting: true, room: room(initialPeople(3, 1)), dialled: [] });
    expect(names(stage, '.caption')).toEqual(['You', 'Alice Anderson', 'Bob Anderson']);
    renderStage(stage, { inMeeting: true, room: room(initialPeople(100, 1)), dialled: [] });
    expect(stage.querySelectorAll('.tile')).toHaveLength(MAX_TILES);
    // you + 99 in the room (one waits in the lobby): 11 tiles, then the rest counted
    expect(names(stage, '.caption').at(-1)).toBe(`${100 - (MAX_TILES - 1)} more`);
    expect(stage.dataset.tiles).toBe('100');
  });

  it('calls still ringing after the room; a redraw keeps the tiles that did not change', () => {
    const stage = document.createElement('section');
    const calling: SimParticipant = { uuid: 'd-1', pluginId: 'chat', destination: 'hang@example.com', displayName: 'hang@example.com', role: 'guest', state: 'calling' };
    renderStage(stage, { inMeeting: true, room: room(initialPeople(2, 0)), dialled: [calling] });
    expect(names(stage, '.caption')).toEqual(['You', 'Alice Anderson', 'Bob Anderson', 'hang@example.com · calling…']);
    const tiles = [...stage.children];
    renderStage(stage, { inMeeting: true, room: room(initialPeople(3, 0)), dialled: [calling] });
    expect(names(stage, '.caption')).toEqual(['You', 'Alice Anderson', 'Bob Anderson', 'Carol Anderson', 'hang@example.com · calling…']);
    expect([...stage.children].filter((t) => tiles.includes(t))).toHaveLength(4);
    renderStage(stage, { inMeeting: false, room: [], dialled: [] });
    expect(stage.dataset.tiles).toBe('0');
  });
});
