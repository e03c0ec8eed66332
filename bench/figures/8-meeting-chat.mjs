// Figure 8: the meeting's chat.
//
// What participants write in the meeting's chat reaching the page, one message at a
// time and in a burst. Two simulators in one page, identical but for their plugin:
// external-chat (the page subscribed through host-bridge's chat.on('meeting-message');
// the same envelopes reach the page's raw listener) and the relay, subscribed with a
// `subscribe {topics:['meeting-chat']}` envelope, which forwards each event:message /
// event:directMessage to the top window as one envelope (the fields moved across, no
// mapping, no check, nothing kept). The simulator's chatter is off (its default), so
// only the bench writes.
//
// Latency: in the simulator, `__sim.say` (the simulator's own path: record, its Chat
// tab, broadcast to its plugin) → plugin → the page's handler holds the message and
// posts an ack to the simulator's window → the simulator has the ack. A round trip on
// the simulator's clock, so no cross-process clock offset; the ack's hop is the same
// for every variant and cancels in the difference. Blocks of CHAT.calls sequential
// messages per variant (relay; external-chat answered from the raw listener; answered
// from host-bridge's handler), interleaved with the order rotated per round, median of
// the per-round differences to the relay.
//
// Burst: CHAT_BURST messages of ~100 characters said in one simulator task; timed
// from before the first say to the ack the page posts once it holds the last one
// (host-bridge's handler for external-chat, the raw listener for the relay). Every id
// each listener heard is recorded and compared with the ids said, in order, after a
// quiet spell (a duplicate or straggler would show). Bursts alternate with the relay's;
// the figure is the median of each burst's difference to the relay burst next to it.

import { ms, plusMs } from '../lib/format.mjs';
import { openBench } from '../lib/pages.mjs';
import { median } from '../lib/stats.mjs';
import { sleep } from '../lib/wait.mjs';

const BUDGET = {
  /** One message at a time: the plugin's part of the round trip, over the relay's, for a raw listener and for host-bridge alike. */
  chatMessageMs: 1,
  // The plugin's part of a 1,000-message burst, over the relay's: each message is mapped, checked against the
  // contract's rule, encoded and posted on its own (none is coalesced: every message must reach the page), measured at
  // +37 to +123 ms (0.04–0.12 ms a message) on 2 loaded cores. 0.25 ms a message is twice the worst seen; work that
  // grows with the messages kept (re-sending or re-checking the 100 kept per message) or a timer per message misses it.
  chatBurstDrainMs: 250,
};

/** Latency: a warm-up block per variant, then interleaved rounds of blocks of `calls` messages; bursts per subject. */
export const plan = (quick) => (quick ? { burstRounds: 1 } : { warmup: 10, rounds: 15, slices: 2, calls: 30, burstRounds: 15 });

const CHAT_BURST = 1_000;
/** Text of a burst's message: its number, then filler, 100 characters in all. */
const CHAT_FILLER = 'Could someone share the slides from this morning again, the link in the invite has expired? Thanks! ';
/** After a burst's last message, how long the page must hear nothing more before the ids are compared. */
const CHAT_QUIET_MS = 200;

/** Someone in the room who may write: not the local user, not in the lobby. */
const chatSender = (sim) =>
  sim.evaluate(() => {
    const me = window.__sim.me()?.uuid;
    const from = window.__sim.roster().find((p) => p.uuid !== me && !p.isWaiting);
    if (!from) throw new Error('no participant in the room to write in the chat');
    return from.uuid;
  });

/**
 * In the simulator: `n` messages from `from`, one at a time, each timed from the say to
 * the page's ack of its id arriving back here. Mean ms per message.
 */
const sayLoop = (sim, from, n) =>
  sim.evaluate(
    async ([uuid, count, filler]) => {
      const s = window.__sim;
      let waiting = null;
      const onAck = (event) => {
        if (event.source !== window.top || !waiting || event.data?.benchAck !== waiting.id) return;
        const { resolve } = waiting;
        waiting = null;
        resolve(performance.now());
      };
      window.addEventListener('message', onAck);
      try {
        let total = 0;
        for (let i = 0; i < count; i++) {
          let timer = 0;
          const t0 = performance.now();
          const id = s.say(uuid, `#${i} ${filler}`.slice(0, 100));
          // say is synchronous: no ack can arrive before this task ends.
          const acked = new Promise((resolve, reject) => {
            waiting = { id, resolve };
            timer = setTimeout(() => reject(new Error(`no ack from the page within 5 s of message ${id}`)), 5000);
          });
          const t = await acked;
          clearTimeout(timer);
          total += t - t0;
        }
        return total / count;
      } finally {
        window.removeEventListener('message', onAck);
      }
    },
    [from, n, CHAT_FILLER],
  );

