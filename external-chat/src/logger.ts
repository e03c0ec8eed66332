import type { setLogger } from '@pexip/plugin-api';

type Logger = Parameters<typeof setLogger>[0];

const noop = (): void => undefined;

/**
 * plugin-api's default logger writes a console.debug with the whole
 * MessageEvent for every RPC and message: slow, and the console keeps those
 * objects alive. This one keeps warnings and errors and prints debug output
 * only when asked to.
 */
export function createQuietLogger(debug: boolean): Logger {
  const log =
    (write: (...args: unknown[]) => void) =>
    (meta: unknown, message?: string): void =>
      message === undefined ? write('[external-chat]', meta) : write(`[external-chat] ${message}`, meta);
  return {
    fatal: log(console.error),
    error: log(console.error),
    warn: log(console.warn),
    info: debug ? log(console.info) : noop,
    debug: debug ? log(console.debug) : noop,
    trace: noop,
    silent: noop,
    redact: (text) => text,
    addRedactPattern: noop,
  };
}
