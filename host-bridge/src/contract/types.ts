import type { DialMap } from '@pexip/infinity-api';
import type { ACTION_PREFIX, HostAction, PluginAction } from './actions';

/** The Infinity dial body, as Pexip's own API package defines it. */
export type DialOutBody = DialMap['Body'];

/** What a successful dial-out resolves to. */
export interface DialOutResult {
  uuid: string;
  displayName?: string;
}

/**
 * The service the plugin exposes. The host reaches it through comlink's
 * `wrap()`; the envelope endpoints translate each call to the documented wire.
 */
export interface ExternalChatService {
  setButtonActive(active: boolean): void | Promise<void>;
  setBadge(visible: boolean): void | Promise<void>;
  dialOut(body: DialOutBody): Promise<DialOutResult>;
}

/** Payload fields of each envelope, by action. */
export interface HostPayloads {
  'toggle-chat-button-state': { active: boolean };
  'toggle-chat-badge': { visible: boolean };
  'dial-out': DialOutBody & { requestId?: string };
  ping: Record<never, never>;
}

export interface DisconnectedPayload {
  /** true when the user clicked Leave, false when the call dropped. */
  userInitiated: boolean;
  error?: string;
  errorCode?: string;
}

export interface PluginPayloads {
  ready: { instanceId?: string };
  'toggle-chat': { active: boolean };
  'dial-out-success': DialOutResult & { requestId?: string };
  'dial-out-error': { message?: string; requestId?: string };
  connected: Record<never, never>;
  disconnected: DisconnectedPayload;
}

export type Envelope<N extends string, P> = { action: `${typeof ACTION_PREFIX}${N}` } & P;

export type HostEnvelope<N extends HostAction = HostAction> = N extends HostAction
  ? Envelope<N, HostPayloads[N]>
  : never;
export type PluginEnvelope<N extends PluginAction = PluginAction> = N extends PluginAction
  ? Envelope<N, PluginPayloads[N]>
  : never;

/** A decoded message: the short action name and its validated payload. */
export type Decoded<M, N extends keyof M = keyof M> = N extends keyof M ? { name: N; payload: M[N] } : never;
