// Bench relay: the thinnest frame that does what the external-chat plugin does
// on the wire, with no plugin-api, no validation and no envelope codec. It is
// the baseline the plugin's overhead is measured against.
//
// top → relay   {relay: 'dial', body, n}   dial out; answered with
// relay → top   {relay: 'dialed', n, uuid} once the reply AND event:participantJoined arrived
//               {relay: 'dial-failed', n}  when the reply carries no uuid
// top → relay   {relay: 'echo', n}         answered at once with {relay: 'echo', n}
// relay → top   {relay: 'ready'}           after the simulator acked syn {id: 'relay', version: 0}

type Data = Record<string, unknown>;

const parentWindow = window.parent;
const topWindow = window.top ?? window;
const chanId = `relay-${Math.random().toString(36).slice(2)}`;
let seq = 0;
const replies = new Map<string, (payload: unknown) => void>();
const waiting = new Map<string, unknown>(); // participant uuid → n
const joined = new Set<string>(); // joined before the dial reply came back

const toTop = (message: Data): void => topWindow.postMessage(message, '*');

function call(rpc: string, payload: unknown, onReply: (payload: unknown) => void): void {
  const id = `${chanId}-${++seq}`;
  replies.set(id, onReply);
  parentWindow.postMessage({ rpc, payload, id, chanId }, '*');
}

function fromWebApp(d: Data): void {
  if (typeof d.replyTo === 'string') {
    const onReply = replies.get(d.replyTo);
    replies.delete(d.replyTo);
    onReply?.(d.payload);
  } else if (d.event === 'event:participantJoined') {
    const uuid = (d.payload as { participant?: { uuid?: string } } | undefined)?.participant?.uuid;
    if (typeof uuid !== 'string') return;
    if (waiting.has(uuid)) {
      toTop({ relay: 'dialed', n: waiting.get(uuid), uuid });
      waiting.delete(uuid);
    } else {
      joined.add(uuid);
    }
  }
}

function fromTop(d: Data): void {
  if (d.relay === 'echo') {
    toTop({ relay: 'echo', n: d.n });
  } else if (d.relay === 'dial') {
    const n = d.n;
    call('conference:dialOut', d.body, (reply) => {
      const uuid = (reply as { data?: { result?: unknown[] } } | undefined)?.data?.result?.[0];
      if (typeof uuid !== 'string') return toTop({ relay: 'dial-failed', n });
      if (joined.delete(uuid)) toTop({ relay: 'dialed', n, uuid });
      else waiting.set(uuid, n);
    });
  }
}

function onMessage(event: MessageEvent<unknown>): void {
  const d = event.data;
  if (typeof d !== 'object' || d === null) return;
  const data = d as Data;
  if (event.source === parentWindow && data.chanId === chanId) fromWebApp(data);
  else if (event.source === topWindow && typeof data.relay === 'string') fromTop(data);
}

window.addEventListener('message', onMessage);
// Top may post to the Web App 3 window; that only reaches us through a
// listener on it, possible when we are same-origin with it.
if (parentWindow !== window) {
  try {
    parentWindow.addEventListener('message', onMessage);
  } catch {
    // cross-origin parent: own-window messages only
  }
}

call('syn', { id: 'relay', version: 0 }, (reply) => {
  if ((reply as { ack?: unknown } | undefined)?.ack === true) toTop({ relay: 'ready' });
  else toTop({ relay: 'rejected', reply });
});
