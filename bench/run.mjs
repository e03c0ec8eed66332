#!/usr/bin/env node
// `make bench`: the external-chat plugin and host-bridge against their budgets, in
// Debian's Chromium, on the demo servers (two origins) with the Web App 3 simulator.
//
//   node bench/run.mjs           every figure; prints the table, writes bench/results/latest.md (ignored by git)
//   node bench/run.mjs --record  the same, then rewrites README.md's "Size and speed" table (make bench-record)
//   node bench/run.mjs --quick   counts and sizes only, no timing (burst RPC counts, leftovers, sizes, a flood's RPCs and answers)
//   BENCH_DEBUG=1                also prints every round's figures (stderr)
//   BENCH_ONLY=roster            only the named parts (timing, burst, start, heap, leftovers, roster, chat, flood; sizes always)
//
// Exit status 1 when a figure misses its budget (or the run breaks). Needs the builds
// `make bench` makes first (deployed plugin, examples, host-bridge browser build); it
// builds the empty plugin (bench/empty-plugin/) itself.
//
// What is measured against what. Every timed figure is the product path minus a floor
// measured in the same run, interleaved with it; a floor is a logic-free frame doing
// the same hops with O(1) bookkeeping and no rendering of its own:
//   - the relay (bench/webapp/relay/): a plain-JS manifest plugin with the plugin's
//     wire under its own prefix; floor for the Chat click, dial-out and bursts,
//     (forwarding each participant change to the top window) for the roster (7), and
//     (forwarding each event:message / event:directMessage as one envelope, fields
//     moved across unchecked) for the meeting's chat (8), and (counting the actions it
//     has no case for: nothing answered, nothing sent to Web App 3) for a page's flood (9);
//   - the empty plugin (bench/empty-plugin/): registerPlugin, then `ready` to the top
//     window; floor for start-up and heap.
// Each subject runs in its own simulator (bench/webapp/<subject>.json as ?manifest=),
// all served from the Web App 3 origin with external-chat's sandbox. One simulator
// per subject because the simulator broadcasts every event to all its plugins: in a
// shared one, the floor would pay for the plugin's handling of the floor's own
// events (and the other way round). The simulators are identical and same-site, so
// they share one renderer process and pay identical simulator costs (its RPC log,
// toolbar and participant-list rendering), which cancel out in the difference.
//
// Timing method: browser timers are coarsened to 0.1 ms, so a timed figure is the
// mean of a block of sequential calls; the variants' blocks are interleaved (order
// rotated per round; dial-outs interleaved call by call) after a warm-up, and a figure
// is the median over rounds of the per-round difference to the floor. Bursts and
// starts are single long samples, alternated with their floor; there the figure is
// the difference of the medians (bursts: the median of each one's difference to the
// floor's next to it; floods likewise). Load from elsewhere on the machine hits product
// and floor alike.
//
// Figures: 1 the Chat click, 2 dial-out, 3 bursts of commands, 4 plugin start and heap,
// 5 sizes, 6 leftovers after many calls, 7 the roster at scale, 8 the meeting's chat:
// one message said in the simulator → held by the page's handler (a round trip, the
// page's ack timed back in the simulator), and a burst of 1,000 said in one task, every
// one checked to arrive once, in order; 9 a page floods the plugin (20,000 controls and
// 20 subscribes in one task, 1,000 participants): long tasks in Web App 3's window over
// the relay's, the RPCs that reach Web App 3 against the page's allowance, and every
// request answered once. Each part's function says how it is measured.

import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_PATH, launchChromium } from '../tests/browser/chromium.mjs';
import { startServers } from '../examples/serve.mjs';
import { SIMULATOR_DIST } from '@external-chat/webapp3-simulator/server';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
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
  console.error('--record needs the full run (the README table has every figure); drop --quick.');
  process.exit(2);
}

// The browser tests' launch, plus no background throttling so timers and tasks run at full speed.
const NO_THROTTLING = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

const KB = 1024;
const PLAN = quick
  ? { burstRounds: 3, warmupCalls: 200, churnCalls: 2_000 }
  : {
      rounds: 15,
      slices: 2,
      warmup: 10,
      calls: { dial: 15, toggle: 30 },
      burstRounds: 61,
      throttledBurstRounds: 15,
      startRounds: 61,
      heapRounds: 5,
      warmupCalls: 1_000,
      churnCalls: 10_000,
    };
const BURST = 1_000;
/** CPU throttling rate for the second set of bursts (Emulation.setCPUThrottlingRate). */
const THROTTLE = 4;
/** A burst has settled when the last update shows the final state and none followed for this long (the plugin coalesces for at most 200 ms). */
const BURST_QUIET_MS = 300;
const CHURN_CONCURRENCY = 50;
const BUDGET = {
  clickMs: 1,
  dialMs: 0.5,
  burstUpdates: 3,
  burstSettleMs: 30,
  // Raised from 10 ms with the meeting's chat: its code (+1.9 KB gz to load and run, its tables built at start) took
  // the median from +9.4 ms to +10.9 ms over the empty plugin (five runs this change: +8.3 to +11.4 ms).
  // Raised from 12 ms with the hosts that exist: `ready` now waits for relay.js to run in Web App 3's document (it
  // loads from the plugin's first line, beside config.json and the registration, and ends 2–10 ms after the
  // registration's answer): +12.9 ms with "postFrom": "plugin" (the second dialect's and the relay's code), +14.6 and
  // +16.7 ms with relay.js.
  startMs: 18,
  // Raised from 150 KB with the hosts that exist: reaching into Web App 3's document for relay.js (its document, a
  // script element and their interfaces wrapped in the plugin's realm) measured +30 KB whether relay.js runs or is
  // missing (+152 KB without the attempt, +182 KB with relay.js missing, +184 KB with it); Rocket.Chat's dialect +8 KB.
  heapBytes: 200 * KB,
  // Raised from 15 KB with the meeting's chat: the message mapping and the messages kept, the toast and its limit,
  // the tooltip's words in six languages and config.json's labels cost ~1.9 KB gz (14.2 → 15.75 KB).
  // Raised from 16.5 KB with the hosts that exist: Rocket.Chat's dialect (its tables, the codec read off any dialect,
  // the Participants button in six languages, config.json's dialect) +0.7 KB gz, and relay.js's installation with its
  // five fallbacks, each saying why, and the queue +1 KB gz (16.17 → 17.88 KB).
  pluginGz: 18.5 * KB,
  rosterConvergeMs: 150,
  rosterPerSecond: 10,
  /** of one core, over the churn */
  pluginCpu: 0.2,
  rosterPageHeapBytes: 256 * KB,
  chatMessageMs: 1,
  // The plugin's part of a 1,000-message burst, over the relay's: each message is mapped, checked against the
  // contract's rule, encoded and posted on its own (none is coalesced: every message must reach the page), measured at
  // +37 to +123 ms (0.04–0.12 ms a message) on 2 loaded cores. 0.25 ms a message is twice the worst seen; work that
  // grows with the messages kept (re-sending or re-checking the 100 kept per message) or a timer per message misses it.
  chatBurstDrainMs: 250,
  // A page's flood (figure 9): long tasks in Web App 3's window over 4 s, over the relay's. Measured on 2 loaded
  // cores, ~10 runs of 5 pairs: external-chat 0 ms in most rounds, 50–250 ms in some (medians 0 to 56 ms), the relay 0
  // (a stray 52–65 ms task now and then); rAF's longest gap alike for both (~100–250 ms: a queue of 20,000 messages
  // holds rendering off ~100 ms even for the relay). The old behaviour, emulated once by a relay that sends every
  // control to Web App 3 and answers it, and a 1,000-entry roster per topic named (1,280), measured 903–1,710 ms per
  // round (median 1,026 ms), gaps of 242–369 ms, ~34 frames in the window against ~160 (~210 with the relay), and kept
  // Web App 3 busy for 10–18 s. 250 ms is ~4× the plugin's worst median and a quarter of the old behaviour's least.
  floodLongTasksMs: 250,
  // The first budget counted comlink's wrap (~1.5 KB gz of it); comlink has been removed since, and the budget stays as
  // it is. Raised from 5.5 KB when the bridge learnt to say what is wrong: the connect timeout's four likely causes and
  // the call-option checks cost ~0.8 KB gz of plain words a newcomer needs.
  // Raised from 6.5 KB with the meeting in the page: ten control methods, the roster's and self's rules (the page
  // validates what it draws), subscriptions, features and two error classes cost ~1.4 KB gz.
  // Raised from 8.5 KB with the meeting's chat: sendMeetingMessage and notify with their rules (a message, a one-line
  // toast), the badge's count, payload fields among the call options (refusing inherited ones) and each message
  // handed over once cost ~0.7 KB gz (7.92 → 8.62 KB).
  bridgeGz: 9 * KB,
};

