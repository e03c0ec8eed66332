import { isOrigin, originOf } from './contract';
import { InvalidParamsError } from './errors';

/** The longest delay setTimeout honours; beyond it browsers fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** `webappOrigin` as exact origins; anything that is not `scheme://host[:port]` is refused with what to write. */
export function checkOrigins(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = ([] as string[]).concat(value);
  for (const origin of list) {
    if (!isOrigin(origin)) {
      const parsed = typeof origin === 'string' ? originOf(origin) : undefined;
      throw new InvalidParamsError(
        `webappOrigin: ${JSON.stringify(origin)} is not an origin; write scheme://host[:port] with no path or trailing slash` +
          (parsed && parsed !== 'null' ? ` (${parsed})` : ''),
      );
    }
  }
  return list;
}

/** A timeout in ms: an integer from 0 (wait forever) to 2^31 - 1. */
export function checkTimeout(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TIMEOUT_MS) {
    throw new InvalidParamsError(`${where}: timeoutMs must be a whole number of milliseconds from 0 (no timeout) to ${MAX_TIMEOUT_MS}, got ${String(value)}`);
  }
  return value;
}
