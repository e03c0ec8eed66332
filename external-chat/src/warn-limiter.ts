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
 * `warn(key, message, more)`: warnings that a page can trigger at will (one
 * per message it posts) would flood the console and cost time. The first for
 * a key is written at once; those that follow within `windowMs` are only
 * counted, and `more(count)` is written when the window closes. A window in
 * which nothing came closes the key, so the next one is written in full again.
 */
export function createWarnLimiter({ write, windowMs, timers = globalThis }: WarnLimiterOptions) {
  const suppressed = new Map<string, number>();

  const close = (key: string, more: (count: number) => string): void => {
    const count = suppressed.get(key) ?? 0;
    if (count === 0) {
      suppressed.delete(key);
      return;
    }
    suppressed.set(key, 0);
    write(more(count));
    timers.setTimeout(() => close(key, more), windowMs);
  };

  return (key: string, message: string, more: (count: number) => string): void => {
    const count = suppressed.get(key);
    if (count !== undefined) {
      suppressed.set(key, count + 1);
      return;
    }
    suppressed.set(key, 0);
    write(message);
    timers.setTimeout(() => close(key, more), windowMs);
  };
}
