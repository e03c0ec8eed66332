// The legacy host: the same desk as ../host/, with raw envelopes and no
// library, on top of bridge.js (the snippet of docs/other-hosts.md).
import './frame-src.js'; // first: sets iframe#webapp3's src, which bridge.js reads on load
import { onPluginMessage, sendToPlugin } from './bridge.js';

const $ = (id) => document.getElementById(id);
const received = [];
let panelOpen = false;
let restarts = 0;
let instanceId;
let readyCount = 0;
let unread = 0;
let nextRequest = 1;
/** requestId -> { row, timer } of the dial-outs waiting for an answer. */
const pending = new Map();

window.__legacy = { received, panelOpen: () => panelOpen };

function clock(t) {
  const d = new Date(t);
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function logRow(direction, name, fields) {
  const row = el('li', `log-row ${direction}`);
  row.append(
    el('time', 'log-time', clock(Date.now())),
    el('span', 'log-dir', direction === 'in' ? '← plugin' : '→ plugin'),
    el('strong', 'log-action', name),
    el('code', 'log-fields', Object.keys(fields).length ? JSON.stringify(fields) : ''),
  );
  const log = $('envelope-log');
  log.prepend(row);
  while (log.children.length > 200) log.lastElementChild.remove();
}

function send(name, fields = {}) {
  sendToPlugin(name, fields);
  logRow('out', name, fields);
}

function setPanel(open) {
  panelOpen = open;
  $('chat-panel').hidden = !open;
  send('toggle-chat-button-state', { active: open });
  if (open && unread > 0) {
    unread = 0;
    send('toggle-chat-badge', { visible: false });
  }
}

function addMessage(author, text) {
  const item = el('li', `msg ${author}`, text);
  $('chat-thread').append(item);
  $('chat-thread').scrollTop = $('chat-thread').scrollHeight;
}

function settle(requestId, ok, text) {
  const call = pending.get(requestId);
  if (!call) return;
  clearTimeout(call.timer);
  pending.delete(requestId);
  call.row.dataset.status = ok ? 'ok' : 'error';
  call.row.querySelector('.call-result').textContent = text;
  $('dial-cancel').disabled = pending.size === 0;
}

onPluginMessage((name, data) => {
  received.push(data);
  const { action, ...fields } = data;
  logRow('in', name, fields);
  switch (name) {
    case 'ready':
      readyCount++;
      if (readyCount > 1 && (data.instanceId === undefined || data.instanceId !== instanceId)) restarts++;
      instanceId = data.instanceId;
      $('status').dataset.state = 'connected';
      $('status').textContent =
        `Plugin connected (${instanceId ?? 'no instanceId'})` + (restarts ? ` · restarted ${restarts}×` : '');
      // A restarted plugin starts with a fresh button: tell it the panel's state and the badge.
      if (panelOpen) send('toggle-chat-button-state', { active: true });
      if (unread > 0) send('toggle-chat-badge', { visible: true });
      break;
    case 'toggle-chat':
      setPanel(data.active === true);
      break;
    case 'connected':
      $('meeting-state').textContent = 'In meeting';
      break;
    case 'disconnected':
      $('meeting-state').textContent = data.userInitiated ? 'Left the meeting' : `Call dropped${data.error ? `: ${data.error}` : ''}`;
      if (panelOpen) setPanel(false);
      break;
    case 'dial-out-success':
      settle(data.requestId, true, `Joined · uuid ${data.uuid}${data.displayName ? ` · ${data.displayName}` : ''}`);
      break;
    case 'dial-out-error':
      settle(data.requestId, false, `dial-out-error: ${data.message ?? '(no message)'}`);
      break;
  }
});

$('chat-close').addEventListener('click', () => setPanel(false));

$('simulate-message').addEventListener('click', () => {
  addMessage('customer', 'A new message from the customer.');
  if (!panelOpen) {
    unread++;
    send('toggle-chat-badge', { visible: true });
  }
});

$('clear-badge').addEventListener('click', () => {
  unread = 0;
  send('toggle-chat-badge', { visible: false });
});

$('chat-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('chat-input').value.trim();
  if (!text) return;
  addMessage('agent', text);
  $('chat-input').value = '';
});

$('dial-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const requestId = `legacy-${nextRequest++}`;
  const body = {
    role: $('dial-role').value,
    destination: $('dial-destination').value.trim(),
    protocol: $('dial-protocol').value,
    requestId,
  };
  const name = $('dial-name').value.trim();
  if (name) body.remote_display_name = name;

  const row = el('li', 'call');
  row.dataset.requestId = requestId;
  row.dataset.status = 'pending';
  row.append(el('span', 'call-dest', `${body.destination} `), el('code', 'call-id', requestId), el('span', 'call-result', 'Dialling…'));
  $('dial-results').prepend(row);

  // Raw envelopes have no timeout of their own: the page keeps one.
  const ms = Number($('dial-timeout').value) || 0;
  const timer = ms > 0 ? setTimeout(() => settle(requestId, false, `No answer within ${ms} ms`), ms) : 0;
  pending.set(requestId, { row, timer });
  $('dial-cancel').disabled = false;
  send('dial-out', body);
});

// The plugin cannot cancel a dial-out: "cancel" stops waiting for the answer.
$('dial-cancel').addEventListener('click', () => {
  for (const requestId of [...pending.keys()]) settle(requestId, false, 'Cancelled (the plugin may still complete it)');
});
