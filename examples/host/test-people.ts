// The people the desk's tests draw: a roster entry with everything a host may do to them, and a host's self.
import type { RosterEntry, SelfState } from '@external-chat/host-bridge';

/** Every feature the panel's buttons need, and the roster and self. */
export const ALL = ['roster', 'self', 'mute', 'mute-video', 'admit', 'disconnect', 'spotlight', 'raise-hand', 'set-role', 'mute-all-guests'];
export const CAN = { control: false, mute: true, disconnect: true, transfer: true, spotlight: true, fecc: false, raiseHand: true, changeLayout: false };

export const person = (uuid: string, patch: Partial<RosterEntry> = {}): RosterEntry => ({
  uuid,
  displayName: `Person ${uuid}`,
  isHost: false,
  isWaiting: false,
  isMuted: false,
  isClientMuted: false,
  isCameraMuted: false,
  isPresenting: false,
  isSpotlight: false,
  raisedHand: false,
  protocol: 'webrtc',
  callType: 'video',
  isExternal: false,
  can: CAN,
  ...patch,
});

/** A host with control rights, as `self` says it. */
export const hostSelf = (participantUuid: string): SelfState => ({ participantUuid, micMuted: false, camMuted: false, clientMuted: false, isHost: true, canControl: true });
