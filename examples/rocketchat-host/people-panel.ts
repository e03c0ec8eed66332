// The people panel in the contextual bar: draws people-model's view and sends a
// control when a button is pressed. Controls are not answered: the button's
// state changes when the next roster shows the change.
// Rows are keyed by uuid and redrawn only when what they show changed, so an
// inline form (transfer's address, dtmf's digits) survives rosters that do not touch its row.

import { h } from '../host/dom';
import { initials, peopleView, type PersonRow, type RowControl } from './people-model';
import type { Control, Feature, RosterEntry, SelfState } from './protocol';

export interface PeopleElements {
  panel: HTMLElement;
  count: HTMLElement;
  list: HTMLElement;
  empty: HTMLElement;
  muteAll: HTMLButtonElement;
  close: HTMLButtonElement;
}

export interface PeopleInput {
  open: boolean;
  roster: readonly RosterEntry[];
  self: SelfState | undefined;
  features: readonly Feature[];
}

/** A drawn row as tests read it: from the DOM. */
export interface DrawnRow {
  uuid: string;
  name: string;
  detail: string;
  you: boolean;
  waiting: boolean;
  controls: Control[];
}

export interface PeoplePanel {
  draw(input: PeopleInput): void;
  rows(): DrawnRow[];
}

const PROMPT = { alias: 'Transfer to (alias)', digits: 'Tones, e.g. 1234#' } as const;

