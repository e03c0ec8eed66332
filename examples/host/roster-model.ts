// Pure: the meeting's roster and the local user (as the plugin publishes them)
// → what the participants panel draws and which of its buttons may be pressed.
// No DOM here, so the rules are unit-tested without a browser.

import type { RosterEntry, SelfState } from '@external-chat/host-bridge';

/** The panel's buttons, each one host-bridge method. */
export type PersonAction = 'admit' | 'mute' | 'camera' | 'spotlight' | 'hand' | 'role' | 'disconnect';

export interface ActionState {
  enabled: boolean;
  /** What pressing it does, with the person's name: the button's label and tooltip. */
  label: string;
  /** The state it shows (muted, camera off, spotlit, hand raised, host). */
  on: boolean;
}

export interface PersonView {
  entry: RosterEntry;
  you: boolean;
  actions: Partial<Record<PersonAction, ActionState>>;
}

export interface RosterView {
  /** Everyone in the main room (the lobby included). */
  total: number;
  waiting: number;
  raisedHands: number;
  /** After the filter, before the cut. */
  matching: number;
  /** The rows to draw: the lobby first, then you, raised hands, everyone else; at most `limit`. */
  lobby: PersonView[];
  present: PersonView[];
  /** Matching people not drawn. */
  hidden: number;
  muteAll: { enabled: boolean; guestsMuted: boolean; label: string };
}

/** Which host-bridge feature each button needs (the plugin's `ready.features`). */
export const FEATURE_OF: Record<PersonAction | 'muteAll', string> = {
  admit: 'admit',
  mute: 'mute',
  camera: 'mute-video',
  spotlight: 'spotlight',
  hand: 'raise-hand',
  role: 'set-role',
  disconnect: 'disconnect',
  muteAll: 'mute-all-guests',
};

/** Rows drawn at most: a long meeting is filtered, not scrolled through. */
export const ROW_LIMIT = 100;

export interface ViewInput {
  roster: readonly RosterEntry[];
  self: SelfState | undefined;
  features: readonly string[];
  filter: string;
  limit?: number;
}

const nameOf = (entry: RosterEntry): string => entry.displayName.trim() || 'Unnamed participant';

/**
 * Your own row is the one whose uuid `self` names; you may act on others only
 * as a host with control rights (Infinity refuses a guest with 403 anyway, so
 * the panel does not offer what would fail).
 */
export function controlsFor(entry: RosterEntry, self: SelfState | undefined, features: readonly string[]): PersonView['actions'] {
  const you = self?.participantUuid === entry.uuid;
  const chair = self !== undefined && self.isHost && self.canControl;
  const offered = (action: PersonAction): boolean => features.includes(FEATURE_OF[action]);
  const name = nameOf(entry);
  const state = (action: PersonAction, allowed: boolean, label: string, on = false): ActionState => ({
    enabled: allowed && offered(action),
    label,
    on,
  });

  if (entry.isWaiting) {
    return {
      admit: state('admit', chair, `Admit ${name}`),
      disconnect: state('disconnect', chair && entry.can.disconnect, `Turn ${name} away`),
    };
  }
  const hand = entry.raisedHand;
  const own = {
    // Your own microphone, camera and hand are yours whatever your role: the plugin leaves the uuid out then.
    mute: state('mute', you || (chair && entry.can.mute), entry.isMuted ? `Unmute ${you ? 'yourself' : name}` : `Mute ${you ? 'yourself' : name}`, entry.isMuted),
    camera: state(
      'camera',
      you || (chair && entry.can.mute),
      entry.isCameraMuted ? `Turn on ${you ? 'your' : `${name}'s`} camera` : `Turn off ${you ? 'your' : `${name}'s`} camera`,
      entry.isCameraMuted,
    ),
    // Raising someone else's hand means nothing; a host may lower it.
    hand: state(
      'hand',
      entry.can.raiseHand && (you || (chair && hand)),
      hand ? `Lower ${you ? 'your' : `${name}'s`} hand` : you ? 'Raise your hand' : `${name} has not raised a hand`,
      hand,
    ),
  };
  // Spotlight, role and disconnect are what a host does to others (you leave with the meeting's own button).
  if (you) return own;
  return {
    ...own,
    spotlight: state('spotlight', chair && entry.can.spotlight, entry.isSpotlight ? `Remove spotlight from ${name}` : `Spotlight ${name}`, entry.isSpotlight),
    role: state('role', chair, entry.isHost ? `Make ${name} a guest` : `Make ${name} a host`, entry.isHost),
    disconnect: state('disconnect', chair && entry.can.disconnect, `Disconnect ${name}`),
  };
}

/** Case- and accent-insensitive, so "garcia" finds "García". */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLocaleLowerCase();

/** What a typed filter looks for: '' finds everyone. */
export const needleOf = (filter: string): string => fold(filter.trim());

export const matches = (entry: RosterEntry, needle: string): boolean => needle === '' || fold(entry.displayName).includes(needle);

/** The roster counted, whatever the filter. `guests` and `mutedGuests` leave you out, and the lobby. */
export interface RosterCounts {
  total: number;
  waiting: number;
  raisedHands: number;
  guests: number;
  mutedGuests: number;
}

