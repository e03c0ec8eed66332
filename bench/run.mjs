#!/usr/bin/env node
// `make bench`: the external-chat plugin and host-bridge against their budgets, in
// Debian's Chromium, on the demo servers (two origins) with the Web App 3 simulator.
//
//   node bench/run.mjs           every figure; prints the table, writes bench/results/latest.md (ignored by git)
//   node bench/run.mjs --record  the same, then rewrites the results table in bench/RESULTS.md (make bench-record)
//   node bench/run.mjs --quick   counts and sizes only, no timing (burst RPC counts, leftovers, sizes, a flood's RPCs and answers)
//   BENCH_DEBUG=1                also prints every round's figures (stderr)
//   BENCH_ONLY=roster            only the named parts (timing, burst, start, heap, leftovers, roster, chat, flood, scale; sizes always)
//
// Exit status 1 when a figure misses its budget (or the run breaks). Needs the builds
// `make bench` makes first (deployed plugin, examples, host-bridge browser build); it
// builds the empty plugin (bench/empty-plugin/) itself.
//
// This file is the runner: it starts the servers and Chromium and runs the figures in
// order. What is measured against what, the timing method, each figure and why each
// budget is what it is: bench/README.md. Each figure is a module of bench/figures/, its
// budgets beside their reasons, saying how it is measured; bench/lib/ holds what they
// share (the bench page and its simulators, statistics, the table).

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_PATH, launchChromium } from '../tests/browser/chromium.mjs';
import { startServers } from '../examples/serve.mjs';
import { SIMULATOR_DIST } from '@external-chat/webapp3-simulator/server';
import { NO_THROTTLING } from './lib/chromium-flags.mjs';
import { openBench } from './lib/pages.mjs';
import { RECORDED_IN, record as recordTable } from './lib/record.mjs';
import { root } from './lib/root.mjs';
import { byFigure, rowCollector, table } from './lib/rows.mjs';
import { PLAN as CLICK_DIAL_PLAN, clickAndDial } from './figures/1-2-click-dial.mjs';
import { plan as burstPlan, bursts } from './figures/3-bursts.mjs';
import { PLAN as START_HEAP_PLAN, startAndHeap } from './figures/4-start-heap.mjs';
import { sizes } from './figures/5-sizes.mjs';
import { leftovers } from './figures/6-leftovers.mjs';
import { plan as rosterPlan, rosterAtScale } from './figures/7-roster.mjs';
import { plan as chatPlan, meetingChat } from './figures/8-meeting-chat.mjs';
import { plan as floodPlan, pageFlood } from './figures/9-flood.mjs';
import { plan as scalePlan, rosterAuditorium } from './figures/10-roster-scale.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const record = args.includes('--record');
for (const arg of args) {
  if (arg !== '--quick' && arg !== '--record') {
    console.error(`Unknown argument ${arg}. Usage: node bench/run.mjs [--quick | --record]`);
    process.exit(2);
  }
}
if (quick && record) {
  console.error(`--record needs the full run (${RECORDED_IN}'s table has every figure); drop --quick.`);
  process.exit(2);
}

/** BENCH_ONLY=timing,burst,start,heap,leftovers,roster,chat,flood,scale runs only those parts (sizes always); for working on the bench. */
const only = process.env.BENCH_ONLY?.split(',');
const part = (name) => !only || only.includes(name);
const debug = (...xs) => {
  if (process.env.BENCH_DEBUG) console.error(...xs);
};

function assertBuilt() {
  const needed = [
    'webapp3/branding/plugins/external-chat/index.html',
    'external-chat/dist/index.html',
    'host-bridge/dist/host-bridge.iife.js',
  ];
  const missing = [...needed, join(SIMULATOR_DIST, 'index.html')].filter((f) => !existsSync(resolve(root, f)));
  if (missing.length > 0) {
    throw new Error(`missing build output: ${missing.join(', ')}. Run \`make bench\` (it builds and deploys first).`);
  }
}

/** The empty plugin, built like external-chat (es2022, no preload polyfill) into bench/dist/empty-plugin/. */
async function buildEmptyPlugin() {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: join(root, 'bench/empty-plugin'),
    base: './',
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: join(root, 'bench/dist/empty-plugin'),
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
    },
  });
}

