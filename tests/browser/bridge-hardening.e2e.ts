// host-bridge against other senders on its page and in its frames, and
// without a plugin: the demo host page (localhost) around the simulator
// (127.0.0.1) running the built plugin.
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, DIAL, eventually, PREFIX, pluginFrame, simFrame, type Servers, type Session } from './harness';

const suite = browserSuite();
let servers: Servers;
beforeAll(() => {
  servers = suite.servers;
});

/** Records, in the page, every envelope of ours that reaches its window, whoever it was meant for. */
const listenRaw = (s: Session) =>
  s.page.evaluate((prefix) => {
    const seen: Record<string, unknown>[] = [];
    (window as unknown as { seen: typeof seen }).seen = seen;
    window.addEventListener('message', (event) => {
      const data = event.data as Record<string, unknown> | null;
      if (data && typeof data.action === 'string' && data.action.startsWith(prefix)) seen.push(data);
    });
  }, PREFIX);
const seenRaw = (s: Session) => s.page.evaluate(() => (window as unknown as { seen: Record<string, unknown>[] }).seen);

describe("another sender's dial-outs on the same page", () => {
  it("never settle host-bridge's calls: each call gets its own answer", async () => {
    // A Web App 3 that answers a refused dial (?silent=0): the other script's refusal comes back at once.
    const s = await suite.open({ sim: { silent: '0' } });
    const sim = await simFrame(s.page, servers);
    await s.page.waitForFunction(() => window.__host!.chat.ready.then(() => true));
    await listenRaw(s);
    // host-bridge's two calls join late; the other script's are answered at once, while they are pending.
    await sim.evaluate(() => window.__sim!.setJoinDelay(2000));
    await s.page.evaluate((dial) => {
      const chat = window.__host!.chat;
      const outcome = (p: Promise<{ displayName?: string }>) =>
        p.then(
          (r) => `joined ${r.displayName}`,
          (e: Error) => `${e.name}: ${e.message}`,
        );
      (window as unknown as { ours: Promise<string[]> }).ours = Promise.all([
        outcome(chat.dialOut({ ...dial, destination: 'ann@example.com', remote_display_name: 'ANN' }, { timeoutMs: 0 })),
        outcome(chat.dialOut({ ...dial, destination: 'bob@example.com', remote_display_name: 'BOB' }, { timeoutMs: 0 })),
      ]);
    }, DIAL);
    await eventually(() => sim.evaluate(() => window.__sim!.dialOuts.length), (n) => n === 2);
    await sim.evaluate(() => window.__sim!.setJoinDelay(0));
    // A raw-envelope script on the same page, sending without requestId.
    await s.page.evaluate(
      ([prefix, dial]) => {
        const webapp = (document.getElementById('webapp3') as HTMLIFrameElement).contentWindow!;
        webapp.postMessage({ action: `${prefix}dial-out`, ...dial, destination: 'fail-mallory@example.com' }, '*');
        webapp.postMessage({ action: `${prefix}dial-out`, ...dial, destination: 'zed@example.com', remote_display_name: 'ZED' }, '*');
      },
      [PREFIX, DIAL] as const,
    );
    const foreign = await eventually(
      () => seenRaw(s),
      (l) => l.filter((m) => /dial-out-(success|error)$/.test(String(m.action)) && m.requestId === undefined).length === 2,
    );
    expect(foreign.filter((m) => m.requestId === undefined && String(m.action).includes('dial-out-')).map((m) => m.action).sort()).toEqual([
      `${PREFIX}dial-out-error`,
      `${PREFIX}dial-out-success`,
    ]);
    const ours = await s.page.evaluate(() => (window as unknown as { ours: Promise<string[]> }).ours);
    expect(ours).toEqual(['joined ANN', 'joined BOB']);
  });
});

describe('after ready, the origin of the plugin window still counts', () => {
  it('ignores an event and an answer from the plugin window once it speaks from another origin', async () => {
    const s = await suite.open();
    await s.page.waitForFunction(() => window.__host!.chat.ready.then(() => true));
    await listenRaw(s);
    await s.page.evaluate((dial) => {
      const state = { settled: '' };
      (window as unknown as { call: typeof state }).call = state;
      void window.__host!.chat.dialOut({ ...dial, destination: 'hang@example.com' }, { timeoutMs: 0 }).then(
        (r) => (state.settled = `resolved ${r.uuid}`),
        (e: Error) => (state.settled = e.name),
      );
    }, DIAL);
    const requestId = await eventually(
      () => s.page.evaluate(() => window.__host!.log.find((l) => l.direction === 'out' && l.envelope.action === 'pexip:plugin:external-chat/dial-out')?.envelope.requestId),
      (id) => typeof id === 'string',
    );
    // The same window (the plugin's frame) navigated to a document of another origin (opaque: 'null').
    const forged = [
      { action: `${PREFIX}toggle-chat`, active: true, forged: 1 },
      { action: `${PREFIX}dial-out-success`, uuid: 'forged', requestId, forged: 2 },
    ];
    const script = forged.map((m) => `top.postMessage(${JSON.stringify(m)}, '*');`).join('');
    const plugin = await pluginFrame(s.page);
    await plugin.evaluate((html) => void (location.href = `data:text/html,${encodeURIComponent(html)}`), `<script>${script}</script>`);
    await eventually(() => seenRaw(s), (l) => l.filter((m) => m.forged).length === 2);
    expect((await seenRaw(s)).filter((m) => m.forged)).toEqual(forged);
    // Both were delivered to the page's window before this line ran, and ignored by the bridge.
    expect(await s.page.evaluate(() => window.__host!.log.filter((l) => 'forged' in l.envelope))).toEqual([]);
    expect(await s.page.evaluate(() => window.__host!.panelOpen())).toBe(false);
    expect(await s.page.evaluate(() => (window as unknown as { call: { settled: string } }).call.settled)).toBe('');
  });
});

describe('no plugin', () => {
  it('rejects ready with TimeoutError after connectTimeoutMs and names the likely causes in the console', async () => {
    // A branding bundle with another plugin only.
    const s = await suite.open({ sim: { manifest: '/fixtures/echo-plugin/manifest.json' } });
    const outcome = await s.page.evaluate(async (webappOrigin) => {
      const iframe = document.getElementById('webapp3') as HTMLIFrameElement;
      const chat = window.__host!.connect(iframe, { webappOrigin, connectTimeoutMs: 500 });
      const result = await chat.ready.then(
        () => 'ready',
        (e: Error) => `${e.name}: ${e.message}`,
      );
      chat.close();
      return result;
    }, servers.webappOrigin);
    expect(outcome).toBe('TimeoutError: No external-chat plugin said ready within 500 ms (connectTimeoutMs); see the console for the likely causes');
    const errors = s.console.filter((m) => m.type === 'error' && m.text.startsWith('[external-chat] no external-chat plugin said ready'));
    expect(errors).toHaveLength(1);
    for (const cause of ['manifest.json', `webappOrigin (${servers.webappOrigin})`, 'allowedOrigins', 'allow-same-origin']) {
      expect(errors[0]?.text).toContain(cause);
    }
  });
});
