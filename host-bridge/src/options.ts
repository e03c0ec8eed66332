import { isOrigin, isRecord, originOf } from './contract/internal.js';
import { preview } from './contract/fields.js';
import { InvalidParamsError } from './errors.js';

/** The options every method takes after its argument. */
export interface CallOptions {
  /** Aborting rejects the call with the signal's reason. */
  signal?: AbortSignal;
  /** Rejects with TimeoutError after this many ms; 0 = wait forever. Default: the bridge's `timeoutMs`. */
  timeoutMs?: number;
}

/** The longest delay setTimeout honours; beyond it browsers fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * `webappOrigin` as exact origins; anything that is not `scheme://host[:port]` is refused with what to write.
 * `'null'` (a plugin frame without allow-same-origin, whose origin is opaque) counts only when named: any
 * sandboxed frame inside Web App 3 speaks from it.
 */
export function checkOrigins(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = ([] as string[]).concat(value);
  // An empty list would accept no plugin at all: the bridge could never connect.
  if (list.length === 0) {
    throw new InvalidParamsError("webappOrigin: [] lists no origin, so no plugin could ever connect; list Web App 3's origin (e.g. 'https://pexip.example.com'), or leave webappOrigin out for the origin of the iframe's src");
  }
  for (const origin of list) {
    if (origin !== 'null' && !isOrigin(origin)) {
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
export function checkTimeout(where: string, value: unknown, name = 'timeoutMs'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TIMEOUT_MS) {
    throw new InvalidParamsError(`${where}: ${name} must be a whole number of milliseconds from 0 (no timeout) to ${MAX_TIMEOUT_MS}, got ${String(value)}`);
  }
  return value;
}

// Duck-typed: a signal from another frame's realm fails `instanceof AbortSignal` but works.
const isAbortSignal = (value: unknown): value is AbortSignal =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AbortSignal).aborted === 'boolean' &&
  typeof (value as AbortSignal).addEventListener === 'function' &&
  typeof (value as AbortSignal).removeEventListener === 'function';

const CALL_OPTIONS: readonly string[] = ['signal', 'timeoutMs'] satisfies (keyof CallOptions)[];

/**
 * A method's options argument: left out, or `{ signal?, timeoutMs? }` with each field valid.
 * `fields`: payload fields the method takes there too (checked with the payload, not here).
 */
export function checkCallOptions(method: string, options: unknown, fields: readonly string[] = []): CallOptions {
  const known = [...CALL_OPTIONS, ...fields];
  if (options === undefined) return {};
  if (!isRecord(options)) throw new InvalidParamsError(`${method}: options must be an object ({ ${known.map((key) => `${key}?`).join(', ')} }) or left out, got ${preview(options)}`);
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new InvalidParamsError(`${method}: unknown option '${unknown}'; the options are ${known.join(', ').replace(/, ([^,]*)$/, ' and $1')}`);
  const { signal, timeoutMs } = options;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new InvalidParamsError(`${method}: options.signal must be an AbortSignal (e.g. new AbortController().signal), got ${preview(signal)}`);
  }
  const checked: CallOptions = {};
  if (signal !== undefined) checked.signal = signal;
  if (timeoutMs !== undefined) checked.timeoutMs = checkTimeout(method, timeoutMs);
  return checked;
}
