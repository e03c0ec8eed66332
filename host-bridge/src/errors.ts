import { errorCodeOf, type ErrorCode } from './contract/internal.js';

/**
 * Every error a call rejects with says why in `code`: the plugin's own (the contract's ERROR_CODES, on
 * DialOutError and ControlError), or the bridge's. Messages may change; codes are semver.
 */
export type BridgeErrorCode = ErrorCode | 'interrupted';

/** The plugin answered `dial-out-error`; `message` is the plugin's (or Infinity's) explanation, `code` says why. */
export class DialOutError extends Error {
  override name = 'DialOutError';
  constructor(
    message: string,
    readonly code: ErrorCode = 'failed',
  ) {
    super(message);
  }
}

/** No answer within the call's `timeoutMs`. A dial-out may still complete in the meeting. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  readonly code = 'timeout';
}

/** The arguments were rejected before anything was sent; `message` names the field. */
export class InvalidParamsError extends Error {
  override name = 'InvalidParamsError';
  readonly code = 'invalid-params';
}

/**
 * The call was cut off: `close()` was called (`reason: 'closed'`) or the plugin
 * restarted while it was in flight (`reason: 'plugin-restarted'`). Whether a
 * cut-off dial-out reached the meeting is unknown.
 */
export class CallInterruptedError extends Error {
  override name = 'CallInterruptedError';
  readonly code = 'interrupted';
  constructor(
    readonly reason: 'closed' | 'plugin-restarted',
    what: string,
  ) {
    super(
      `${what} was cut off: ${reason === 'closed' ? 'the bridge was closed' : 'the plugin restarted before answering'}. If it was a dial-out, whether it reached the meeting is unknown.`,
    );
  }
}

/**
 * The plugin or Infinity refused a participant control: `code` says why (`refused` for a right the user
 * lacks, `unknown-participant`, `feature-off`, `rate-limited`, `timeout`, …), `message` says it in words;
 * `action` is the control's wire name (e.g. `mute`).
 */
export class ControlError extends Error {
  override name = 'ControlError';
  constructor(
    message: string,
    readonly action: string,
    readonly code: ErrorCode = 'failed',
  ) {
    super(message);
  }
}

/**
 * The plugin did not announce this feature in its `ready` (an older plugin, or
 * the deployment's config.json switched it off): nothing was sent.
 */
export class FeatureUnavailableError extends Error {
  override name = 'FeatureUnavailableError';
  readonly code = 'feature-off';
  constructor(
    readonly feature: string,
    method: string,
  ) {
    super(`${method}: the plugin does not offer '${feature}' (its ready announced only the features in chat.features); upgrade the plugin or list '${feature}' in its config.json "features"`);
  }
}

/**
 * The error a failed request or control rejects with, by the action it was sent as. A code this version
 * does not know (a newer plugin's), or none (an older plugin's), is `failed`.
 */
export function requestError(action: string, message: string | undefined, code: string | undefined): Error {
  const known = errorCodeOf(code);
  return action === 'dial-out'
    ? new DialOutError(message ?? 'The plugin reported a dial-out error without a message', known)
    : new ControlError(message ?? `The plugin refused ${action} without saying why`, action, known);
}
