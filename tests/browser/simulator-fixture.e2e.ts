// The simulator as a tool for others, used as its README shows: a plugin author's test (the simulator is
// the page, serving their branding) and an integrator's (their portal, on its own origin, frames the
// simulator serving the external-chat branding), through simulator/server.mjs and simulator/fixture.mjs.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { attachSimulator, openSimulator } from '@external-chat/webapp3-simulator/fixture';
import { closeServer, listen, serveSimulator, staticHandler, type SimulatorServer } from '@external-chat/webapp3-simulator/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchChromium } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('a plugin author tests their plugin in the simulator', () => {
  let sim: SimulatorServer;
  beforeAll(async () => {
    sim = await serveSimulator({ branding: resolve('tests/browser/fixtures/echo-plugin') });
  });
  afterAll(() => sim?.close());

  it('opens it with their branding and a meeting, and drives it through the hooks', async () => {
    const page = await browser.newPage();
    try {
      const { hooks, pluginFrame } = await openSimulator(page, { url: sim.url, params: { participants: 4, lobby: 0, joinDelay: 0 } });
      expect((await hooks.ready()).plugins).toMatchObject([{ id: 'echo', state: 'acked' }]);
      const [button] = await hooks.buttons();
      expect(button).toMatchObject({ pluginId: 'echo', tooltip: 'Echo', isActive: false });
      await page.click(`[data-button-id="${button!.id}"]`);
      expect(await eventually(() => hooks.buttons(), (buttons) => buttons[0]?.isActive === true)).toHaveLength(1);
      await eventually(() => hooks.inMeeting(), (yes) => yes);
      expect(await hooks.roster()).toHaveLength(5);
      const plugin = await pluginFrame('echo');
      expect(new URL(plugin.url()).pathname).toBe('/webapp3/branding/index.html');
    } finally {
      await page.close();
    }
  });
});

describe('an integrator tests their portal against the simulator with the external-chat branding', () => {
  let sim: SimulatorServer;
  let portal: { origin: string; close(): Promise<void> };
  beforeAll(async () => {
    sim = await serveSimulator({ branding: resolve('webapp3/branding') });
    // The portal: any page of theirs on its own origin; here the original host snippet's page.
    const server = createServer(staticHandler([{ prefix: '/', dir: resolve('tests/browser/fixtures/original-host') }]));
    const port = await listen(server, 0, '127.0.0.1');
    portal = { origin: `http://localhost:${port}`, close: () => closeServer(server) };
  });
  afterAll(async () => {
    await sim?.close();
    await portal?.close();
  });

  it('finds the simulator in the portal’s iframe, and the portal hears the plugin', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${portal.origin}/?webapp=${encodeURIComponent(sim.url)}&sim.joinDelay=0`);
      const { hooks } = await attachSimulator(page, { url: sim.url });
      const [chat] = await hooks.buttons();
      expect(chat).toMatchObject({ pluginId: 'external-chat', tooltip: 'Open Chat' });
      const heard = () => page.evaluate(() => (window as unknown as { heard: { name: string }[] }).heard.map((h) => h.name));
      await eventually(heard, (names) => names.includes('ready'));
      await page.frameLocator('iframe#webapp3').locator(`[data-button-id="${chat!.id}"]`).click();
      expect(await eventually(heard, (names) => names.includes('toggle-chat'))).toContain('toggle-chat');
    } finally {
      await page.close();
    }
  });
});
