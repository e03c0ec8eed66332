// Pure: Web App 3's participants (as @pexip/plugin-api types them) → the wire's roster entries and self.
import { checkFields, MAX_STRING_LENGTH, ROSTER_ENTRY, SELF, type RosterChange, type RosterEntry, type SelfState } from '@external-chat/host-bridge/internal';
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
 * roster may be sent whole, and checking a thousand unchanged entries each
 * time was the plugin's largest cost. Undefined for a participant the rule
 * refuses (a uuid of over 4,096 characters).
 */
function checkedEntry(p: InfinityParticipant): RosterEntry | undefined {
  const entry = checkFields('roster entry', toRosterEntry(p), ROSTER_ENTRY);
  return entry.ok ? entry.value : undefined;
}

/** A `roster-change` but its number: the whole roster, or who joined or changed (whole entries) and who left (uuids). */
export type RosterChanges = Omit<RosterChange, 'seq'>;

/**
 * The meeting as the plugin knows it: the main room's participants and the
 * local user. Changes are idempotent (set or delete by uuid), so Web App 3
 * reporting one change through both the deprecated and the new events is
 * harmless. Entries are mapped and checked once per change, not per message
 * sent, and a change costs the same in a meeting of 10,000 as of 10.
 */
export function createMeetingState() {
  const roster = new Map<string, RosterEntry>();
  let me: InfinityParticipant | undefined;
  /** Whether any participant list was heard; before that, no uuid can be called unknown. */
  let heard = false;
  /**
   * Whose entry changed since `changes()` last asked; undefined when only the whole roster will do: it was
   * replaced, or more changed than it holds (nobody asked for a while).
   */
  let changed: Set<string> | undefined = new Set();
  let touched = false;
  /** Sets or deletes an entry; an entry that reads the same changes nothing (Infinity reports fields the wire does not carry). */
  const put = (uuid: string, entry: RosterEntry | undefined): void => {
    const before = roster.get(uuid);
    if (entry) roster.set(uuid, entry);
    else roster.delete(uuid);
    if (JSON.stringify(entry) === JSON.stringify(before)) return;
    touched = true;
    // More changed than the roster holds: the whole list is the smaller message (and nobody who never asks keeps a growing set).
    if (changed && changed.add(uuid).size > roster.size) changed = undefined;
  };

  return {
    /** Applies changes; says which topics they touched. */
    apply(changes: readonly ParticipantChange[]): { roster: boolean; self: boolean } {
      let self = false;
      touched = false;
      for (const change of changes) {
        heard = true;
        if (change.type === 'all') {
          // A whole list (at start, or from a Web App 3 older than plugin-api 21.1 after each batch): a page that keeps the roster gets it whole too.
          roster.clear();
          for (const p of change.participants) {
            const entry = hasUuid(p) && checkedEntry(p);
            if (entry) roster.set(entry.uuid, entry);
          }
          changed = undefined;
          touched = true;
          continue;
        }
        const p = change.participant;
        if (!hasUuid(p)) continue;
        put(p.uuid, change.type === 'leave' ? undefined : checkedEntry(p));
        if (p.uuid === me?.uuid && change.type !== 'leave') {
          me = p;
          self = true;
        }
      }
      return { roster: touched, self };
    },
    /**
     * The roster for a page that keeps it: whole (`snapshot`) when asked to or when more changed than the roster
     * holds, else who joined, changed or left since the last call; undefined when nobody did.
     */
    changes(whole: boolean): RosterChanges | undefined {
      const uuids = changed;
      changed = new Set();
      if (whole || !uuids) return { snapshot: true, participants: [...roster.values()], removed: [] };
      if (uuids.size === 0) return undefined;
      const participants: RosterEntry[] = [];
      const removed: string[] = [];
      for (const uuid of uuids) {
        const entry = roster.get(uuid);
        if (entry) participants.push(entry);
        else removed.push(uuid);
      }
      return { snapshot: false, participants, removed };
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
      changed = undefined;
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
