// Dial-out simulation and the participant list.
//
// Destinations decide the outcome:
//   fail…  Infinity refuses the dial: the reply carries no participant uuid
//   hang…  a uuid comes back but the call is never answered (no participantJoined)
//   slow…  like any other, but joins SLOW_EXTRA_MS later (answers out of order)
//   other  a uuid comes back; event:participantJoined follows after the join delay
import type { EventMessage, RPCCallPayload, RPCCallReply } from '@pexip/plugin-api';
import { uuid } from './ids';
import { dialledParticipant, displayNameOf, roleOf } from './infinity-participant';
import type { SimParticipant } from './sim-api';

type DialBody = RPCCallPayload<'conference:dialOut'>;

/** How much later a `slow…` destination answers. */
export const SLOW_EXTRA_MS = 300;
type Broadcast = <K extends keyof EventMessage>(event: K, payload: EventMessage[K]['payload']) => void;

const isDialBody = (body: unknown): body is DialBody =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { destination?: unknown }).destination === 'string' &&
  (body as { destination: string }).destination !== '';

export class Participants {
  private readonly byUuid = new Map<string, SimParticipant>();
  private readonly timers = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly broadcast: Broadcast,
    public joinDelay: number,
  ) {}

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  list(): SimParticipant[] {
    return [...this.byUuid.values()].map((p) => ({ ...p }));
  }

  /**
   * The reply to `conference:dialOut`, typed by plugin-api as Infinity's dial
   * response (`{status: 200, data: {status: 'success', result: uuid[]}}`) or
   * `undefined`. A refused dial replies `undefined`, which is what Web App 3's
   * Infinity client yields for a failed request: plugin-api's
   * `result?.data.result[0]` is then undefined and dialOut rejects with
   * 'Could not dial out to specified uri'. (`{status: 'failed', reason}` would
   * instead crash it with a TypeError on `data.result`.)
   */
  dialOut(pluginId: string, body: unknown): RPCCallReply<'conference:dialOut'> {
    if (!isDialBody(body) || body.destination.toLowerCase().startsWith('fail')) return undefined;
    const id = uuid();
    const participant: SimParticipant = {
      uuid: id,
      pluginId,
      destination: body.destination,
      displayName: displayNameOf(body),
      role: roleOf(body),
      state: 'calling',
    };
    this.byUuid.set(id, participant);
    if (!body.destination.toLowerCase().startsWith('hang')) {
      this.timers.set(
        id,
        window.setTimeout(
          () => this.answer(id, body),
          this.joinDelay + (body.destination.toLowerCase().startsWith('slow') ? SLOW_EXTRA_MS : 0),
        ),
      );
    }
    this.changed();
    return { status: 200, data: { status: 'success', result: [id] } };
  }

  private answer(id: string, body: DialBody): void {
    this.timers.delete(id);
    const p = this.byUuid.get(id);
    if (!p || p.state !== 'calling') return;
    p.state = 'joined';
    p.participant = dialledParticipant(id, body);
    this.broadcast('event:participantJoined', { id: 'main', participant: p.participant });
    this.changed();
  }

  /** Hang up (or cancel an unanswered call). Returns false for an unknown uuid. */
  disconnect(id: string): boolean {
    const p = this.byUuid.get(id);
    if (!p) return false;
    window.clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.byUuid.delete(id);
    if (p.state === 'joined' && p.participant) {
      this.broadcast('event:participantLeft', { id: 'main', participant: p.participant });
    }
    p.state = 'left';
    this.changed();
    return true;
  }

  /** The meeting ended for this user: everybody is gone, without events. */
  clear(): void {
    for (const t of this.timers.values()) window.clearTimeout(t);
    this.timers.clear();
    this.byUuid.clear();
    this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

/** Render the participant panel: the local user, then every dialled participant. */
export function renderParticipantList(
  list: HTMLElement,
  participants: SimParticipant[],
  onDisconnect: (uuid: string) => void,
): void {
  const self = document.createElement('li');
  self.className = 'participant self';
  self.append(avatar('You'), info('You', 'Host · this browser'));
  const rows = participants.map((p) => {
    const li = document.createElement('li');
    li.className = `participant ${p.state}`;
    li.dataset.uuid = p.uuid;
    const status = p.state === 'calling' ? 'Calling…' : p.role === 'chair' ? 'Host' : 'Guest';
    const hangUp = document.createElement('button');
    hangUp.type = 'button';
    hangUp.className = 'disconnect';
    hangUp.textContent = 'Disconnect';
    hangUp.setAttribute('aria-label', `Disconnect ${p.displayName}`);
    hangUp.addEventListener('click', () => onDisconnect(p.uuid));
    li.append(avatar(p.displayName), info(p.displayName, `${status} · ${p.destination}`), hangUp);
    return li;
  });
  list.replaceChildren(self, ...rows);
}

function avatar(name: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'avatar';
  el.setAttribute('aria-hidden', 'true');
  el.textContent = initials(name);
  el.style.setProperty('--hue', String(hue(name)));
  return el;
}

function info(name: string, detail: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'info';
  const n = document.createElement('span');
  n.className = 'name';
  n.textContent = name;
  const d = document.createElement('span');
  d.className = 'detail';
  d.textContent = detail;
  el.append(n, d);
  return el;
}

export function initials(name: string): string {
  const words = name.replace(/@.*$/, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return (words.length > 1 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : (words[0] ?? name).slice(0, 1)).toUpperCase();
}

export function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

export { avatar as createAvatar };
