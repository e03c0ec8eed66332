// Playwright helpers for tests that run the simulator: a plugin author's (the simulator is the page) and an
// integrator's (the simulator sits in the portal's iframe). They take your Playwright Page: nothing to install
// beyond playwright-core, which your tests already have. Types and examples: fixture.d.mts, README.md.

/** The simulator's own document among `page`'s frames: the one at `url`'s origin and path. */
function isSimulator(frameUrl, url) {
  try {
    const at = new URL(frameUrl);
    const want = new URL(url);
    return at.origin === want.origin && (at.pathname === want.pathname || at.pathname === `${want.pathname}index.html`);
  } catch {
    return false;
  }
}

async function waitForFrame(page, match, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => match(f));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`${what} did not appear within ${timeoutMs} ms; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
    await page.waitForTimeout(25);
  }
}

/** `window.__sim` from the test's side: each hook, called in the simulator's frame, as a promise. */
function hooksOf(frame) {
  return new Proxy(
    {},
    {
      get: (_, name) =>
        typeof name !== 'string' || name === 'then'
          ? undefined
          : (...args) =>
              frame.evaluate(
                ([hook, list]) => {
                  const value = window.__sim[hook];
                  return typeof value === 'function' ? value.apply(window.__sim, list) : value;
                },
                [name, args],
              ),
    },
  );
}

/**
 * Finds the simulator at `url` inside `page` (an integrator's portal that frames it, or the page itself), waits
 * for its hooks and, unless `ready` is false, for every plugin of its manifest to settle.
 */
export async function attachSimulator(page, { url, ready = true, timeoutMs = 10_000 }) {
  const frame = await waitForFrame(page, (f) => isSimulator(f.url(), url), timeoutMs, `the simulator (${url})`);
  await frame.waitForFunction(() => window.__sim !== undefined, undefined, { timeout: timeoutMs, polling: 25 });
  if (ready) await frame.waitForFunction(() => window.__sim.ready.then(() => true), undefined, { timeout: timeoutMs, polling: 25 });
  return {
    page,
    frame,
    hooks: hooksOf(frame),
    async pluginFrame(id) {
      const element = await frame.waitForSelector(`iframe[data-plugin-id=${JSON.stringify(id)}]`, { state: 'attached', timeout: timeoutMs });
      const plugin = await element.contentFrame();
      if (!plugin) throw new Error(`plugin ${id}'s frame has no document`);
      return plugin;
    },
  };
}

/** Opens the simulator at `url` with query `params` in `page` (a plugin author's test), as attachSimulator. */
export async function openSimulator(page, { url, params = {}, ready = true, timeoutMs = 10_000 }) {
  const address = new URL(url);
  for (const [key, value] of Object.entries(params)) address.searchParams.set(key, String(value));
  await page.goto(address.href);
  return attachSimulator(page, { url, ready, timeoutMs });
}