// Subjects: simulator name → manifest and the plugin id it loads.
const SUBJECTS = {
  chat: { manifest: 'external-chat.json', id: 'external-chat' },
  relay: { manifest: 'relay.json', id: 'bench-relay' },
  empty: { manifest: 'empty.json', id: 'bench-empty' },
};

// ---- helpers -------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(3)} ms`;
const plusMs = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)} ms`;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const bytes = (n) => `${n} B (${(n / KB).toFixed(2)} KB)`;
const sleep = (t) => new Promise((r) => setTimeout(r, t));
/** BENCH_ONLY=timing,burst,start,heap,leftovers,roster,chat,flood runs only those parts (sizes always); for working on the bench. */
const only = process.env.BENCH_ONLY?.split(',');
const part = (name) => !only || only.includes(name);
const debug = (...xs) => {
  if (process.env.BENCH_DEBUG) console.error(...xs);
};

/** @type {{ figure: string, value: string, budget: string, ok: boolean | null }[]} */
const rows = [];
const row = (figure, value, budget = 'report only', ok = null) => rows.push({ figure, value, budget, ok });

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

// ---- 5. sizes ------------------------------------------------------------------

function gz(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

function sizes() {
  const assets = join(root, 'external-chat/dist/assets');
  const pluginFiles = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const plugin = pluginFiles.reduce((sum, f) => sum + gz(join(assets, f)), 0);
  const bridge = gz(join(root, 'host-bridge/dist/host-bridge.iife.js'));
  row(`5. plugin JS, min+gz (external-chat/dist/assets/*.js, ${pluginFiles.length} file(s))`, bytes(plugin), `≤ ${BUDGET.pluginGz / KB} KB`, plugin <= BUDGET.pluginGz);
  row('5. host-bridge browser build, min+gz (host-bridge.iife.js, self-contained)', bytes(bridge), `≤ ${BUDGET.bridgeGz / KB} KB`, bridge <= BUDGET.bridgeGz);
}

// ---- pages ---------------------------------------------------------------------

const simFrame = (page, name) => page.frames().find((f) => f.name() === `sim-${name}`);
const pluginFrame = (page, name) => {
  const sim = simFrame(page, name);
  return sim?.childFrames().find((f) => f.url() !== 'about:blank');
};

/**
 * A fresh context with the bench page embedding one simulator per name in `names`;
 * resolves once each simulator is ready and its plugin said `ready` to the page.
 */
async function openBench(browser, servers, names, { initScript, errors, params = {} }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (m) => {
    // The plugin's config.json is optional; the demo deployment has none (404).
    if (m.type() === 'error' && !(m.text().startsWith('Failed to load resource') && m.location().url.endsWith('/config.json')))
      errors.push(`console.error (${m.location().url}): ${m.text()}`);
  });
  await page.goto(`${servers.hostOrigin}/bench/?webappOrigin=${encodeURIComponent(servers.webappOrigin)}`);
  const sims = {};
  for (const name of names) {
    const url = new URL(`${servers.webappOrigin}/webapp3/`);
    url.searchParams.set('manifest', `${servers.webappOrigin}/webapp3/bench/${SUBJECTS[name].manifest}`);
    url.searchParams.set('joinDelay', '0');
    // The figures time answers: a Web App 3 that answers a refused dial at once (?silent=0) lets the churn's
    // refused dial-outs settle (the real one never answers them, LEDGER.md, and the plugin then waits 5 minutes).
    url.searchParams.set('silent', '0');
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
    const pluginReady = page.evaluate(([n, u]) => window.__bench.open(n, u), [name, url.href]);
    const sim = await waitUntil(() => {
      const f = simFrame(page, name);
      return f?.url().startsWith(`${servers.webappOrigin}/webapp3/`) ? f : null;
    }, `the ${name} simulator frame`);
    await sim.waitForFunction(() => window.__sim !== undefined, undefined, { polling: 50, timeout: 30_000 }).catch((error) => {
      throw new Error(`${name} simulator (${sim.url()}) never exposed window.__sim: ${error.message}`);
    });
    const summary = await sim.evaluate(() => window.__sim.ready);
    if (!summary.plugins.every((p) => p.state === 'acked')) throw new Error(`${name} simulator: plugin not ready: ${JSON.stringify(summary)}`);
    await pluginReady;
    sims[name] = sim;
  }
  return { context, page, sims };
}

