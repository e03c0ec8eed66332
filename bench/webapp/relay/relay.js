// `make bench`'s logic-free relay: the floor the external-chat plugin is measured
// against. It is an ordinary manifest plugin (bench/webapp/relay.json) that does on
// the wire what the plugin does, with O(1) bookkeeping and nothing else: no
// @pexip/plugin-api, no validation, no codec, no coalescing, no rendering.
// It speaks the plugin's envelopes under its own prefix, so the top window posts
// messages of the same shape and size to it:
//
//   relay → top  ready                                  after syn is acked and its toolbar button added
//   relay → top  toggle-chat {active}                   on a click of its button (the opposite of its state)
//   top → relay  toggle-chat-button-state {active}      ui:button:update with the whole payload
//   top → relay  toggle-chat-badge {visible}            counted and time-stamped only (the burst floor)
//   top → relay  dial-out {...body, requestId}          conference:dialOut; answered with
//   relay → top  dial-out-success {uuid, requestId}     once the reply AND event:participantJoined arrived
//                dial-out-error {message, requestId}    when the reply carries no uuid
//   top → relay  subscribe {topics}                     once 'roster' is among them, forwards participant changes:
//   relay → top  roster-changes {changes}               one per participantsActivities event of the main room, each
//                                                       change {type, uuid, isWaiting, isMuted, isCameraMuted,
//                                                       raisedHand, isSpotlight}: O(1) per change, no roster kept
//                                                       (the page seeds its copy from the simulator; the roster floor)
//   top → relay  subscribe {topics}                     once 'meeting-chat' is among them, forwards the meeting's chat:
//   relay → top  meeting-message {id, at, participantUuid, displayName, text, direct}
//                                                       one per event:message / event:directMessage, the fields moved
//                                                       across as they come (at stays a Date): no mapping, no check,
//                                                       nothing kept (the meeting chat's floor)
//   top → relay  any other action (mute-all-guests,     no case: counted and time-stamped only, nothing answered, nothing
//                send-meeting-message, …)               sent to Web App 3 (window.__relayIgnored; the flood's floor, 9)
'use strict';
(() => {
  const ID = 'bench-relay';
  const PREFIX = `pexip:plugin:${ID}/`;
  const parentWindow = window.parent;
  const topWindow = window.top;
  const chanId = `${ID}-${Math.random().toString(36).slice(2)}`;
  let seq = 0;
  /** RPC id → reply handler */
  const replies = new Map();
  /** participant uuid → requestId of the dial waiting for it to join */
  const waiting = new Map();
  /** uuids that joined before their dial reply arrived */
  const joined = new Set();
  /** dial-outs without a reply yet: only then can a join be one of ours (churn's joins are not kept) */
  let dialling = 0;
  let buttonId = '';
  let active = false;
  /** Whether the top window asked for the roster (as the plugin sends nothing of the meeting before it is asked). */
  let roster = false;
  /** Whether the top window asked for the meeting's chat. */
  let meetingChat = false;
  const ACTIVITY = { 0: 'join', 1: 'leave', 2: 'update' };
  /** The burst floor: how many badge commands arrived, and when the last one did (epoch ms). */
  const burst = { count: 0, lastAt: 0, visible: false };
  Object.defineProperty(window, '__relay', { value: burst });
  /** The flood's floor: how many messages with no case arrived, and when the last one did (epoch ms). */
  const ignored = { count: 0, lastAt: 0 };
  Object.defineProperty(window, '__relayIgnored', { value: ignored });

  const toTop = (name, fields) => topWindow.postMessage({ action: PREFIX + name, ...fields }, '*');
  const call = (rpc, payload, onReply) => {
    const id = `${chanId}-${++seq}`;
    if (onReply) replies.set(id, onReply);
    parentWindow.postMessage({ rpc, payload, id, chanId }, '*');
  };
  const button = () => ({
    position: 'toolbar',
    icon: 'IconChat',
    tooltip: active ? 'Close Chat' : 'Open Chat',
    isActive: active,
    badge: { isVisible: false },
  });

  /** One participantsActivities event → one message to the top window, with only what the roster floor compares. */
  function forwardChanges(activities) {
    if (!Array.isArray(activities)) return;
    const changes = [];
    for (const { roomId, activity } of activities) {
      const p = activity && activity.participant;
      if (roomId !== 'main' || !p) continue;
      const { uuid, isWaiting, isMuted, isCameraMuted, raisedHand, isSpotlight } = p;
      changes.push({ type: ACTIVITY[activity.type], uuid, isWaiting, isMuted, isCameraMuted, raisedHand, isSpotlight });
    }
    if (changes.length > 0) toTop('roster-changes', { changes });
  }

  function fromWebApp(d) {
    if (typeof d.replyTo === 'string') {
      const onReply = replies.get(d.replyTo);
      if (onReply) {
        replies.delete(d.replyTo);
        onReply(d.payload);
      }
    } else if (d.event === 'ui:button:click') {
      if (d.payload && d.payload.buttonId === buttonId) toTop('toggle-chat', { active: !active });
    } else if (d.event === 'event:participantsActivities') {
      if (roster) forwardChanges(d.payload);
    } else if (d.event === 'event:message' || d.event === 'event:directMessage') {
      const m = d.payload;
      if (meetingChat && m) toTop('meeting-message', { id: m.id, at: m.at, participantUuid: m.userId, displayName: m.displayName, text: m.message, direct: d.event === 'event:directMessage' });
    } else if (d.event === 'event:participantJoined') {
      const uuid = d.payload && d.payload.participant && d.payload.participant.uuid;
      if (typeof uuid !== 'string') return;
      if (waiting.has(uuid)) {
        toTop('dial-out-success', { uuid, requestId: waiting.get(uuid) });
        waiting.delete(uuid);
      } else if (dialling > 0) {
        joined.add(uuid);
      }
    }
  }

  function fromTop(name, d) {
    if (name === 'subscribe') {
      if (Array.isArray(d.topics) && d.topics.includes('roster')) roster = true;
      if (Array.isArray(d.topics) && d.topics.includes('meeting-chat')) meetingChat = true;
    } else if (name === 'toggle-chat-badge') {
      burst.count++;
      burst.visible = d.visible;
      burst.lastAt = performance.timeOrigin + performance.now();
    } else if (name === 'toggle-chat-button-state') {
      active = d.active === true;
      call('ui:button:update', { ...button(), targetId: buttonId });
    } else if (name === 'dial-out') {
      const { action, requestId, ...body } = d;
      dialling++;
      call('conference:dialOut', body, (reply) => {
        dialling--;
        const uuid = reply && reply.data && reply.data.result && reply.data.result[0];
        if (typeof uuid !== 'string') toTop('dial-out-error', { message: 'Could not dial out to specified uri', requestId });
        else if (joined.delete(uuid)) toTop('dial-out-success', { uuid, requestId });
        else waiting.set(uuid, requestId);
      });
    } else {
      ignored.count++;
      ignored.lastAt = performance.timeOrigin + performance.now();
    }
  }

  window.addEventListener('message', (event) => {
    const d = event.data;
    if (typeof d !== 'object' || d === null) return;
    if (event.source === parentWindow && d.chanId === chanId) fromWebApp(d);
    else if (event.source === topWindow && typeof d.action === 'string' && d.action.startsWith(PREFIX)) fromTop(d.action.slice(PREFIX.length), d);
  });

  call('syn', { id: ID, version: 0 }, (reply) => {
    if (!reply || reply.ack !== true) return toTop('rejected', { reply });
    call('ui:button:add', button(), (added) => {
      buttonId = added && added.id;
      toTop('ready', {});
    });
  });
})();