/** One burst in `name`'s simulator: ms from the first say to the page's ack of the last (null if none came), and the ids said. */
const sayBurst = (sim, from, n) =>
  sim.evaluate(
    async ([uuid, count, filler]) => {
      const s = window.__sim;
      let onDone = null;
      const acked = new Promise((resolve) => {
        onDone = resolve;
      });
      const onAck = (event) => {
        if (event.source === window.top && event.data?.benchAck === 'burst') onDone(performance.now());
      };
      window.addEventListener('message', onAck);
      const ids = [];
      const t0 = performance.now();
      for (let i = 0; i < count; i++) ids.push(s.say(uuid, `#${i} ${filler}`.slice(0, 100)));
      const saidMs = performance.now() - t0;
      const t = await Promise.race([acked, new Promise((resolve) => setTimeout(() => resolve(null), 20_000))]);
      window.removeEventListener('message', onAck);
      return { ids, saidMs, ms: t === null ? null : t - t0 };
    },
    [from, n, CHAT_FILLER],
  );

/** Whether `heard` is exactly `said`, in order; otherwise what is wrong. */
function sameIds(said, heard) {
  if (heard.length !== said.length) {
    const unique = new Set(heard).size;
    return `${heard.length} of ${said.length} (${heard.length - unique} duplicates)`;
  }
  const at = said.findIndex((id, i) => heard[i] !== id);
  return at < 0 ? null : `out of order from #${at}`;
}

/**
 * Figure 8: external-chat's and the relay's simulators in one page (--quick: external-chat's
 * alone, one burst checked, no timing).
 * @param {import('../lib/context.mjs').Bench} bench
 */
