// How the built plugin reads config.json: only a 404 means "no gating";
// an HTTP error or no answer at all keeps the bridge off (a deployment may
// gate origins there), and the open default is said once at start.
import { FEATURES } from '@external-chat/host-bridge/contract';
import { describe, expect, it } from 'vitest';
import { browserSuite, chatButton, DIAL, eventually, installRawClient, pluginConsole, PREFIX, serve, type Servers, type Session } from './harness';

const suite = browserSuite();

async function withServers(options: Parameters<typeof serve>[0], run: (servers: Servers) => Promise<void>): Promise<void> {
  const servers = await serve(options);
  try {
    await run(servers);
  } finally {
    await servers.close();
  }
}

const OPEN_WARNING =
  `[external-chat] on for any page that frames Web App 3: chat, dial-out; off: ${FEATURES.filter((f) => f !== 'chat' && f !== 'dial-out').join(', ')}. ` +
  "The meeting's data (names, private messages) and host powers go only to a page config.json names: to turn them on for yours, " +
  'put this in plugins/external-chat/config.json: {"allowedOrigins": ["https://your-portal.example.com"]}';

/** The bridge stayed off: no button, no ready to the page, no answer to a ping. */
async function expectBridgeOff(s: Session, servers: Servers): Promise<void> {
  expect(await chatButton(s.page, servers)).toBeUndefined();
  await expect(installRawClient(s.page)).rejects.toThrow('the plugin never answered ping');
  expect(await s.page.evaluate(() => window.__legacy!.received)).toEqual([]);
}

describe('config.json', () => {
  it('answered 404: the Chat button, its badge and dial-out work for any page, and the plugin says once what is on and off', async () => {
    await withServers({ pluginConfig: { status: 404 } }, async (servers) => {
      const s = await suite.open({}, servers);
      const uuid = await s.page.evaluate(async (dial) => {
        const chat = window.__host!.chat;
        await chat.ready;
        await chat.setBadge(true);
        return (await chat.dialOut(dial)).uuid;
      }, DIAL);
      expect(uuid).toEqual(expect.any(String));
      expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true)).toMatchObject({ badge: true });
      expect(pluginConsole(s, 'warning')).toEqual([OPEN_WARNING]);
      expect(pluginConsole(s, 'error')).toEqual([]);
    });
  });

  it('with allowedOrigins: no warning about being open', async () => {
    await withServers({ pluginConfig: JSON.stringify({ allowedOrigins: ['https://portal.example.com'] }) }, async (servers) => {
      const s = await suite.open({ page: 'legacy-host' }, servers);
      expect(await eventually(() => chatButton(s.page, servers), (b) => b !== undefined)).toBeDefined();
      // This page is not allowed: a message from it is warned about, after anything said at start.
      await s.page.evaluate((message) => {
        const webapp = (document.getElementById('webapp3') as HTMLIFrameElement).contentWindow!;
        for (let i = 0; i < webapp.frames.length; i++) webapp.frames[i]!.postMessage(message, '*');
      }, { action: `${PREFIX}ping` });
      const warnings = await eventually(async () => pluginConsole(s, 'warning'), (l) => l.length > 0);
      expect(warnings).toEqual([`[external-chat] dropped a message from ${servers.hostOrigin}: it is not in config.json's allowedOrigins`]);
    });
  });

  it('answered 500: the bridge stays off and the console says why', async () => {
    await withServers({ pluginConfig: { status: 500 } }, async (servers) => {
      const s = await suite.open({ page: 'legacy-host' }, servers);
      const errors = await eventually(async () => pluginConsole(s, 'error'), (l) => l.length > 0);
      expect(errors).toEqual([
        `[external-chat] fetching ${servers.webappOrigin}/webapp3/branding/plugins/external-chat/config.json answered HTTP 500; ` +
          'only a 404 means "no config.json". The chat bridge stays off until config.json can be read and is valid, or is removed (404).',
      ]);
      await expectBridgeOff(s, servers);
    });
  });

  it('never answered: start-up gives up after 5 s, keeps the bridge off and says what to check', async () => {
    await withServers({ pluginConfig: 'never-answer' }, async (servers) => {
      const s = await suite.open({ page: 'legacy-host' }, servers);
      const errors = await eventually(async () => pluginConsole(s, 'error'), (l) => l.length > 0, 15_000);
      expect(errors).toEqual([
        `[external-chat] ${servers.webappOrigin}/webapp3/branding/plugins/external-chat/config.json got no answer within 5 s: ` +
          "check that the server answers requests for the plugin's folder (a proxy or firewall that holds them?). " +
          'The chat bridge stays off until config.json can be read and is valid, or is removed (404).',
      ]);
      await expectBridgeOff(s, servers);
    });
  });
});
