import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The <script> build's global has no module to emit declarations from: its .d.ts is written by hand (iife.d.ts). */
const iifeTypes = (): Plugin => ({
  name: 'host-bridge-iife-types',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'host-bridge.iife.d.ts', source: readFileSync(here('iife.d.ts'), 'utf8') });
  },
});

// Two outputs: `vite build` writes the ESM package;
// `vite build --mode browser` writes one self-contained <script> file.
export default defineConfig(({ mode }) => ({
  resolve: { conditions: ['@external-chat/source', ...defaultClientConditions] },
  plugins: mode === 'browser' ? [iifeTypes()] : [],
  build:
    mode === 'browser'
      ? {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2022',
          minify: true,
          lib: {
            entry: here('src/browser.ts'),
            formats: ['iife'],
            name: 'ExternalChatBridge',
            fileName: () => 'host-bridge.iife.js',
          },
        }
      : {
          outDir: 'dist',
          emptyOutDir: true,
          target: 'es2022',
          minify: false,
          lib: {
            entry: { index: here('src/index.ts'), 'contract/index': here('src/contract/index.ts') },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
        },
}));
