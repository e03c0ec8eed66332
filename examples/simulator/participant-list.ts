// The participant panel: the local user, then every dialled participant.
import { breakableAddress } from '../shared/wrap';
import { createAvatar } from './avatar';
import { builtinIcon } from './icons';
import type { SimParticipant } from './sim-api';

export function renderParticipantList(
  list: HTMLElement,
  participants: SimParticipant[],
  onDisconnect: (uuid: string) => void,
): void {
  const self = document.createElement('li');
  self.className = 'participant self';
  self.append(createAvatar('You'), info('You', 'Host · this browser'));
  const rows = participants.map((p) => {
    const li = document.createElement('li');
    li.className = `participant ${p.state}`;
    li.dataset.uuid = p.uuid;
    const status = p.state === 'calling' ? 'Calling…' : p.role === 'chair' ? 'Host' : 'Guest';
    const hangUp = document.createElement('button');
    hangUp.type = 'button';
    hangUp.className = 'disconnect';
    // An icon, not a word: the name beside it gets the width.
    hangUp.append(builtinIcon('HangUp'));
    hangUp.title = `Disconnect ${p.displayName}`;
    hangUp.setAttribute('aria-label', `Disconnect ${p.displayName}`);
    hangUp.addEventListener('click', () => onDisconnect(p.uuid));
    li.append(createAvatar(p.displayName), info(p.displayName, status, p.destination), hangUp);
    return li;
  });
  list.replaceChildren(self, ...rows);
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
