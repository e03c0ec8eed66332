// Pure: each control → the @pexip/plugin-api RPC that does it, and Infinity's answer → success or the reason.
import type { ControlAction, ControlPayloads } from '@external-chat/host-bridge/contract';
import type { ParticipantID, RPCCallPayload } from '@pexip/plugin-api';

export type ControlRpc =
  | 'participant:mute'
  | 'participant:muteVideo'
  | 'participant:admit'
  | 'participant:disconnect'
  | 'participant:spotlight'
  | 'participant:raiseHand'
  | 'participant:setRole'
  | 'participant:transfer'
  | 'participant:sendDTMF'
  | 'conference:muteAllGuests'
  | 'conference:sendMessage'
  | 'ui:toast:show';

/** One call to Web App 3, its payload typed by plugin-api. */
export type ControlCall = { [K in ControlRpc]: { rpc: K; payload: RPCCallPayload<K> } }[ControlRpc];

const id = (uuid: string): ParticipantID => uuid as ParticipantID;

/**
 * `self`: the control names the local user. For mute, mute-video and
 * raise-hand the participant is then left out: that is how Infinity is told
 * the subject is the caller (naming yourself asks a host's right instead).
 */
const CALLS: { [A in ControlAction]: (control: ControlPayloads[A], self: boolean) => ControlCall } = {
  mute: ({ participantUuid, muted }, self) => ({
    rpc: 'participant:mute',
    payload: self ? { mute: muted } : { mute: muted, participantUuid: id(participantUuid) },
  }),
  'mute-video': ({ participantUuid, muted }, self) => ({
    rpc: 'participant:muteVideo',
    payload: self ? { muteVideo: muted } : { muteVideo: muted, participantUuid: id(participantUuid) },
  }),
  'raise-hand': ({ participantUuid, raised }, self) => ({
    rpc: 'participant:raiseHand',
    payload: self ? { raise: raised } : { raise: raised, participantUuid: id(participantUuid) },
  }),
  admit: ({ participantUuid }) => ({ rpc: 'participant:admit', payload: { participantUuid: id(participantUuid) } }),
  disconnect: ({ participantUuid }) => ({ rpc: 'participant:disconnect', payload: { participantUuid: id(participantUuid) } }),
  spotlight: ({ participantUuid, active }) => ({ rpc: 'participant:spotlight', payload: { enable: active, participantUuid: id(participantUuid) } }),
  // Infinity calls the host role 'chair' here, and 'host' in a transfer.
  'set-role': ({ participantUuid, role }) => ({
    rpc: 'participant:setRole',
    payload: { role: role === 'host' ? 'chair' : 'guest', participantUuid: id(participantUuid) },
  }),
  // A transfer never quietly promotes anyone: without a role the participant arrives as a guest.
  transfer: ({ participantUuid, alias, role = 'guest', pin = '' }) => ({
    rpc: 'participant:transfer',
    payload: { destination: alias, pin, role, participantUuid: id(participantUuid) },
  }),
  dtmf: ({ participantUuid, digits }) => ({ rpc: 'participant:sendDTMF', payload: { digits, participantUuid: id(participantUuid) } }),
  'mute-all-guests': ({ muted }) => ({ rpc: 'conference:muteAllGuests', payload: { mute: muted } }),
  // Without a participant the message goes to everyone in the meeting.
  'send-meeting-message': ({ text, participantUuid }) => ({
    rpc: 'conference:sendMessage',
    payload: participantUuid === undefined ? { payload: text } : { payload: text, participantUuid: id(participantUuid) },
  }),
  notify: ({ message }) => ({ rpc: 'ui:toast:show', payload: { message } }),
};

export const callOfControl = <A extends ControlAction>(action: A, control: ControlPayloads[A], self: boolean): ControlCall =>
  CALLS[action](control, self);

/** The controls whose subject is the caller when they name the local user. */
export const SELF_CONTROLS: readonly ControlAction[] = ['mute', 'mute-video', 'raise-hand'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** What Infinity said, as far as it explains a refusal: `result` or `reason`, when they are text. */
function reasonIn(data: unknown): string {
  if (!isObject(data)) return '';
  const text = typeof data.result === 'string' ? data.result : typeof data.reason === 'string' ? data.reason : '';
  return text ? `: ${text.slice(0, 200)}` : '';
}

/** The RPCs plugin-api types as answering nothing: for them `undefined` is success (a failure rejects). */
const ANSWER_NOTHING: readonly ControlRpc[] = ['participant:setRole', 'ui:toast:show'];

/**
 * Web App 3 answers a control with Infinity's answer as a value
 * (`{status, data}`), not a rejection: a 403 must be read from the status.
 * `undefined` means the request never went (no meeting), except for the RPCs
 * that answer nothing.
 */
export function refusalIn(rpc: ControlRpc, reply: unknown): string | undefined {
  if (reply === undefined) return ANSWER_NOTHING.includes(rpc) ? undefined : 'Web App 3 did not send it to Infinity (is the user in the meeting?)';
  if (!isObject(reply)) return `Web App 3 answered something unexpected (${typeof reply})`;
  const { status } = reply;
  if (typeof status === 'number') {
    if (status < 200 || status > 299) return `Infinity refused it (${status}${reasonIn(reply.data)})`;
    // Infinity's 200 `{status: 'success', result: false}`: "true if successful, false otherwise" (@pexip/infinity-api).
    return isObject(reply.data) && reply.data.result === false ? 'Infinity answered result: false' : undefined;
  }
  // A refusal by Web App 3 itself: `{status: 'failed', reason}`.
  if (status === 'failed') return `Web App 3 refused it${reasonIn(reply)}`;
  return status === 'ok' || status === 'success' ? undefined : 'Web App 3 answered something unexpected (no status)';
}
