export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
}

export interface WarnLimiterOptions {
  /** Where the warnings go (the console, in the plugin). */
  write(message: string): void;
  /** After the first warning for a key, further ones are counted and summed up once per window. */
  windowMs: number;
  timers?: Timers;
}

/**
 * `warn(key, message)`: warnings that a page can trigger at will (one per
 * message it posts) would flood the console and cost time. The first for a
 * key is written at once; those that follow within `windowMs` are only
 * counted, and summed up in one line when the window closes, quoting the
 * first. A window in which nothing came closes the key, so the next one is
 * written in full again.
 */
export function createWarnLimiter({ write, windowMs, timers = globalThis }: WarnLimiterOptions) {
  /** Per key: the first warning written, and how many came since the last line. */
  const suppressed = new Map<string, { first: string; count: number }>();

  const close = (key: string): void => {
    const seen = suppressed.get(key)!;
    if (seen.count === 0) {
      suppressed.delete(key);
      return;
    }
    write(`${seen.count} more in the last ${windowMs / 1000} s like: ${seen.first}`);
    seen.count = 0;
    timers.setTimeout(() => close(key), windowMs);
  };

  return (key: string, message: string): void => {
    const seen = suppressed.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    suppressed.set(key, { first: message, count: 0 });
    write(message);
    timers.setTimeout(() => close(key), windowMs);
  };
}
