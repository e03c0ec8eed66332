// The bench's top window (host origin): the embedding page. bench/run.mjs's figures
// (bench/figures/) drive it through window.__bench. ?webappOrigin=<origin of the simulator>.
//
// It embeds one Web App 3 simulator per subject (open(name, url)), each loading one
// plugin from a bench manifest:
//   chat   external-chat, as deployed in the branding bundle
//   relay  the logic-free relay frame (bench/webapp/relay/), the floor for clicks, dial-outs, bursts,
//          the roster and the meeting's chat
//   empty  the empty plugin (bench/empty-plugin/), the floor for start-up and heap
// For the roster part, the page holds each subject's roster as it learns it: external-chat's
// through host-bridge (chat.on('roster')), the relay's by applying its forwarded changes to a
// Map (O(1) each) seeded from the simulator. Only the latest state is kept, never a history.
// For the meeting's chat (figure 8), the page answers each message it holds with an `ack`
// posted to that subject's simulator window (where the figure times the round trip): for the
// relay from the raw listener, for external-chat from the raw listener or host-bridge's
// chat.on('meeting-message') handler (setChatAck). In a burst it answers once, when it
// holds as many as were said, and records every id it heard (the order is checked).
// For the flood (figure 9), the page posts a hostile page's flood of raw envelopes to one
// subject in one task (flood) and counts external-chat's answers by requestId (floodAnswers);
// the simulator under test is moved into the viewport first (show), since Chromium does not
// render, nor run requestAnimationFrame in, a cross-origin frame outside it.
// Every subject speaks `pexip:plugin:<id>/<name>` envelopes to this page; the same
// single listener handles all of them, so each variant runs with the same listeners.
'use strict';
(() => {
  const PREFIX = { chat: 'pexip:plugin:external-chat/', relay: 'pexip:plugin:bench-relay/', empty: 'pexip:plugin:bench-empty/' };
  const BODY = { role: 'GUEST', destination: 'bench@example.com', protocol: 'sip' };
  const webappOrigin = new URLSearchParams(location.search).get('webappOrigin');
  const now = () => performance.timeOrigin + performance.now();

  /** name → simulator iframe */
  const sims = {};
  /** name → the plugin's window, learnt from its `ready` */
  const plugins = {};
  /** name → resolvers waiting for the next `ready` (they get its arrival time, epoch ms) */
  const readyWaiters = { chat: [], relay: [], empty: [] };
  /** requestId → resolve */
  const waiters = new Map();
  /** How the page answers external-chat's toggle-chat: 'bridge' (host-bridge) or 'raw' (an envelope). */
  let echo = 'raw';
  let chat = null;
  let seq = 0;

  /** The fields the roster figures compare besides uuid: every one the simulator's churn changes. */
  const ROSTER_FIELDS = ['isWaiting', 'isMuted', 'isCameraMuted', 'raisedHand', 'isSpotlight'];
  /** name → the latest roster the page holds, when it arrived (epoch ms), how many messages brought it, a waiter */
  const rosters = {
    chat: { entries: [], at: 0, count: 0, onMessage: null },
    relay: { map: new Map(), at: 0, count: 0, onMessage: null },
  };
  /**
   * The meeting's chat: which handler answers external-chat's messages ('raw' | 'bridge'),
   * whether each message is answered or only the `expect`-th (a burst), and the ids heard
   * while recording, per listener (the raw one for each subject, host-bridge's for chat).
   */
  const chatAck = { by: 'raw', expect: 0, recording: false, heard: { chat: [], relay: [], bridge: [] } };
  /** Answers the simulator of `name` (its window; figure 8 listens there) that the page holds message `id`, or the `count`-th of a burst. */
  const heardMessage = (name, list, id) => {
    if (chatAck.recording) {
      list.push(id);
      if (list.length === chatAck.expect) sims[name].contentWindow.postMessage({ benchAck: 'burst', count: list.length }, webappOrigin);
    } else {
      sims[name].contentWindow.postMessage({ benchAck: id }, webappOrigin);
    }
  };
  /**
   * The flood's answers: requestId → times answered (0 until then), for the ids of the flood under way;
   * answers to no such id, answers that refused, when the first and last arrived (epoch ms), and the
   * `roster` envelopes that came since the flood was posted.
   */
  const flooded = { ids: new Map(), unknown: 0, refused: 0, firstAt: 0, lastAt: 0, rosters: 0 };
  /** The roster's messages (either subject, whole lists or changes), kept while asked for: their bytes are counted afterwards, not while the page is profiled. */
  const kept = { on: false, messages: [] };
  /** The handler watchRoster('chat') added (removed to time a new subscription's snapshot). */
  let offRoster = null;
  /** One raw `roster` envelope, kept only when asked for (the size and clone figures). */
  let wantEnvelope = false;
  let envelope = null;

  /** Whether `name`'s roster is `expected`: [uuid, ...ROSTER_FIELDS as booleans] per participant. */
  function rosterIs(name, expected) {
    const entries = name === 'chat' ? rosters.chat.entries : rosters.relay.map;
    const size = name === 'chat' ? entries.length : entries.size;
    if (size !== expected.length) return false;
    const byUuid = name === 'chat' ? new Map(entries.map((e) => [e.uuid, e])) : entries;
    for (const [uuid, ...flags] of expected) {
      const e = byUuid.get(uuid);
      if (!e) return false;
      for (let i = 0; i < ROSTER_FIELDS.length; i++) if ((e[ROSTER_FIELDS[i]] === true) !== flags[i]) return false;
    }
    return true;
  }

  const post = (name, action, fields) => plugins[name].postMessage({ action: PREFIX[name] + action, ...fields }, webappOrigin);

  window.addEventListener('message', (event) => {
    const at = now();
    const d = event.data;
    if (event.origin !== webappOrigin || typeof d !== 'object' || d === null || typeof d.action !== 'string') return;
    const name = d.action.startsWith(PREFIX.chat) ? 'chat' : d.action.startsWith(PREFIX.relay) ? 'relay' : d.action.startsWith(PREFIX.empty) ? 'empty' : null;
    if (name === null) return;
    const action = d.action.slice(PREFIX[name].length);
    if (kept.on && (action === 'roster' || action === 'roster-change' || action === 'roster-changes')) kept.messages.push(d);
    if (action === 'ready') {
      plugins[name] = event.source;
      for (const resolve of readyWaiters[name].splice(0)) resolve(at);
    } else if (event.source !== plugins[name]) {
      // not the plugin that said ready
    } else if (action === 'toggle-chat') {
      // The page decides; here it always agrees, and the button follows its echo.
      if (name === 'relay' || echo === 'raw') post(name, 'toggle-chat-button-state', { active: d.active === true });
    } else if (action === 'roster-changes') {
      const r = rosters.relay;
      for (const c of d.changes) {
        if (c.type === 'leave') r.map.delete(c.uuid);
        else r.map.set(c.uuid, c);
      }
      r.at = now();
      r.count++;
      r.onMessage?.();
    } else if (action === 'meeting-message') {
      if (name === 'relay' || chatAck.by === 'raw') heardMessage(name, chatAck.heard[name], d.id);
      else if (chatAck.recording) chatAck.heard[name].push(d.id);
    } else if (action === 'roster') {
      flooded.rosters++;
      if (wantEnvelope) {
        envelope = d;
        wantEnvelope = false;
      }
    } else if (action === 'control-result') {
      const times = flooded.ids.get(d.requestId);
      if (times === undefined) flooded.unknown++;
      else flooded.ids.set(d.requestId, times + 1);
      if (d.ok !== true) flooded.refused++;
      if (flooded.firstAt === 0) flooded.firstAt = at;
      flooded.lastAt = at;
    } else if (action === 'dial-out-success' || action === 'dial-out-error') {
      const resolve = waiters.get(d.requestId);
      waiters.delete(d.requestId);
      resolve?.(d);
    }
  });

  /** One raw dial-out to `name` (chat | relay), answered once the participant joined. */
  async function dialRaw(name) {
    const requestId = `bench-${++seq}`;
    const reply = new Promise((resolve) => waiters.set(requestId, resolve));
    post(name, 'dial-out', { ...BODY, requestId });
    const d = await reply;
    if (d.action !== PREFIX[name] + 'dial-out-success') throw new Error(`${name} dial-out failed: ${JSON.stringify(d)}`);
  }

  const VARIANTS = {
    dialRelay: () => dialRaw('relay'),
    dialRaw: () => dialRaw('chat'),
    dialBridge: () => chat.dialOut(BODY),
  };

  window.__bench = {
    ROSTER_FIELDS,
    /** Embed a simulator (absolute URL) as subject `name`; resolves once its plugin said `ready`. */
    open(name, url) {
      const iframe = document.createElement('iframe');
      iframe.name = `sim-${name}`;
      iframe.title = `Web App 3 simulator (${name})`;
      iframe.width = '1000';
      iframe.height = '600';
      iframe.style.cssText = 'position: absolute; left: -20000px';
      const ready = this.nextReady(name);
      iframe.src = url;
      document.body.append(iframe);
      sims[name] = iframe;
      return ready.then(() => undefined);
    },
    /** Connect host-bridge to the chat simulator. */
    connect(options = {}) {
      chat = ExternalChatBridge.connectExternalChat(sims.chat, { webappOrigin, ...options });
      chat.on('toggle-chat', ({ active }) => {
        if (echo === 'bridge') void chat.setButtonActive(active);
      });
      return chat.ready;
    },
    close: () => chat.close(),

    /** Subscribes `name` to the roster: external-chat through host-bridge (resolves on its snapshot, rejects after `timeoutMs`), the relay by envelope. */
    watchRoster(name, timeoutMs = 20_000) {
      if (name === 'relay') {
        post('relay', 'subscribe', { topics: ['roster'] });
        return undefined;
      }
      return new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error(`no roster within ${timeoutMs} ms`)), timeoutMs);
        offRoster = chat.on('roster', ({ participants }) => {
          const r = rosters.chat;
          r.entries = participants;
          r.at = now();
          r.count++;
          r.onMessage?.();
          resolve();
        });
      });
    },
    /**
     * Unsubscribes from external-chat's roster (host-bridge's last handler goes), then subscribes again:
     * resolves with the ms from the new handler to its first whole list (a snapshot), and that list's length.
     */
    async resubscribeRoster(timeoutMs) {
      offRoster?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const t0 = performance.now();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no whole roster within ${timeoutMs} ms`)), timeoutMs);
        let done = false;
        offRoster = chat.on('roster', ({ participants, change }) => {
          const r = rosters.chat;
          r.entries = participants;
          r.at = now();
          r.count++;
          r.onMessage?.();
          if (done || (change && !change.snapshot)) return;
          done = true;
          clearTimeout(timer);
          resolve({ ms: performance.now() - t0, entries: participants.length });
        });
      });
    },
    /** Starts keeping the roster's messages as they arrive (`on`), or stops: then resolves with their count and JSON bytes (UTF-8), forgetting them. */
    keepRosterMessages(on) {
      kept.on = on;
      if (on) return undefined;
      const encoder = new TextEncoder();
      const out = { messages: kept.messages.length, bytes: kept.messages.reduce((sum, m) => sum + encoder.encode(JSON.stringify(m)).length, 0) };
      kept.messages = [];
      return out;
    },
    /**
     * Subscribes `name` to the meeting's chat: external-chat through host-bridge
     * (chat.on('meeting-message'); its raw envelopes reach the page's listener too), the
     * relay by envelope. Resolves once the plugin's kept messages (sent at once) had time to pass.
     */
    async watchMeetingChat(name) {
      if (name === 'relay') post('relay', 'subscribe', { topics: ['meeting-chat'] });
      else {
        chat.on('meeting-message', (m) => {
          if (chatAck.by === 'bridge') heardMessage('chat', chatAck.heard.bridge, m.id);
          else if (chatAck.recording) chatAck.heard.bridge.push(m.id);
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    },
    /** Which handler answers external-chat's meeting messages: 'raw' (the page's envelope listener) or 'bridge' (host-bridge's). */
    setChatAck(by) {
      chatAck.by = by;
    },
    /** Starts recording heard ids for a burst of `expect`: the page answers once, at the `expect`-th. */
    recordBurst(expect) {
      chatAck.heard = { chat: [], relay: [], bridge: [] };
      chatAck.expect = expect;
      chatAck.recording = true;
    },
    /** Stops recording; the ids heard per listener, in order. */
    stopBurst() {
      chatAck.recording = false;
      return chatAck.heard;
    },
    /** The relay forwards changes only: its roster starts as the simulator's (`expected` form). */
    seedRelayRoster(expected) {
      const map = rosters.relay.map;
      map.clear();
      for (const [uuid, ...flags] of expected) map.set(uuid, Object.fromEntries([['uuid', uuid], ...ROSTER_FIELDS.map((f, i) => [f, flags[i]])]));
    },
    /** Roster messages `name` has received so far. */
    rosterCount: (name) => rosters[name].count,
    /**
     * Resolves with the arrival time (epoch ms) of the message after which the page's
     * roster of `name` equals `expected`. The comparison runs after the arrival is stamped.
     */
    rosterEquals(name, expected, timeoutMs) {
      const r = rosters[name];
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          r.onMessage = null;
          reject(new Error(`${name}: the page's roster did not become the simulator's within ${timeoutMs} ms (${r.count} messages)`));
        }, timeoutMs);
        const check = () => {
          if (!rosterIs(name, expected)) return;
          r.onMessage = null;
          clearTimeout(timer);
          resolve(r.at);
        };
        r.onMessage = check;
        check();
      });
    },
    /** Subscribes `name`'s plugin to `topics` by envelope, as a raw page does (`on`), or unsubscribes. */
    rawSubscribe(name, topics, on) {
      post(name, on ? 'subscribe' : 'unsubscribe', { topics });
    },
    /** Keeps the next raw `roster` envelope; resolves with its JSON size in bytes (UTF-8). */
    async captureRosterEnvelope(timeoutMs) {
      envelope = null;
      wantEnvelope = true;
      const deadline = performance.now() + timeoutMs;
      while (envelope === null && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      if (envelope === null) throw new Error(`no roster envelope within ${timeoutMs} ms`);
      return { bytes: new TextEncoder().encode(JSON.stringify(envelope)).length, participants: envelope.participants.length };
    },
    /** Mean ms of structuredClone of the captured envelope and of `{}`, blocks of `n` each, in `rounds` interleaved rounds. */
    cloneCost(n, rounds) {
      const block = (value) => {
        const t0 = performance.now();
        for (let i = 0; i < n; i++) structuredClone(value);
        return (performance.now() - t0) / n;
      };
      const out = { envelope: [], empty: [] };
      for (let round = 0; round < rounds; round++) {
        if (round % 2 === 0) {
          out.envelope.push(block(envelope));
          out.empty.push(block({}));
        } else {
          out.empty.push(block({}));
          out.envelope.push(block(envelope));
        }
      }
      envelope = null;
      return out;
    },
    /** Moves `name`'s simulator into the viewport (top left) and every other one out of it. */
    show(name) {
      for (const [n, iframe] of Object.entries(sims)) iframe.style.cssText = n === name ? 'position: absolute; left: 0; top: 0' : 'position: absolute; left: -20000px';
    },
    /**
     * A hostile page's flood of `name` (chat | relay), posted to the plugin's window in one task, interleaved:
     * `each` pairs of `mute-all-guests` {muted: true, requestId} and `send-meeting-message` {text: 'flood', requestId},
     * with a `subscribe` {topics: `topics` × 'roster'} before every (each / subscribes)-th pair (`subscribes` in
     * all, the first before the first pair). requestIds are `tag`-m<i> and `tag`-s<i>. Returns when it was
     * posted (epoch ms): before the first message, and after the last.
     */
    flood(name, { each, subscribes, topics, tag }) {
      const ids = new Map();
      const every = Math.floor(each / subscribes);
      const roster = Array.from({ length: topics }, () => 'roster');
      const start = now();
      for (let i = 0; i < each; i++) {
        if (i % every === 0 && i / every < subscribes) post(name, 'subscribe', { topics: roster });
        const mute = `${tag}-m${i}`;
        const send = `${tag}-s${i}`;
        post(name, 'mute-all-guests', { muted: true, requestId: mute });
        post(name, 'send-meeting-message', { text: 'flood', requestId: send });
        ids.set(mute, 0);
        ids.set(send, 0);
      }
      const end = now();
      if (name === 'chat') Object.assign(flooded, { ids, unknown: 0, refused: 0, firstAt: 0, lastAt: 0, rosters: 0 });
      return { start, end };
    },
    /** One `mute-all-guests` {muted: true} to `name`, without a requestId (nothing is answered). */
    muteAllGuests(name) {
      post(name, 'mute-all-guests', { muted: true });
    },
    /** The flood's answers so far: requests answered once, more than once, not at all; others; refusals; first and last (epoch ms); `roster` envelopes. */
    floodAnswers() {
      let once = 0;
      let more = 0;
      let none = 0;
      for (const times of flooded.ids.values()) {
        if (times === 0) none++;
        else if (times === 1) once++;
        else more++;
      }
      const { unknown, refused, firstAt, lastAt, rosters } = flooded;
      return { requests: flooded.ids.size, once, more, none, unknown, refused, firstAt, lastAt, rosters };
    },
    /** How the page echoes external-chat's toggle-chat: 'bridge' or 'raw'. */
    setEcho(mode) {
      echo = mode;
    },
    /** Resolves with the arrival time (epoch ms, this window's clock) of `name`'s next `ready`. */
    nextReady(name) {
      return new Promise((resolve) => readyWaiters[name].push(resolve));
    },
    /**
     * `n` calls of each of `variants`, interleaved call by call (the order rotates every
     * call), so load from elsewhere hits them alike. Total ms per variant.
     */
    async interleave(variants, n) {
      const total = Object.fromEntries(variants.map((v) => [v, 0]));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < variants.length; j++) {
          const v = variants[(i + j) % variants.length];
          const t0 = performance.now();
          await VARIANTS[v]();
          total[v] += performance.now() - t0;
        }
      }
      return total;
    },
    /**
     * `n` commands to `name` in one task: alternating badge commands, the first flipping
     * the badge away from `badge`. With `activeAtEnd`, the last command sets the button's
     * active state instead: a state no earlier command asked for, so the plugin cannot
     * show the final state before the last command arrived (with alternating badges
     * alone, an update sent mid-burst can show it by coincidence). Returns when the last
     * one was posted (epoch ms): the burst figures count from there.
     */
    burst(name, n, badge, activeAtEnd) {
      const badges = activeAtEnd === undefined ? n : n - 1;
      for (let i = 0; i < badges; i++) post(name, 'toggle-chat-badge', { visible: i % 2 === 0 ? !badge : badge });
      if (activeAtEnd !== undefined) post(name, 'toggle-chat-button-state', { active: activeAtEnd });
      return now();
    },

    /**
     * `total` settled calls through the bridge, `concurrency` at a time: dial-outs the
     * simulator refuses at once (destination fail…) alternating with setBadge.
     */
    async churn(total, concurrency) {
      let issued = 0;
      let settled = 0;
      let dialErrors = 0;
      let other = 0;
      let badge = false;
      for (let i = 0; i < total; i += concurrency) {
        const batch = [];
        for (let j = i; j < Math.min(total, i + concurrency); j++) {
          issued++;
          if (j % 2 === 0) {
            batch.push(
              chat.dialOut({ ...BODY, destination: `fail-${j}@example.com` }).then(
                () => {
                  other++;
                },
                (error) => {
                  if (error?.name === 'DialOutError') dialErrors++;
                  else other++;
                },
              ),
            );
          } else {
            badge = !badge;
            batch.push(chat.setBadge(badge).catch(() => other++));
          }
        }
        await Promise.all(batch.map((p) => p.then(() => settled++)));
      }
      return { issued, settled, dialErrors, other };
    },
  };
})();
