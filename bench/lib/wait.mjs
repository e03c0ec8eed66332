export const sleep = (t) => new Promise((r) => setTimeout(r, t));

/** Polls `read` every 25 ms until it returns something truthy, which it resolves with; throws after `timeoutMs`. */
export async function waitUntil(read, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