/** The run's conditions, above the table in bench/results/latest.md and bench/README.md (full runs only). */
function environment(browser, seconds) {
  const burst = burstPlan(quick);
  const roster = rosterPlan(quick);
  const chat = chatPlan(quick);
  const flood = floodPlan(quick);
  const scale = scalePlan(quick);
  return [
    `- date: ${new Date().toISOString()}`,
    `- Chromium: ${browser.version()} (${CHROMIUM_PATH}, headless)`,
    `- CPU: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores`,
    `- Node: ${process.version}`,
    `- plan: ${CLICK_DIAL_PLAN.rounds} interleaved rounds of ${CLICK_DIAL_PLAN.slices} blocks per variant (${CLICK_DIAL_PLAN.calls.toggle} clicks or ${CLICK_DIAL_PLAN.calls.dial} dial-outs a block), ` +
      `${burst.burstRounds} bursts unthrottled and ${burst.throttledBurstRounds ?? burst.burstRounds} throttled, ${START_HEAP_PLAN.startRounds} start and ${START_HEAP_PLAN.heapRounds} heap reloads; ` +
      `roster: ${roster.rounds} rounds per subject of ${roster.seconds} s churn, ${roster.tails} × ${roster.tailSeconds} s and ${roster.worst} worst cases; ` +
      `meeting's chat: ${chat.rounds} interleaved rounds of ${chat.slices} blocks of ${chat.calls} messages per variant, ${chat.burstRounds} bursts per subject; ` +
      `flood: ${flood.rounds} alternated rounds per subject, ${flood.windowMs / 1000} s windows; ` +
      `roster at scale: ${scale.sizes.join(', ')} participants, ${scale.rounds} rounds per subject of ${scale.seconds} s churn and ${scale.tails} × ${scale.tailSeconds} s; run took ${seconds} s`,
  ].join('\n');
}

async function main() {
  assertBuilt();
  const started = Date.now();
  const { rows, row } = rowCollector();
  await sizes({ row });
  if (!quick) await buildEmptyPlugin();
  const [browser, servers] = await Promise.all([launchChromium(NO_THROTTLING), startServers({ hostPort: 0, webappPort: 0 })]);
  const errors = [];
  /** @type {import('./lib/context.mjs').Bench} */
  const bench = { quick, row, debug, browser, servers, errors };
  try {
    // Figures 1–3 share one page: external-chat's and the relay's simulators, host-bridge connected.
    if (part('timing') || part('burst')) {
      const { context, page, sims } = await openBench(browser, servers, quick ? ['chat'] : ['chat', 'relay'], { errors });
      await page.evaluate(() => window.__bench.connect({ timeoutMs: 10_000 }));
      if (!quick && part('timing')) await clickAndDial(bench, { page, sims });
      if (part('burst')) await bursts(bench, { context, page, sims });
      await context.close();
    }
    if (!quick && (part('start') || part('heap'))) await startAndHeap(bench, { start: part('start'), heap: part('heap') });
    if (part('leftovers')) await leftovers(bench);
    if (part('roster')) await rosterAtScale(bench);
    if (part('chat')) await meetingChat(bench);
    if (part('flood')) await pageFlood(bench);
    if (part('scale')) await rosterAuditorium(bench);

    const sorted = byFigure(rows);
    const out = table(sorted);
    console.log(out);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (!quick) {
      const env = environment(browser, seconds);
      const results = join(root, 'bench/results');
      mkdirSync(results, { recursive: true });
      writeFileSync(join(results, 'latest.md'), `# external-chat bench (\`make bench\`)\n\n${env}\n\n${out}\n`);
      console.log(`\nwritten to bench/results/latest.md (${seconds} s)`);
      if (record) {
        recordTable(`${env}\n\n${out}`);
        console.log(`${RECORDED_IN}'s results table rewritten`);
      }
    }
    if (errors.length > 0) {
      console.error(`\nerrors in the pages:\n${errors.join('\n')}`);
      return 1;
    }
    const missed = sorted.filter((r) => r.ok === false);
    if (missed.length > 0) {
      console.error(`\n${missed.length} figure(s) over budget: ${missed.map((r) => r.figure).join('; ')}`);
      return 1;
    }
    return 0;
  } finally {
    await browser.close();
    await servers.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
