// Pure: the roster and the local user (as the plugin sends them) → the rows the
// people panel draws and the controls each row offers. A control is drawn only
// when the plugin named its feature in `ready` and the entry's `can` allows it:
// a Rocket.Chat host shows nothing it cannot do.

import type { Control, Feature, Outbound, RosterEntry, SelfState } from './protocol';

export interface RowControl {
  control: Control;
  /** The button's text, short: the row already names the person. */
  label: string;
  /** What pressing it does, with the name: the button's tooltip and accessible name. */
  hint: string;
  /** The state it shows (muted, spotlit, hand raised, host). */
  pressed: boolean;
  /** What is sent on press; transfer and dtmf ask for `asks` first and add it. */
  fields: Record<string, unknown>;
  asks?: 'alias' | 'digits';
}

export interface PersonRow {
  entry: RosterEntry;
  you: boolean;
  name: string;
  /** Host / Guest / In the lobby, and what they are doing. */
  detail: string;
  controls: RowControl[];
}

export interface PeopleView {
  total: number;
  waiting: number;
  /** The lobby first, then you, raised hands, everyone else (each in roster order). */
  lobby: PersonRow[];
  present: PersonRow[];
  /** The header's mute-all-guests toggle; null when it is not offered. */
  muteAll: { label: string; muted: boolean; fields: Outbound['mute-all-guests'] } | null;
}

export const nameOf = (entry: RosterEntry): string => entry.displayName.trim() || 'Unnamed participant';

/**
 * Acting on others takes a host with control rights. Without `self` (the
 * plugin does not offer it) the page cannot know, so it offers the controls
 * and lets Infinity decide.
 */
export const isChair = (self: SelfState | undefined): boolean => self === undefined || (self.isHost && self.canControl);

export function rowControls(entry: RosterEntry, self: SelfState | undefined, features: readonly Feature[]): RowControl[] {
  const has = (feature: Feature): boolean => features.includes(feature);
  const you = self?.participantUuid === entry.uuid;
  const chair = isChair(self);
  const name = you ? 'yourself' : nameOf(entry);
  const whose = you ? 'your' : `${nameOf(entry)}'s`;
  const participantUuid = entry.uuid;
  const out: RowControl[] = [];
  const add = (ok: boolean, control: Control, [label, hint]: [string, string], pressed: boolean, fields: Record<string, unknown>, asks?: RowControl['asks']): void => {
    if (ok && has(control)) out.push({ control, label, hint, pressed, fields: { participantUuid, ...fields }, ...(asks ? { asks } : {}) });
  };

  if (entry.isWaiting) {
    add(chair, 'admit', ['Admit', `Admit ${name} from the lobby`], false, {});
    add(chair && entry.can.disconnect, 'disconnect', ['Deny', `Turn ${name} away`], false, {});
    return out;
  }
  // Your own microphone, camera and hand are yours whatever your role.
  const mute = entry.isMuted ? 'Unmute' : 'Mute';
  add(you || (chair && entry.can.mute), 'mute', [mute, `${mute} ${name}`], entry.isMuted, { muted: !entry.isMuted });
  const video = entry.isCameraMuted ? 'Start video' : 'Stop video';
  add(you || (chair && entry.can.mute), 'mute-video', [video, `Turn ${entry.isCameraMuted ? 'on' : 'off'} ${whose} camera`], entry.isCameraMuted, { muted: !entry.isCameraMuted });
  // Raising someone else's hand means nothing; a host may lower it.
  const hand = entry.raisedHand ? 'Lower hand' : 'Raise hand';
  add(entry.can.raiseHand && (you || (chair && entry.raisedHand)), 'raise-hand', [hand, `${entry.raisedHand ? 'Lower' : 'Raise'} ${whose} hand`], entry.raisedHand, { raised: !entry.raisedHand });
  if (you) return out;
  const spot = entry.isSpotlight ? 'Unspotlight' : 'Spotlight';
  add(chair && entry.can.spotlight, 'spotlight', [spot, `${entry.isSpotlight ? 'Remove the spotlight from' : 'Spotlight'} ${name}`], entry.isSpotlight, {
    active: !entry.isSpotlight,
  });
  const role = entry.isHost ? 'guest' : 'host';
  add(chair, 'set-role', [`Make ${role}`, `Make ${name} a ${role}`], entry.isHost, { role });
  add(chair && entry.can.transfer, 'transfer', ['Transfer…', `Transfer ${name} to another meeting`], false, {}, 'alias');
  add(chair, 'dtmf', ['Keypad…', `Send DTMF tones to ${name}`], false, {}, 'digits');
  add(chair && entry.can.disconnect, 'disconnect', ['Remove', `Remove ${name} from the call`], false, {});
  return out;
}

export function detailOf(entry: RosterEntry): string {
  return [
    entry.isWaiting ? 'In the lobby' : entry.isHost ? 'Moderator' : 'Guest',
    entry.isPresenting ? 'presenting' : '',
    entry.isSpotlight ? 'spotlight' : '',
    entry.raisedHand ? 'hand raised' : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function peopleView(roster: readonly RosterEntry[], self: SelfState | undefined, features: readonly Feature[]): PeopleView {
  const youUuid = self?.participantUuid;
  const row = (entry: RosterEntry): PersonRow => ({
    entry,
    you: entry.uuid === youUuid,
    name: nameOf(entry),
    detail: detailOf(entry),
    controls: rowControls(entry, self, features),
  });
  const lobby = roster.filter((e) => e.isWaiting);
  const present = roster.filter((e) => !e.isWaiting);
  const ordered = [...present.filter((e) => e.uuid === youUuid), ...present.filter((e) => e.uuid !== youUuid && e.raisedHand), ...present.filter((e) => e.uuid !== youUuid && !e.raisedHand)];
  const guests = present.filter((e) => !e.isHost && e.uuid !== youUuid);
  // Infinity does not report "mute all guests"; the roster does show whether every guest is muted.
  const guestsMuted = guests.length > 0 && guests.every((e) => e.isMuted);
  return {
    total: roster.length,
    waiting: lobby.length,
    lobby: lobby.map(row),
    present: ordered.map(row),
    muteAll:
      features.includes('mute-all-guests') && isChair(self)
        ? { label: guestsMuted ? 'Unmute all guests' : 'Mute all guests', muted: guestsMuted, fields: { muted: !guestsMuted } }
        : null,
  };
}

/** The avatar's letters: "Alice Anderson" → "AA", "You" → "Y". */
export function initials(displayName: string): string {
  const words = displayName.trim().split(/[\s@._-]+/u).filter(Boolean);
  const first = (word: string | undefined): string => [...(word ?? '')][0] ?? '';
  return (words.length > 1 ? first(words[0]) + first(words.at(-1)) : first(words[0])).toLocaleUpperCase() || '?';
}