/** The matching people in display order, lazily: only the rows drawn are read. */
export interface RosterGroups {
  counts: RosterCounts;
  /** Matching people, the lobby included. */
  matching: number;
  lobby: Iterable<RosterEntry>;
  /** You first, then raised hands, then everyone else. */
  present: Iterable<RosterEntry>;
}

function* take<T>(items: Iterable<T>, count: number): Generator<T> {
  if (count <= 0) return;
  for (const item of items) {
    yield item;
    if (--count === 0) return;
  }
}

/** The rows to draw (at most `limit`, the lobby first) and what the panel's header and "mute all" show. */
export function composeView(
  { counts, matching, lobby, present }: RosterGroups,
  { self, features, limit = ROW_LIMIT }: Omit<ViewInput, 'roster' | 'filter'>,
): RosterView {
  const youUuid = self?.participantUuid;
  const view = (entry: RosterEntry): PersonView => ({ entry, you: entry.uuid === youUuid, actions: controlsFor(entry, self, features) });
  const shownLobby = Array.from(take(lobby, limit), view);
  const shownPresent = Array.from(take(present, limit - shownLobby.length), view);
  const chair = self !== undefined && self.isHost && self.canControl;
  // Infinity does not say whether "mute all guests" is on; the roster does say whether every guest is muted.
  const guestsMuted = counts.guests > 0 && counts.mutedGuests === counts.guests;
  return {
    total: counts.total,
    waiting: counts.waiting,
    raisedHands: counts.raisedHands,
    matching,
    lobby: shownLobby,
    present: shownPresent,
    hidden: matching - shownLobby.length - shownPresent.length,
    muteAll: {
      enabled: chair && features.includes(FEATURE_OF.muteAll),
      guestsMuted,
      label: guestsMuted ? 'Unmute all guests' : 'Mute all guests',
    },
  };
}

/**
 * The view of a whole list, walking all of it: the rules stated plainly. The
 * panel keeps an IncrementalRoster (incremental-roster.ts) instead, so that a
 * message costs its change; the tests hold that one to this.
 */
export function rosterView(input: ViewInput): RosterView {
  const { roster, self } = input;
  const needle = needleOf(input.filter);
  const youUuid = self?.participantUuid;
  const lobby: RosterEntry[] = [];
  const you: RosterEntry[] = [];
  const hands: RosterEntry[] = [];
  const rest: RosterEntry[] = [];
  const counts: RosterCounts = { total: roster.length, waiting: 0, raisedHands: 0, guests: 0, mutedGuests: 0 };
  for (const entry of roster) {
    if (entry.isWaiting) counts.waiting++;
    else {
      if (entry.raisedHand) counts.raisedHands++;
      if (!entry.isHost && entry.uuid !== youUuid) {
        counts.guests++;
        if (entry.isMuted) counts.mutedGuests++;
      }
    }
    if (!matches(entry, needle)) continue;
    if (entry.isWaiting) lobby.push(entry);
    else if (entry.uuid === youUuid) you.push(entry);
    else if (entry.raisedHand) hands.push(entry);
    else rest.push(entry);
  }
  const matching = lobby.length + you.length + hands.length + rest.length;
  return composeView({ counts, matching, lobby, present: [...you, ...hands, ...rest] }, input);
}

/** The avatar's letters: of the first and last word ("Alice Anderson" → "AA"), of a single word its first ("You" → "Y"). */
export function initials(displayName: string): string {
  const words = displayName.trim().split(/[\s@._-]+/u).filter(Boolean);
  const letter = (word: string | undefined): string => [...(word ?? '')][0] ?? '';
  const text = words.length > 1 ? letter(words[0]) + letter(words.at(-1)) : letter(words[0]);
  return text.toLocaleUpperCase() || '?';
}

/** What a row shows under the name: how they joined. */
export function describe(entry: RosterEntry): string {
  const protocol = { webrtc: 'WebRTC', sip: 'SIP', h323: 'H.323', rtmp: 'RTMP', mssip: 'Skype/Teams', api: 'API' }[entry.protocol] ?? entry.protocol;
  const call = entry.callType === 'audio' ? 'audio only' : entry.callType === 'api' ? 'no media' : '';
  const parts = [entry.isWaiting ? 'In the lobby' : entry.isHost ? 'Host' : 'Guest', protocol, call, entry.isExternal ? 'external' : '', entry.isPresenting ? 'presenting' : ''];
  return parts.filter(Boolean).join(' · ');
}

/**
 * What a row looks like, as one string: a row is redrawn only when this
 * changes, so a roster update touching one person redraws one row.
 */
export function rowKey(view: PersonView, pending: ReadonlySet<string>): string {
  const actions = Object.entries(view.actions)
    .map(([action, s]) => `${action}:${s.enabled ? 1 : 0}${s.on ? 1 : 0}${pending.has(`${view.entry.uuid} ${action}`) ? 'p' : ''}:${s.label}`)
    .join('|');
  const e = view.entry;
  return [view.you, e.displayName, e.isHost, e.isWaiting, e.isMuted, e.isCameraMuted, e.raisedHand, e.isSpotlight, e.isPresenting, e.protocol, e.callType, e.isExternal, actions].join('\u0000');
}
