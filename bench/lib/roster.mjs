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
