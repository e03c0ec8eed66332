// The dialled-out participants: dial-out simulation, join, disconnect. No DOM.
// A call that is answered joins the meeting's roster (roster.ts), which sends
// the events; one that leaves the roster (hung up, transferred) is forgotten here.
//
// Destinations decide the outcome:
//   fail…  Infinity refuses the dial: the reply carries no participant uuid
//   hang…  a uuid comes back but the call is never answered (no participantJoined)
//   slow…  like any other, but joins SLOW_EXTRA_MS later (answers out of order)
//   other  a uuid comes back; event:participantJoined follows after the join delay
import type { RPCCallPayload, RPCCallReply } from '@pexip/plugin-api';
import { uuid } from './ids';
import { dialledParticipant, displayNameOf, roleOf } from './infinity-participant';
import type { Roster } from './roster';
import type { SimParticipant } from '../harness/sim-api';

type DialBody = RPCCallPayload<'conference:dialOut'>;

/** How much later a `slow…` destination answers. */
export const SLOW_EXTRA_MS = 300;

const isDialBody = (body: unknown): body is DialBody =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { destination?: unknown }).destination === 'string' &&
  (body as { destination: string }).destination !== '';

const startsWith = (destination: string, prefix: string): boolean => destination.toLowerCase().startsWith(prefix);

export class Participants {
  private readonly byUuid = new Map<string, SimParticipant>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly roster: Pick<Roster, 'add' | 'remove' | 'onLeave'>,
    public joinDelay: number,
  ) {
    roster.onLeave((id) => this.forget(id));
  }

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
    if (!isDialBody(body) || startsWith(body.destination, 'fail')) return undefined;
    const id = uuid();
    this.byUuid.set(id, {
      uuid: id,
      pluginId,
      destination: body.destination,
      displayName: displayNameOf(body),
      role: roleOf(body),
      state: 'calling',
    });
    if (!startsWith(body.destination, 'hang')) {
      const delay = this.joinDelay + (startsWith(body.destination, 'slow') ? SLOW_EXTRA_MS : 0);
      this.timers.set(
        id,
        setTimeout(() => this.answer(id, body), delay),
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
    this.changed();
    this.roster.add(p.participant);
  }

  /** Whether `id` is a dialled call still calling or joined. */
  has(id: string): boolean {
    return this.byUuid.has(id);
  }

  /** Hang up (or cancel an unanswered call). Returns false for an unknown uuid. */
  disconnect(id: string): boolean {
    const p = this.byUuid.get(id);
    if (!p) return false;
    this.forget(id);
    if (p.state === 'joined') this.roster.remove(id);
    return true;
  }

  /** The call is gone from the meeting, whoever ended it. */
  private forget(id: string): void {
    if (!this.byUuid.has(id)) return;
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.byUuid.delete(id);
    this.changed();
  }

  /** The meeting ended for this user: everybody is gone, without events. */
  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.byUuid.clear();
    this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
