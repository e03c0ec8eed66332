// What the roster figures (7, 10) share: the simulator's roster as the page compares it, the
// last change of a run and when it was made, and where each subject's code is served.

/** external-chat's coalescing interval for topics (external-chat/src/topics.ts TOPIC_INTERVAL_MS). */
export const TOPIC_INTERVAL_MS = 100;
/** Where each subject's own code is served (profile attribution by script URL). */
export const SCRIPT = { chat: '/webapp3/branding/plugins/external-chat/', relay: '/webapp3/bench/relay/' };
export const PROFILE_INTERVAL_US = 500;

/** The simulator's roster as the page compares it: [uuid, ...fields as booleans]. */
export const expectedRoster = (sim, fields) =>
  sim.evaluate((f) => window.__sim.roster().map((p) => [p.uuid, ...f.map((k) => p[k] === true)]), fields);

/**
 * The last change, made in a task of its own after this call returns (so neither the
 * expected roster's mapping nor the reply to the bench runs between the change and
 * the plugin's handling of it): churn stops, then one participant's mute flips. With
 * `lead`, another participant's mute flips in the task before it: that one is sent at
 * once, so the last waits a whole coalescing interval (the worst case by design).
 * Returns the roster expected after it; the change's time is read with `changeTimes`.
 */
export const lastChange = (sim, fields, lead = false) =>
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
export const changeTimes = (sim) => sim.evaluate(() => window.__lastChange);

/**
 * Subscribes the page to each subject's roster (external-chat through host-bridge; the relay by envelope, its
 * copy seeded from its simulator) and waits until each holds its simulator's roster.
 */
export async function watchRosters(page, sims, names, fields, timeoutMs) {
  await page.evaluate((t) => window.__bench.watchRoster('chat', t), timeoutMs);
  if (sims.relay) {
    await page.evaluate(() => window.__bench.watchRoster('relay'));
    await page.evaluate((e) => window.__bench.seedRelayRoster(e), await expectedRoster(sims.relay, fields));
  }
  for (const name of names) await page.evaluate(([n, e, t]) => window.__bench.rosterEquals(n, e, t), [name, await expectedRoster(sims[name], fields), timeoutMs]);
}

/** Starts the simulator's churn at `rate` changes a second; resolves with when it started (its clock, epoch ms). */
export const startChurn = (sim, rate) =>
  sim.evaluate((r) => {
    window.__sim.setChurn(r);
    return performance.timeOrigin + performance.now();
  }, rate);

/**
 * Ends a run begun at `startedAt` with the last change, and waits for the page's roster of `name` to equal the
 * meeting's: the last change → that (`convergeMs`), the seconds messages could arrive in (while churn ran, and
 * from the last change to convergence, not the bench's round trips between), and the roster expected.
 */
export async function endRun(page, sim, name, fields, startedAt, timeoutMs) {
  const expected = await lastChange(sim, fields);
  const arrivedAt = await page.evaluate(([n, e, t]) => window.__bench.rosterEquals(n, e, t), [name, expected, timeoutMs]);
  const last = await changeTimes(sim);
  return { convergeMs: arrivedAt - last.at, windowS: (last.stoppedAt - startedAt + arrivedAt - last.at) / 1000, expected };
}
