// Figure 10: the roster at auditorium scale.
//
// Meetings of 1,000, 5,000 and 10,000 people changing 100 times a second (the simulator's
// churn), the page subscribed to the roster: external-chat through host-bridge's
// chat.on('roster') (the roster as changes: a snapshot, then what changed, coalesced), against
// the relay (each participantsActivities event's changes forwarded as they come, O(1) each; the
// page applies them to a Map seeded from the simulator). One bench page per size, both
// simulators in it; runs alternate between the two, one churning at a time, as in figure 7.
//
// Per size and subject, over a run of churn: the roster's messages a second and their bytes (JSON,
// UTF-8) at the page; the main-thread time of the simulators' renderer (Web App 3's, where the
// plugin runs) and of the page's, each from a CPU profile (1 − idle share: everything that thread
// did, garbage collection included); then the last change → the page's list equal to the meeting's
// (uuid and every field churn changes). After the runs: the page's JS heap after GC, and the time a
// new subscription takes to bring the whole list (host-bridge unsubscribes, then subscribes again).

import { kb, ms } from '../lib/format.mjs';
import { openBench } from '../lib/pages.mjs';
import { profileShares } from '../lib/profile.mjs';
import { endRun, PROFILE_INTERVAL_US, SCRIPT, startChurn, watchRosters } from '../lib/roster.mjs';
import { median } from '../lib/stats.mjs';
import { sleep } from '../lib/wait.mjs';

/** The meeting the budgets hold at; smaller ones are reported only. */
const BUDGETED_SIZE = 10_000;
/** Budgets at 10,000 people (the issue's). */
const BUDGET = {
  /** Last change → equal list: one coalescing interval (100 ms) plus the message's way. */
  convergeMs: 150,
  /** Web App 3's renderer, above the relay's in the same run: the plugin may not make the meeting stutter. */
  webappCpuAboveFloor: 0.05,
  /** The page's renderer, absolute: a roster the page asked for must not saturate it. */
  pageCpu: 0.05,
  /** Bytes at the page per second, against the relay's (the changes themselves, as they come). */
  bytesRatio: 10,
  /** A new subscription's snapshot, whole, at 10,000. */
  snapshotMs: 250,
};

export const plan = (quick) =>
  quick ? { sizes: [1_000], rate: 100, seconds: 2, tails: 0, tailSeconds: 1, rounds: 1, snapshots: 1 } : { sizes: [1_000, 5_000, 10_000], rate: 100, seconds: 5, tails: 2, tailSeconds: 1, rounds: 2, snapshots: 3 };

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const signed = (x) => `${x < 0 ? '−' : '+'}${pct(Math.abs(x))}`;
const busy = (shares) => 1 - shares.ms.idle / shares.wallMs;

/**
 * Figure 10 (--quick: 1,000 people, external-chat alone, a short run: the messages and a snapshot only).
 * @param {import('../lib/context.mjs').Bench} bench
 */
export async function rosterAuditorium(bench) {
  const PLAN = plan(bench.quick);
  const results = [];
  for (const size of PLAN.sizes) results.push(await oneSize(bench, PLAN, size));
  const { row } = bench;
  const at = (n) => results.find((r) => r.size === n);
  for (const r of results) {
    const label = `${r.size.toLocaleString('en')} participants, ${PLAN.rate} changes/s`;
    const budgeted = r.size === BUDGETED_SIZE;
    row(
      `10. roster, ${label}: messages and bytes a second at the page, median of runs (external-chat: host-bridge, roster as changes; relay: each change as it comes)`,
      bench.quick
        ? `${r.chat.perSecond.toFixed(1)} messages/s, ${kb(r.chat.bytesPerSecond)}/s`
        : `${r.chat.perSecond.toFixed(1)} messages/s, ${kb(r.chat.bytesPerSecond)}/s; relay ${r.relay.perSecond.toFixed(1)} messages/s, ${kb(r.relay.bytesPerSecond)}/s (× ${r.bytesRatio.toFixed(1)})`,
      budgeted ? `bytes ≤ ${BUDGET.bytesRatio} × the relay's` : undefined,
      budgeted ? r.bytesRatio <= BUDGET.bytesRatio : undefined,
    );
    if (!bench.quick) {
      row(
        `10. roster, ${label}: last change → the page's list equal to the meeting's, median of ${r.chat.converge.length} runs (max)`,
        `${ms(median(r.chat.converge))} (max ${ms(Math.max(...r.chat.converge))}); relay ${ms(median(r.relay.converge))}`,
        budgeted ? `≤ ${BUDGET.convergeMs} ms` : undefined,
        budgeted ? median(r.chat.converge) <= BUDGET.convergeMs : undefined,
      );
      row(
        `10. roster, ${label}: Web App 3's renderer (the simulators' and the plugin's) busy during the churn, worst run; the relay's in the same runs`,
        `${pct(r.chat.webapp)} of one core; relay ${pct(r.relay.webapp)} (${signed(r.webappAbove)})`,
        budgeted ? `≤ ${pct(BUDGET.webappCpuAboveFloor)} above the relay` : undefined,
        budgeted ? r.webappAbove <= BUDGET.webappCpuAboveFloor : undefined,
      );
      row(
        `10. roster, ${label}: the page's renderer busy during the churn, worst run (host-bridge's share); the relay's page`,
        `${pct(r.chat.page)} of one core (host-bridge ${pct(r.chat.bridge)}); relay ${pct(r.relay.page)}`,
        budgeted ? `≤ ${pct(BUDGET.pageCpu)}` : undefined,
        budgeted ? r.chat.page <= BUDGET.pageCpu : undefined,
      );
      row(`10. roster, ${label}: the page's JS heap after GC, holding the list (external-chat, after its runs)`, kb(r.heap));
    }
    row(
      `10. roster, ${label}: a new subscription's snapshot (host-bridge subscribes → a list of ${r.size.toLocaleString('en')} handed to the page), median of ${r.snapshots.length}`,
      `${ms(median(r.snapshots))} (max ${ms(Math.max(...r.snapshots))})`,
      budgeted ? `≤ ${BUDGET.snapshotMs} ms` : undefined,
      budgeted ? median(r.snapshots) <= BUDGET.snapshotMs : undefined,
    );
  }
  // How cost grows with the meeting: the page's and Web App 3's time from the smallest to the largest size.
  const [small, large] = [at(Math.min(...PLAN.sizes)), at(Math.max(...PLAN.sizes))];
  if (!bench.quick && small !== large) {
    row(
      `10. roster, growth from ${small.size.toLocaleString('en')} to ${large.size.toLocaleString('en')} participants (external-chat): messages/s, bytes/s, Web App 3 above the relay, the page`,
      `${small.chat.perSecond.toFixed(1)} → ${large.chat.perSecond.toFixed(1)}; ${kb(small.chat.bytesPerSecond)} → ${kb(large.chat.bytesPerSecond)}; ` +
        `${signed(small.webappAbove)} → ${signed(large.webappAbove)}; ${pct(small.chat.page)} → ${pct(large.chat.page)}`,
    );
  }
}

