import type { RosterChange, RosterEntry } from './contract/internal.js';

/**
 * The roster as the page keeps it from `roster-change` messages: a snapshot
 * replaces it, and each change after it costs what it carries, plus handing
 * out the list. Entries keep their place when they change and new ones go
 * last, as in the plugin's own list, so both hold the same order.
 */
export function createRosterMirror() {
  const people = new Map<string, RosterEntry>();
  /** The last message applied; undefined while a snapshot is awaited. */
  let last: number | undefined;
  return {
    /**
     * The list after `change`, or undefined when it cannot be applied: it does not follow the last
     * one (a message was missed), or no snapshot came yet. Then only a snapshot helps: ask for one.
     */
    apply(change: RosterChange): readonly RosterEntry[] | undefined {
      if (change.snapshot) people.clear();
      else if (change.seq !== (last ?? NaN) + 1) {
        last = undefined;
        return undefined;
      }
      last = change.seq;
      for (const entry of change.participants) people.set(entry.uuid, entry);
      for (const uuid of change.removed) people.delete(uuid);
      return Object.freeze([...people.values()]);
    },
    /** Forgets the list: the next one must come as a snapshot (a new subscription, or a new plugin). */
    reset(): void {
      people.clear();
      last = undefined;
    },
  };
}
