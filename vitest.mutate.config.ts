import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The unit tests of the mutated modules only: the Makefile, package and README
// tests build and pack, which would cost minutes per mutant and kill none.
// In Stryker's sandbox the workspace packages are reached through node_modules, where Vite would resolve
// them as dependencies (Node's conditions: the built dist, and no `./internal` entry at all): it must read
// their sources, mutated, as the plugin's own tests do.
export default defineConfig({
  ...base,
  ssr: { resolve: { conditions: ['@external-chat/source', ...defaultServerConditions] } },
  test: {
    ...base.test,
    include: ['host-bridge/src/**/*.test.ts', 'external-chat/src/**/*.test.ts'],
    server: { deps: { inline: [/@pexip\//, /@external-chat\//] } },
  },
});