async function waitUntil(read, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/**
 * Every dialled participant leaves (so plugin-api forgets them), the meeting ends and
 * starts again (the simulator empties its participant list), and the RPC log is cleared.
 */
const resetSim = (sim) =>
  sim.evaluate(() => {
    const s = window.__sim;
    for (const p of s.participants()) if (p.participant) s.emit('event:participantLeft', { id: 'main', participant: p.participant });
    s.emit('event:disconnected', { error: 'bench reset', errorCode: '#pex117' });
    s.emit('event:connected', undefined);
    s.resetLog();
  });

// ---- 1, 2. the Chat click and dial-out, interleaved --------------------------------------

/**
 * In the simulator: `n` clicks on `pluginId`'s toolbar button, each timed from the click
 * to the simulator having rendered the ui:button:update that follows the page's echo
 * (onRpc runs after the update is rendered). Mean ms per click.
 */
const clickLoop = (sim, pluginId, n) =>
  sim.evaluate(
    async ([id, count]) => {
      const s = window.__sim;
      const button = document.querySelector(`button[data-plugin-id="${id}"]`);
      if (!button) throw new Error(`no toolbar button of ${id}`);
      let onShown = null;
      let timer = 0;
      const off = s.onRpc((entry) => {
        if (entry.plugin === id && entry.rpc === 'ui:button:update' && onShown) {
          const t = performance.now();
          const resolve = onShown;
          onShown = null;
          resolve({ t, active: entry.payload?.isActive === true });
        }
      });
      try {
        let total = 0;
        for (let i = 0; i < count; i++) {
          const was = button.getAttribute('aria-pressed') === 'true';
          const shown = new Promise((resolve, reject) => {
            onShown = resolve;
            timer = setTimeout(() => reject(new Error(`${id}: no ui:button:update within 5 s of a click`)), 5000);
          });
          const t0 = performance.now();
          button.click();
          const { t, active } = await shown;
          clearTimeout(timer);
          total += t - t0;
          if (active === was || button.getAttribute('aria-pressed') !== String(active)) throw new Error(`${id}: the click did not flip the button`);
        }
        return total / count;
      } finally {
        off();
      }
    },
    [pluginId, n],
  );

async function timing(page, sims) {
  /** `n` calls of each dial variant, interleaved call by call (order rotated); summed ms per variant. */
  const dials = (n) => page.evaluate(([k, keys]) => window.__bench.interleave(keys, k), [n, ['dialRelay', 'dialRaw', 'dialBridge']]);
  const click = (name, echo) => async (n) => {
    if (echo) await page.evaluate((mode) => window.__bench.setEcho(mode), echo);
    return clickLoop(sims[name], SUBJECTS[name].id, n);
  };
  const VARIANTS = [
    { key: 'clickRelay', kind: 'toggle', run: click('relay') },
    { key: 'clickRaw', kind: 'toggle', run: click('chat', 'raw') },
    { key: 'clickBridge', kind: 'toggle', run: click('chat', 'bridge') },
    { key: 'dial', kind: 'dial', run: dials },
  ];
  const KEYS = ['clickRelay', 'clickRaw', 'clickBridge', 'dialRelay', 'dialRaw', 'dialBridge'];
  // Both simulators are reset before every block, whichever one the block uses: dial
  // blocks start with no participants in either, and pay the same growing re-render.
  // A dial block sends the plugin 2 × n dial-outs (raw and host-bridge) within the page's
  // allowance (PAGE_LIMITS): before each, the allowance has refilled, as it would for a
  // person dialling; the relay waits alike.
  const { PAGE_LIMITS } = await import(pathToFileURL(join(root, 'host-bridge/dist/contract/index.js')).href);
  let lastDial = -Infinity;
  const block = async ({ kind, run }, n) => {
    await Promise.all([resetSim(sims.chat), resetSim(sims.relay)]);
    if (kind === 'dial') {
      if (2 * n > PAGE_LIMITS.burst) throw new Error(`a dial block of ${n} sends ${2 * n} dial-outs, over the page's allowance of ${PAGE_LIMITS.burst}`);
      await sleep(Math.max(20, lastDial + (1000 * PAGE_LIMITS.burst) / PAGE_LIMITS.perSecond - Date.now()));
      lastDial = Date.now();
    } else await sleep(5);
    return run(n);
  };
  for (const v of VARIANTS) {
    debug(`warm-up ${v.key}`);
    await block(v, PLAN.warmup);
  }
  /** key → per-round mean ms per call */
  const means = Object.fromEntries(KEYS.map((k) => [k, []]));
  for (let round = 0; round < PLAN.rounds; round++) {
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
    const sums = Object.fromEntries(KEYS.map((k) => [k, 0]));
    for (let slice = 0; slice < PLAN.slices; slice++) {
      for (const v of order) {
        const n = PLAN.calls[v.kind];
        const r = await block(v, n);
        if (typeof r === 'number') sums[v.key] += r * n;
        else for (const [k, total] of Object.entries(r)) sums[k] += total;
      }
    }
    for (const k of KEYS) means[k].push(sums[k] / (PLAN.slices * PLAN.calls[k.startsWith('dial') ? 'dial' : 'toggle']));
  }
  for (const k of KEYS) debug(k.padEnd(12), means[k].map((x) => x.toFixed(3)).join(' '));
  const med = (k) => median(means[k]);
  const extra = (k, floor) => median(means[k].map((x, i) => x - means[floor][i]));

  for (const [key, how] of [
    ['clickBridge', 'the page echoes with host-bridge setButtonActive'],
    ['clickRaw', 'the page echoes a raw envelope'],
  ]) {
    const x = extra(key, 'clickRelay');
    row(
      `1. Chat click → toggle-chat at the page → echo → button shown active; ${how}`,
      `${ms(med(key))}; relay floor ${ms(med('clickRelay'))}; extra ${plusMs(x)}`,
      `≤ +${BUDGET.clickMs} ms over the floor`,
      x <= BUDGET.clickMs,
    );
  }
  // Each cost against its own floor: the plugin's against the logic-free frame, and
  // host-bridge's (in the page) against the same dial-out sent as a raw envelope.
  for (const [key, floor, how, floorName] of [
    ['dialRaw', 'dialRelay', 'raw envelope → dial-out-success: the plugin', 'relay floor'],
    ['dialBridge', 'dialRaw', 'host-bridge chat.dialOut: the library in the page', 'raw envelope'],
  ]) {
    const x = extra(key, floor);
    row(
      `2. dial-out in the simulator (joins at once; a real one takes seconds), ${how}`,
      `${ms(med(key))}; ${floorName} ${ms(med(floor))}; extra ${plusMs(x)}`,
      `≤ +${BUDGET.dialMs} ms over the ${floorName}`,
      x <= BUDGET.dialMs,
    );
  }
}

// ---- 3. bursts ---------------------------------------------------------------------

/**
 * One burst of BURST alternating badge commands to external-chat. Counted from the last
 * command posted at the page (epoch ms) to the update that shows the final state, once no
 * other update followed for BURST_QUIET_MS. The simulator stamps each update (its clock);
 * page and simulator are different processes, so one clock offset may sit in this figure:
 * it cancels in the difference to the floor, which crosses the same two processes.
 */
async function burstChat(page, sim) {
  const start = await sim.evaluate(() => {
    const s = window.__sim;
    s.resetLog();
    const updates = [];
    window.__burst = { updates, off: s.onRpc((e) => {
      if (e.plugin === 'external-chat' && e.rpc === 'ui:button:update') {
        updates.push({ at: performance.timeOrigin + performance.now(), badge: e.payload?.badge?.isVisible === true, active: e.payload?.isActive === true });
      }
    }) };
    const button = s.buttons().find((b) => b.pluginId === 'external-chat');
    return { badge: button.badge, active: button.isActive };
  });
  // BURST - 1 alternating badge commands starting with a flip end on the flipped badge; the last command flips active.
  const final = { badge: (BURST - 1) % 2 === 1 ? !start.badge : start.badge, active: !start.active };
  const posted = await page.evaluate(([n, b, a]) => window.__bench.burst('chat', n, b, a), [BURST, start.badge, final.active]);
  const r = await sim.evaluate(
    async ([f, quiet]) => {
      const { updates, off } = window.__burst;
      const deadline = performance.now() + 20_000;
      const settled = () => {
        const last = updates.at(-1);
        return last !== undefined && last.badge === f.badge && last.active === f.active && performance.timeOrigin + performance.now() - last.at >= quiet;
      };
      while (!settled() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, quiet / 5));
      off();
      const button = window.__sim.buttons().find((b) => b.pluginId === 'external-chat');
      return { updates: updates.length, ats: updates.map((u) => u.at), lastAt: updates.at(-1)?.at ?? 0, shown: { badge: button.badge, active: button.isActive }, settled: settled() };
    },
    [final, BURST_QUIET_MS],
  );
  debug(`burst updates at (ms after the last post): ${r.ats.map((t) => (t - posted).toFixed(1)).join(' ')}`);
  if (!r.settled || r.shown.badge !== final.badge || r.shown.active !== final.active) {
    throw new Error(`burst: the simulator does not show the last command's state (updates ${r.updates}, shown ${JSON.stringify(r.shown)})`);
  }
  return { updates: r.updates, settleMs: r.lastAt - posted };
}