/** One bench page with both simulators at `size` people: every figure for that size. */
async function oneSize({ quick, browser, servers, errors, debug }, PLAN, size) {
  const names = quick ? ['chat'] : ['chat', 'relay'];
  const { context, page, sims } = await openBench(browser, servers, names, { errors, params: { participants: size, seed: 1 } });
  try {
    const fields = await page.evaluate(() => window.__bench.ROSTER_FIELDS);
    await page.evaluate(() => window.__bench.connect({ timeoutMs: 20_000 }));
    await watchRosters(page, sims, names, fields, 20_000);

    const pageCdp = await context.newCDPSession(page);
    const simCdp = await context.newCDPSession(sims.chat);
    for (const cdp of [pageCdp, simCdp]) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
    }

    /** Churn for `seconds`, then the last change; with `measure`, the messages, bytes and both renderers' profiles. */
    const run = async (name, seconds, measure) => {
      const sim = sims[name];
      if (measure) {
        await page.evaluate(() => window.__bench.keepRosterMessages(true));
        await Promise.all([pageCdp.send('Profiler.start'), simCdp.send('Profiler.start')]);
      }
      const startedAt = await startChurn(sim, PLAN.rate);
      await sleep(seconds * 1_000);
      const [pageProfile, simProfile] = measure ? await Promise.all([pageCdp.send('Profiler.stop'), simCdp.send('Profiler.stop')]) : [];
      const { convergeMs, windowS } = await endRun(page, sim, name, fields, startedAt, 20_000);
      const out = { convergeMs };
      if (!measure) return out;
      const kept = await page.evaluate(() => window.__bench.keepRosterMessages(false));
      const pageShares = profileShares(pageProfile.profile, { bridge: '/host-bridge/' });
      return {
        ...out,
        perSecond: kept.messages / windowS,
        bytesPerSecond: kept.bytes / windowS,
        webapp: busy(profileShares(simProfile.profile, SCRIPT)),
        page: busy(pageShares),
        bridge: pageShares.ms.bridge / pageShares.wallMs,
      };
    };

    const runs = { chat: [], relay: [] };
    const converge = { chat: [], relay: [] };
    for (let round = 0; round < PLAN.rounds; round++) {
      for (const name of round % 2 === 0 ? names : [...names].reverse()) {
        await sleep(300);
        const main = await run(name, PLAN.seconds, true);
        runs[name].push(main);
        converge[name].push(main.convergeMs);
        for (let i = 0; i < PLAN.tails; i++) {
          await sleep(150 + 50 * i);
          converge[name].push((await run(name, PLAN.tailSeconds, false)).convergeMs);
        }
        debug(`roster ${size} ${name} round ${round}: ${JSON.stringify(main)}`);
      }
    }
    const worst = (list, key) => Math.max(...list.map((r) => r[key]));
    const summary = (name) =>
      runs[name].length === 0
        ? null
        : {
            perSecond: median(runs[name].map((r) => r.perSecond)),
            bytesPerSecond: median(runs[name].map((r) => r.bytesPerSecond)),
            webapp: worst(runs[name], 'webapp'),
            page: worst(runs[name], 'page'),
            bridge: worst(runs[name], 'bridge'),
            converge: converge[name],
          };
    const chat = summary('chat');
    const relay = summary('relay');

    for (let i = 0; i < 3; i++) await pageCdp.send('HeapProfiler.collectGarbage');
    const heap = (await pageCdp.send('Runtime.getHeapUsage')).usedSize;
    const snapshots = [];
    for (let i = 0; i < PLAN.snapshots; i++) {
      await sleep(300);
      const snapshot = await page.evaluate(() => window.__bench.resubscribeRoster(20_000));
      // The whole meeting: the people churn left, the user among them.
      if (snapshot.entries < size) throw new Error(`a snapshot of ${snapshot.entries} entries in a meeting of ${size}`);
      snapshots.push(snapshot.ms);
    }
    debug(`roster ${size} snapshots ${snapshots.map((x) => x.toFixed(1)).join(' ')}`);
    return {
      size,
      chat,
      relay,
      heap,
      snapshots,
      bytesRatio: relay ? chat.bytesPerSecond / relay.bytesPerSecond : NaN,
      webappAbove: relay ? chat.webapp - relay.webapp : NaN,
    };
  } finally {
    await context.close();
  }
}
