/**
 * Sends a changing value at most once per `intervalMs`, and always its last
 * state: the first change of a quiet spell goes at once, later ones wait for
 * the interval's end and go as one. `send` reads the state when it runs, so
 * a burst of changes costs one read.
 */
export interface Coalescer {
  /** The value changed. */
  changed(): void;
  /** Sends now (a new subscriber's snapshot): the next change waits its turn. */
  now(): void;
  /** Forget a pending send. */
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/** `send` may return a longer wait before the next send than `intervalMs` (after a large message). */
export function createCoalescer(send: () => number | void, intervalMs: number, clock: Clock): Coalescer {
  let last = -Infinity;
  let wait = intervalMs;
  let timer: unknown;
  const fire = (): void => {
    timer = undefined;
    last = clock.now();
    wait = Math.max(intervalMs, send() ?? 0);
  };
  return {
    changed() {
      if (timer !== undefined) return;
      const left = last + wait - clock.now();
      if (left <= 0) fire();
      else timer = clock.setTimeout(fire, left);
    },
    now() {
      this.cancel();
      fire();
    },
    cancel() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
