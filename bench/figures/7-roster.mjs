// Figure 7: the roster at scale.
//
// A 1,000-participant meeting changing 100 times a second (the simulator's churn:
// joins, leaves, lobby admissions, mute, camera, hand, spotlight), with the page
// subscribed to the roster. Two simulators in one page, identical but for their
// plugin: external-chat (the page subscribes with host-bridge's chat.on('roster'), which takes the
// roster as changes, topic roster-changes, and keeps the list)
// and the relay, which forwards each participantsActivities event's changes to the
// top window (O(1) per change; the page applies them to a Map seeded from the
// simulator). Runs alternate between the two, one churning at a time.
//
// A run: churn for ROSTER.seconds, then churn stops and one last change is made
// (a participant's mute flips): convergence counts from that change (simulator's
// clock, epoch ms) to the arrival at the page (its clock) of the message after which
// the page's roster equals the simulator's (uuid and every field churn changes).
// Then ROSTER.tails short runs of ROSTER.tailSeconds, each ending the same way, for
// more convergence samples. The simulator's renderer is sampled (CDP Profiler) over
// the main run: time is attributed to a script when one of its functions is on the
// sample's stack (natives it calls, such as postMessage's serialisation, included;
// garbage collection is nobody's), so external-chat and the relay are measured alike.

import { join } from 'node:path';
import { KB, bytes, kb, ms } from '../lib/format.mjs';
import { openBench } from '../lib/pages.mjs';
import { profileShares } from '../lib/profile.mjs';
import { root } from '../lib/root.mjs';
import { median } from '../lib/stats.mjs';
import { sleep } from '../lib/wait.mjs';
import { changeTimes, endRun, lastChange, PROFILE_INTERVAL_US, SCRIPT, startChurn, TOPIC_INTERVAL_MS, watchRosters } from '../lib/roster.mjs';

const BUDGET = {
  /**
   * The page holds a roster equal to the simulator's within this of the last change, measured in the worst case by
   * design (a change that waits a whole coalescing interval, TOPIC_INTERVAL_MS).
   */
  rosterConvergeMs: 150,
  /** `roster` messages a second at the page: at most one per coalescing interval (the first of a quiet spell at once). */
  rosterPerSecond: 10,
  /** of one core, over the churn */
  pluginCpu: 0.2,
  /** The page keeps one roster (about 400 KB decoded), so keeping a second would fail it. */
  rosterPageHeapBytes: 256 * KB,
};

/** Per subject: participants, changes a second, the main run's seconds, tail runs and their seconds, worst cases, rounds. */
export const plan = (quick) =>
  quick
    ? { participants: 1_000, rate: 100, seconds: 3, tails: 0, tailSeconds: 1, worst: 0, rounds: 1 }
    : { participants: 1_000, rate: 100, seconds: 10, tails: 3, tailSeconds: 1, worst: 8, rounds: 2 };
/**
 * Figure 7: external-chat's and the relay's simulators in one page (--quick: external-chat's
 * alone, the message count and one envelope's size only).
 * @param {import('../lib/context.mjs').Bench} bench
 */
