// What the runner (bench/run.mjs) hands every figure: types only.

/**
 * @typedef {object} Bench
 * @property {boolean} quick --quick: counts and sizes only, no timing (each figure does less, or nothing)
 * @property {import('./rows.mjs').AddRow} row adds a row to the table
 * @property {(...xs: unknown[]) => void} debug prints to stderr with BENCH_DEBUG=1 (every round's figures)
 * @property {any} browser Chromium, launched by tests/browser/chromium.mjs (Playwright's Browser)
 * @property {{ hostOrigin: string, webappOrigin: string, close(): Promise<void> }} servers the demo servers (examples/serve.mjs)
 * @property {string[]} errors what went wrong in the pages (page errors, console errors); the run fails on any
 */

export {};
