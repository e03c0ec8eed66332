// The development loop: the simulator loads the plugin from Vite's https dev
// server (certificate from the local mkcert), the host page talks to it
// straight, and a saved change reloads it without a manual rebuild.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, chatButton, eventually, openHost } from './harness';

const suite = browserSuite();
let vite: ViteDevServer;
let devOrigin: string;

beforeAll(async () => {
  vite = await createServer({
    configFile: resolve('external-chat/vite.config.ts'),
    root: resolve('external-chat'),
    server: { port: 0, strictPort: false },
    logLevel: 'warn',
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  devOrigin = `https://localhost:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await vite?.close();
});

describe('the plugin served by the Vite dev server', () => {
  it('connects to the host page, and a saved change reloads it with the state re-applied', async () => {
    const { servers } = suite;
    const s = await suite.session({ ignoreHTTPSErrors: true });
    await openHost(s, servers, { sim: { plugin: `${devOrigin}/` } });
    const readies = () =>
      s.page.evaluate(() => window.__host!.log.filter((l) => l.envelope.action === 'pexip:plugin:external-chat/ready').map((l) => l.envelope.instanceId));
    await s.page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
    expect(s.page.frames().some((f) => f.url().startsWith(devOrigin))).toBe(true);
    await s.page.evaluate(() => window.__host!.chat.setBadge(true));
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true)).toMatchObject({ badge: true });

    const before = new Set(await readies());
    // Save a plugin source file (same content): Vite reloads the plugin frame.
    // (Not one vite.config.ts imports: that restarts the whole server.)
    const file = resolve('external-chat/src/button-state.ts');
    writeFileSync(file, readFileSync(file, 'utf8'));
    const after = await eventually(readies, (ids) => ids.some((id) => !before.has(id)), 15_000);
    expect(after.filter((id) => !before.has(id))).toHaveLength(1);
    // The new instance started blank; the bridge told it the badge again.
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true)).toMatchObject({ badge: true });
  });
});
