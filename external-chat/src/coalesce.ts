/**
 * Sends a changing value at most once per `intervalMs`, and always its last
 * state: the first change of a quiet spell goes at once, later ones wait for
 * the interval's end and go as one. `send` reads the state when it runs, so
 * a burst of changes costs one read.
 */
export interface Coalescer {
  /** The value changed. */
  changed(): void;
  /** The value was just sent by other means (a snapshot): the next change waits its turn. */
  sent(): void;
  /** Forget a pending send. */
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export function createCoalescer(send: () => void, intervalMs: number, clock: Clock): Coalescer {
  let last = -Infinity;
  let timer: unknown;
  const fire = (): void => {
    timer = undefined;
    last = clock.now();
    send();
  };
  return {
    changed() {
      if (timer !== undefined) return;
      const wait = last + intervalMs - clock.now();
      if (wait <= 0) fire();
      else timer = clock.setTimeout(fire, wait);
    },
    sent() {
      this.cancel();
      last = clock.now();
    },
    cancel() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
