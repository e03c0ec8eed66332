// The video stage: a tile per person in the meeting (no media, just avatars),
// lobby excluded, capped at MAX_TILES (the last one counts the rest).
import type { InfinityParticipant } from '@pexip/plugin-api';
import { breakableAddress } from './wrap';
import { createAvatar } from './avatar';
import type { SimParticipant } from '../harness/sim-api';

export const MAX_TILES = 12;

export interface StageView {
  inMeeting: boolean;
  /** everyone else in the meeting, in join order */
  others: Iterable<InfinityParticipant>;
  /** dialled calls; those still calling get a ringing tile */
  dialled: Iterable<SimParticipant>;
}

export function renderStage(stage: HTMLElement, view: StageView): void {
  if (!view.inMeeting) {
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
  const people: Array<[name: string, state: string]> = [['You', 'self']];
  for (const p of view.others) if (!p.isWaiting) people.push([p.displayName ?? p.uri, 'joined']);
  for (const d of view.dialled) if (d.state === 'calling') people.push([d.displayName, 'calling']);
  const shown = people.length > MAX_TILES ? people.slice(0, MAX_TILES - 1) : people;
  const tiles = shown.map(([name, state]) => tile(name, state));
  if (shown.length < people.length) tiles.push(tile(`+${people.length - shown.length}`, 'more', `${people.length - shown.length} more`));
  stage.dataset.tiles = String(people.length);
  stage.replaceChildren(...tiles);
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
