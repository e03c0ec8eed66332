// The local user's call: joined or not, and the lifecycle events it sends.
import type { EventMessage } from '@pexip/plugin-api';

type Broadcast = <K extends keyof EventMessage>(event: K, payload: EventMessage[K]['payload']) => void;

/** What `Drop call` reports; '#pex117' is the code Infinity uses for an unlisted error message. */
export const DROPPED: EventMessage['event:disconnected']['payload'] = {
  error: 'Call dropped (simulated)',
  errorCode: '#pex117',
};

export class Meeting {
  private joined = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly broadcast: Broadcast) {}

  get inMeeting(): boolean {
    return this.joined;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  join(): void {
    this.joined = true;
    this.broadcast('event:connected', undefined);
    this.changed();
  }

  /** The user pressed Leave. */
  leave(): void {
    this.joined = false;
    this.broadcast('event:userInitiatedDisconnect', undefined);
    this.changed();
  }

  /** The call ended without the user asking. */
  drop(): void {
    this.joined = false;
    this.broadcast('event:disconnected', DROPPED);
    this.changed();
  }

  /** Follow events sent through __sim.emit, so the page stays truthful. */
  observe(event: keyof EventMessage): void {
    const joined =
      event === 'event:connected'
        ? true
        : event === 'event:disconnected' || event === 'event:userInitiatedDisconnect'
          ? false
          : this.joined;
    if (joined !== this.joined) {
      this.joined = joined;
      this.changed();
    }
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
