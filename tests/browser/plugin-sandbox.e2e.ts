// The built plugin in a frame without allow-same-origin (a branding manifest
// without sandboxValues): an opaque origin, for which every fetch to its own
// server is cross-origin. The script must load anyway (a classic script needs
// no CORS), and config.json, which does need CORS, must fail closed, saying why.
import { describe, expect, it } from 'vitest';
import { browserSuite, chatButton, DIAL, eventually, pluginConsole, pluginFrame, serve, simFrame } from './harness';

const suite = browserSuite();
const OPAQUE = { manifest: '/fixtures/opaque/manifest.json' };

describe('a plugin frame with an opaque origin', () => {
  it('runs the script without any CORS header, and keeps the bridge off, naming the cause and both fixes', async () => {
    const { servers } = suite;
    const s = await suite.open({ page: 'legacy-host', sim: OPAQUE });
    const plugin = await pluginFrame(s.page);
    expect(await plugin.evaluate(() => [self.origin, document.querySelector('script')?.outerHTML])).toEqual([
      'null',
      expect.stringMatching(/^<script defer="" src="\.\/assets\/index-[\w-]+\.js"><\/script>$/),
    ]);
    const sim = await simFrame(s.page, servers);
    // Web App 3's sandbox for a plugin without sandboxValues.
    expect(await sim.evaluate(() => document.querySelector('iframe[src*="/plugins/external-chat/"]')?.getAttribute('sandbox'))).toBe('allow-scripts');
    expect(await sim.evaluate(() => window.__sim!.timings['external-chat']?.syn)).toEqual(expect.any(Number));
    const errors = await eventually(async () => pluginConsole(s, 'error'), (l) => l.length > 0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("the plugin's frame has an opaque origin ('null')");
    expect(errors[0]).toContain('Give this plugin "allow-same-origin" in the branding manifest\'s "sandboxValues"');
    expect(errors[0]).toContain('serve config.json with Access-Control-Allow-Origin: *');
    expect(await chatButton(s.page, servers)).toBeUndefined();
    expect(await s.page.evaluate(() => window.__legacy!.received)).toEqual([]);
  });

  it('with CORS on config.json alone, shows the button and the page drives it (host-bridge posting to origin *), under a strict CSP', async () => {
    const servers = await serve({ pluginConfigCors: true, csp: 'strict' });
    try {
      const s = await suite.open({ sim: OPAQUE }, servers);
      const plugin = await pluginFrame(s.page);
      expect(await plugin.evaluate(() => self.origin)).toBe('null');
      // The plugin speaks from origin 'null', which a bridge accepts only when webappOrigin names it (any sandboxed
      // frame in Web App 3 speaks from there too); it can then only answer with targetOrigin '*'. The demo page's own
      // bridge, and a bridge left to its default (the iframe's origin), ignore it.
      const uuid = await s.page.evaluate(async (dial) => {
        const iframe = document.getElementById('webapp3') as HTMLIFrameElement;
        const unnamed = window.__host!.connect(iframe, { connectTimeoutMs: 1_000 });
        const refused = await unnamed.ready.then(() => 'connected', (e: Error) => e.name);
        unnamed.close();
        if (refused !== 'TimeoutError') throw new Error(`a bridge that does not name 'null' connected: ${refused}`);
        const chat = window.__host!.connect(iframe, { webappOrigin: [new URL(iframe.src).origin, 'null'] });
        await chat.ready;
        await chat.setBadge(true);
        await chat.setButtonActive(true);
        return (await chat.dialOut(dial)).uuid;
      }, DIAL);
      expect(uuid).toEqual(expect.any(String));
      expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true && b.isActive)).toMatchObject({
        badge: true,
        isActive: true,
        tooltip: 'Close Chat',
      });
      // The page's bridge that did not name 'null' said why it found no plugin; the plugin wrote no error.
      expect(pluginConsole(s, 'error').filter((line) => !line.startsWith('[external-chat] no external-chat plugin said ready'))).toEqual([]);
      expect(s.console.filter((m) => /Content Security Policy|Refused to/i.test(m.text))).toEqual([]);
    } finally {
      await servers.close();
    }
  });
});