export async function meetingChat({ quick, browser, servers, errors, row, debug }) {
  const CHAT = plan(quick);
  const names = quick ? ['chat'] : ['chat', 'relay'];
  const { context, page, sims } = await openBench(browser, servers, names, { errors });
  await page.evaluate(() => window.__bench.connect({ timeoutMs: 10_000 }));
  const from = {};
  for (const name of names) {
    await page.evaluate((n) => window.__bench.watchMeetingChat(n), name);
    from[name] = await chatSender(sims[name]);
  }

  if (!quick) {
    const VARIANTS = [
      { key: 'relay', name: 'relay', by: null },
      { key: 'raw', name: 'chat', by: 'raw' },
      { key: 'bridge', name: 'chat', by: 'bridge' },
    ];
    const block = async ({ name, by }, n) => {
      if (by) await page.evaluate((b) => window.__bench.setChatAck(b), by);
      await sleep(5);
      return sayLoop(sims[name], from[name], n);
    };
    for (const v of VARIANTS) await block(v, CHAT.warmup);
    const means = Object.fromEntries(VARIANTS.map((v) => [v.key, []]));
    for (let round = 0; round < CHAT.rounds; round++) {
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
      const sums = Object.fromEntries(VARIANTS.map((v) => [v.key, 0]));
      for (let slice = 0; slice < CHAT.slices; slice++) for (const v of order) sums[v.key] += await block(v, CHAT.calls);
      for (const v of VARIANTS) means[v.key].push(sums[v.key] / CHAT.slices);
    }
    for (const v of VARIANTS) debug(`chat ${v.key.padEnd(7)}`, means[v.key].map((x) => x.toFixed(3)).join(' '));
    const extra = (k) => median(means[k].map((x, i) => x - means.relay[i]));
    for (const [key, how] of [
      ['raw', "the page's raw envelope listener"],
      ['bridge', "host-bridge's chat.on('meeting-message')"],
    ]) {
      const x = extra(key);
      row(
        `8. meeting's chat: __sim.say in the simulator → ${how} holds the message → its ack back in the simulator (round trip, blocks of ${CHAT.calls})`,
        `${ms(median(means[key]))}; relay floor ${ms(median(means.relay))}; extra ${plusMs(x)}`,
        `≤ +${BUDGET.chatMessageMs} ms over the floor`,
        x <= BUDGET.chatMessageMs,
      );
    }
    await page.evaluate(() => window.__bench.setChatAck('bridge'));
  } else {
    await page.evaluate(() => window.__bench.setChatAck('bridge'));
  }

  /** One burst in `name`'s simulator, its ids checked per listener. */
  const burst = async (name) => {
    await sleep(50);
    await page.evaluate((n) => window.__bench.recordBurst(n), CHAT_BURST);
    const said = await sayBurst(sims[name], from[name], CHAT_BURST);
    await sleep(CHAT_QUIET_MS);
    const heard = await page.evaluate(() => window.__bench.stopBurst());
    const listeners = name === 'relay' ? { relay: heard.relay } : { raw: heard.chat, bridge: heard.bridge };
    const wrong = Object.entries(listeners)
      .map(([who, ids]) => [who, sameIds(said.ids, ids)])
      .filter(([, w]) => w !== null)
      .map(([who, w]) => `${who}: ${w}`);
    return { ms: said.ms, saidMs: said.saidMs, wrong };
  };
  const results = { chat: [], relay: [] };
  for (let round = 0; round < CHAT.burstRounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) results[name].push(await burst(name));
  }
  await context.close();

  const whole = (rs) => rs.filter((r) => r.wrong.length === 0 && r.ms !== null).length;
  const faults = [...results.chat, ...results.relay].flatMap((r) => r.wrong);
  row(
    `8. meeting's chat, burst of ${CHAT_BURST.toLocaleString('en')} messages (~100 characters) said in one simulator task: ids heard by the page, per listener, against the ids said`,
    `external-chat: ${whole(results.chat)} of ${results.chat.length} bursts whole and in order (raw listener and host-bridge)` +
      (results.relay.length > 0 ? `; relay ${whole(results.relay)} of ${results.relay.length}` : '') +
      (faults.length > 0 ? `; ${faults.slice(0, 3).join('; ')}` : ''),
    `all ${CHAT_BURST.toLocaleString('en')}, in order, every burst`,
    whole(results.chat) === results.chat.length && faults.length === 0,
  );
  if (quick || faults.length > 0 || whole(results.chat) < results.chat.length || whole(results.relay) < results.relay.length) return;
  const total = (r) => r.ms;
  const drain = (r) => r.ms - r.saidMs;
  const figure = (of) => {
    const chatMs = results.chat.map(of);
    const relayMs = results.relay.map(of);
    return { chat: median(chatMs), relay: median(relayMs), extra: median(chatMs.map((t, i) => t - relayMs[i])), chatMs, relayMs };
  };
  const all = figure(total);
  const tail = figure(drain);
  debug('chat burst total', all.chatMs.map((x) => x.toFixed(1)).join(' '), 'floor', all.relayMs.map((x) => x.toFixed(1)).join(' '));
  debug('chat burst drain', tail.chatMs.map((x) => x.toFixed(1)).join(' '), 'floor', tail.relayMs.map((x) => x.toFixed(1)).join(' '));
  row(
    `8. meeting's chat burst: first say → host-bridge's handler holds the ${CHAT_BURST.toLocaleString('en')}th (its ack back in the simulator), vs floor: the relay to the raw listener (median of ${all.chatMs.length} pairs)`,
    `${ms(all.chat)}; floor ${ms(all.relay)}; extra ${plusMs(all.extra)}; of which the say loop (the simulator's own work, plugins waiting) ${ms(median(results.chat.map((r) => r.saidMs)))} vs ${ms(median(results.relay.map((r) => r.saidMs)))}`,
  );
  row(
    `8. meeting's chat burst, the plugin's part (its frame shares the simulator's thread, so it starts when the say loop ends): say loop ended → host-bridge's handler holds the ${CHAT_BURST.toLocaleString('en')}th, vs the relay's (median of ${tail.chatMs.length} pairs)`,
    `${ms(tail.chat)}; floor ${ms(tail.relay)}; extra ${plusMs(tail.extra)}`,
    `≤ +${BUDGET.chatBurstDrainMs} ms over the floor`,
    tail.extra <= BUDGET.chatBurstDrainMs,
  );
}
