import type { DialOutBody, DialOutResult, DisconnectedPayload, ExternalChatService, PluginEvents } from '@external-chat/host-bridge/contract';
import type { ToolbarButtonPayload } from '@pexip/plugin-api';
import { INITIAL_BUTTON_STATE, sameButtonState, toButtonPayload, type ButtonState } from './button-state';
import { latestWins } from './latest-wins';

/** What the service needs from Web App 3; webapp3.ts adapts @pexip/plugin-api to it. */
export interface WebApp3 {
  updateButton(payload: ToolbarButtonPayload): Promise<unknown>;
  dialOut(body: DialOutBody): Promise<DialOutResult>;
  onButtonClick(handler: () => void): void;
  onConnected(handler: () => void): void;
  onDisconnected(handler: (payload: DisconnectedPayload) => void): void;
}

/** One of the meeting's events, as the wire vocabulary names it. */
export type ServiceEvent = { [E in keyof PluginEvents]: { name: E; payload: PluginEvents[E] } }[keyof PluginEvents];

export interface PluginService extends ExternalChatService {
  /** The state the embedding page asked for last (not necessarily rendered yet). */
  state(): ButtonState;
  onEvent(listener: (event: ServiceEvent) => void): void;
}

/**
 * The plugin's service: owns the Chat button's state, calls Web App 3 and
 * raises the meeting's events (named as the contract names them). It knows
 * nothing of postMessage, envelopes or comlink; its inputs are validated already.
 */
export function createService(webapp: WebApp3, onButtonError: (error: unknown) => void): PluginService {
  let state = INITIAL_BUTTON_STATE;
  const listeners = new Set<(event: ServiceEvent) => void>();
  const emit = (event: ServiceEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const render = latestWins<ButtonState>((next) => webapp.updateButton(toButtonPayload(next)), INITIAL_BUTTON_STATE, sameButtonState, onButtonError);
  const set = (next: ButtonState): void => {
    state = next;
    render(state);
  };

  // The button is a request, not a switch: the page decides and echoes the state back.
  webapp.onButtonClick(() => emit({ name: 'toggle-chat', payload: { active: !state.active } }));
  webapp.onConnected(() => emit({ name: 'connected', payload: {} }));
  webapp.onDisconnected((payload) => emit({ name: 'disconnected', payload }));

  return {
    state: () => state,
    onEvent: (listener) => void listeners.add(listener),
    setButtonActive: (active) => set({ ...state, active }),
    setBadge: (badge) => set({ ...state, badge }),
    dialOut: (body) => webapp.dialOut(body),
  };
}
