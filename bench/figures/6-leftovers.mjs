// Figure 6: leftovers after many calls. host-bridge, connected in the page, makes
// PLAN.churnCalls calls, CHURN_CONCURRENCY at a time (dial-outs the simulator refuses
// at once, alternating with setBadge), after a warm-up; then what it left behind in the
// page: its 'message' listeners on window, live timers in the top window, the page's
// heap growth (after GC; not with --quick), and both again after close().

import { KB } from '../lib/format.mjs';
import { openBench } from '../lib/pages.mjs';

const BUDGET = {
  /** The host page's heap growth over the churn, after GC: calls that settled must leave nothing that grows with them. */
  pageHeapGrowthBytes: KB * KB,
};

const CHURN_CONCURRENCY = 50;

/** Calls in the warm-up, then in the churn measured. */
export const plan = (quick) => (quick ? { warmupCalls: 200, churnCalls: 2_000 } : { warmupCalls: 1_000, churnCalls: 10_000 });

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

/**
 * Figure 6: the page and external-chat's simulator alone, the timer probe in the top window.
 * @param {import('../lib/context.mjs').Bench} bench
 */
export async function leftovers({ quick, browser, servers, errors, row }) {
  const PLAN = plan(quick);
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
    row(`6. host page heap growth over ${n} calls (after GC)`, `${(growth / KB).toFixed(1)} KB`, `< ${BUDGET.pageHeapGrowthBytes / KB / KB} MB`, growth < BUDGET.pageHeapGrowthBytes);
  }
  row('6. after close(): bridge listeners / live timers', `${closedListeners} / ${closedTimers}`, '0 / 0', closedListeners === 0 && closedTimers === 0);
}
