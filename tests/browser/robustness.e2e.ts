// Concurrency, timeouts, plugin reloads, late bridges, id mismatch, strict CSP.
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, chatButton, DIAL, eventually, serve, simFrame, type Servers, type Session } from './harness';

const suite = browserSuite();
let servers: Servers;
beforeAll(() => {
  servers = suite.servers;
});

describe('host-bridge in the browser', () => {
  it('resolves concurrent dial-outs to their own callers, whatever order they are answered in', async () => {
    // ?silent=0: a Web App 3 that answers a refused dial, so fail-eve's answer comes back among the others.
    const s = await suite.open({ sim: { silent: '0' } });
    const { results, order } = await s.page.evaluate(async (dial) => {
      const chat = window.__host!.chat;
      await chat.ready;
      // slow… destinations join 300 ms later: the replies come back in another order than the calls.
      const names = ['slow-ann', 'bob', 'slow-cat', 'dan', 'fail-eve', 'fay'];
      const order: string[] = [];
      const settled = await Promise.allSettled(
        names.map((n) =>
          chat.dialOut({ ...dial, destination: `${n}@example.com`, remote_display_name: n.toUpperCase() }).finally(() => order.push(n)),
        ),
      );
      return { results: settled.map((r) => (r.status === 'fulfilled' ? r.value.displayName : (r.reason as Error).name)), order };
    }, DIAL);
    expect(results).toEqual(['SLOW-ANN', 'BOB', 'SLOW-CAT', 'DAN', 'DialOutError', 'FAY']);
    expect(order.slice(-2).sort()).toEqual(['slow-ann', 'slow-cat']);
  });

  it('times out a dial-out that is never answered', async () => {
    const s = await suite.open();
    const error = await s.page.evaluate(async (dial) => {
      const chat = window.__host!.chat;
      return chat.dialOut({ ...dial, destination: 'hang@example.com' }, { timeoutMs: 300 }).then(
        () => 'resolved',
        (e: Error) => `${e.name}: ${e.message}`,
      );
    }, DIAL);
    expect(error).toBe('TimeoutError: dialOut got no answer from the plugin within 300 ms');
  });

  it('re-applies button state after a plugin reload and rejects what the old instance had in flight', async () => {
    const s = await suite.open();
    const sim = await simFrame(s.page, servers);
    await s.page.evaluate(async () => {
      const chat = window.__host!.chat;
      await chat.setButtonActive(true);
      await chat.setBadge(true);
    });
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.isActive === true && b.badge)).toMatchObject({ isActive: true, badge: true });
    await s.page.evaluate((dial) => {
      const w = window as unknown as { pending: Promise<string> };
      w.pending = window.__host!.chat.dialOut({ ...dial, destination: 'hang@example.com' }, { timeoutMs: 0 }).then(
        () => 'resolved',
        (e: Error & { reason?: string }) => `${e.name}/${e.reason}`,
      );
    }, DIAL);
    await eventually(() => sim.evaluate(() => window.__sim!.dialOuts.length), (n) => n === 1);
    await sim.evaluate(() => window.__sim!.reloadPlugins());
    expect(await s.page.evaluate(() => (window as unknown as { pending: Promise<string> }).pending)).toBe('CallInterruptedError/plugin-restarted');
    // The new instance started blank; the bridge told it the state again.
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.isActive === true && b.badge)).toMatchObject({
      isActive: true,
      badge: true,
      tooltip: 'Close Chat',
    });
    const readies = await s.page.evaluate(() => window.__host!.log.filter((l) => l.envelope.action === 'pexip:plugin:external-chat/ready').map((l) => l.envelope.instanceId));
    expect(new Set(readies).size).toBe(2);
  });

  it('leaves no listener on Web App 3 behind when plugins are reloaded', async () => {
    const s = await suite.open();
    const sim = await simFrame(s.page, servers);
    const cdp = await s.context.newCDPSession(sim);
    const messageListeners = async (): Promise<number> => {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
      return listeners.filter((l) => l.type === 'message').length;
    };
    const before = await messageListeners();
    for (let i = 0; i < 3; i++) await sim.evaluate(() => window.__sim!.reloadPlugins());
    await s.page.waitForFunction(() => window.__host!.chat.ready.then(() => true));
    expect(await messageListeners()).toBe(before);
  });

  it('a bridge created after the plugin said ready still connects (by ping)', async () => {
    const s = await suite.open();
    const outcome = await s.page.evaluate(async (webappOrigin) => {
      // The plugin's own ready has come and gone: only an answer to the late bridge's ping can connect it.
      await window.__host!.chat.ready;
      const iframe = document.getElementById('webapp3') as HTMLIFrameElement;
      const late = window.__host!.connect(iframe, { webappOrigin, connectTimeoutMs: 5000 });
      await late.ready;
      await late.setBadge(true);
      late.close();
      return 'connected';
    }, servers.webappOrigin);
    expect(outcome).toBe('connected');
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true)).toMatchObject({ badge: true });
  });
});

