import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The unit tests of the mutated modules only: the Makefile, package and README
// tests build and pack, which would cost minutes per mutant and kill none.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['host-bridge/src/**/*.test.ts', 'external-chat/src/**/*.test.ts'] },
});
