import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Two outputs: `vite build` writes the ESM package (comlink stays a dependency);
// `vite build --mode browser` writes one self-contained <script> file.
export default defineConfig(({ mode }) => ({
  resolve: { conditions: ['@external-chat/source', ...defaultClientConditions] },
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
          rolldownOptions: { external: ['comlink'] },
        },
}));
