// Pure: each control → the @pexip/plugin-api RPC its row names, and Infinity's answer → success or the reason.
import { own, PAGE_TO_PLUGIN, type ControlAction, type ControlPayloads, type WebApp3Call } from '@external-chat/host-bridge/internal';
import type { RPCCallPayload } from '@pexip/plugin-api';

/** The RPCs the controls call, as their rows name them (rows-fit-plugin-api.ts checks each against plugin-api). */
export type ControlRpc = (typeof PAGE_TO_PLUGIN)[ControlAction]['webapp3']['rpc'];

/** One call to Web App 3, its payload typed by plugin-api. */
export type ControlCall = { [K in ControlRpc]: { rpc: K; payload: RPCCallPayload<K> } }[ControlRpc];

const lookup = (map: { readonly [key: string]: string } | undefined, key: string): string | undefined =>
  map === undefined ? undefined : (own(map, key) as string | undefined);

/**
 * The RPC a validated control asks for, as its row says (`webapp3`). `me`: the control names the local
 * user, so a row marked `self` leaves the participant out.
 */
export function callOfControl<A extends ControlAction>(action: A, control: ControlPayloads[A], me: boolean): ControlCall {
  const { rpc, as, values, defaults, self }: WebApp3Call = PAGE_TO_PLUGIN[action].webapp3;
  const payload: Record<string, unknown> = { ...defaults };
  for (const [field, value] of Object.entries(control)) {
    if (value === undefined || (me && self && field === 'participantUuid')) continue;
    payload[lookup(as, field) ?? field] = lookup(values?.[field], value as string) ?? value;
  }
  return { rpc, payload } as ControlCall;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** What Infinity said, as far as it explains a refusal: `result` or `reason`, when they are text. */
function reasonIn(data: unknown): string {
  if (!isObject(data)) return '';
  const text = typeof data.result === 'string' ? data.result : typeof data.reason === 'string' ? data.reason : '';
  return text ? `: ${text.slice(0, 200)}` : '';
}

/**
 * Web App 3 answers a control with Infinity's answer as a value
 * (`{status, data}`), not a rejection: a 403 must be read from the status.
 * `undefined` means the request never went (no meeting), except for the RPCs
 * that answer nothing.
 */
export function refusalIn(answersNothing: boolean | undefined, reply: unknown): string | undefined {
  if (reply === undefined) return answersNothing ? undefined : 'Web App 3 did not send it to Infinity (is the user in the meeting?)';
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
