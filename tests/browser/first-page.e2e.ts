// The README's first page, as written there, on its own origin, with the iframe pointed at the simulator
// serving the deployed branding bundle (its config.json as shipped: chat and dial-out for any page).
import { createServer } from 'node:http';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { attachSimulator } from '@external-chat/webapp3-simulator/fixture';
import { closeServer, listen, serveSimulator, staticHandler, type SimulatorServer } from '@external-chat/webapp3-simulator/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, eventually, launchChromium } from './harness';

/** The page between the README's first-page markers, its iframe pointed at `webapp`. */
function firstPage(webapp: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const block = readme.slice(readme.indexOf('<!-- first-page:start -->'), readme.indexOf('<!-- first-page:end -->'));
  const html = block.slice(block.indexOf('```html\n') + '```html\n'.length, block.lastIndexOf('```'));
  const src = html.match(/<iframe[^>]*\ssrc="([^"]+)"/s)?.[1];
  expect(src, "the first page's iframe src").toMatch(/^https:\/\//);
  return html.replace(`src="${src}"`, `src="${webapp}"`);
}

describe("the README's first page", () => {
  let browser: Browser;
  let sim: SimulatorServer;
  let portal: { origin: string; close(): Promise<void> };
  let dir: string;
  beforeAll(async () => {
    assertBuilt();
    sim = await serveSimulator({ branding: resolve('webapp3/branding') });
    dir = mkdtempSync(join(tmpdir(), 'first-page-'));
    writeFileSync(join(dir, 'index.html'), firstPage(`${sim.url}?joinDelay=0`));
    copyFileSync('host-bridge/dist/host-bridge.iife.js', join(dir, 'host-bridge.iife.js'));
    const server = createServer(staticHandler([{ prefix: '/', dir }]));
    portal = { origin: `http://localhost:${await listen(server, 0, '127.0.0.1')}`, close: () => closeServer(server) };
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await portal?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens its chat from the Chat button, counts unread messages on it, and dials out', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${portal.origin}/`);
      const { hooks } = await attachSimulator(page, { url: sim.url });
      const [button] = await hooks.buttons();
      expect(button).toMatchObject({ pluginId: 'external-chat', isActive: false, badge: false });

      // A message while the chat is closed: the badge, and the count in the tooltip.
      await page.evaluate(() => (window as unknown as { onYourChatMessage(text: string): void }).onYourChatMessage('Hello from the web chat'));
      expect(await eventually(() => hooks.buttons(), ([b]) => b?.badge === true)).toMatchObject([{ badge: true, tooltip: 'Open Chat (1 unread)' }]);

      await page.frameLocator('iframe#webapp3').locator(`[data-button-id="${button!.id}"]`).click();
      await page.locator('aside#chat').waitFor({ state: 'visible' });
      expect(await eventually(() => hooks.buttons(), ([b]) => b?.isActive === true && !b.badge)).toMatchObject([{ isActive: true, badge: false, tooltip: 'Close Chat' }]);
      expect(await page.locator('#messages li').allTextContents()).toEqual(['Hello from the web chat']);

      await page.click('#dial');
      expect(await eventually(() => page.locator('#status').textContent(), (text) => Boolean(text))).toMatch(/ joined$/);
      expect((await hooks.participants()).map((p) => p.destination)).toEqual(['supervisor@example.com']);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
