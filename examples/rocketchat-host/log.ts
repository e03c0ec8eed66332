// Every envelope of the protocol, both ways, newest on top: what a developer
// wiring a Rocket.Chat host wants to see. Messages the page refused (a field
// that is wrong, an action it does not know) are shown with the reason.

import { clock, h } from '../host/dom';
import { PREFIX } from './protocol';

export interface LogEntry {
  direction: 'in' | 'out';
  envelope: Record<string, unknown>;
  t: number;
  /** Why the page did not act on it. */
  refused?: string;
}

/** Rows on screen; `entries` (window.__rc.log) keeps more. */
const MAX_ROWS = 200;
const MAX_ENTRIES = 5000;

export interface EnvelopeLog {
  readonly entries: LogEntry[];
  add(direction: 'in' | 'out', envelope: unknown, refused?: string): void;
}

export interface LogElements {
  list: HTMLElement;
  count: HTMLElement;
  clear: HTMLButtonElement;
  hideRoster: HTMLInputElement;
}

/** A copy, so the log shows what was sent even if the object changes later. */
function snapshot(value: unknown): Record<string, unknown> {
  try {
    return structuredClone(value) as Record<string, unknown>;
  } catch {
    return { unreadable: String(value) };
  }
}

export function createEnvelopeLog({ list, count, clear, hideRoster }: LogElements): EnvelopeLog {
  const entries: LogEntry[] = [];
  const counter = (): void => {
    count.textContent = `${entries.length} envelope${entries.length === 1 ? '' : 's'}`;
  };
  const row = ({ direction, envelope, t, refused }: LogEntry): HTMLElement => {
    const { action, ...fields } = envelope;
    const name = typeof action === 'string' && action.startsWith(PREFIX) ? action.slice(PREFIX.length) : String(action);
    const item = h(
      'li',
      `log-row ${direction}${refused ? ' refused' : ''}`,
      h('time', 'log-time', clock(t)),
      h('span', 'log-dir', direction === 'out' ? '→ plugin' : '← plugin'),
      h('strong', 'log-name', name),
      h('code', 'log-fields', Object.keys(fields).length > 0 ? JSON.stringify(fields) : ''),
      refused ? h('span', 'log-refused', refused) : null,
    );
    item.dataset.action = name;
    item.title = JSON.stringify(envelope, null, 2);
    return item;
  };
  const applyFilter = (): void => {
    list.classList.toggle('hide-roster', hideRoster.checked);
  };
  hideRoster.addEventListener('change', applyFilter);
  clear.addEventListener('click', () => {
    entries.length = 0;
    list.replaceChildren();
    counter();
  });
  applyFilter();
  counter();
  return {
    entries,
    add(direction, envelope, refused) {
      const entry: LogEntry = { direction, envelope: snapshot(envelope), t: Date.now(), ...(refused ? { refused } : {}) };
      entries.push(entry);
      if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
      list.prepend(row(entry));
      while (list.childElementCount > MAX_ROWS) list.lastElementChild?.remove();
      counter();
    },
  };
}
