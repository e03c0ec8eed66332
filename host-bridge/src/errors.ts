import type { RequestAction } from './contract/index.js';

/** The plugin answered `dial-out-error`; `message` is the plugin's (or Infinity's) explanation. */
export class DialOutError extends Error {
  override name = 'DialOutError';
}

/** No answer within the call's `timeoutMs`. A dial-out may still complete in the meeting. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** The arguments were rejected before anything was sent; `message` names the field. */
export class InvalidParamsError extends Error {
  override name = 'InvalidParamsError';
}

/**
 * The call was cut off: `close()` was called (`reason: 'closed'`) or the plugin
 * restarted while it was in flight (`reason: 'plugin-restarted'`). Whether a
 * cut-off dial-out reached the meeting is unknown.
 */
export class CallInterruptedError extends Error {
  override name = 'CallInterruptedError';
  constructor(
    readonly reason: 'closed' | 'plugin-restarted',
    what: string,
  ) {
    super(
      reason === 'closed'
        ? `${what} was cut off: the bridge was closed. If it was a dial-out, whether it reached the meeting is unknown.`
        : `${what} was cut off: the plugin restarted before answering. If it was a dial-out, whether it reached the meeting is unknown.`,
    );
  }
}

/** The error a failed request rejects with, by the action it was sent as. */
const REQUEST_ERRORS: Record<RequestAction, new (message: string) => Error> = {
  'dial-out': DialOutError,
};

export const requestError = (request: RequestAction, message: string | undefined): Error =>
  new REQUEST_ERRORS[request](message ?? `The plugin reported a ${request} error without a message`);
