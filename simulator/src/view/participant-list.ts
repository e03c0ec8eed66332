// The participant panel: the local user, the lobby, everyone else in the
// meeting, then dialled calls still ringing. Virtualised: the panel scrolls
// through everyone, but only the rows in view (plus OVERSCAN either side) are
// in the page; the list's padding stands in for the rows above and below, so
// the scrollbar tells the truth. A redraw costs the same at 10,000 people as
// at 10: it reads the rows of the window by position (O(log n) each) and
// rebuilds only the rows whose person changed.
import type { InfinityParticipant } from '@pexip/plugin-api';
import { breakableAddress } from './wrap';
import { createAvatar } from './avatar';
import { builtinIcon } from './icons';
import { placeChildren, setAttr } from './keyed';
import type { Positional } from '../model/roster-index';
import type { SimParticipant } from '../harness/sim-api';

/**
 * The height a row is reckoned at, in px: `.participant`'s min-height in
 * simulator.css. A row is never shorter, so the window always covers the
 * view; one that wraps (a long name, a dialled address) is taller, which only
 * nudges the rows below it.
 */
export const ROW_HEIGHT = 48;
/** Rows drawn beyond each edge of the view, so a scroll shows drawn rows while the next frame catches up. */
export const OVERSCAN = 8;
/** Rows drawn when the list has no height yet (not laid out): enough for a small meeting in full. */
export const UNMEASURED_ROWS = 24;

/** Everything the panel lists, read by position. */
export interface PanelRows {
  /** null outside a meeting (the row then just says who this browser is) */
  me: InfinityParticipant | null;
  /** waiting in the lobby, in join order: listed first, as Web App 3 lists the people waiting for a host */
  lobby: Positional<InfinityParticipant>;
  /** everyone else in the meeting, in join order */
  room: Positional<InfinityParticipant>;
  /** dialled calls still ringing, listed last */
  calling: readonly SimParticipant[];
  /** dialled calls (calling or joined), by uuid: they get a Disconnect button and their address */
  dialled: ReadonlyMap<string, SimParticipant>;
}

export type Row =
  | { kind: 'self'; key: string; me: InfinityParticipant | null }
  | { kind: 'person'; key: string; person: InfinityParticipant; call: SimParticipant | undefined }
  | { kind: 'calling'; key: string; call: SimParticipant };

/** The rows drawn: [first, last) of the list, and the px of list above and below them. */
export interface RowWindow {
  first: number;
  last: number;
  before: number;
  after: number;
}

/** Pure: how many rows the panel lists (you included). */
export const rowCount = (rows: Pick<PanelRows, 'lobby' | 'room' | 'calling'>): number => 1 + rows.lobby.length + rows.room.length + rows.calling.length;

/**
 * Pure: the rows to draw for a list of `total` rows scrolled to `scrollTop`
 * in a view `viewport` px high: those in view plus `overscan` either side.
 * Past the end (rows taller than `rowHeight` make the list longer than
 * reckoned) the window keeps the last rows.
 */
export function rowWindow(total: number, scrollTop: number, viewport: number, rowHeight = ROW_HEIGHT, overscan = OVERSCAN): RowWindow {
  const inView = viewport > 0 ? Math.ceil(viewport / rowHeight) + 1 : UNMEASURED_ROWS;
  const top = Math.max(0, Math.min(Math.floor(Math.max(0, scrollTop) / rowHeight), total - inView));
  const first = Math.max(0, top - overscan);
  const last = Math.min(total, top + inView + overscan);
  return { first, last, before: first * rowHeight, after: (total - last) * rowHeight };
}

/** Pure: rows [first, last) of the panel: you, the lobby, the room, then calls still ringing. */
export function rowsBetween(rows: PanelRows, first: number, last: number): Row[] {
  const out: Row[] = [];
  const lobbyEnd = 1 + rows.lobby.length;
  const roomEnd = lobbyEnd + rows.room.length;
  const end = Math.min(last, roomEnd + rows.calling.length);
  for (let i = Math.max(0, first); i < end; i++) {
    if (i === 0) {
      out.push({ kind: 'self', key: 'self', me: rows.me });
      continue;
    }
    const person = i < lobbyEnd ? rows.lobby.at(i - 1) : i < roomEnd ? rows.room.at(i - lobbyEnd) : undefined;
    if (person) out.push({ kind: 'person', key: person.uuid, person, call: rows.dialled.get(person.uuid) });
    const call = i >= roomEnd ? rows.calling[i - roomEnd] : undefined;
    if (call) out.push({ kind: 'calling', key: `calling:${call.uuid}`, call });
  }
  return out;
}

/** Pure: whether a drawn row still shows `next` (a participant changes by becoming a new object). */
export function sameRow(drawn: Row, next: Row): boolean {
  if (drawn.kind === 'self' && next.kind === 'self') return drawn.me === next.me;
  if (drawn.kind === 'person' && next.kind === 'person') return drawn.person === next.person && drawn.call?.destination === next.call?.destination;
  if (drawn.kind === 'calling' && next.kind === 'calling') return drawn.call.displayName === next.call.displayName && drawn.call.destination === next.call.destination;
  return false;
}