/** The floor: the same BURST envelopes to the relay; last posted at the page → last one received in the relay. */
async function burstFloor(page, relay) {
  await relay.evaluate(() => {
    window.__relay.count = 0;
  });
  const posted = await page.evaluate(([n, f]) => window.__bench.burst('relay', n, f), [BURST, false]);
  const lastAt = await relay.evaluate(async (n) => {
    const deadline = performance.now() + 20_000;
    while (window.__relay.count < n && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    if (window.__relay.count !== n) throw new Error(`relay received ${window.__relay.count} of ${n} burst messages`);
    return window.__relay.lastAt;
  }, BURST);
  return lastAt - posted;
}

async function bursts(context, page, sims) {
  const relay = quick ? null : pluginFrame(page, 'relay');
  // CPU throttling is per renderer: the page's, and the simulators' (both simulators and
  // their plugin frames are one site, so one process).
  const sessions = [await context.newCDPSession(page), await context.newCDPSession(sims.chat)];
  const throttle = (rate) => Promise.all(sessions.map((s) => s.send('Emulation.setCPUThrottlingRate', { rate })));
  for (const rate of [1, THROTTLE]) {
    await throttle(rate);
    const results = [];
    const floors = [];
    // The settle figure is a difference of two noisy cross-process deliveries: many rounds for its median.
    const rounds = rate === 1 ? PLAN.burstRounds : PLAN.throttledBurstRounds ?? PLAN.burstRounds;
    for (let round = 0; round < rounds; round++) {
      await Promise.all(Object.values(sims).map(resetSim));
      await sleep(50);
      // Alternate which goes first.
      if (relay && round % 2 === 1) floors.push(await burstFloor(page, relay));
      results.push(await burstChat(page, sims.chat));
      if (relay && round % 2 === 0) floors.push(await burstFloor(page, relay));
    }
    await throttle(1);
    const label = rate === 1 ? '' : `, CPU throttled ${rate}×`;
    // The median: the plugin ends a burst after 8 ms without a command, so a delivery
    // stalled that long (a loaded machine) can split one; every round is printed.
    const counts = results.map((r) => r.updates);
    const med = median(counts);
    row(
      `3. burst of ${BURST} alternating badge commands${label}: ui:button:update RPCs (median of ${counts.length})`,
      `${med} (rounds: ${counts.join(', ')})`,
      `≤ ${BUDGET.burstUpdates}`,
      med <= BUDGET.burstUpdates,
    );
    if (relay) {
      debug(`burst${label} settle`, results.map((r) => r.settleMs.toFixed(1)).join(' '), 'floor', floors.map((x) => x.toFixed(1)).join(' '));
      // Each burst is paired with the floor measured next to it (the order alternates), so
      // a slower or faster stretch of the machine shifts both alike; the median pair counts.
      const extra = median(results.map((r, i) => r.settleMs - floors[i]));
      // The settle budget is for an unthrottled CPU; throttled, the plugin's per-command
      // work is 4× too, and the figure is reported only (its update count has the budget).
      const budgeted = rate === 1;
      row(
        `3. burst${label}: last command posted at the page → final state shown, vs floor: last of ${BURST} delivered to the relay`,
        `${ms(median(results.map((r) => r.settleMs)))}; floor ${ms(median(floors))}; extra ${plusMs(extra)}`,
        budgeted ? `≤ +${BUDGET.burstSettleMs} ms over the floor` : 'report only',
        budgeted ? extra <= BUDGET.burstSettleMs : null,
      );
    }
  }
}

// ---- 4. plugin start and heap ----------------------------------------------------------

/** Reloads `name`'s plugin; resolves with ms from iframe insertion to its `ready` at the page. */
async function startOnce(page, sim, name) {
  await page.evaluate((n) => {
    window.__nextReady = window.__bench.nextReady(n);
  }, name);
  // The simulator re-navigates the plugin frame and stamps the insertion (its clock).
  const inserted = await sim.evaluate((id) => {
    void window.__sim.reloadPlugins();
    return performance.timeOrigin + window.__sim.timings[id].inserted;
  }, SUBJECTS[name].id);
  const readyAt = await page.evaluate(() => window.__nextReady);
  return readyAt - inserted;
}

/**
 * Start: both simulators (external-chat alone, the empty plugin alone) in one page, so
 * both figures cross the same two processes (page, simulators) and any clock offset
 * between them cancels in the difference. Reloads alternate; each is followed by a pause.
 */
async function pluginStart(browser, servers, errors) {
  const { context, page, sims } = await openBench(browser, servers, ['chat', 'empty'], { errors });
  const times = { chat: [], empty: [] };
  for (const name of ['chat', 'empty']) await startOnce(page, sims[name], name); // warm-up
  for (let round = 0; round < PLAN.startRounds; round++) {
    const order = round % 2 === 0 ? ['chat', 'empty'] : ['empty', 'chat'];
    for (const name of order) {
      await sleep(200);
      times[name].push(await startOnce(page, sims[name], name));
    }
  }
  await context.close();
  debug('start chat ', times.chat.map((x) => x.toFixed(1)).join(' '));
  debug('start empty', times.empty.map((x) => x.toFixed(1)).join(' '));
  // Difference of the medians: each start is one long sample whose noise (a descheduled
  // process) is not shared with its neighbour, so pairing them would add both spikes.
  const extra = median(times.chat) - median(times.empty);
  row(
    `4. plugin start: iframe inserted → ready at the page (median of ${PLAN.startRounds} reloads)`,
    `${ms(median(times.chat))}; empty plugin ${ms(median(times.empty))}; extra ${plusMs(extra)}`,
    `≤ +${BUDGET.startMs} ms over the empty plugin`,
    extra <= BUDGET.startMs,
  );
}

/**
 * Heap. The plugin frame is same-site with Web App 3, so it shares the simulator's
 * renderer process and V8 heap: no per-frame figure exists. So: two browser contexts,
 * each a page embedding one simulator, one with external-chat alone and one with the
 * empty plugin alone (same simulator, same sandbox, same page). Each simulator is its
 * own renderer process (another context, another site than the page); its JS heap is
 * read over CDP (Runtime.getHeapUsage on the simulator's target) after three forced
 * full GCs (HeapProfiler.collectGarbage), once the plugin has been reloaded, said
 * `ready` and the simulator's RPC log was cleared. The difference is what external-chat
 * keeps alive beyond a plugin that only registers, including what Web App 3 holds for
 * it (its toolbar button). Reloads alternate between the two; median of the differences.
 */
async function heap(browser, servers, errors) {
  const subjects = {};
  for (const name of ['chat', 'empty']) {
    const opened = await openBench(browser, servers, [name], { errors });
    subjects[name] = { ...opened, cdp: await opened.context.newCDPSession(opened.sims[name]) };
  }
  const used = { chat: [], empty: [] };
  for (let round = 0; round < PLAN.heapRounds; round++) {
    for (const name of round % 2 === 0 ? ['chat', 'empty'] : ['empty', 'chat']) {
      const { page, sims, cdp } = subjects[name];
      await startOnce(page, sims[name], name);
      await sleep(300);
      await sims[name].evaluate(() => window.__sim.resetLog());
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      used[name].push((await cdp.send('Runtime.getHeapUsage')).usedSize);
    }
  }
  for (const { context } of Object.values(subjects)) await context.close();
  debug('heap chat ', used.chat.map(kb).join(' '));
  debug('heap empty', used.empty.map(kb).join(' '));
  const extra = median(used.chat.map((x, i) => x - used.empty[i]));
  row(
    `4. JS heap of the simulator process after GC, external-chat alone vs the empty plugin alone (median of ${PLAN.heapRounds} reloads)`,
    `${kb(median(used.chat))} vs ${kb(median(used.empty))}; extra ${extra >= 0 ? '+' : '−'}${kb(Math.abs(extra))}`,
    `≤ +${BUDGET.heapBytes / KB} KB over the empty plugin`,
    extra <= BUDGET.heapBytes,
  );
}

// ---- 6. leftovers after many calls ---------------------------------------------------------

/** Counts live timers of the top window (init script; frames are left alone). */
const TIMER_PROBE = `(() => {
  if (window !== window.top) return;
  const live = new Set();
  const wrap = (set, clear, once) => {
    window[set] = ((original) => function (handler, delay, ...args) {
      const id = original.call(window, (...a) => {
        if (once) live.delete(id);
        if (typeof handler === 'function') handler(...a);
      }, delay, ...args);
      live.add(id);
      return id;
    })(window[set]);
    window[clear] = ((original) => function (id) {
      live.delete(id);
      return original.call(window, id);
    })(window[clear]);
  };
  wrap('setTimeout', 'clearTimeout', true);
  wrap('setInterval', 'clearInterval', false);
  Object.defineProperty(window, '__liveTimers', { value: () => live.size });
})();`;

async function leftovers(browser, servers, errors) {
  const { context, page } = await openBench(browser, servers, ['chat'], { initScript: TIMER_PROBE, errors });
  const cdp = await context.newCDPSession(page);
  const listeners = async () => {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
    const { listeners: all } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
    return all.filter((l) => l.type === 'message').length;
  };
  const timers = () => page.evaluate(() => window.__liveTimers());
  const heapUsed = async () => {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const churn = (n) => page.evaluate(([total, c]) => window.__bench.churn(total, c), [n, CHURN_CONCURRENCY]);

  const pageOwn = await listeners(); // bench.js's own listener
  await page.evaluate(() => window.__bench.connect());
  const connected = (await listeners()) - pageOwn;
  const warm = await churn(PLAN.warmupCalls);
  if (warm.settled !== warm.issued) throw new Error(`warm-up: ${warm.issued - warm.settled} calls never settled`);
  const before = quick ? 0 : await heapUsed();
  const run = await churn(PLAN.churnCalls);
  const after = quick ? 0 : await heapUsed();
  const bridgeListeners = (await listeners()) - pageOwn;
  const liveTimers = await timers();
  await page.evaluate(() => window.__bench.close());
  const closedListeners = (await listeners()) - pageOwn;
  const closedTimers = await timers();
  await context.close();

  const n = PLAN.churnCalls.toLocaleString('en');
  const expectedErrors = Math.ceil(PLAN.churnCalls / 2);
  row(
    `6. ${n} calls (dial-outs refused at once + setBadge) after ${PLAN.warmupCalls.toLocaleString('en')} warm-up: settled`,
    `${run.settled}/${run.issued} (dial-out errors ${run.dialErrors}, unexpected ${run.other})`,
    `all; ${expectedErrors} DialOutError`,
    run.settled === run.issued && run.issued === PLAN.churnCalls && run.dialErrors === expectedErrors && run.other === 0,
  );
  row(`6. 'message' listeners on window from the bridge, connected → after ${n} calls`, `${connected} → ${bridgeListeners}`, '1 (its own) → 1', connected === 1 && bridgeListeners === 1);
  row(`6. live timers in the top window after ${n} calls`, String(liveTimers), '0', liveTimers === 0);
  if (!quick) {
    const growth = after - before;
    row(`6. host page heap growth over ${n} calls (after GC)`, `${(growth / KB).toFixed(1)} KB`, '< 1 MB', growth < KB * KB);
  }
  row('6. after close(): bridge listeners / live timers', `${closedListeners} / ${closedTimers}`, '0 / 0', closedListeners === 0 && closedTimers === 0);
}

// ---- 7. roster at scale ------------------------------------------------------------

/**
 * A 1,000-participant meeting changing 100 times a second (the simulator's churn:
 * joins, leaves, lobby admissions, mute, camera, hand, spotlight), with the page
 * subscribed to the roster. Two simulators in one page, identical but for their
 * plugin: external-chat (the page subscribes with host-bridge's chat.on('roster'))
 * and the relay, which forwards each participantsActivities event's changes to the
 * top window (O(1) per change; the page applies them to a Map seeded from the
 * simulator). Runs alternate between the two, one churning at a time.
 *
 * A run: churn for ROSTER.seconds, then churn stops and one last change is made
 * (a participant's mute flips): convergence counts from that change (simulator's
 * clock, epoch ms) to the arrival at the page (its clock) of the message after which
 * the page's roster equals the simulator's (uuid and every field churn changes).
 * Then ROSTER.tails short runs of ROSTER.tailSeconds, each ending the same way, for
 * more convergence samples. The simulator's renderer is sampled (CDP Profiler) over
 * the main run: time is attributed to a script when one of its functions is on the
 * sample's stack (natives it calls, such as postMessage's serialisation, included;
 * garbage collection is nobody's), so external-chat and the relay are measured alike.
 */
const ROSTER = quick
  ? { participants: 1_000, rate: 100, seconds: 3, tails: 0, tailSeconds: 1, worst: 0, rounds: 1 }
  : { participants: 1_000, rate: 100, seconds: 10, tails: 3, tailSeconds: 1, worst: 8, rounds: 2 };
/** external-chat's coalescing interval for topics (external-chat/src/plugin-endpoint.ts TOPIC_INTERVAL_MS). */
const TOPIC_INTERVAL_MS = 100;
/** Where each subject's own code is served (profile attribution by script URL). */
const SCRIPT = { chat: '/webapp3/branding/plugins/external-chat/', relay: '/webapp3/bench/relay/' };
const PROFILE_INTERVAL_US = 500;

/** The simulator's roster as the page compares it: [uuid, ...fields as booleans]. */
const expectedRoster = (sim, fields) =>
  sim.evaluate((f) => window.__sim.roster().map((p) => [p.uuid, ...f.map((k) => p[k] === true)]), fields);

/**
 * The last change, made in a task of its own after this call returns (so neither the
 * expected roster's mapping nor the reply to the bench runs between the change and
 * the plugin's handling of it): churn stops, then one participant's mute flips. With
 * `lead`, another participant's mute flips in the task before it: that one is sent at
 * once, so the last waits a whole coalescing interval (the worst case by design).
 * Returns the roster expected after it; the change's time is read with `changeTimes`.
 */
const lastChange = (sim, fields, lead = false) =>
  sim.evaluate(
    ([f, withLead]) => {
      const s = window.__sim;
      s.stopChurn();
      const stoppedAt = performance.timeOrigin + performance.now();
      const list = s.roster();
      const expected = list.map((p) => [p.uuid, ...f.map((k) => p[k] === true)]);
      const muted = 1 + f.indexOf('isMuted');
      const flip = (i) => {
        expected[i][muted] = list[i].isMuted !== true;
        return () => {
          if (!s.updateParticipant(list[i].uuid, { isMuted: list[i].isMuted !== true })) throw new Error(`could not update ${list[i].uuid}`);
        };
      };
      const last = flip(list.length >> 1);
      const first = withLead ? flip((list.length >> 1) + 1) : null;
      window.__lastChange = { stoppedAt, at: 0 };
      const lastTask = () =>
        setTimeout(() => {
          window.__lastChange.at = performance.timeOrigin + performance.now();
          last();
        }, 0);
      if (first)
        setTimeout(() => {
          first();
          lastTask();
        }, 0);
      else lastTask();
      return expected;
    },
    [fields, lead],
  );
const changeTimes = (sim) => sim.evaluate(() => window.__lastChange);

/**
 * ms of the profile's samples by owner: the nearest script on the stack matching one
 * of `owners` (name → URL part), else 'other'; '(idle)' apart. Wall time too.
 */
function profileShares(profile, owners) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownerOf = new Map();
  const owner = (id) => {
    if (ownerOf.has(id)) return ownerOf.get(id);
    const { callFrame } = byId.get(id);
    let o = callFrame.functionName === '(idle)' ? 'idle' : null;
    for (const [name, part] of Object.entries(owners)) if (o === null && callFrame.url.includes(part)) o = name;
    if (o === null) o = parent.has(id) ? owner(parent.get(id)) : 'other';
    ownerOf.set(id, o);
    return o;
  };
  const ms = { idle: 0, other: 0, ...Object.fromEntries(Object.keys(owners).map((k) => [k, 0])) };
  let t = profile.startTime;
  const times = profile.timeDeltas.map((d) => (t += d));
  profile.samples.forEach((id, i) => {
    const next = i + 1 < times.length ? times[i + 1] : profile.endTime;
    ms[owner(id)] += Math.max(0, next - times[i]) / 1000;
  });
  return { ms, wallMs: (profile.endTime - profile.startTime) / 1000 };
}

async function rosterAtScale(browser, servers, errors) {
  const names = quick ? ['chat'] : ['chat', 'relay'];
  const { context, page, sims } = await openBench(browser, servers, names, { errors, params: { participants: ROSTER.participants, seed: 1 } });
  const fields = await page.evaluate(() => window.__bench.ROSTER_FIELDS);
  await page.evaluate(() => window.__bench.connect({ timeoutMs: 10_000 }));
  await page.evaluate(() => window.__bench.watchRoster('chat'));
  if (sims.relay) {
    await page.evaluate(() => window.__bench.watchRoster('relay'));
    const start = await expectedRoster(sims.relay, fields);
    await page.evaluate((e) => window.__bench.seedRelayRoster(e), start);
  }
  for (const name of names) {
    const initial = await expectedRoster(sims[name], fields);
    await page.evaluate(([n, e]) => window.__bench.rosterEquals(n, e, 10_000), [name, initial]);
  }
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
    const startedAt = await sim.evaluate((rate) => {
      window.__sim.setChurn(rate);
      return performance.timeOrigin + performance.now();
    }, ROSTER.rate);
    const t0 = Date.now();
    let heapEarly = 0;
    if (heap) {
      await sleep(1_000);
      heapEarly = await pageHeap();
    }
    await sleep(Math.max(0, seconds * 1_000 - (Date.now() - t0)));
    const shares = profile ? profileShares((await simCdp[name].send('Profiler.stop')).profile, SCRIPT) : null;
    const expected = await lastChange(sim, fields);
    const arrivedAt = await page.evaluate(([n, e]) => window.__bench.rosterEquals(n, e, 10_000), [name, expected]);
    const last = await changeTimes(sim);
    const messages = (await page.evaluate((n) => window.__bench.rosterCount(n), name)) - count0;
    // Messages can be sent while churn runs and after the last change: the time outside both (the bench's round trips) does not count.
    const windowS = (last.stoppedAt - startedAt + arrivedAt - last.at) / 1000;
    const applied = await sim.evaluate(() => window.__sim.churn().applied);
    const heapLate = heap ? await pageHeap() : 0;
    return { convergeMs: arrivedAt - last.at, messages, windowS, shares, heapEarly, heapLate, applied, participants: expected.length };
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
  const chatEnvelope = await rosterEnvelope(page, sims.chat, quick ? 0 : 15);
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

/** One `roster` envelope as the page receives it (a change in the simulator sends one): its size, and its clone cost. */
async function rosterEnvelope(page, sim, rounds) {
  const captured = page.evaluate(() => window.__bench.captureRosterEnvelope(5_000));
  await sleep(200);
  await sim.evaluate(() => {
    const s = window.__sim;
    const p = s.roster()[1];
    s.updateParticipant(p.uuid, { raisedHand: p.raisedHand !== true });
  });
  const { bytes: size, participants } = await captured;
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

// ---- 8. the meeting's chat -----------------------------------------------------------

/**
 * What participants write in the meeting's chat reaching the page, one message at a
 * time and in a burst. Two simulators in one page, identical but for their plugin:
 * external-chat (the page subscribed through host-bridge's chat.on('meeting-message');
 * the same envelopes reach the page's raw listener) and the relay, subscribed with a
 * `subscribe {topics:['meeting-chat']}` envelope, which forwards each event:message /
 * event:directMessage to the top window as one envelope (the fields moved across, no
 * mapping, no check, nothing kept). The simulator's chatter is off (its default), so
 * only the bench writes.
 *
 * Latency: in the simulator, `__sim.say` (the simulator's own path: record, its Chat
 * tab, broadcast to its plugin) → plugin → the page's handler holds the message and
 * posts an ack to the simulator's window → the simulator has the ack. A round trip on
 * the simulator's clock, so no cross-process clock offset; the ack's hop is the same
 * for every variant and cancels in the difference. Blocks of CHAT.calls sequential
 * messages per variant (relay; external-chat answered from the raw listener; answered
 * from host-bridge's handler), interleaved with the order rotated per round, median of
 * the per-round differences to the relay.
 *
 * Burst: CHAT_BURST messages of ~100 characters said in one simulator task; timed
 * from before the first say to the ack the page posts once it holds the last one
 * (host-bridge's handler for external-chat, the raw listener for the relay). Every id
 * each listener heard is recorded and compared with the ids said, in order, after a
 * quiet spell (a duplicate or straggler would show). Bursts alternate with the relay's;
 * the figure is the median of each burst's difference to the relay burst next to it.
 */
const CHAT = quick ? { burstRounds: 1 } : { warmup: 10, rounds: 15, slices: 2, calls: 30, burstRounds: 15 };
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

async function meetingChat(browser, servers, errors) {
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

// ---- 9. a page floods the plugin -----------------------------------------------------

/**
 * A hostile page floods the plugin: does Web App 3's main thread (the meeting's own
 * UI) stay responsive, compared with the same flood sent to the logic-free relay?
 * Two simulators of a FLOOD.participants-participant meeting in one page, identical
 * but for their plugin: external-chat, and the relay, which has no case for the
 * flood's controls (it counts them, answers nothing and sends nothing to Web App 3:
 * the floor for receiving the flood). The page has not connected host-bridge: the
 * flood is all it sends.
 *
 * A flood: the page posts, in one task, to the window that sent `ready`, FLOOD.each
 * pairs of `mute-all-guests` {muted: true, requestId} and `send-meeting-message`
 * {text: 'flood', requestId}, interleaved, with a `subscribe` {topics: FLOOD.topics ×
 * 'roster'} before every (each / subscribes)-th pair, the first before the first pair
 * (bench.js flood). external-chat says `ready` from Web App 3's window (its relay.js), so
 * its flood lands there, where Web App 3's own message listener sees each message too
 * (as for any page posting to Web App 3's window, the documented way); the relay's
 * lands in its frame. Every guest is muted before the first round (one mute-all-guests,
 * as a page sends it), so the flood's mute-all-guests change nothing in the meeting:
 * the figures are the flood's, not those of one effective mute-all (the simulator
 * re-rendering its participants, the plugin sending the roster on), which one click
 * costs too.
 *
 * Measured in the simulator's window: Web App 3's main thread, which the plugin frame
 * (same-origin) runs on. The simulator under test is moved into the viewport first
 * (Chromium neither renders nor runs requestAnimationFrame in a cross-origin frame
 * outside it) and left to settle. Over a fixed window of FLOOD.windowMs from just
 * before the flood is posted: the long tasks a PerformanceObserver ('longtask',
 * observing from before the flood, not buffered) saw start in it, summed (the budget);
 * the longest gap between requestAnimationFrame callbacks (performance.now() in each;
 * a gap still open when the window ends counts) and the frames run. The window is
 * fixed, so the relay is measured over the same span; it must cover external-chat's
 * last answer (checked with the answers) and the relay's receipt of the whole flood
 * (the run fails without it). Also: the flood's RPCs that reached the simulator
 * (conference:muteAllGuests and conference:sendMessage in its RPC log, and when the
 * last arrived), and the page's `control-result` answers counted by requestId.
 * Rounds alternate which subject goes first; a subject's flood starts at least
 * FLOOD.restMs after its last window ended, so its allowance is full again
 * (PAGE_LIMITS: burst / perSecond = 3 s). The two simulators share one renderer
 * process: one flood at a time, each done within its window (the checks above), so
 * neither spills into the other's.
 */
const FLOOD = {
  participants: 1_000,
  each: 10_000,
  subscribes: 20,
  topics: 64,
  windowMs: 4_000,
  restMs: 3_500,
  settleMs: 500,
  rounds: quick ? 1 : 5,
};
/** The flood's RPCs in the simulator's log. */
const FLOOD_RPCS = ['conference:muteAllGuests', 'conference:sendMessage'];

/** In the simulator: starts watching long tasks and frames once rendering runs; clears the RPC log; the window's start (epoch ms). */
const startWatch = (sim) =>
  sim.evaluate(async () => {
    const w = { frames: [], long: [], stopped: false, t0: 0, observer: null };
    w.observer = new PerformanceObserver((list) => w.long.push(...list.getEntries()));
    w.observer.observe({ type: 'longtask', buffered: false });
    // Two frames first: rendering runs in this frame.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    const tick = () => {
      w.frames.push(performance.now());
      if (!w.stopped) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.__sim.resetLog();
    w.t0 = performance.now();
    window.__floodWatch = w;
    return performance.timeOrigin + w.t0;
  });

/** In the simulator: waits for the window's end, then the long tasks in it, the frames' longest gap and the flood's RPCs. */
const endWatch = (sim, pluginId) =>
  sim.evaluate(
    async ([windowMs, id, rpcs]) => {
      const w = window.__floodWatch;
      const end = w.t0 + windowMs;
      while (performance.now() < end) await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(50, end - performance.now()))));
      w.stopped = true;
      const closedAt = performance.now();
      // A long task's entry is delivered after it: give the observer a moment, then take what is left.
      await new Promise((resolve) => setTimeout(resolve, 100));
      w.long.push(...w.observer.takeRecords());
      w.observer.disconnect();
      const frames = w.frames.filter((t) => t <= end);
      let gap = { ms: 0, at: 0 };
      let prev = w.t0;
      for (const t of [...frames, Math.min(end, closedAt)]) {
        if (t - prev > gap.ms) gap = { ms: t - prev, at: prev - w.t0 };
        prev = t;
      }
      const long = w.long.filter((e) => e.startTime >= w.t0 && e.startTime < end);
      const flood = window.__sim.log.filter((e) => e.plugin === id && rpcs.includes(e.rpc));
      return {
        frames: frames.length,
        gapMs: gap.ms,
        gapAt: gap.at,
        longMs: long.reduce((sum, e) => sum + e.duration, 0),
        // For BENCH_DEBUG: duration@start (ms into the window), and whom the browser blames.
        long: long.map((e) => `${e.duration.toFixed(0)}@${(e.startTime - w.t0).toFixed(0)} ${e.name}/${e.attribution?.[0]?.containerType ?? ''}`),
        rpcs: flood.length,
        byRpc: rpcs.map((n) => flood.filter((e) => e.rpc === n).length),
        lastRpcMs: flood.length > 0 ? flood.at(-1).t - w.t0 : 0,
        lateMs: closedAt - end,
      };
    },
    [FLOOD.windowMs, pluginId, FLOOD_RPCS],
  );

async function pageFlood(browser, servers, errors) {
  // The contract's allowance, as the plugin was built with it (the host-bridge build `make bench` makes).
  const { PAGE_LIMITS } = await import(pathToFileURL(join(root, 'host-bridge/dist/contract/index.js')).href);
  const names = quick ? ['chat'] : ['chat', 'relay'];
  const { context, page, sims } = await openBench(browser, servers, names, { errors, params: { participants: FLOOD.participants, seed: 1 } });
  const relay = quick ? null : pluginFrame(page, 'relay');
  const requests = 2 * FLOOD.each;
  await page.evaluate(() => window.__bench.muteAllGuests('chat'));
  await waitUntil(
    () => sims.chat.evaluate(() => window.__sim.controls().some((c) => c.rpc === 'conference:muteAllGuests' && c.reply?.status === 200)),
    'the simulator to mute every guest',
  );
  const results = { chat: [], relay: [] };
  const windowEnded = { chat: 0, relay: 0 };
  for (let round = 0; round < FLOOD.rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      await page.evaluate((n) => window.__bench.show(n), name);
      await sleep(Math.max(FLOOD.settleMs, windowEnded[name] + FLOOD.restMs - Date.now()));
      if (name === 'relay') await relay.evaluate(() => Object.assign(window.__relayIgnored, { count: 0, lastAt: 0 }));
      const t0 = await startWatch(sims[name]);
      const posted = await page.evaluate(
        ([n, spec]) => window.__bench.flood(n, spec),
        [name, { each: FLOOD.each, subscribes: FLOOD.subscribes, topics: FLOOD.topics, tag: `r${round}` }],
      );
      const r = await endWatch(sims[name], SUBJECTS[name].id);
      windowEnded[name] = Date.now();
      const result = { ...r, postedMs: [posted.start - t0, posted.end - t0] };
      if (name === 'chat') {
        const answers = await page.evaluate(() => window.__bench.floodAnswers());
        Object.assign(result, { answers, lastAnswerMs: answers.lastAt > 0 ? answers.lastAt - t0 : null });
      } else {
        const heard = await relay.evaluate(() => ({ ...window.__relayIgnored }));
        if (heard.count !== requests || heard.lastAt - t0 > FLOOD.windowMs) {
          throw new Error(`flood: the relay received ${heard.count} of ${requests} messages, the last ${((heard.lastAt - t0) / 1000).toFixed(2)} s into the ${FLOOD.windowMs / 1000} s window`);
        }
        result.lastReceivedMs = heard.lastAt - t0;
      }
      results[name].push(result);
      debug(`flood ${name} round ${round}: ${JSON.stringify(result)}`);
    }
  }
  await context.close();

  const label = `${FLOOD.participants.toLocaleString('en')} participants; the page posts, in one task, ${FLOOD.each.toLocaleString('en')} mute-all-guests and ${FLOOD.each.toLocaleString('en')} send-meeting-message with requestIds, interleaved, and ${FLOOD.subscribes} subscribe of ${FLOOD.topics} × 'roster'`;
  const window_ = `over ${FLOOD.windowMs / 1000} s from just before the flood`;
  if (!quick) {
    const of = (key) => ({ chat: results.chat.map((r) => r[key]), relay: results.relay.map((r) => r[key]) });
    const long = of('longMs');
    const gaps = of('gapMs');
    const frames = of('frames');
    const extra = median(long.chat.map((x, i) => x - long.relay[i]));
    const list = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
    row(
      `9. a page floods the plugin (${label}): long tasks in Web App 3's window (its main thread, the plugin frame's too), summed ${window_} (median of ${long.chat.length} pairs)`,
      `${ms(median(long.chat))}; relay floor ${ms(median(long.relay))}; extra ${plusMs(extra)} (per round, ms: ${list(long.chat)} vs ${list(long.relay)})`,
      `≤ +${BUDGET.floodLongTasksMs} ms over the floor`,
      extra <= BUDGET.floodLongTasksMs,
    );
    row(
      `9. the flood: longest gap between requestAnimationFrame callbacks in Web App 3's window, and frames run, ${window_} (median of ${gaps.chat.length})`,
      `${ms(median(gaps.chat))}, ${median(frames.chat)} frames; relay floor ${ms(median(gaps.relay))}, ${median(frames.relay)} frames (gaps per round, ms: ${list(gaps.chat)} vs ${list(gaps.relay)})`,
    );
  }
  const { burst, perSecond } = PAGE_LIMITS;
  const allowed = (r) => Math.floor(burst + (perSecond * r.lastRpcMs) / 1000);
  const worst = results.chat.reduce((a, r) => (r.rpcs - allowed(r) > a.rpcs - allowed(a) ? r : a));
  row(
    `9. the flood: its RPCs that reached Web App 3 (conference:muteAllGuests + conference:sendMessage) and when the last arrived, from the window's start, per round`,
    results.chat.map((r) => `${r.rpcs} (${r.byRpc.join(' + ')}) in ${(r.lastRpcMs / 1000).toFixed(2)} s`).join('; '),
    `≤ ${burst} + ${perSecond} × seconds (${allowed(worst)} for ${(worst.lastRpcMs / 1000).toFixed(2)} s)`,
    results.chat.every((r) => r.rpcs <= allowed(r)),
  );
  const whole = (r) => r.answers.requests === requests && r.answers.once === requests && r.answers.unknown === 0 && r.lastAnswerMs !== null && r.lastAnswerMs <= FLOOD.windowMs;
  row(
    `9. the flood's ${requests.toLocaleString('en')} requests: \`control-result\` answers at the page, by requestId, and when the last came, per round (and the \`roster\` envelopes its ${FLOOD.subscribes} subscribes brought)`,
    results.chat
      .map((r) => `${r.answers.once} once (${r.answers.requests - r.answers.refused} ok), ${r.answers.more} twice or more, ${r.answers.none} never, ${r.answers.unknown} unknown; last at ${r.lastAnswerMs === null ? '–' : `${(r.lastAnswerMs / 1000).toFixed(2)} s`}; ${r.answers.rosters} roster`)
      .join('; '),
    `all, once each, within the ${FLOOD.windowMs / 1000} s window`,
    results.chat.every(whole),
  );
}

