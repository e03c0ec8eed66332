// The built plugin's side of the wire, checked where Web App 3 sees it (the
// simulator's RPC log): synthetic events, the exact dial-out body, coalescing
// of button updates, and what a click does on its own.
import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserSuite,
  chatButton,
  DIAL,
  eventually,
  installRawClient,
  postRaw,
  PREFIX,
  rawReplies,
  simFrame,
  waitForFrame,
  type Servers,
} from './harness';

const suite = browserSuite();
let servers: Servers;
beforeAll(() => {
  servers = suite.servers;
});

const dialOuts = (sim: Frame) => sim.evaluate(() => window.__sim!.dialOuts);
const updates = (sim: Frame) => sim.evaluate(() => window.__sim!.log.filter((l) => l.rpc === 'ui:button:update').map((l) => l.payload));

describe('what reaches Web App 3', () => {
  it('not a synthetic MessageEvent that claims the top window and an allowed origin', async () => {
    const s = await suite.openRaw({ manifest: '/fixtures/sibling/manifest.json' });
    const sim = await simFrame(s.page, servers);
    // A frame with the plugin's origin can reach its window and Web App 3's and dispatch whatever it likes there.
    const sibling = await waitForFrame(s.page, (url) => url.includes('/fixtures/echo-plugin/'));
    const reached = await sibling.evaluate(
      ([envelope, origin]) => {
        const targets: Window[] = [parent];
        for (let i = 0; i < parent.frames.length; i++) {
          const frame = parent.frames[i]!;
          if (frame !== window && frame.location.pathname.includes('/plugins/external-chat/')) targets.push(frame);
        }
        for (const target of targets) target.dispatchEvent(new MessageEvent('message', { data: envelope, origin, source: top }));
        return targets.length;
      },
      [{ action: `${PREFIX}dial-out`, ...DIAL, destination: 'forged@example.com', requestId: 'forged' }, servers.hostOrigin] as const,
    );
    expect(reached).toBe(2);
    // A real message, sent after: once it has dialled, the forged ones had their turn.
    await postRaw(s.page, 'plugin', { action: `${PREFIX}dial-out`, ...DIAL, destination: 'real@example.com', requestId: 'real' });
    await eventually(() => rawReplies(s.page, 'dial-out-success'), (l) => l.length > 0);
    expect((await dialOuts(sim)).map((d) => d.destination)).toEqual(['real@example.com']);
    expect((await rawReplies(s.page, 'dial-out-success')).map((r) => r.requestId)).toEqual(['real']);
  });

  it('exactly the dial fields of a dial-out, never an extra one', async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    await postRaw(s.page, 'plugin', {
      action: `${PREFIX}dial-out`,
      ...DIAL,
      remote_display_name: 'Alice',
      requestId: 'exact',
      conference_alias: 'another-meeting',
      pin: '1234',
      extra: { nested: true },
    });
    await eventually(() => rawReplies(s.page, 'dial-out-success'), (l) => l.length > 0);
    const received = await dialOuts(sim);
    expect(received).toStrictEqual([{ ...DIAL, remote_display_name: 'Alice' }]);
  });

  it('a burst of 200 badge toggles as a few button updates, the last one winning', async () => {
    const s = await suite.openRaw();
    const sim = await simFrame(s.page, servers);
    await eventually(() => chatButton(s.page, servers), (b) => b !== undefined);
    await sim.evaluate(() => window.__sim!.resetLog());
    await s.page.evaluate((prefix) => {
      const plugin = (window as unknown as { raw: { plugin: Window } }).raw.plugin;
      // false, true, false, … true: every command differs from the one before.
      for (let i = 0; i < 200; i++) plugin.postMessage({ action: `${prefix}toggle-chat-badge`, visible: i % 2 === 1 }, '*');
    }, PREFIX);
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true)).toMatchObject({ badge: true });
    // Once the last state is shown nothing is left to send: no update can follow.
    const sent = await updates(sim);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThanOrEqual(20);
    expect(sent.at(-1)).toMatchObject({ badge: { isVisible: true } });
  });
});

describe('the Chat button on its own', () => {
  it('a click raises toggle-chat and changes nothing: only the page sets the state', async () => {
    const s = await suite.session();
    // A page that hears toggle-chat and does nothing with it (the demo pages echo the state back): the host
    // server's 404 page, with Web App 3 framed into it.
    await s.page.goto(`${servers.hostOrigin}/silent-page`);
    await s.page.evaluate((src) => {
      const iframe = document.createElement('iframe');
      iframe.id = 'webapp3';
      iframe.src = src;
      iframe.style.cssText = 'width: 1000px; height: 700px';
      document.body.append(iframe);
    }, `${servers.webappOrigin}/webapp3/?joinDelay=0`);
    await s.page.evaluate((prefix) => {
      const heard: unknown[] = [];
      (window as unknown as { heard: unknown[] }).heard = heard;
      window.addEventListener('message', (event) => {
        const data = event.data as { action?: unknown } | null;
        if (data?.action === `${prefix}toggle-chat`) heard.push(data);
      });
    }, PREFIX);
    const sim = await simFrame(s.page, servers);
    await sim.waitForFunction(() => window.__sim?.ready.then(() => true));
    await installRawClient(s.page);
    const heard = () => s.page.evaluate(() => (window as unknown as { heard: unknown[] }).heard);
    // Web App 3 tells the plugin its language after the ack ('en' here): the words the button has, so no redraw.
    await sim.waitForFunction(() => window.__sim!.language() === 'en');

    await sim.getByRole('button', { name: /^(Open|Close) Chat$/ }).click();
    await eventually(heard, (l) => l.length === 1);
    await sim.getByRole('button', { name: /^(Open|Close) Chat$/ }).click();
    // Both ask to open: the state they start from is still closed.
    expect(await eventually(heard, (l) => l.length === 2)).toEqual([
      { action: `${PREFIX}toggle-chat`, active: true },
      { action: `${PREFIX}toggle-chat`, active: true },
    ]);
    // The next update carries the plugin's whole state: after two clicks it is still inactive.
    await postRaw(s.page, 'plugin', { action: `${PREFIX}toggle-chat-badge`, visible: true });
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.badge === true)).toMatchObject({
      badge: true,
      isActive: false,
      tooltip: 'Open Chat',
    });
    expect(await updates(sim)).toHaveLength(1);
  });
});
