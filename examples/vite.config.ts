// Multi-page build of the demo's host pages into examples/dist/ (the simulator builds itself: simulator/).
//   dist/host/index.html               served at http://localhost:5180/host/
//   dist/legacy-host/index.html        served at http://localhost:5180/legacy-host/
//   dist/rocketchat-host/index.html    served at http://localhost:5180/rocketchat-host/
//   dist/assets/                       served at /assets/ on both origins
// `base: './'` keeps every asset URL relative (../assets/x.js), so the pages
// work under any mount point of examples/serve.mjs.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

const pages: Record<string, string> = {
  host: 'host/index.html',
  'legacy-host': 'legacy-host/index.html',
  'rocketchat-host': 'rocketchat-host/index.html',
};

const input = Object.fromEntries(Object.entries(pages).map(([name, page]) => [name, `${root}${page}`]));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  // Bundle @external-chat/host-bridge from its TypeScript sources (see its package.json "exports").
  resolve: { conditions: ['@external-chat/source', ...defaultClientConditions] },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    modulePreload: { polyfill: false },
    rolldownOptions: { input },
  },
});
