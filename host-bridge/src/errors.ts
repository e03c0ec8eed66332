
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
      `${what} was cut off: ${reason === 'closed' ? 'the bridge was closed' : 'the plugin restarted before answering'}. If it was a dial-out, whether it reached the meeting is unknown.`,
    );
  }
}

/**
 * The plugin or Infinity refused a participant control (`403` for a right the
 * user lacks, an unknown participant, a feature the deployment switched off):
 * `message` says which; `action` is the control's wire name (e.g. `mute`).
 */
export class ControlError extends Error {
  override name = 'ControlError';
  constructor(
    message: string,
    readonly action: string,
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
  constructor(
    readonly feature: string,
    method: string,
  ) {
    super(`${method}: the plugin does not offer '${feature}' (its ready announced only the features in chat.features); upgrade the plugin or list '${feature}' in its config.json "features"`);
  }
}

/** The error a failed request or control rejects with, by the action it was sent as. */
export const requestError = (action: string, message: string | undefined): Error =>
  action === 'dial-out'
    ? new DialOutError(message ?? 'The plugin reported a dial-out error without a message')
    : new ControlError(message ?? `The plugin refused ${action} without saying why`, action);
