// Pure: the roster as the participants panel keeps it, from host-bridge's
// roster events, so that a message costs what it changed and not what the
// meeting holds. At 10,000 people and 100 messages a second, walking everyone
// per message (or per frame) is what this avoids: a message touches only the
// entries it carries, and a view reads only the rows it draws.
//
// How the rules of rosterView (roster-model.ts) are kept without a walk:
// - Counts (waiting, raised hands, guests, muted guests) are running sums: an
//   entry's old contribution is taken off and its new one added. "Guests"
//   leaves you out, and who you are comes from `self`, which changes apart
//   from the roster; so the sums count you like anyone else, and a view takes
//   your own contribution off (one lookup) rather than recounting on `self`.
// - Order: each person gets a position when they join (a counter), kept while
//   they change and lost when they leave; a new one gets the next, so ordering
//   by position is the roster's order (joins go last, changes keep their
//   place, as the plugin's list and host-bridge's copy do). Each group is a
//   PositionIndex by that position, so someone whose hand goes down lands in
//   the rest at their roster place, in O(log n), not last.
// - You are not a group: your row is looked up by uuid and skipped when met in
//   raised hands or the rest. A `self` change therefore moves nothing here.
// - The groups hold only the people who match the filter. A new filter
//   regroups everyone, once per keystroke (the user's own action); a message
//   then tests only the entries it carries against it.
// - A whole list (a snapshot, an older plugin's message, or a change that does
//   not follow the last one taken) is taken afresh, positions in its order:
//   that costs the list, as its message did.
// A message thus costs O(k log n) for k entries carried, and a view
// O(log n + rows drawn), whatever the meeting's size.

import type { RosterChange, RosterEntry, RosterEvent } from '@external-chat/host-bridge';
import { createPositionIndex, type PositionIndex } from './position-index';
import { composeView, matches, needleOf, type RosterCounts, type RosterView, type ViewInput } from './roster-model';

type Group = 'lobby' | 'hands' | 'rest';

interface Held {
  entry: RosterEntry;
  /** Where they joined: their place in the roster's order. */
  readonly position: number;
  /** Undefined while they do not match the filter. */
  group: Group | undefined;
}

export interface IncrementalRoster {
  /** Takes one `roster` event: its change when it follows the last one taken, else its whole list. */
  receive(event: RosterEvent): void;
  /** The entry held for `uuid`: what a button acts on when clicked. */
  entry(uuid: string): RosterEntry | undefined;
  /** What rosterView gives for the held list, reading only the rows drawn (and everyone once when the filter changed). */
  view(input: Omit<ViewInput, 'roster'>): RosterView;
}

export function createIncrementalRoster(): IncrementalRoster {
  const held = new Map<string, Held>();
  const groups: Record<Group, PositionIndex<Held>> = {
    lobby: createPositionIndex(),
    hands: createPositionIndex(),
    rest: createPositionIndex(),
  };
  /** `guests` and `mutedGuests` count you too: a view takes you off. */
  const sums = { waiting: 0, raisedHands: 0, guests: 0, mutedGuests: 0 };
  let nextPosition = 0;
  let needle = '';
  /** The last change taken; undefined after a whole list, so the next change must be a snapshot or comes whole. */
  let lastSeq: number | undefined;

  const groupOf = (entry: RosterEntry): Group | undefined =>
    !matches(entry, needle) ? undefined : entry.isWaiting ? 'lobby' : entry.raisedHand ? 'hands' : 'rest';

  const count = (entry: RosterEntry, sign: 1 | -1): void => {
    if (entry.isWaiting) {
      sums.waiting += sign;
      return;
    }
    if (entry.raisedHand) sums.raisedHands += sign;
    if (!entry.isHost) {
      sums.guests += sign;
      if (entry.isMuted) sums.mutedGuests += sign;
    }
  };

  const place = (person: Held, group: Group | undefined): void => {
    if (person.group === group) return;
    if (person.group) groups[person.group].delete(person.position);
    if (group) groups[group].set(person.position, person);
    person.group = group;
  };

  /** A join goes last; a change keeps its place. */
  const put = (entry: RosterEntry): void => {
    let person = held.get(entry.uuid);
    if (person) {
      count(person.entry, -1);
      person.entry = entry;
    } else {
      person = { entry, position: nextPosition++, group: undefined };
      held.set(entry.uuid, person);
    }
    count(entry, 1);
    place(person, groupOf(entry));
  };

  const drop = (uuid: string): void => {
    const person = held.get(uuid);
    if (!person) return;
    count(person.entry, -1);
    place(person, undefined);
    held.delete(uuid);
  };

  const replace = (list: readonly RosterEntry[]): void => {
    held.clear();
    for (const group of Object.values(groups)) group.clear();
    sums.waiting = sums.raisedHands = sums.guests = sums.mutedGuests = 0;
    nextPosition = 0;
    for (const entry of list) put(entry);
  };

  /** As host-bridge applies a change: who joined or changed first, then who left. */
  const apply = (change: RosterChange): void => {
    for (const entry of change.participants) put(entry);
    for (const uuid of change.removed) drop(uuid);
  };

  const refilter = (filter: string): void => {
    const next = needleOf(filter);
    if (next === needle) return;
    needle = next;
    for (const group of Object.values(groups)) group.clear();
    // The Map holds people in the order they joined, which is increasing position.
    for (const person of held.values()) {
      person.group = undefined;
      place(person, groupOf(person.entry));
    }
  };

  function* except(people: Iterable<Held>, skipped: Held | undefined): Generator<RosterEntry> {
    for (const person of people) if (person !== skipped) yield person.entry;
  }

  return {
    receive({ participants, change }) {
      if (!change) replace(participants);
      else if (change.snapshot) replace(change.participants);
      else if (lastSeq !== undefined && change.seq === lastSeq + 1) apply(change);
      // A change that does not follow what is held (this page listened late): the event's whole list does.
      else replace(participants);
      lastSeq = change?.seq;
    },
    entry: (uuid) => held.get(uuid)?.entry,
    view(input) {
      refilter(input.filter);
      const youUuid = input.self?.participantUuid;
      const you = youUuid === undefined ? undefined : held.get(youUuid);
      const youAsGuest = you !== undefined && !you.entry.isWaiting && !you.entry.isHost;
      const counts: RosterCounts = {
        total: held.size,
        waiting: sums.waiting,
        raisedHands: sums.raisedHands,
        guests: sums.guests - (youAsGuest ? 1 : 0),
        mutedGuests: sums.mutedGuests - (youAsGuest && you.entry.isMuted ? 1 : 0),
      };
      // Your row leads the present when you match; in the lobby you are one of the waiting.
      const yourRow = you?.group === 'hands' || you?.group === 'rest' ? you : undefined;
      const present = function* (): Generator<RosterEntry> {
        if (yourRow) yield yourRow.entry;
        yield* except(groups.hands.values(), yourRow);
        yield* except(groups.rest.values(), yourRow);
      };
      return composeView(
        {
          counts,
          matching: groups.lobby.size + groups.hands.size + groups.rest.size,
          lobby: except(groups.lobby.values(), undefined),
          present: present(),
        },
        input,
      );
    },
  };
}
