// The bench page (bench/pages/, the host origin) and the Web App 3 simulators it embeds.
//
// Each subject runs in its own simulator (bench/webapp/<subject>.json as ?manifest=),
// all served from the Web App 3 origin with external-chat's sandbox. One simulator
// per subject because the simulator broadcasts every event to all its plugins: in a
// shared one, the floor would pay for the plugin's handling of the floor's own
// events (and the other way round). The simulators are identical and same-site, so
// they share one renderer process and pay identical simulator costs (its RPC log,
// toolbar and participant-list rendering), which cancel out in the difference.

import { waitUntil } from './wait.mjs';

/**
 * Subjects: simulator name → manifest and the plugin id it loads. The relay and the empty
 * plugin are the floors (bench/README.md, "What is measured against what").
 */
export const SUBJECTS = {
  chat: { manifest: 'external-chat.json', id: 'external-chat' },
  relay: { manifest: 'relay.json', id: 'bench-relay' },
  empty: { manifest: 'empty.json', id: 'bench-empty' },
};

export const simFrame = (page, name) => page.frames().find((f) => f.name() === `sim-${name}`);
export const pluginFrame = (page, name) => {
  const sim = simFrame(page, name);
  return sim?.childFrames().find((f) => f.url() !== 'about:blank');
};

/**
 * A fresh context with the bench page embedding one simulator per name in `names`;
 * resolves once each simulator is ready and its plugin said `ready` to the page.
 * @param {any} browser Chromium (Playwright's Browser)
 * @param {{ hostOrigin: string, webappOrigin: string }} servers the demo servers
 * @param {string[]} names subjects, keys of SUBJECTS
 * @param {{ initScript?: string, errors: string[], params?: Record<string, string | number> }} options
 *   `initScript` runs first in every frame of the context; the page's errors and console errors are added to
 *   `errors`; `params` are added to each simulator's URL
 */
export async function openBench(browser, servers, names, { initScript, errors, params = {} }) {
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

/**
 * Every dialled participant leaves (so plugin-api forgets them), the meeting ends and
 * starts again (the simulator empties its participant list), and the RPC log is cleared.
 */
export const resetSim = (sim) =>
  sim.evaluate(() => {
    const s = window.__sim;
    for (const p of s.participants()) if (p.participant) s.emit('event:participantLeft', { id: 'main', participant: p.participant });
    s.emit('event:disconnected', { error: 'bench reset', errorCode: '#pex117' });
    s.emit('event:connected', undefined);
    s.resetLog();
  });
