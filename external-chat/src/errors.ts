import { errorCodeOf, type ErrorCode } from '@external-chat/host-bridge/internal';

/** A readable message from whatever `@pexip/plugin-api` rejected with (Errors, `{ reason }` objects, strings). */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  if (typeof error === 'object' && error !== null && 'reason' in error && typeof error.reason === 'string') {
    return error.reason;
  }
  return 'Unknown error';
}

/** An error that says why in `code` (the contract's ERROR_CODES): the page's answer carries it. */
export const failure = (code: ErrorCode, message: string): Error => Object.assign(new Error(message), { code });

/** The code a failure carries; `fallback` for anything else (a rejection from plugin-api, a bug). */
export const codeOf = (error: unknown, fallback?: ErrorCode): ErrorCode => errorCodeOf((error as { code?: unknown } | null)?.code, fallback);
