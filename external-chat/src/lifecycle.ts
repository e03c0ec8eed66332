import { encode } from '@external-chat/host-bridge/contract';
import type { Plugin } from '@pexip/plugin-api';

/**
 * Forwards the meeting lifecycle so the host can open its chat when the user
 * joins and close it when the meeting ends for them.
 */
export function forwardLifecycle(events: Plugin['events'], post: (envelope: object) => void): void {
  events.connected.add(() => post(encode('connected', {})));
  events.userInitiatedDisconnect.add(() => post(encode('disconnected', { userInitiated: true })));
  events.disconnected.add((payload) => {
    const error = typeof payload?.error === 'string' ? { error: payload.error } : {};
    const code = payload?.errorCode === undefined ? {} : { errorCode: String(payload.errorCode) };
    post(encode('disconnected', { userInitiated: false, ...error, ...code }));
  });
}
