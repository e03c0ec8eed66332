// Side-panel views of the simulator's own state: plugins and the RPC log.
import { wrappable } from './wrap';
import type { PluginFrame } from '../plugins/plugin-host';
import type { RpcLogEntry } from '../harness/sim-api';

const STATE_LABEL = { loading: 'loading…', acked: 'registered', rejected: 'rejected', silent: 'no syn' } as const;

export function renderPluginList(list: HTMLElement, frames: readonly PluginFrame[], notes: Map<string, string>): void {
  list.replaceChildren(
    ...frames.map((f) => {
      const li = document.createElement('li');
      li.className = `plugin-status ${f.state}`;
      li.dataset.pluginId = f.id;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = f.id;
      const state = document.createElement('span');
      state.className = 'state';
      state.textContent = STATE_LABEL[f.state];
      li.append(name, state);
      const note = notes.get(f.id);
      if (note) {
        const p = document.createElement('span');
        p.className = 'note';
        p.textContent = note;
        li.append(p);
      }
      li.title = `${f.src}\nsandbox="${f.sandbox.join(' ')}"`;
      return li;
    }),
  );
}

const MAX_LOG_ROWS = 60;

export function appendLogRow(list: HTMLElement, entry: RpcLogEntry): void {
  const li = document.createElement('li');
  const t = document.createElement('span');
  t.className = 't';
  t.textContent = `${(entry.t / 1000).toFixed(2)}s`;
  const rpc = document.createElement('span');
  rpc.className = 'rpc';
  // `conference:dialOut` may break after its colons only, when the panel is narrow.
  rpc.append(...wrappable(entry.rpc, /(?<=:)/));
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = entry.plugin;
  li.append(t, rpc, who);
  li.title = safeJson(entry.payload);
  list.prepend(li);
  while (list.childElementCount > MAX_LOG_ROWS) list.lastElementChild?.remove();
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? 'undefined';
  } catch {
    return String(value);
  }
}