export async function rosterAtScale({ quick, browser, servers, errors, row, debug }) {
  const ROSTER = plan(quick);
  const names = quick ? ['chat'] : ['chat', 'relay'];
  const { context, page, sims } = await openBench(browser, servers, names, { errors, params: { participants: ROSTER.participants, seed: 1 } });
  const fields = await page.evaluate(() => window.__bench.ROSTER_FIELDS);
  await page.evaluate(() => window.__bench.connect({ timeoutMs: 10_000 }));
  await watchRosters(page, sims, names, fields, 10_000);
  const pageCdp = await context.newCDPSession(page);
  const pageHeap = async () => {
    for (let i = 0; i < 3; i++) await pageCdp.send('HeapProfiler.collectGarbage');
    return (await pageCdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const simCdp = {};
  for (const name of names) {
    simCdp[name] = await context.newCDPSession(sims[name]);
    await simCdp[name].send('Profiler.enable');
    await simCdp[name].send('Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
  }

  /** No churn: two changes in a row, the second waits a whole interval; ms from the second to convergence. */
  const worstCase = async (name) => {
    const expected = await lastChange(sims[name], fields, true);
    const arrivedAt = await page.evaluate(([n, e]) => window.__bench.rosterEquals(n, e, 10_000), [name, expected]);
    return arrivedAt - (await changeTimes(sims[name])).at;
  };

  /** Churn for `seconds`, then the last change; ms to convergence, messages and their window. */
  const run = async (name, seconds, { profile = false, heap = false } = {}) => {
    const sim = sims[name];
    const count0 = await page.evaluate((n) => window.__bench.rosterCount(n), name);
    if (profile) await simCdp[name].send('Profiler.start');
    const startedAt = await startChurn(sim, ROSTER.rate);
    const t0 = Date.now();
    let heapEarly = 0;
    if (heap) {
      await sleep(1_000);
      heapEarly = await pageHeap();
    }
    await sleep(Math.max(0, seconds * 1_000 - (Date.now() - t0)));
    const shares = profile ? profileShares((await simCdp[name].send('Profiler.stop')).profile, SCRIPT) : null;
    const { convergeMs, windowS, expected } = await endRun(page, sim, name, fields, startedAt, 10_000);
    const messages = (await page.evaluate((n) => window.__bench.rosterCount(n), name)) - count0;
    const applied = await sim.evaluate(() => window.__sim.churn().applied);
    const heapLate = heap ? await pageHeap() : 0;
    return { convergeMs, messages, windowS, shares, heapEarly, heapLate, applied, participants: expected.length };
  };

  const results = { chat: [], relay: [] };
  const converge = { chat: [], relay: [] };
  const worst = { chat: [], relay: [] };
  for (let round = 0; round < ROSTER.rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      await sleep(300);
      const main = await run(name, ROSTER.seconds, { profile: !quick, heap: !quick && name === 'chat' });
      results[name].push(main);
      converge[name].push(main.convergeMs);
      for (let i = 0; i < ROSTER.tails; i++) {
        await sleep(150 + 50 * i);
        converge[name].push((await run(name, ROSTER.tailSeconds)).convergeMs);
      }
      for (let i = 0; i < ROSTER.worst; i++) {
        // Quiet first: the coalescer idle, so the lead change goes at once.
        await sleep(TOPIC_INTERVAL_MS * 2);
        worst[name].push(await worstCase(name));
      }
      debug(`roster ${name} round ${round}: ${main.messages} messages in ${main.windowS.toFixed(2)} s, ${main.participants} participants, churn applied ${main.applied}, converge ${converge[name].slice(-1 - ROSTER.tails).map((x) => x.toFixed(1)).join(' ')}`, main.shares ? JSON.stringify(main.shares) : '');
    }
  }

  const label = `${ROSTER.participants.toLocaleString('en')} participants, ${ROSTER.rate} changes/s`;
  // Messages: at most one per TOPIC interval, the first of a quiet spell at once.
  const allowed = (r) => 1 + Math.round(BUDGET.rosterPerSecond * r.windowS);
  const most = results.chat.reduce((a, r) => (r.messages - allowed(r) > a.messages - allowed(a) ? r : a));
  row(
    `7. roster, ${label} for ${ROSTER.seconds} s then a last change: \`roster\` messages at the page, over the churn and from the last change to the last message`,
    results.chat.map((r) => `${r.messages} in ${r.windowS.toFixed(2)} s`).join('; '),
    `≤ ${BUDGET.rosterPerSecond}/s (1 + ${BUDGET.rosterPerSecond} × seconds, rounded: ${allowed(most)} for ${most.windowS.toFixed(2)} s)`,
    results.chat.every((r) => r.messages <= allowed(r)),
  );
  const chatEnvelope = await rosterEnvelope({ row, debug }, page, sims.chat, quick ? 0 : 15);
  if (quick) {
    await context.close();
    return;
  }
  debug('roster converge chat ', converge.chat.map((x) => x.toFixed(1)).join(' '));
  debug('roster converge relay', converge.relay.map((x) => x.toFixed(1)).join(' '));
  debug('roster worst chat ', worst.chat.map((x) => x.toFixed(1)).join(' '));
  debug('roster worst relay', worst.relay.map((x) => x.toFixed(1)).join(' '));
  const maxOf = (xs) => Math.max(...xs);
  row(
    `7. roster convergence, worst case by design: two changes in a row, the second waits a whole coalescing interval; second change → the page holds an equal roster (uuid + changed fields), median of ${worst.chat.length}`,
    `${ms(median(worst.chat))} (max ${ms(maxOf(worst.chat))}); relay floor ${ms(median(worst.relay))} (max ${ms(maxOf(worst.relay))})`,
    `≤ ${BUDGET.rosterConvergeMs} ms`,
    median(worst.chat) <= BUDGET.rosterConvergeMs,
  );
  row(
    `7. roster convergence after churn: last change → equal roster, ${converge.chat.length} samples (${ROSTER.rounds} × ${ROSTER.seconds} s churn, ${ROSTER.rounds * ROSTER.tails} × ${ROSTER.tailSeconds} s; the last change falls anywhere in the interval)`,
    `median ${ms(median(converge.chat))}, max ${ms(maxOf(converge.chat))}; relay floor median ${ms(median(converge.relay))}, max ${ms(maxOf(converge.relay))}`,
  );
  const share = (r, who) => r.shares.ms[who] / r.shares.wallMs;
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const chatShares = results.chat.map((r) => share(r, 'chat'));
  const relayShares = results.relay.map((r) => share(r, 'relay'));
  const busy = (r) => 1 - r.shares.ms.idle / r.shares.wallMs;
  row(
    `7. plugin main-thread time during the ${ROSTER.seconds} s churn (CPU profile of the simulator's renderer, samples with the plugin's script on the stack), per run`,
    `${chatShares.map(pct).join(', ')} of one core; relay floor ${relayShares.map(pct).join(', ')}; whole renderer busy ${results.chat.map((r) => pct(busy(r))).join(', ')} vs ${results.relay.map((r) => pct(busy(r))).join(', ')} with the relay`,
    `≤ ${pct(BUDGET.pluginCpu)} of one core`,
    maxOf(chatShares) <= BUDGET.pluginCpu,
  );
  const growth = results.chat.map((r) => r.heapLate - r.heapEarly);
  row(
    `7. page JS heap after GC, after 1 s of churn → after the last change, per run (the page keeps the latest roster)`,
    results.chat.map((r) => `${kb(r.heapEarly)} → ${kb(r.heapLate)} (${r.heapLate >= r.heapEarly ? '+' : '−'}${kb(Math.abs(r.heapLate - r.heapEarly))})`).join('; '),
    `growth ≤ ${BUDGET.rosterPageHeapBytes / KB} KB`,
    maxOf(growth) <= BUDGET.rosterPageHeapBytes,
  );
  row(
    `7. one ${chatEnvelope.participants}-entry \`roster\` envelope: JSON size; structuredClone in the page (median of ${chatEnvelope.rounds} blocks) minus cloning {}`,
    `${bytes(chatEnvelope.bytes)}; clone ${ms(chatEnvelope.cloneMs)}`,
  );
  const probe = await rosterProbe(page, sims.chat);
  row(
    `7. one ${probe.entries}-entry \`roster\` message, the plugin's sources bundled and run in the page (median of ${probe.build.length} blocks): plugin side (the service's roster snapshot, sent by the topics module: list + envelope, entries checked when they changed); page side (host-bridge's decodePluginMessage: validate)`,
    `plugin ${ms(median(probe.build))}; page ${ms(median(probe.decode))}`,
  );
  await context.close();
}

/**
 * One whole `roster` envelope as a raw page subscribed to `roster` receives it (a change in the simulator sends
 * one; host-bridge takes the roster as changes): its size, and its clone cost.
 */
async function rosterEnvelope({ row, debug }, page, sim, rounds) {
  await page.evaluate(() => window.__bench.rawSubscribe('chat', ['roster'], true));
  await sleep(300);
  const captured = page.evaluate(() => window.__bench.captureRosterEnvelope(5_000));
  await sleep(200);
  await sim.evaluate(() => {
    const s = window.__sim;
    const p = s.roster()[1];
    s.updateParticipant(p.uuid, { raisedHand: p.raisedHand !== true });
  });
  const { bytes: size, participants } = await captured;
  await page.evaluate(() => window.__bench.rawSubscribe('chat', ['roster'], false));
  row(`7. one \`roster\` envelope of ${participants} entries, JSON`, bytes(size));
  if (rounds === 0) return { bytes: size, participants };
  const cost = await page.evaluate((r) => window.__bench.cloneCost(20, r), rounds);
  debug('clone envelope', cost.envelope.map((x) => x.toFixed(3)).join(' '), 'empty', cost.empty.map((x) => x.toFixed(3)).join(' '));
  return { bytes: size, participants, rounds, cloneMs: median(cost.envelope.map((x, i) => x - cost.empty[i])) };
}

/** bench/roster-probe/ bundled (IIFE, as the plugin: es2022) and run in the page with the simulator's participants. */
async function rosterProbe(page, sim) {
  const { build, defaultClientConditions } = await import('vite');
  const out = await build({
    configFile: false,
    root: join(root, 'bench/roster-probe'),
    logLevel: 'warn',
    resolve: { conditions: ['@external-chat/source', ...defaultClientConditions] },
    build: {
      write: false,
      target: 'es2022',
      rolldownOptions: { input: join(root, 'bench/roster-probe/main.js'), output: { format: 'iife' } },
    },
  });
  const chunk = (Array.isArray(out) ? out[0] : out).output.find((o) => o.type === 'chunk');
  await page.addScriptTag({ content: chunk.code });
  const participants = await sim.evaluate(() => window.__sim.roster().map((p) => window.__sim.participant(p.uuid)));
  return page.evaluate((ps) => window.__rosterProbe(ps, 20, 15), participants);
}
