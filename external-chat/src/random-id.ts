/**
 * A random id: a UUID where the browser makes one (a secure context), else 32 hex digits from getRandomValues.
 * It is also @pexip/plugin-api's `uuid` (vite.config.ts): the channel ids it makes need no more, and the `uuid`
 * package's own fallbacks for browsers without either cost 0.4 KB gz of a frozen budget.
 */
export const v4 = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
