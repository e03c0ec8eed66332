// For the page's unit tests: roster entries and self as the plugin sends them.
import type { RosterEntry, SelfState } from './protocol';

const can = { control: false, mute: true, disconnect: true, transfer: true, spotlight: true, fecc: false, raiseHand: true, changeLayout: false };

/** A guest who may be muted, disconnected, transferred, spotlit and have a hand raised; `patch` changes any field. */
export const person = (uuid: string, patch: Partial<RosterEntry> = {}): RosterEntry => ({
  uuid,
  displayName: uuid,
  isWaiting: false,
  isHost: false,
  isMuted: false,
  isClientMuted: false,
  isCameraMuted: false,
  isPresenting: false,
  isSpotlight: false,
  raisedHand: false,
  can,
  ...patch,
});

/** The local user, a host. */
export const hostSelf: SelfState = { participantUuid: 'me', micMuted: false, camMuted: false, clientMuted: false, isHost: true, canControl: true };
