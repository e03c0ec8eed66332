import { defineConfig } from 'vitest/config';

// Real Chromium against the built plugin inside the simulator inside a host
// page on another origin. One file at a time: two cores, one browser each.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/browser/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    expect: { requireAssertions: true },
    allowOnly: false,
    globalSetup: ['tests/browser/global-setup.ts'],
  },
});
