// The host-bridge demo page (localhost) embedding the simulator (127.0.0.1)
// that runs the built plugin: every action, both directions.
import { beforeEach, describe, expect, it } from 'vitest';
import { browserSuite, chatButton, eventually, openHost, PREFIX, simFrame, type Servers, type Session } from './harness';

const suite = browserSuite();
let servers: Servers;
let s: Session;

beforeEach(async () => {
  servers = suite.servers;
  s = await suite.session();
  await openHost(s, servers);
  await s.page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
});

const received = (name: string) =>
  s.page.evaluate((action) => window.__host?.log.filter((l) => l.direction === 'in' && l.envelope.action === action).map((l) => l.envelope) ?? [], PREFIX + name);

describe('host-bridge page ↔ built plugin in the simulator', () => {
  it('ready carries an instanceId and promises echoed requestIds; the plugin logs its version', async () => {
    const [ready] = await received('ready');
    expect(ready?.instanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ready?.echoesRequestId).toBe(true);
    expect(s.console.some((m) => /^plugin: external-chat loaded v\d+\.\d+\.\d+$/.test(m.text))).toBe(true);
    // The quiet logger: no per-message debug output from plugin-api.
    expect(s.console.filter((m) => m.type === 'debug')).toEqual([]);
  });

  it('clicking Chat posts toggle-chat; the page echoes the state; the button follows', async () => {
    const sim = await simFrame(s.page, servers);
    expect(await chatButton(s.page, servers)).toMatchObject({ tooltip: 'Open Chat', isActive: false, badge: false, icon: 'IconChat' });
    await sim.getByRole('button', { name: 'Open Chat' }).click();
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.isActive === true)).toMatchObject({ tooltip: 'Close Chat', isActive: true });
    expect(await received('toggle-chat')).toEqual([{ action: `${PREFIX}toggle-chat`, active: true }]);
    expect(await s.page.evaluate(() => window.__host?.panelOpen())).toBe(true);
    await sim.getByRole('button', { name: 'Close Chat' }).click();
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.isActive === false)).toMatchObject({ tooltip: 'Open Chat' });
    expect((await received('toggle-chat')).at(-1)).toEqual({ action: `${PREFIX}toggle-chat`, active: false });
    expect(await s.page.evaluate(() => window.__host?.panelOpen())).toBe(false);
  });

  it('the badge follows the page and survives an active change', async () => {
    await s.page.click('#simulate-message');
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true)).toMatchObject({ badge: true, isActive: false });
    await s.page.evaluate(() => window.__host?.chat.setButtonActive(true));
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.isActive === true)).toMatchObject({ badge: true, tooltip: 'Close Chat (1 unread)' });
    await s.page.click('#clear-badge');
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === false)).toMatchObject({ badge: false, isActive: true });
  });

  it('dials out from the form: success, a refusal Web App 3 never answers, and a call that never joins', async () => {
    const dial = async (destination: string, timeout = '') => {
      await s.page.fill('#dial-destination', destination);
      await s.page.fill('#dial-timeout', timeout);
      await s.page.click('#dial-submit');
    };
    await dial('alice@example.com');
    // dial is 200-only in @pexip/infinity-api: a refusal throws inside Web App 3, and nothing answers (LEDGER.md).
    await dial('fail@example.com', '500');
    await dial('hang@example.com', '500');
    const calls = await eventually(
      () => s.page.evaluate(() => window.__host?.calls ?? []),
      (list) => list.length === 3 && list.every((c) => c.status !== 'pending'),
    );
    const by = (d: string) => calls.find((c) => c.destination === d);
    expect(by('alice@example.com')).toMatchObject({ status: 'ok', result: { uuid: expect.any(String), displayName: 'alice@example.com' } });
    expect(by('fail@example.com')).toMatchObject({ status: 'error', error: { name: 'TimeoutError' } });
    expect(by('hang@example.com')).toMatchObject({ status: 'error', error: { name: 'TimeoutError' } });
    const sim = await simFrame(s.page, servers);
    expect(await sim.evaluate(() => window.__sim?.dialOuts.map((d) => d.destination))).toEqual([
      'alice@example.com',
      'fail@example.com',
      'hang@example.com',
    ]);
    expect((await received('dial-out-success'))[0]).toMatchObject({ requestId: expect.any(String) });
  });

  it('forwards the meeting lifecycle: joined, left, dropped', async () => {
    const sim = await simFrame(s.page, servers);
    // The simulator joins automatically once the plugins are registered.
    expect(await eventually(() => received('connected'), (l) => l.length > 0)).toHaveLength(1);
    await sim.evaluate(() => window.__sim?.emit('event:userInitiatedDisconnect', undefined));
    await sim.evaluate(() => window.__sim?.emit('event:disconnected', { error: 'Call dropped (simulated)', errorCode: '#pex117' }));
    expect(await eventually(() => received('disconnected'), (l) => l.length === 2)).toEqual([
      { action: `${PREFIX}disconnected`, userInitiated: true },
      { action: `${PREFIX}disconnected`, userInitiated: false, error: 'Call dropped (simulated)', errorCode: '#pex117' },
    ]);
  });
});