// ---- main ------------------------------------------------------------------------

function table() {
  const mark = (ok) => (ok === null ? '–' : ok ? 'pass' : '**MISS**');
  return [
    '| figure | measured | budget | result |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.budget} | ${mark(r.ok)} |`),
  ].join('\n');
}

const README_BEGIN = '<!-- bench:begin (make bench-record rewrites everything up to bench:end) -->';
const README_END = '<!-- bench:end -->';

/** Rewrites README.md between the bench markers. */
function recordInReadme(text) {
  const file = join(root, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no "${README_BEGIN}" … "${README_END}" markers`);
  writeFileSync(file, `${readme.slice(0, begin + README_BEGIN.length)}\n${text}\n${readme.slice(end)}`);
}

async function main() {
  assertBuilt();
  const started = Date.now();
  sizes();
  if (!quick) await buildEmptyPlugin();
  const [browser, servers] = await Promise.all([launchChromium(NO_THROTTLING), startServers({ hostPort: 0, webappPort: 0 })]);
  const errors = [];
  try {
    if (part('timing') || part('burst')) {
      const { context, page, sims } = await openBench(browser, servers, quick ? ['chat'] : ['chat', 'relay'], { errors });
      await page.evaluate(() => window.__bench.connect({ timeoutMs: 10_000 }));
      if (!quick && part('timing')) await timing(page, sims);
      if (part('burst')) await bursts(context, page, sims);
      await context.close();
    }
    if (!quick && part('start')) await pluginStart(browser, servers, errors);
    if (!quick && part('heap')) await heap(browser, servers, errors);
    if (part('leftovers')) await leftovers(browser, servers, errors);
    if (part('roster')) await rosterAtScale(browser, servers, errors);
    if (part('chat')) await meetingChat(browser, servers, errors);
    if (part('flood')) await pageFlood(browser, servers, errors);

    const order = (r) => Number.parseInt(r.figure, 10);
    rows.sort((a, b) => order(a) - order(b));
    const out = table();
    console.log(out);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (!quick) {
      const env = [
        `- date: ${new Date().toISOString()}`,
        `- Chromium: ${browser.version()} (${CHROMIUM_PATH}, headless)`,
        `- CPU: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores`,
        `- Node: ${process.version}`,
        `- plan: ${PLAN.rounds} interleaved rounds of ${PLAN.slices} blocks per variant (${PLAN.calls.toggle} clicks or ${PLAN.calls.dial} dial-outs a block), ` +
          `${PLAN.burstRounds} bursts unthrottled and ${PLAN.throttledBurstRounds ?? PLAN.burstRounds} throttled, ${PLAN.startRounds} start and ${PLAN.heapRounds} heap reloads; ` +
          `roster: ${ROSTER.rounds} rounds per subject of ${ROSTER.seconds} s churn, ${ROSTER.tails} × ${ROSTER.tailSeconds} s and ${ROSTER.worst} worst cases; ` +
          `meeting's chat: ${CHAT.rounds} interleaved rounds of ${CHAT.slices} blocks of ${CHAT.calls} messages per variant, ${CHAT.burstRounds} bursts per subject; ` +
          `flood: ${FLOOD.rounds} alternated rounds per subject, ${FLOOD.windowMs / 1000} s windows; run took ${seconds} s`,
      ].join('\n');
      const results = join(root, 'bench/results');
      mkdirSync(results, { recursive: true });
      writeFileSync(join(results, 'latest.md'), `# external-chat bench (\`make bench\`)\n\n${env}\n\n${out}\n`);
      console.log(`\nwritten to bench/results/latest.md (${seconds} s)`);
      if (record) {
        recordInReadme(`${env}\n\n${out}`);
        console.log('README.md "Size and speed" table rewritten');
      }
    }
    if (errors.length > 0) {
      console.error(`\nerrors in the pages:\n${errors.join('\n')}`);
      return 1;
    }
    const missed = rows.filter((r) => r.ok === false);
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