describe('Web App 3 rules', () => {
  it("registers a plugin whose id differs from the manifest's, and refuses a second one with the id of a live plugin", async () => {
    const s = await suite.open({ sim: { manifest: '/fixtures/mismatch/manifest.json' } });
    const sim = await simFrame(s.page, servers);
    // plugin-api 21.0.0 requires the ids to match for addWidget only (LEDGER.md); the id already live is refused.
    const rejections = await eventually(() => sim.evaluate(() => window.__sim!.rejections.map((r) => [r.receivedId, r.reason])), (r) => r.length === 1);
    expect(rejections).toEqual([['external-chat', 'A plugin with the same id already exists']]);
    const buttons = await eventually(() => sim.evaluate(() => window.__sim!.buttons()), (b) => b.length === 1);
    expect(buttons.map((b) => b.icon)).toEqual(['IconChat']);
    expect(s.console.filter((m) => m.type === 'error' && m.text.includes("Can't register plugin"))).toHaveLength(1);
  });

  it('keeps the bridge off, saying so once, when Web App 3 is not embedded in a page', async () => {
    const s = await suite.session();
    await s.page.goto(`${servers.webappOrigin}/webapp3/?joinDelay=0`);
    await s.page.waitForFunction(() => window.__sim?.ready.then(() => true));
    await eventually(async () => s.console.some((m) => m.text.includes('loaded v')), Boolean);
    await s.page.evaluate(() => window.postMessage({ action: 'pexip:plugin:external-chat/ping' }, '*'));
    await s.page.waitForTimeout(200);
    const notes = s.console.filter((m) => m.text.startsWith('[external-chat]')).map((m) => m.text);
    expect(notes).toEqual(['[external-chat] Web App 3 is not embedded in another page; the chat bridge stays off.']);
    expect(await s.page.evaluate(() => window.__sim!.buttons())).toEqual([]);
  });

  it("prints plugin-api's debug output only when config.json asks for it", async () => {
    const quiet = await suite.open();
    await quiet.page.evaluate(() => window.__host!.chat.setBadge(true));
    const debugging = await serve({ demoConfig: { debug: true } });
    try {
      const loud = await suite.open({}, debugging);
      await loud.page.evaluate(() => window.__host!.chat.setBadge(true));
      const debug = (s: Session) => s.console.filter((m) => m.type === 'debug' && m.text.startsWith('[external-chat]'));
      expect(debug(quiet)).toEqual([]);
      const lines = await eventually(async () => debug(loud), (l) => l.some((m) => m.text.includes("'ui:button:update' called")));
      expect(lines.some((m) => m.text.includes("'ui:button:update' called"))).toBe(true);
    } finally {
      await debugging.close();
    }
  });

  it('runs the built plugin with the branding folder under a strict Content-Security-Policy', async () => {
    const strict = await serve({ csp: 'strict' });
    try {
      const s = await suite.open({}, strict);
      const response = await s.page.request.get(`${strict.webappOrigin}/webapp3/branding/plugins/external-chat/index.html`);
      expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
      const result = await s.page.evaluate(async (dial) => {
        const chat = window.__host!.chat;
        await chat.ready;
        return (await chat.dialOut(dial)).uuid;
      }, DIAL);
      expect(result).toEqual(expect.any(String));
      expect(s.console.filter((m) => /Content Security Policy|Refused to/i.test(m.text))).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});
