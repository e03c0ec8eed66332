// The development loop: the simulator loads the plugin from Vite's https dev
// server, the host page talks to it straight, and a saved change reloads it
// without a manual rebuild.
//
// The certificate comes from the project's own config (mkcert, no install) with
// a certificate authority of this test's own: CAROOT points at a temporary
// directory, so nothing is added to the system or NSS trust stores and the test
// runs as any user. Chromium trusts the served key by its SPKI pin, and Node's
// TLS checks the served chain against that CA alone.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from 'node:tls';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatButton, eventually, launchChromium, newSession, openHost, serve, type Servers, type Session } from './harness';

const caroot = mkdtempSync(join(tmpdir(), 'external-chat-caroot-'));
const savedCaroot = process.env.CAROOT;
let vite: ViteDevServer;
let devPort: number;
let devOrigin: string;
let browser: Browser;
let servers: Servers;
const sessions: Session[] = [];

const spkiSha256 = (pem: string): string =>
  createHash('sha256')
    .update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');

/** The certificate the dev server presents, verified against `ca` as the only trust anchor. */
const servedCertificate = (port: number, ca: string) =>
  new Promise<X509Certificate>((done, fail) => {
    const socket = connect({ host: 'localhost', port, servername: 'localhost', ca, rejectUnauthorized: true }, () => {
      const raw = socket.getPeerX509Certificate();
      socket.end();
      if (raw) done(raw);
      else fail(new Error('the dev server presented no certificate'));
    });
    socket.on('error', fail);
  });

beforeAll(async () => {
  process.env.CAROOT = caroot;
  vite = await createServer({
    configFile: resolve('external-chat/vite.config.ts'),
    root: resolve('external-chat'),
    server: { port: 0, strictPort: false },
    logLevel: 'error',
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  devPort = typeof address === 'object' && address ? address.port : 0;
  devOrigin = `https://localhost:${devPort}`;
  const served = await servedCertificate(devPort, readFileSync(join(caroot, 'rootCA.pem'), 'utf8'));
  [browser, servers] = await Promise.all([launchChromium([`--ignore-certificate-errors-spki-list=${spkiSha256(served.toString())}`]), serve()]);
});
afterEach(async () => {
  for (const s of sessions.splice(0)) {
    expect(s.errors).toEqual([]);
    await s.context.close();
  }
});
afterAll(async () => {
  await browser?.close();
  await servers?.close();
  await vite?.close();
  if (savedCaroot === undefined) delete process.env.CAROOT;
  else process.env.CAROOT = savedCaroot;
  rmSync(caroot, { recursive: true, force: true });
});

describe('the plugin served by the Vite dev server', () => {
  it('serves https with a localhost certificate from the CA in $CAROOT, and nothing else trusts it', async () => {
    const ca = new X509Certificate(readFileSync(join(caroot, 'rootCA.pem')));
    const served = await servedCertificate(devPort, ca.toString());
    expect(served.checkIssued(ca)).toBe(true);
    expect(served.checkHost('localhost')).toBe('localhost');
    // A Chromium without the pin refuses it: the test's CA is in no trust store.
    const unpinned = await launchChromium();
    try {
      const page = await unpinned.newPage();
      await expect(page.goto(`${devOrigin}/`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await unpinned.close();
    }
  });

  it('connects to the host page, and a saved change reloads it with the state re-applied', async () => {
    const s = await newSession(browser);
    sessions.push(s);
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

  it("posts from its own frame (Web App 3 is another origin), which the corrected raw snippet hears and answers", async () => {
    const s = await newSession(browser);
    sessions.push(s);
    await openHost(s, servers, { page: 'legacy-host', sim: { plugin: `${devOrigin}/` } });
    const received = () => s.page.evaluate(() => window.__legacy!.received.map((r) => r.action));
    expect(await eventually(received, (l) => l.includes('pexip:plugin:external-chat/ready'))).toContain('pexip:plugin:external-chat/ready');
    const mode = s.console.filter((m) => m.text.includes('[external-chat] posting')).map((m) => m.text);
    expect(mode).toEqual([expect.stringMatching(/^\[external-chat\] posting from the plugin's own frame .*: Web App 3's document is out of the plugin's reach/)]);
    // bridge.js learnt the plugin's window from `ready` and posts to it.
    await s.page.click('#simulate-message');
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true)).toMatchObject({ badge: true });
  });
});
