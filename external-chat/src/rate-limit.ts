// Pure limits on what a sender can make the plugin do, each on a clock it is given.

/**
 * At most one go per `intervalMs`: `take()` says yes (and counts it) or how
 * long to wait. Refused goes are not queued: a nudge that comes late is noise.
 */
export function createRateLimit(intervalMs: number, now: () => number) {
  let last = -Infinity;
  return {
    /** 0 when this go may happen (and is counted); otherwise the ms until one may. */
    take(): number {
      const at = now();
      const wait = last + intervalMs - at;
      if (wait > 0) return wait;
      last = at;
      return 0;
    },
  };
}

/**
 * A token bucket: `burst` goes at once, then `perSecond` on average.
 * `take()` says whether this go may happen, and counts it when it may.
 */
export function createTokenBucket(burst: number, perSecond: number, now: () => number) {
  let tokens = burst;
  let at = now();
  return {
    take(): boolean {
      const time = now();
      tokens = Math.min(burst, tokens + ((time - at) * perSecond) / 1000);
      at = time;
      if (tokens < 1) return false;
      tokens--;
      return true;
    },
  };
}

/**
 * At most `inFlight` jobs running, at most `waiting` more in line (first come,
 * first run); `enter` refuses a job beyond that. Each job that ran must `leave`.
 */
export function createLane(inFlight: number, waiting: number) {
  let running = 0;
  const line: (() => void)[] = [];
  return {
    /** Runs `job` now or when a running one leaves; false (and never runs it) when the line is full. */
    enter(job: () => void): boolean {
      if (running < inFlight) {
        running++;
        job();
      } else if (line.length < waiting) line.push(job);
      else return false;
      return true;
    },
    /** A job finished: the next in line runs in its place. */
    leave(): void {
      const next = line.shift();
      if (next) next();
      else running--;
    },
  };
}
