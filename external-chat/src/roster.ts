// Pure: Web App 3's participants (as @pexip/plugin-api types them) → the wire's roster entries and self.
import { checkFields, MAX_STRING_LENGTH, ROSTER_ENTRY, SELF, type RosterEntry, type SelfState } from '@external-chat/host-bridge/internal';
import type { InfinityParticipant } from '@pexip/plugin-api';

// Infinity's data is trusted for its shape, not its values: a missing flag is false, a missing name is ''.
const flag = (value: unknown): boolean => value === true;
const label = (value: unknown): string => (typeof value === 'string' ? value.slice(0, MAX_STRING_LENGTH) : '');

export function toRosterEntry(p: InfinityParticipant): RosterEntry {
  return {
    uuid: p.uuid,
    displayName: label(p.displayName),
    isHost: flag(p.isHost),
    isWaiting: flag(p.isWaiting),
    isMuted: flag(p.isMuted),
    isClientMuted: flag(p.isClientMuted),
    isCameraMuted: flag(p.isCameraMuted),
    isPresenting: flag(p.isPresenting),
    isSpotlight: flag(p.isSpotlight),
    raisedHand: flag(p.raisedHand),
    protocol: label(p.protocol),
    callType: label(p.callType),
    isExternal: flag(p.isExternal),
    can: {
      control: flag(p.canControl),
      mute: flag(p.canMute),
      disconnect: flag(p.canDisconnect),
      transfer: flag(p.canTransfer),
      spotlight: flag(p.canSpotlight),
      fecc: flag(p.canFecc),
      raiseHand: flag(p.canRaiseHand),
      changeLayout: flag(p.canChangeLayout),
    },
  };
}

export const toSelf = (p: InfinityParticipant): SelfState => ({
  participantUuid: p.uuid,
  micMuted: flag(p.isMuted),
  camMuted: flag(p.isCameraMuted),
  clientMuted: flag(p.isClientMuted),
  isHost: flag(p.isHost),
  canControl: flag(p.canControl),
});

/** A change to the main room, whichever plugin-api event reported it. */
export type ParticipantChange =
  | { type: 'all'; participants: readonly InfinityParticipant[] }
  | { type: 'join' | 'update' | 'leave'; participant: InfinityParticipant };

const hasUuid = (p: unknown): p is InfinityParticipant =>
  typeof p === 'object' && p !== null && typeof (p as InfinityParticipant).uuid === 'string' && (p as InfinityParticipant).uuid !== '';

/**
 * The entry, checked against the contract's rule once, when it changes: a
 * roster is sent whole up to ten times a second, and checking a thousand
 * unchanged entries each time is the plugin's largest cost. Undefined for
 * a participant the rule refuses (a uuid of over 4,096 characters).
 */
function checkedEntry(p: InfinityParticipant): RosterEntry | undefined {
  const entry = checkFields('roster entry', toRosterEntry(p), ROSTER_ENTRY);
  return entry.ok ? entry.value : undefined;
}

/**
 * The meeting as the plugin knows it: the main room's participants and the
 * local user. Changes are idempotent (set or delete by uuid), so Web App 3
 * reporting one change through both the deprecated and the new events is
 * harmless. Entries are mapped and checked once per change, not per message sent.
 */
export function createMeetingState() {
  const roster = new Map<string, RosterEntry>();
  let me: InfinityParticipant | undefined;
  /** Whether any participant list was heard; before that, no uuid can be called unknown. */
  let heard = false;

  return {
    /** Applies changes; says which topics they touched. */
    apply(changes: readonly ParticipantChange[]): { roster: boolean; self: boolean } {
      let self = false;
      for (const change of changes) {
        heard = true;
        if (change.type === 'all') {
          roster.clear();
          for (const p of change.participants) {
            const entry = hasUuid(p) ? checkedEntry(p) : undefined;
            if (entry) roster.set(entry.uuid, entry);
          }
          continue;
        }
        const p = change.participant;
        if (!hasUuid(p)) continue;
        const entry = change.type === 'leave' ? undefined : checkedEntry(p);
        if (entry) roster.set(p.uuid, entry);
        else roster.delete(p.uuid);
        if (p.uuid === me?.uuid && change.type !== 'leave') {
          me = p;
          self = true;
        }
      }
      return { roster: changes.length > 0, self };
    },
    /** Web App 3's `me`: returns false when it is not a participant. */
    setMe(p: InfinityParticipant): boolean {
      if (!hasUuid(p)) return false;
      me = p;
      return true;
    },
    /** The meeting ended for the user. */
    clear(): void {
      roster.clear();
      me = undefined;
      heard = false;
    },
    roster: (): RosterEntry[] => [...roster.values()],
    self(): SelfState | undefined {
      const self = me && checkFields('self', toSelf(me), SELF);
      return self?.ok ? self.value : undefined;
    },
    isMe: (uuid: string): boolean => uuid === me?.uuid,
    /** The local user, or no `me` heard yet. */
    mayBeMe: (uuid: unknown): boolean => !me || uuid === me.uuid,
    /** Known, or no list heard yet (then Infinity is the judge). */
    mayExist: (uuid: string): boolean => !heard || roster.has(uuid) || uuid === me?.uuid,
  };
}

export type MeetingState = ReturnType<typeof createMeetingState>;
