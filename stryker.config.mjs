// `make mutate`: StrykerJS with its Vitest runner over the code the wire's
// promises live in (not part of `make test`: it reruns the unit tests per mutant).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'host-bridge/src/contract/*.ts',
    'host-bridge/src/host-endpoint.ts',
    'host-bridge/src/pending-calls.ts',
    'host-bridge/src/connect.ts',
    'external-chat/src/plugin-endpoint.ts',
    'external-chat/src/service.ts',
    'external-chat/src/latest-wins.ts',
    'external-chat/src/roster.ts',
    'external-chat/src/controls.ts',
    'external-chat/src/topics.ts',
    'external-chat/src/coalesce.ts',
    'external-chat/src/meeting-chat.ts',
    'external-chat/src/labels.ts',
    'external-chat/src/rate-limit.ts',
    'external-chat/src/button-state.ts',
    'external-chat/src/relay.ts',
    'external-chat/src/fingerprint.ts',
    '!**/*.test.ts',
    '!**/*.d.ts',
  ],
  // Only the mutated sources: Stryker's default would also mark the README's JS snippet file.
  disableTypeChecks: '{host-bridge,external-chat}/src/**/*.ts',
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: 85 },
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
