// Figures 1 and 2: the Chat click and dial-out, interleaved (one module: their blocks
// alternate in the same rounds, on the same two simulators).
//
// 1. The Chat click (click → `toggle-chat` at the page → the page echoes
//    `toggle-chat-button-state` → the button shows the new state): what a user waits for.
// 2. Dial-out in the simulator, which joins at once (?joinDelay=0; a real one takes
//    seconds): regression canaries, each against its own floor.

import { ms, plusMs } from '../lib/format.mjs';
import { pageLimits } from '../lib/page-limits.mjs';
import { SUBJECTS, resetSim } from '../lib/pages.mjs';
import { median } from '../lib/stats.mjs';
import { sleep } from '../lib/wait.mjs';

const BUDGET = {
  /** The plugin's part of the click's round trip, over the relay's: what a user waits for after a click. */
  clickMs: 1,
  /** What the plugin's code adds per dial-out (raw envelope against the relay), and host-bridge in the page (against the raw envelope). */
  dialMs: 0.5,
};

/**
 * Interleaved rounds of blocks per variant, after a warm-up block of each: the full run
 * only (--quick has no timing).
 */
export const PLAN = { rounds: 15, slices: 2, warmup: 10, calls: { dial: 15, toggle: 30 } };

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

/**
 * Figures 1 and 2, on the shared page (external-chat's and the relay's simulators, host-bridge connected).
 * @param {import('../lib/context.mjs').Bench} bench
 */
export async function clickAndDial({ row, debug }, { page, sims }) {
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
  const PAGE_LIMITS = await pageLimits();
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
