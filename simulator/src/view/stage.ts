// The video stage: a tile per person in the meeting (no media, just avatars),
// lobby excluded, capped at MAX_TILES (the last one counts the rest). Reads
// the room by position, so a 10,000-person meeting costs the same twelve
// tiles; tiles that did not change are kept, not rebuilt.
import type { InfinityParticipant } from '@pexip/plugin-api';
import { breakableAddress } from './wrap';
import { createAvatar } from './avatar';
import { placeChildren, setAttr } from './keyed';
import type { Positional } from '../model/roster-index';
import type { SimParticipant } from '../harness/sim-api';

export const MAX_TILES = 12;

export interface StageView {
  inMeeting: boolean;
  /** everyone else in the room (not the lobby), in join order */
  room: Positional<InfinityParticipant>;
  /** dialled calls; those still calling get a ringing tile */
  dialled: Iterable<SimParticipant>;
}

type TileSpec = [name: string, state: string, label: string];

/** Pure: the tiles, you first, then the room, then calls still ringing; and how many people they stand for. */
export function stageTiles(view: Pick<StageView, 'room' | 'dialled'>): { tiles: TileSpec[]; people: number } {
  const calling = [...view.dialled].filter((d) => d.state === 'calling');
  const people = 1 + view.room.length + calling.length;
  const room = Math.min(view.room.length, people > MAX_TILES ? MAX_TILES - 2 : MAX_TILES - 1);
  const tiles: TileSpec[] = [['You', 'self', 'You']];
  for (let i = 0; i < room; i++) {
    const p = view.room.at(i);
    if (p) tiles.push([p.displayName ?? p.uri, 'joined', p.displayName ?? p.uri]);
  }
  for (const d of calling) {
    if (tiles.length >= (people > MAX_TILES ? MAX_TILES - 1 : MAX_TILES)) break;
    tiles.push([d.displayName, 'calling', d.displayName]);
  }
  const rest = people - tiles.length;
  if (rest > 0) tiles.push([`+${rest}`, 'more', `${rest} more`]);
  return { tiles, people };
}

export function renderStage(stage: HTMLElement, view: StageView): void {
  if (!view.inMeeting) {
    if (stage.firstElementChild?.classList.contains('lobby')) return;
    const lobby = document.createElement('div');
    lobby.className = 'lobby';
    const title = document.createElement('p');
    title.className = 'lobby-title';
    title.textContent = 'You are not in the meeting';
    const hint = document.createElement('p');
    hint.className = 'lobby-hint';
    hint.textContent = 'Use “Join meeting” above to connect.';
    lobby.append(title, hint);
    stage.replaceChildren(lobby);
    stage.dataset.tiles = '0';
    return;
  }
  const { tiles, people } = stageTiles(view);
  const drawn = new Map<string, HTMLElement>();
  for (const el of stage.children) if (el instanceof HTMLElement && el.dataset.key !== undefined) drawn.set(el.dataset.key, el);
  placeChildren(
    stage,
    tiles.map(([name, state, label]) => {
      const key = `${state}|${name}|${label}`;
      const el = drawn.get(key) ?? tile(name, state, label);
      el.dataset.key = key;
      drawn.delete(key); // the same person twice gets two tiles
      return el;
    }),
  );
  setAttr(stage, 'data-tiles', String(people));
}

function tile(name: string, state: string, label = name): HTMLElement {
  const el = document.createElement('div');
  el.className = `tile ${state}`;
  const caption = document.createElement('span');
  caption.className = 'caption';
  caption.append(...breakableAddress(label));
  if (state === 'calling') caption.append(' · calling…');
  const avatar = createAvatar(name);
  if (state === 'more') avatar.textContent = name;
  el.append(avatar, caption);
  return el;
}
