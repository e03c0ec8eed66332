import { failure } from './errors';

/**
 * Rejects with `message` (code `timeout`) when `promise` has not settled within `ms`, so a
 * Web App 3 call that is never answered cannot hold anything forever. The
 * timer is cleared either way.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(failure('timeout', message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
