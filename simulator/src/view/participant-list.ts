// The participant panel: the local user, the lobby, everyone else in the
// meeting, then dialled calls still ringing. Capped at MAX_ROWS rows (plus a
// count of the rest), so a 1,000-person meeting with churn costs the same to
// draw as a small one.
import type { InfinityParticipant } from '@pexip/plugin-api';
import { breakableAddress } from './wrap';
import { createAvatar } from './avatar';
import { builtinIcon } from './icons';
import type { SimParticipant } from '../harness/sim-api';

/** Rows drawn besides the local user. */
export const MAX_ROWS = 50;

export interface ParticipantListView {
  /** null outside a meeting (the row then just says who this browser is) */
  me: InfinityParticipant | null;
  /** everyone else in the meeting, in join order */
  others: Iterable<InfinityParticipant>;
  othersCount: number;
  /** dialled calls (calling or joined), by uuid: they get a Disconnect button and their address */
  dialled: ReadonlyMap<string, SimParticipant>;
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

export function renderParticipantList(list: HTMLElement, view: ParticipantListView, onDisconnect: (uuid: string) => void): void {
  const self = document.createElement('li');
  self.className = 'participant self';
  self.append(createAvatar('You'), info('You', view.me ? `${statusOf(view.me)} · this browser` : 'Host · this browser'));
  const rows: HTMLElement[] = [];
  const room = (p: InfinityParticipant): void => {
    if (rows.length < MAX_ROWS) rows.push(row(p, view.dialled.get(p.uuid), onDisconnect));
  };
  // Two passes: the lobby first, as Web App 3 lists the people waiting for a host.
  for (const p of view.others) if (p.isWaiting) room(p);
  for (const p of view.others) if (!p.isWaiting) room(p);
  let calling = 0;
  for (const d of view.dialled.values()) {
    if (d.state !== 'calling') continue;
    calling++;
    if (rows.length < MAX_ROWS) rows.push(callingRow(d, onDisconnect));
  }
  const rest = view.othersCount + calling - rows.length;
  if (rest > 0) {
    const more = document.createElement('li');
    more.className = 'participant-more';
    more.textContent = `and ${rest} more`;
    rows.push(more);
  }
  list.dataset.count = String(view.othersCount + calling + 1);
  list.replaceChildren(self, ...rows);
}

function row(p: InfinityParticipant, dialled: SimParticipant | undefined, onDisconnect: (uuid: string) => void): HTMLElement {
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
