// The host demo's participants panel against the built plugin in the
// simulator's meeting: what it draws comes from the roster and self topics,
// what it clicks reaches the simulator as participant controls.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RenderedRow } from '../../examples/host/participants-panel';
import { browserSuite, eventually, simFrame } from './harness';

const suite = browserSuite();

const rows = (page: Page): Promise<RenderedRow[]> => page.evaluate(() => window.__host!.participants.rows());
const row = (page: Page, name: string) => page.locator('#participant-list li.person', { has: page.locator('.person-name', { hasText: name }) });
const simRoster = (sim: Frame) => sim.evaluate(() => window.__sim!.roster());
const uuidOf = async (sim: Frame, name: string): Promise<string> => {
  const found = (await simRoster(sim)).find((p) => p.displayName === name);
  if (!found) throw new Error(`no ${name} in the simulator's roster`);
  return found.uuid;
};

async function openMeeting(sim: Record<string, string> = {}) {
  const s = await suite.open({ sim });
  await s.page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
  return { s, page: s.page, sim: await simFrame(s.page, suite.servers) };
}

/** Rows once they stop matching `accept`'s complaint: the last rows seen, for a readable failure. */
const rowsWhen = (page: Page, accept: (rows: RenderedRow[]) => boolean) => eventually(() => rows(page), accept);

