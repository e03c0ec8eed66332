// The video stage: a tile per person in the meeting (no media, just avatars).
import { breakableAddress } from '../shared/wrap';
import { createAvatar } from './avatar';
import type { SimParticipant } from './sim-api';

export function renderStage(stage: HTMLElement, inMeeting: boolean, participants: SimParticipant[]): void {
  if (!inMeeting) {
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
  const tiles = [tile('You', 'You', 'self'), ...participants.map((p) => tile(p.displayName, p.displayName, p.state))];
  stage.dataset.tiles = String(tiles.length);
  stage.replaceChildren(...tiles);
}

function tile(name: string, label: string, state: string): HTMLElement {
  const el = document.createElement('div');
  el.className = `tile ${state}`;
  const caption = document.createElement('span');
  caption.className = 'caption';
  caption.append(...breakableAddress(label));
  if (state === 'calling') caption.append(' · calling…');
  el.append(createAvatar(name), caption);
  return el;
}
