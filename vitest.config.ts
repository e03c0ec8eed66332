import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { relayInitFingerprint } from './external-chat/relay-source.ts';

export default defineConfig({
  resolve: { conditions: ['@external-chat/source', ...defaultClientConditions] },
  // As the plugin's build defines it (external-chat/vite.config.ts).
  define: { __RELAY_INIT_FINGERPRINT__: JSON.stringify(relayInitFingerprint('external-chat/public/relay.js')) },
  test: {
    environment: 'happy-dom',
    include: ['host-bridge/src/**/*.test.ts', 'external-chat/**/*.test.ts', 'examples/**/*.test.ts', 'simulator/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // A test that is skipped or has no assertion must not count as passing.
    expect: { requireAssertions: true },
    allowOnly: false,
    passWithNoTests: false,
    // Pexip's packages import their own modules without file extensions, which Node does not resolve: Vite does.
    server: { deps: { inline: [/@pexip\//] } },
  },
});
