/** A readable message from whatever `@pexip/plugin-api` rejected with (Errors, `{ reason }` objects, strings). */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  if (typeof error === 'object' && error !== null && 'reason' in error && typeof error.reason === 'string') {
    return error.reason;
  }
  return 'Unknown error';
}
