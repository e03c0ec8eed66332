/**
 * Sends the latest value, never more than one send in flight: a burst of
 * commands becomes the first send plus one for the value current when it
 * completes. The last value always wins and nothing equal to what was last
 * sent is sent again.
 */
export function latestWins<T>(
  send: (value: T) => Promise<unknown>,
  alreadySent: T,
  equals: (a: T, b: T) => boolean,
  onError: (error: unknown) => void,
): (value: T) => void {
  let wanted = alreadySent;
  let sent: T | undefined = alreadySent;
  let inFlight = false;

  const flush = async (): Promise<void> => {
    inFlight = true;
    // One microtask lets commands delivered in the same task collapse into one send.
    await Promise.resolve();
    try {
      while (sent === undefined || !equals(wanted, sent)) {
        const value = wanted;
        try {
          await send(value);
          sent = value;
        } catch (error) {
          // The remote state is unknown now: the next command sends again.
          sent = undefined;
          onError(error);
          return;
        }
      }
    } finally {
      inFlight = false;
    }
  };

  return (value) => {
    wanted = value;
    if (!inFlight) void flush();
  };
}
