import type { DialOutBody, DialOutResult, ExternalChatService } from '@external-chat/host-bridge/contract';
import type { ToolbarButtonPayload } from '@pexip/plugin-api';
import { INITIAL_BUTTON_STATE, sameButtonState, toButtonPayload, type ButtonState } from './button-state';
import { messageOf } from './errors';
import { latestWins } from './latest-wins';

/** What the service needs from Web App 3: the button it added and the dial-out call. */
export interface ServiceDeps {
  updateButton(payload: ToolbarButtonPayload): Promise<unknown>;
  dialOut(body: DialOutBody): Promise<{ uuid: string; displayName?: string | undefined }>;
  onButtonError(error: unknown): void;
}

export interface PluginService extends ExternalChatService {
  /** The state the embedding page asked for last (not necessarily rendered yet). */
  state(): ButtonState;
  dialOut(body: DialOutBody): Promise<DialOutResult>;
}

/**
 * The service behind the envelope: owns the Chat button's state and calls Web
 * App 3. It knows nothing of postMessage; its inputs are validated already.
 */
export function createService(deps: ServiceDeps): PluginService {
  let state = INITIAL_BUTTON_STATE;
  const render = latestWins<ButtonState>(
    (next) => deps.updateButton(toButtonPayload(next)),
    INITIAL_BUTTON_STATE,
    sameButtonState,
    deps.onButtonError,
  );
  const set = (next: ButtonState): void => {
    state = next;
    render(state);
  };
  return {
    state: () => state,
    setButtonActive: (active) => set({ ...state, active }),
    setBadge: (badge) => set({ ...state, badge }),
    async dialOut(body) {
      try {
        const { uuid, displayName } = await deps.dialOut(body);
        return displayName === undefined ? { uuid } : { uuid, displayName };
      } catch (error) {
        throw new Error(messageOf(error));
      }
    },
  };
}
