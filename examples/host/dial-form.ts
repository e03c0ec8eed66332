// The dial-out form and the list of calls it placed. Several calls can be in
// flight; each has its own AbortController (row button), and #dial-cancel
// aborts every pending one.

import type { CallOptions, DialOutBody, DialOutResult } from '@external-chat/host-bridge';
import { breakableAddress } from '@external-chat/webapp3-simulator/text-wrap';
import { h } from './dom';

export interface CallRecord {
  id: string;
  destination: string;
  status: 'pending' | 'ok' | 'error';
  result?: DialOutResult;
  error?: { name: string; message: string };
}

export interface DialFormElements {
  form: HTMLFormElement;
  destination: HTMLInputElement;
  role: HTMLSelectElement;
  protocol: HTMLSelectElement;
  name: HTMLInputElement;
  timeout: HTMLInputElement;
  cancel: HTMLButtonElement;
  results: HTMLElement;
  empty: HTMLElement;
}

export type Dial = (body: DialOutBody, options: CallOptions) => Promise<DialOutResult>;

const STATUS_TEXT: Record<CallRecord['status'], string> = { pending: 'Dialling…', ok: 'Joined', error: 'Failed' };

export function createDialForm(elements: DialFormElements, dial: Dial): { calls: CallRecord[] } {
  const { form, destination, role, protocol, name, timeout, cancel, results, empty } = elements;
  const calls: CallRecord[] = [];
  const controllers = new Map<string, AbortController>();
  let nextId = 1;

  const refreshCancel = (): void => {
    cancel.disabled = controllers.size === 0;
    empty.hidden = calls.length > 0;
  };

  const renderRow = (call: CallRecord, body: DialOutBody, started: number, row: HTMLElement): void => {
    row.dataset.status = call.status;
    const details: (HTMLElement | string)[] = [];
    if (call.status === 'ok' && call.result) {
      details.push(h('span', 'kv', h('span', 'k', 'uuid'), h('code', '', call.result.uuid)));
      if (call.result.displayName !== undefined) {
        details.push(h('span', 'kv', h('span', 'k', 'name'), h('span', '', call.result.displayName)));
      }
    } else if (call.status === 'error' && call.error) {
      details.push(h('span', 'call-error', h('strong', '', call.error.name), ': ', call.error.message));
    } else {
      details.push(h('span', 'muted', `${body.role} · ${body.protocol}${body.remote_display_name ? ` · “${body.remote_display_name}”` : ''}`));
    }
    const elapsed = call.status === 'pending' ? '' : `${((Date.now() - started) / 1000).toFixed(1)} s`;
    const cancelButton =
      call.status === 'pending'
        ? h('button', 'link-button', 'Cancel')
        : null;
    cancelButton?.setAttribute('type', 'button');
    cancelButton?.addEventListener('click', () => controllers.get(call.id)?.abort(new DOMException('Cancelled by the agent', 'AbortError')));
    row.replaceChildren(
      h(
        'div',
        'call-head',
        h('span', 'call-dest', ...breakableAddress(call.destination || '(empty)')),
        h('span', 'call-state', elapsed && h('span', 'call-elapsed', elapsed), h('span', `chip ${call.status}`, STATUS_TEXT[call.status])),
      ),
      h('div', 'call-body', ...details, cancelButton && h('span', 'call-aside', cancelButton)),
    );
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body: DialOutBody = {
      destination: destination.value.trim(),
      role: role.value as DialOutBody['role'],
      protocol: protocol.value as DialOutBody['protocol'],
    };
    const displayName = name.value.trim();
    if (displayName) body.remote_display_name = displayName;
    const options: CallOptions = {};
    if (timeout.value.trim() !== '') options.timeoutMs = Number(timeout.value);

    const call: CallRecord = { id: String(nextId++), destination: body.destination, status: 'pending' };
    const controller = new AbortController();
    options.signal = controller.signal;
    controllers.set(call.id, controller);
    calls.push(call);

    const row = h('li', 'call');
    row.dataset.callId = call.id;
    const started = Date.now();
    renderRow(call, body, started, row);
    results.prepend(row);
    refreshCancel();

    // The bridge rejects bad input; the Promise wrapper also turns a synchronous throw into a row.
    new Promise<DialOutResult>((resolve) => resolve(dial(body, options))).then(
      (result) => {
        call.status = 'ok';
        call.result = result;
      },
      (error: unknown) => {
        call.status = 'error';
        call.error =
          error instanceof Error || error instanceof DOMException
            ? { name: error.name, message: error.message }
            : { name: 'Error', message: String(error) };
      },
    ).finally(() => {
      controllers.delete(call.id);
      renderRow(call, body, started, row);
      refreshCancel();
    });
  });

  cancel.addEventListener('click', () => {
    for (const controller of [...controllers.values()]) controller.abort(new DOMException('Cancelled by the agent', 'AbortError'));
  });

  refreshCancel();
  return { calls };
}