/** Pure: the status line of a participant (role, lobby, then what is on or off). */
export function statusOf(p: Pick<InfinityParticipant, 'isHost' | 'isWaiting' | 'isMuted' | 'isCameraMuted' | 'raisedHand' | 'isSpotlight' | 'isPresenting'>): string {
  if (p.isWaiting) return 'Waiting in the lobby';
  const parts = [p.isHost ? 'Host' : 'Guest'];
  if (p.isMuted) parts.push('muted');
  if (p.isCameraMuted) parts.push('camera off');
  if (p.raisedHand) parts.push('hand raised');
  if (p.isSpotlight) parts.push('spotlight');
  if (p.isPresenting) parts.push('presenting');
  return parts.join(' · ');
}

/**
 * The list element and the element that scrolls it (the list is the
 * scroller's only content, so the scroller's offset is the list's).
 */
export class ParticipantList {
  private drawn = new Map<string, { row: Row; el: HTMLElement }>();
  private padding = '';

  constructor(
    private readonly list: HTMLElement,
    private readonly scroller: HTMLElement,
    private readonly onDisconnect: (uuid: string) => void,
    /** asks for a redraw (at most once a frame): the window moved */
    requestDraw: () => void,
  ) {
    scroller.addEventListener('scroll', requestDraw, { passive: true });
  }

  /** The rows in view now. Reads the scroll position first, then writes: one layout at most. */
  draw(rows: PanelRows): RowWindow {
    const total = rowCount(rows);
    const win = rowWindow(total, this.scroller.scrollTop, this.scroller.clientHeight);
    const drawn = new Map<string, { row: Row; el: HTMLElement }>();
    const els = rowsBetween(rows, win.first, win.last).map((row, i) => {
      const old = this.drawn.get(row.key);
      const el = old && sameRow(old.row, row) ? old.el : this.create(row);
      drawn.set(row.key, { row, el });
      // Screen readers learn where the row sits in the whole list, not in the few drawn.
      setAttr(el, 'aria-posinset', String(win.first + i + 1));
      setAttr(el, 'aria-setsize', String(total));
      return el;
    });
    this.drawn = drawn;
    const padding = `${win.before}px 0 ${win.after}px`;
    if (padding !== this.padding) {
      this.padding = padding;
      this.list.style.padding = padding;
    }
    placeChildren(this.list, els);
    setAttr(this.list, 'data-count', String(total));
    return win;
  }

  private create(row: Row): HTMLElement {
    if (row.kind === 'self') return selfRow(row.me);
    if (row.kind === 'calling') return callingRow(row.call, this.onDisconnect);
    return personRow(row.person, row.call, this.onDisconnect);
  }
}

function selfRow(me: InfinityParticipant | null): HTMLElement {
  const li = document.createElement('li');
  li.className = 'participant self';
  li.append(createAvatar('You'), info('You', me ? `${statusOf(me)} · this browser` : 'Host · this browser'));
  return li;
}

function personRow(p: InfinityParticipant, dialled: SimParticipant | undefined, onDisconnect: (uuid: string) => void): HTMLElement {
  const name = p.displayName ?? p.uri;
  const li = document.createElement('li');
  li.className = `participant joined${p.isWaiting ? ' waiting' : ''}`;
  li.dataset.uuid = p.uuid;
  li.append(createAvatar(name), info(name, statusOf(p), dialled?.destination));
  if (dialled) li.append(hangUpButton(dialled, onDisconnect));
  return li;
}

function callingRow(d: SimParticipant, onDisconnect: (uuid: string) => void): HTMLElement {
  const li = document.createElement('li');
  li.className = 'participant calling';
  li.dataset.uuid = d.uuid;
  li.append(createAvatar(d.displayName), info(d.displayName, 'Calling…', d.destination), hangUpButton(d, onDisconnect));
  return li;
}

function hangUpButton(d: SimParticipant, onDisconnect: (uuid: string) => void): HTMLElement {
  const hangUp = document.createElement('button');
  hangUp.type = 'button';
  hangUp.className = 'disconnect';
  // An icon, not a word: the name beside it gets the width.
  hangUp.append(builtinIcon('HangUp'));
  hangUp.title = `Disconnect ${d.displayName}`;
  hangUp.setAttribute('aria-label', `Disconnect ${d.displayName}`);
  hangUp.addEventListener('click', () => onDisconnect(d.uuid));
  return hangUp;
}

function info(name: string, detail: string, address?: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'info';
  const n = document.createElement('span');
  n.className = 'name';
  n.append(...breakableAddress(name));
  const d = document.createElement('span');
  d.className = 'detail';
  d.textContent = detail;
  if (address !== undefined) {
    // Kept whole on its own line when it does not fit after the status; broken only when longer than the line.
    const a = document.createElement('span');
    a.className = 'address';
    a.append(...breakableAddress(address));
    d.append(' · ', a);
  }
  el.append(n, d);
  return el;
}
