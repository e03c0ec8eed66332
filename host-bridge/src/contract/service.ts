import type { DialOutBody } from './dial-body';
import type { DialOutResult } from './vocabulary';

/**
 * The service the plugin exposes. The page reaches it through host-bridge
 * (comlink's `wrap()`); the envelope endpoints translate each call to the
 * wire as the HOST_ACTIONS row naming the method says.
 */
export interface ExternalChatService {
  /** Shows the Chat button active (tooltip *Close Chat*) or not (*Open Chat*). */
  setButtonActive(active: boolean): void | Promise<void>;
  /** Shows or hides the unread badge on the Chat button. */
  setBadge(visible: boolean): void | Promise<void>;
  /** Dials `body.destination` into the meeting; resolves once the participant joined. */
  dialOut(body: DialOutBody): Promise<DialOutResult>;
}
