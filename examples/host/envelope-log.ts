// Live log of every envelope the bridge sends ('out') and accepts ('in').
// Fed by connectExternalChat's onEnvelope option; newest row on top.

import { clock, h } from './dom';

export interface LogEntry {
  direction: 'in' | 'out';
  envelope: Record<string, unknown>;
  t: number;
}

const PREFIX = 'pexip:plugin:external-chat/';
/** Rows kept on screen. */
const MAX_ROWS = 200;
/** Entries kept in memory for window.__host.log (tests, console). */
const MAX_ENTRIES = 5000;

export interface EnvelopeLog {
  readonly entries: LogEntry[];
  add(direction: 'in' | 'out', envelope: object): void;
}

export function createEnvelopeLog(list: HTMLElement, counter: HTMLElement, clearButton: HTMLButtonElement, hidePings: HTMLInputElement): EnvelopeLog {
  const entries: LogEntry[] = [];
  let shown = 0;

  const updateCounter = (): void => {
    counter.textContent = `${entries.length} envelope${entries.length === 1 ? '' : 's'}`;
  };

  const render = ({ direction, envelope, t }: LogEntry): HTMLElement => {
    const { action, ...fields } = envelope;
    const full = typeof action === 'string' ? action : '(no action)';
    const name = full.startsWith(PREFIX) ? full.slice(PREFIX.length) : full;
    const json = Object.keys(fields).length > 0 ? JSON.stringify(fields) : '';
    const row = h(
      'li',
      `log-row ${direction}`,
      h('time', 'log-time', clock(t)),
      h('span', 'log-dir', direction === 'out' ? '→ plugin' : '← plugin'),
      h('span', 'log-action', h('span', 'log-prefix', full.startsWith(PREFIX) ? PREFIX : ''), h('strong', '', name)),
      h('code', 'log-fields', json),
    );
    row.dataset.action = name;
    row.title = JSON.stringify(envelope, null, 2);
    return row;
  };

  const isPing = (entry: LogEntry): boolean => entry.envelope.action === `${PREFIX}ping`;

  clearButton.addEventListener('click', () => {
    entries.length = 0;
    list.replaceChildren();
    shown = 0;
    updateCounter();
  });
  hidePings.addEventListener('change', () => {
    list.classList.toggle('hide-pings', hidePings.checked);
  });
  list.classList.toggle('hide-pings', hidePings.checked);
  updateCounter();

  return {
    entries,
    add(direction, envelope) {
      const entry: LogEntry = { direction, envelope: structuredCloneSafe(envelope), t: Date.now() };
      entries.push(entry);
      if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
      const row = render(entry);
      if (isPing(entry)) row.classList.add('ping');
      list.prepend(row);
      shown++;
      while (shown > MAX_ROWS && list.lastElementChild) {
        list.lastElementChild.remove();
        shown--;
      }
      updateCounter();
    },
  };
}

/** A snapshot, so later changes to the object cannot rewrite the log. */
function structuredCloneSafe(value: object): Record<string, unknown> {
  try {
    return structuredClone(value) as Record<string, unknown>;
  } catch {
    return { ...value } as Record<string, unknown>;
  }
}