describe('participants panel', () => {
  it('draws the meeting from the roster: lobby first, you and the hosts marked, controls as a host may use them', async () => {
    const { page, sim } = await openMeeting();
    const expected = (await simRoster(sim)).filter((p) => !p.isWaiting).map((p) => p.displayName);
    const drawn = await rowsWhen(page, (r) => r.length === 4);
    expect(drawn.map((r) => r.name)).toEqual(['Carol Anderson', ...expected]);
    expect(expected).toEqual(['You', 'Alice Anderson', 'Bob Anderson']);

    const [carol, you, alice, bob] = drawn;
    expect(carol).toMatchObject({ waiting: true, buttons: { admit: { enabled: true }, disconnect: { enabled: true, label: 'Turn Carol Anderson away' } } });
    expect(you).toMatchObject({ you: true, host: true, badges: ['You', 'Host'] });
    expect(Object.keys(you!.buttons)).toEqual(['mute', 'camera', 'hand']);
    expect(alice).toMatchObject({ you: false, host: true, buttons: { role: { enabled: true, on: true, label: 'Make Alice Anderson a guest' } } });
    expect(bob).toMatchObject({ host: false, detail: 'Guest · SIP', buttons: { mute: { enabled: true, on: false }, disconnect: { enabled: true } } });
    // Nobody has a hand up: a host cannot raise someone else's.
    expect(bob!.buttons.hand).toMatchObject({ enabled: false, on: false });
    expect(await page.locator('#participant-count').textContent()).toBe('4');
    expect(await page.locator('#mute-all').isEnabled()).toBe(true);
  });

  it('a dialled participant shows up when it joins and goes when the panel disconnects it', async () => {
    const { page, sim } = await openMeeting();
    await rowsWhen(page, (r) => r.length === 4);
    await page.fill('#dial-destination', 'alice@example.com');
    await page.fill('#dial-name', 'Dora Dial-out');
    await page.click('#dial-submit');
    const joined = await rowsWhen(page, (r) => r.some((x) => x.name === 'Dora Dial-out'));
    expect(joined.map((r) => r.name)).toContain('Dora Dial-out');
    expect(await page.locator('#participant-count').textContent()).toBe('5');

    await row(page, 'Dora Dial-out').locator('button[data-action="disconnect"]').click();
    const after = await rowsWhen(page, (r) => !r.some((x) => x.name === 'Dora Dial-out'));
    expect(after.map((r) => r.name)).toEqual(['Carol Anderson', 'You', 'Alice Anderson', 'Bob Anderson']);
    expect(await sim.evaluate(() => window.__sim!.controls().map((c) => [c.rpc, (c.reply as { status?: number } | undefined)?.status]))).toEqual([
      ['participant:disconnect', 200],
    ]);
    expect((await simRoster(sim)).map((p) => p.displayName)).not.toContain('Dora Dial-out');
    // The answer may come after the roster that shows it.
    expect(await eventually(() => page.evaluate(() => window.__host!.participants.status()), (st) => st.text.endsWith('done'))).toEqual({
      text: 'Disconnect Dora Dial-out: done',
      error: false,
    });
  });

  it('mute, admit and mute-all reach the simulator, and the panel follows its roster', async () => {
    const { page, sim } = await openMeeting();
    await rowsWhen(page, (r) => r.length === 4);
    const bob = await uuidOf(sim, 'Bob Anderson');

    await row(page, 'Bob Anderson').locator('button[data-action="mute"]').click();
    // The roster may show the change before the answer arrives; the button stays busy (disabled) until then.
    const muted = await rowsWhen(page, (r) => {
      const mute = r.find((x) => x.uuid === bob)?.buttons.mute;
      return mute?.on === true && mute.enabled;
    });
    expect(muted.find((x) => x.uuid === bob)?.buttons.mute).toEqual({ enabled: true, on: true, label: 'Unmute Bob Anderson' });
    expect(await sim.evaluate(() => window.__sim!.controls().map(({ rpc, payload, reply }) => ({ rpc, payload, reply })))).toEqual([
      { rpc: 'participant:mute', payload: { mute: true, participantUuid: bob }, reply: { status: 200, data: { status: 'success', result: true } } },
    ]);
    expect((await simRoster(sim)).find((p) => p.uuid === bob)?.isMuted).toBe(true);

    await row(page, 'Carol Anderson').locator('button[data-action="admit"]').click();
    const admitted = await rowsWhen(page, (r) => r.every((x) => !x.waiting));
    expect(admitted.map((r) => r.name)).toEqual(['You', 'Alice Anderson', 'Bob Anderson', 'Carol Anderson']);
    expect(await page.locator('.roster-group').allTextContents()).toEqual(['In the meeting · 4']);

    // Bob is muted already; Carol is the guest left to mute.
    await page.click('#mute-all');
    await eventually(() => page.locator('#mute-all').textContent(), (t) => t === 'Unmute all guests');
    expect((await simRoster(sim)).filter((p) => !p.isHost).map((p) => [p.displayName, p.isMuted])).toEqual([
      ['Bob Anderson', true],
      ['Carol Anderson', true],
    ]);
    expect(await page.locator('#mute-all').getAttribute('aria-pressed')).toBe('true');
  });

  it("shows Infinity's refusal in the status line when the meeting changed under the agent's click", async () => {
    const { page, sim } = await openMeeting();
    await rowsWhen(page, (r) => r.length === 4);
    const bob = await uuidOf(sim, 'Bob Anderson');
    // What the agent sees stays as it was, while Bob's permissions change: a click on a roster 100 ms old.
    await page.evaluate(() => window.__host!.participants.hold(true));
    await sim.evaluate((uuid) => window.__sim!.setPermission(uuid, 'canMute', false), bob);
    await page.waitForFunction((uuid) => window.__host!.chat.roster.find((p) => p.uuid === uuid)?.can.mute === false, bob);

    await row(page, 'Bob Anderson').locator('button[data-action="mute"]').click();
    const status = await eventually(() => page.evaluate(() => window.__host!.participants.status()), (st) => st.error);
    expect(status.error).toBe(true);
    expect(status.text).toMatch(/^Mute Bob Anderson failed: mute: Infinity refused it \(403: .*canMute is false/);
    expect(await page.locator('#participants-status').getAttribute('data-state')).toBe('error');
    expect((await simRoster(sim)).find((p) => p.uuid === bob)?.isMuted).toBe(false);

    // Drawing again, the panel no longer offers what Infinity refuses.
    await page.evaluate(() => window.__host!.participants.hold(false));
    const redrawn = await rowsWhen(page, (r) => r.find((x) => x.uuid === bob)?.buttons.mute?.enabled === false);
    expect(redrawn.find((x) => x.uuid === bob)?.buttons.mute?.enabled).toBe(false);
  });

  it('as a guest: only your own microphone, camera and hand', async () => {
    const { page, sim } = await openMeeting({ role: 'guest' });
    const drawn = await rowsWhen(page, (r) => r.length === 4 && r.some((x) => x.you));
    for (const r of drawn) {
      const usable = Object.entries(r.buttons).filter(([, b]) => b.enabled).map(([action]) => action);
      expect(usable, r.name).toEqual(r.you ? ['mute', 'camera', 'hand'] : []);
    }
    expect(await page.locator('#mute-all').isDisabled()).toBe(true);

    await row(page, 'You').locator('button[data-action="hand"]').click();
    await rowsWhen(page, (r) => r.find((x) => x.you)?.buttons.hand?.on === true);
    expect(await sim.evaluate(() => window.__sim!.me()?.raisedHand)).toBe(true);
    // Your own control names nobody: Infinity takes the caller as its subject.
    expect(await sim.evaluate(() => window.__sim!.controls().map((c) => c.payload))).toEqual([{ raise: true }]);
  });

  it('a meeting of 1,000 draws 100 rows and finds the others by name', async () => {
    const { page, sim } = await openMeeting({ participants: '1000', lobby: '5' });
    const drawn = await rowsWhen(page, (r) => r.length === 100);
    expect(drawn).toHaveLength(100);
    expect(drawn.filter((r) => r.waiting)).toHaveLength(5);
    expect(await page.locator('#participant-count').textContent()).toBe('1001');
    expect(await page.locator('#participants-more').textContent()).toBe('and 901 more: type a name to find someone');

    const wanted = (await simRoster(sim)).filter((p) => p.displayName?.startsWith('Yvonne Johansson')).map((p) => p.displayName);
    expect(wanted.length).toBeGreaterThan(1);
    await page.fill('#participant-filter', 'yvonne johansson');
    const found = await rowsWhen(page, (r) => r.length === wanted.length);
    expect(found.map((r) => r.name).sort()).toEqual([...wanted].sort());
    expect(await page.locator('#participants-more').isHidden()).toBe(true);
  });
});
