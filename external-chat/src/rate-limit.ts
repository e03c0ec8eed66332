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
