// Clicks through the demo as a person would and takes the README's picture
// from the real page. The PNG goes to test-results/; UPDATE_DOCS=1 also
// writes docs/demo.png (commit it when the demo's look changes).
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserSuite, chatButton, eventually, openHost, simFrame } from './harness';

const suite = browserSuite();

describe('the demo, clicked through', () => {
  it('opens the chat, raises the badge, dials three ways, and looks right', async () => {
    const { servers } = suite;
    const s = await suite.session();
    await openHost(s, servers, { sim: { joinDelay: '300' } });
    const { page } = s;
    await page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
    const sim = await simFrame(page, servers);

    await page.click('#simulate-message');
    expect(await eventually(() => chatButton(page, servers), (b) => b?.badge === true)).toMatchObject({ badge: true });
    await sim.getByRole('button', { name: 'Open Chat' }).click();
    await page.waitForSelector('#chat-panel:not([hidden])');
    expect(await eventually(() => chatButton(page, servers), (b) => b?.isActive === true && !b.badge)).toMatchObject({
      isActive: true,
      badge: false,
      tooltip: 'Close Chat',
    });

    for (const [destination, name, timeout] of [
      ['alice@example.com', 'Alice (billing)', ''],
      ['fail@example.com', '', ''],
      ['hang@example.com', '', '1000'],
    ] as const) {
      await page.fill('#dial-destination', destination);
      await page.fill('#dial-name', name);
      await page.fill('#dial-timeout', timeout);
      await page.click('#dial-submit');
    }
    const calls = await eventually(
      () => page.evaluate(() => window.__host!.calls.map((c) => c.status)),
      (list) => list.length === 3 && !list.includes('pending'),
    );
    expect(calls).toEqual(['ok', 'error', 'error']);
    expect(await sim.evaluate(() => window.__sim!.participants().filter((p) => p.state === 'joined').map((p) => p.displayName))).toEqual([
      'Alice (billing)',
    ]);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/demo.png' });
    expect(statSync('test-results/demo.png').size).toBeGreaterThan(20_000);
    if (process.env.UPDATE_DOCS === '1') copyFileSync('test-results/demo.png', 'docs/demo.png');
  });
});
