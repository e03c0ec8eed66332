// The dial-out form. The protocol's answers carry no request id, so each
// answer is matched to the oldest dial still waiting for one.

import { h } from '../host/dom';
import type { DialOut, DialProtocol } from './protocol';

export interface DialRecord {
  destination: string;
  status: 'pending' | 'ok' | 'error';
  /** The participant's uuid (ok) or the plugin's message (error). */
  result?: string;
}

export interface DialElements {
  card: HTMLElement;
  form: HTMLFormElement;
  destination: HTMLInputElement;
  protocol: HTMLSelectElement;
  role: HTMLSelectElement;
  name: HTMLInputElement;
  results: HTMLElement;
}

export interface DialForm {
  readonly records: DialRecord[];
  show(offered: boolean): void;
  answer(outcome: { ok: true; uuid: string; displayName?: string } | { ok: false; message: string }): void;
}

export function createDialForm(el: DialElements, dial: (body: DialOut) => void): DialForm {
  const records: DialRecord[] = [];
  const draw = (): void => {
    el.results.replaceChildren(
      ...records
        .slice(-6)
        .reverse()
        .map((r) =>
          h(
            'li',
            `dial ${r.status}`,
            h('span', 'dial-dest', r.destination),
            h('span', 'dial-status', r.status === 'pending' ? 'calling…' : r.status === 'ok' ? 'joined' : `failed: ${r.result ?? ''}`),
          ),
        ),
    );
  };
  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const destination = el.destination.value.trim();
    if (destination === '') return;
    const name = el.name.value.trim();
    // Left at their defaults, role and protocol are not sent: the destination alone, as Rocket.Chat's hook dials.
    const body: DialOut = {
      ...(el.role.value === 'HOST' ? { role: 'HOST' } : {}),
      destination,
      ...(el.protocol.value ? { protocol: el.protocol.value as DialProtocol } : {}),
      ...(name ? { remote_display_name: name } : {}),
    };
    records.push({ destination: name || destination, status: 'pending' });
    draw();
    dial(body);
  });
  return {
    records,
    show(offered) {
      el.card.hidden = !offered;
    },
    answer(outcome) {
      const record = records.find((r) => r.status === 'pending');
      // An answer to a dial this page did not make (a restarted page, another host): shown, not matched.
      const target = record ?? records[records.push({ destination: outcome.ok ? (outcome.displayName ?? outcome.uuid) : 'unknown dial', status: 'pending' }) - 1]!;
      target.status = outcome.ok ? 'ok' : 'error';
      target.result = outcome.ok ? outcome.uuid : outcome.message;
      draw();
    },
  };
}