export function createPeoplePanel(el: PeopleElements, on: { control(name: Control, fields: Record<string, unknown>): void; close(): void }): PeoplePanel {
  /** The row and control whose inline form is open. */
  let asking: { uuid: string; control: Control } | null = null;
  const keys = new Map<string, string>();
  let rowsByUuid = new Map<string, PersonRow>();
  let lastInput: PeopleInput | null = null;

  const button = (row: PersonRow, c: RowControl): HTMLButtonElement => {
    const b = h('button', `ctl ctl-${c.control}${c.pressed ? ' on' : ''}`, c.label);
    b.type = 'button';
    b.dataset.control = c.control;
    b.setAttribute('aria-pressed', String(c.pressed));
    b.title = c.hint;
    b.setAttribute('aria-label', c.hint);
    b.addEventListener('click', () => {
      if (c.asks) {
        asking = asking?.uuid === row.entry.uuid && asking.control === c.control ? null : { uuid: row.entry.uuid, control: c.control };
        redraw();
        el.list.querySelector<HTMLInputElement>(`[data-uuid="${CSS.escape(row.entry.uuid)}"] .ask input`)?.focus();
      } else on.control(c.control, c.fields);
    });
    return b;
  };

  const askForm = (row: PersonRow, c: RowControl & { asks: 'alias' | 'digits' }): HTMLFormElement => {
    const input = h('input', '');
    input.type = 'text';
    input.placeholder = PROMPT[c.asks];
    input.setAttribute('aria-label', PROMPT[c.asks]);
    input.spellcheck = false;
    input.name = c.asks;
    const role = c.asks === 'alias' ? h('select', '', h('option', '', 'guest'), h('option', '', 'host')) : null;
    if (role) role.setAttribute('aria-label', 'Role after the transfer');
    const submit = h('button', 'primary small', c.asks === 'alias' ? 'Transfer' : 'Send');
    submit.type = 'submit';
    const form = h('form', 'ask', input, role, submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (value === '') return;
      asking = null;
      on.control(c.control, { ...c.fields, [c.asks]: value, ...(role ? { role: role.value } : {}) });
      redraw();
    });
    return form;
  };

  const rowElement = (row: PersonRow): HTMLElement => {
    const e = row.entry;
    const open = asking?.uuid === e.uuid ? row.controls.find((c) => c.control === asking?.control && c.asks) : undefined;
    const state = [row.you ? 'you' : '', e.isMuted ? 'mic off' : '', e.isCameraMuted ? 'video off' : '', e.isHost ? 'moderator' : ''].filter(Boolean);
    const item = h(
      'div',
      `person${row.you ? ' you' : ''}${e.isWaiting ? ' waiting' : ''}`,
      h('span', 'avatar', initials(e.displayName)),
      h('div', 'person-text', h('span', 'person-name', row.name), h('span', 'person-detail', row.detail)),
      h('span', 'person-state', ...state.map((s) => h('span', `chip ${s.replace(' ', '-')}`, s))),
      row.controls.length > 0 ? h('div', 'person-controls', ...row.controls.map((c) => button(row, c))) : null,
      open?.asks ? askForm(row, open as RowControl & { asks: 'alias' | 'digits' }) : null,
    );
    item.dataset.uuid = e.uuid;
    return item;
  };

  const keyOf = (row: PersonRow): string => JSON.stringify([row, asking?.uuid === row.entry.uuid ? asking.control : null]);

  const redraw = (): void => {
    if (lastInput) draw(lastInput);
  };

  function draw(input: PeopleInput): void {
    lastInput = input;
    el.panel.hidden = !input.open;
    const view = peopleView(input.roster, input.self, input.features);
    el.count.textContent = String(view.total);
    el.empty.hidden = view.total > 0;
    el.muteAll.hidden = view.muteAll === null;
    if (view.muteAll) {
      el.muteAll.textContent = view.muteAll.label;
      el.muteAll.setAttribute('aria-pressed', String(view.muteAll.muted));
    }
    const rows = [...view.lobby, ...view.present];
    rowsByUuid = new Map(rows.map((r) => [r.entry.uuid, r]));
    if (asking && !rowsByUuid.get(asking.uuid)?.controls.some((c) => c.control === asking?.control)) asking = null;

    const existing = new Map([...el.list.querySelectorAll<HTMLElement>('.person')].map((node) => [node.dataset.uuid ?? '', node]));
    const wanted: HTMLElement[] = [];
    for (const [i, row] of rows.entries()) {
      const key = keyOf(row);
      const old = existing.get(row.entry.uuid);
      const node = old && keys.get(row.entry.uuid) === key ? old : rowElement(row);
      // A roster that changes the row while its form is open must not lose what was typed.
      const typed = old && old !== node ? old.querySelector<HTMLInputElement>('.ask input') : null;
      const fresh = typed ? node.querySelector<HTMLInputElement>('.ask input') : null;
      if (typed && fresh) {
        fresh.value = typed.value;
        if (document.activeElement === typed) fresh.focus();
      }
      keys.set(row.entry.uuid, key);
      node.classList.toggle('first-present', i === view.lobby.length && view.lobby.length > 0);
      wanted.push(node);
    }
    for (const uuid of keys.keys()) if (!rowsByUuid.has(uuid)) keys.delete(uuid);
    // Moves only the nodes that are out of place, so a focused input keeps its focus.
    wanted.forEach((node, i) => {
      if (el.list.children[i] !== node) el.list.insertBefore(node, el.list.children[i] ?? null);
    });
    while (el.list.children.length > wanted.length) el.list.lastElementChild?.remove();
    el.list.dataset.lobby = String(view.waiting);
  }

  el.muteAll.addEventListener('click', () => {
    const view = lastInput && peopleView(lastInput.roster, lastInput.self, lastInput.features);
    if (view?.muteAll) on.control('mute-all-guests', view.muteAll.fields);
  });
  el.close.addEventListener('click', () => on.close());

  return {
    draw,
    rows: () =>
      [...el.list.querySelectorAll<HTMLElement>('.person')].map((node) => ({
        uuid: node.dataset.uuid ?? '',
        name: node.querySelector('.person-name')?.textContent ?? '',
        detail: node.querySelector('.person-detail')?.textContent ?? '',
        you: node.classList.contains('you'),
        waiting: node.classList.contains('waiting'),
        controls: [...node.querySelectorAll<HTMLElement>('.person-controls [data-control]')].map((b) => b.dataset.control as Control),
      })),
  };
}
