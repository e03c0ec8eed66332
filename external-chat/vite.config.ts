import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import { classicScript } from './classic-script.ts';
import { PREREQUISITES } from '../scripts/prerequisites.mjs';
import { devCertificate } from './dev-certificate.ts';
import { relayInitFingerprint } from './relay-source.ts';
import { assertManifestRegisters } from './manifest-check.ts';
import { PLUGIN_ID } from './src/plugin-id.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const { version } = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };

export default defineConfig(({ command }) => {
  assertManifestRegisters(here('../webapp3/branding/manifest.json'), PLUGIN_ID);
  return {
    // Relative URLs: the plugin is served from plugins/external-chat/ inside the branding bundle.
    base: './',
    // A missing config.json must be a 404, not the SPA fallback page.
    appType: 'mpa',
    // Bundle host-bridge's contract from its TypeScript sources inside the workspace.
    // plugin-api's ids come from the browser (src/random-id.ts), not from the `uuid` package's polyfills.
    resolve: { conditions: ['@external-chat/source', ...defaultClientConditions], alias: { uuid: here('./src/random-id.ts') } },
    define: { __PLUGIN_VERSION__: JSON.stringify(version), __RELAY_INIT_FINGERPRINT__: JSON.stringify(relayInitFingerprint(here('public/relay.js'))) },
    plugins: command === 'serve' ? [] : [classicScript()],
    // https from mkcert's own CA (the one `mkcert -install` trusts), never installing anything itself.
    server: { port: 5173, strictPort: true, https: command === 'serve' ? devCertificate(PREREQUISITES.mkcert.path, here('../.certs')) : undefined, cors: true },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // Infinity serves the branding bundle under script-src 'self': no inline preload polyfill.
      modulePreload: { polyfill: false },
      // terser rather than Vite's default (oxc): the same code 80 B smaller gzipped (make bench, figure 5), and the plugin's
      // size budget is frozen. Two passes; more measured larger.
      minify: 'terser',
      terserOptions: { compress: { passes: 2 } },
      // One classic script (see classic-script.ts): it loads without CORS when the plugin's frame has an opaque origin.
      rolldownOptions: { output: { format: 'iife' } },
    },
  };
});
