export interface CoalesceTiming {
  /** A burst has ended when no command came for this long. */
  quietMs: number;
  /** Never hold a changed state back longer than this during an endless stream. */
  maxDeferMs: number;
}

/** Bursts settle within ~10 ms of their last command; isolated commands go out at once. */
export const DEFAULT_TIMING: CoalesceTiming = { quietMs: 8, maxDeferMs: 200 };

/**
 * Sends the latest value with at most one send in flight. An isolated command
 * is sent at once. Commands arriving while a send is in flight mean a burst:
 * the next send waits until the commands stop (or `maxDeferMs` passed), so a
 * burst of any length costs about two sends. The last value always wins and a
 * value equal to the one last sent is not sent again.
 */
export function latestWins<T>(
  send: (value: T) => Promise<unknown>,
  alreadySent: T,
  equals: (a: T, b: T) => boolean,
  onError: (error: unknown) => void,
  { quietMs, maxDeferMs }: CoalesceTiming = DEFAULT_TIMING,
): (value: T) => void {
  let wanted = alreadySent;
  let sent: T | undefined = alreadySent;
  let inFlight = false;
  let busy = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let deferredSince = 0;
  let lastCommandAt = 0;

  // One timer per quiet window, not one per command: in a burst of thousands,
  // re-arming a timer for each command costs more than handling the command.
  const wake = (): void => {
    const now = Date.now();
    const wait = Math.min(lastCommandAt + quietMs, deferredSince + maxDeferMs) - now;
    if (wait > 0) timer = setTimeout(wake, wait);
    else void flush();
  };

  const defer = (): void => {
    lastCommandAt = Date.now();
    if (timer !== undefined) return;
    deferredSince = lastCommandAt;
    timer = setTimeout(wake, quietMs);
  };

  async function flush(): Promise<void> {
    timer = undefined;
    busy = false;
    inFlight = true;
    // One microtask lets commands delivered in the same task collapse into one send.
    await Promise.resolve();
    const value = wanted;
    try {
      if (sent === undefined || !equals(value, sent)) {
        await send(value);
        sent = value;
      }
    } catch (error) {
      // The rendered state is unknown now: the next flush sends again.
      sent = undefined;
      onError(error);
    } finally {
      inFlight = false;
    }
    if (busy) defer();
  }

  return (value) => {
    wanted = value;
    if (inFlight) busy = true;
    else if (timer !== undefined) defer();
    else void flush();
  };
}
