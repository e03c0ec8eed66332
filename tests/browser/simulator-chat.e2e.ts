// The simulator's meeting chat, language, toasts and hidden built-in buttons,
// as a plugin sees them: the echo puppet plugin (tests/browser/fixtures/echo-plugin)
// speaks the raw plugin-api wire, forwards every event to the top window (here
// the simulator itself, opened directly) and makes any RPC the top asks for.
import type { EventMessage } from '@pexip/plugin-api';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, eventually, type Session } from './harness';

const suite = browserSuite();
const ME = '10000000-0000-4000-8000-000000000000';
const ALICE = '20000000-0000-4000-8000-000000000000';
const BOB = '20000000-0000-4000-8000-000000000001';
const CAROL = '20000000-0000-4000-8000-000000000002'; // waiting in the lobby (default meeting)
const OK = { status: 200, data: { status: 'success', result: true } };

type Echo = { echo: string; event?: keyof EventMessage; payload?: unknown; n?: number; atIsDate?: boolean };

/** The simulator, opened directly, with its echoes recorded from the first message on. */
async function openSim(params: Record<string, string> = {}): Promise<Session> {
  const s = await suite.session();
  await s.page.addInitScript(() => {
    const w = window as unknown as { echoes: Echo[] };
    w.echoes = [];
    window.addEventListener('message', (e: MessageEvent) => {
      const data = e.data as Echo | null;
      if (!data || typeof data !== 'object' || !('echo' in data)) return;
      // Checked here: whether the event's `at` survived postMessage as a Date.
      const at = (data.payload as { at?: unknown } | undefined)?.at;
      w.echoes.push({ ...data, atIsDate: at instanceof Date });
    });
  });
  const url = new URL(`${suite.servers.webappOrigin}/webapp3/`);
  for (const [k, v] of Object.entries({ manifest: '/fixtures/echo-plugin/manifest.json', joinDelay: '0', ...params })) url.searchParams.set(k, v);
  await s.page.goto(url.href);
  await s.page.waitForFunction(() => window.__sim !== undefined);
  return s;
}
const ready = (page: Page) => page.waitForFunction(() => window.__sim!.ready.then(() => true));
const echoes = (page: Page): Promise<Echo[]> => page.evaluate(() => (window as unknown as { echoes: Echo[] }).echoes);
const events = async (page: Page, name: keyof EventMessage) => (await echoes(page)).filter((e) => e.echo === 'event' && e.event === name);

/** Ask the echo plugin to make a call, without waiting for its reply. */
const call = (page: Page, n: number, name: string, payload: unknown): Promise<void> =>
  page.evaluate(
    ({ n, name, payload }) => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[data-plugin-id="echo"]')!;
      frame.contentWindow!.postMessage({ echo: 'rpc', n, rpc: name, payload }, '*');
    },
    { n, name, payload },
  );
const replied = async (page: Page, n: number): Promise<boolean> => (await echoes(page)).some((e) => e.echo === 'reply' && e.n === n);

/** Ask the echo plugin to make a call; resolves with its reply. */
async function rpc(page: Page, n: number, name: string, payload: unknown): Promise<unknown> {
  await page.evaluate(
    ({ n, name, payload }) => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[data-plugin-id="echo"]')!;
      frame.contentWindow!.postMessage({ echo: 'rpc', n, rpc: name, payload }, '*');
    },
    { n, name, payload },
  );
  const list = await eventually(() => echoes(page), (l) => l.some((e) => e.echo === 'reply' && e.n === n));
  const reply = list.find((e) => e.echo === 'reply' && e.n === n);
  if (!reply) throw new Error(`no reply to ${name} (call ${n})`);
  return reply.payload;
}

describe('the meeting chat', () => {
  it('others write: event:message / event:directMessage with a Date `at`; a plugin writes: 200, recorded, echoed with a fresh id; bad sends refused, a broadcast one without an answer', async () => {
    const { page } = await openSim();
    await ready(page);

    const id = await page.evaluate((u) => window.__sim!.say(u, 'Good morning, everyone!'), ALICE);
    const [message] = await eventually(() => events(page, 'event:message'), (l) => l.length === 1);
    expect(message?.payload).toMatchObject({ id, message: 'Good morning, everyone!', displayName: 'Alice Anderson', userId: ALICE });
    expect(message?.atIsDate).toBe(true);
    await page.evaluate((u) => window.__sim!.say(u, 'psst', { direct: true }), BOB);
    const [direct] = await eventually(() => events(page, 'event:directMessage'), (l) => l.length === 1);
    expect(direct?.payload).toMatchObject({ message: 'psst', displayName: 'Bob Anderson', userId: BOB });
    expect(direct?.atIsDate).toBe(true);

    expect(await rpc(page, 1, 'conference:sendMessage', { payload: 'Hello from the plugin' })).toEqual(OK);
    expect(await rpc(page, 2, 'conference:sendMessage', { payload: 'Just for you', participantUuid: BOB })).toEqual(OK);
    expect(await rpc(page, 3, 'conference:sendMessage', { payload: 'Anyone?', participantUuid: 'nobody' })).toEqual({
      status: 403,
      data: { status: 'failed', result: "Unknown participant 'nobody'" },
    });
    // A refused message to everyone: Infinity's messageConference knows only 200, so Web App 3 throws and never answers.
    await call(page, 4, 'conference:sendMessage', { payload: '' });
    expect(await rpc(page, 5, 'conference:sendMessage', { payload: 'Still here' })).toEqual(OK);
    expect(await replied(page, 4)).toBe(false);

    const messages = await page.evaluate(() => window.__sim!.meetingMessages());
    expect(messages.map(({ from, text, to, direct, pluginId }) => ({ from, text, to, direct, pluginId }))).toEqual([
      { from: ALICE, text: 'Good morning, everyone!', to: undefined, direct: false, pluginId: undefined },
      { from: BOB, text: 'psst', to: ME, direct: true, pluginId: undefined },
      { from: ME, text: 'Hello from the plugin', to: undefined, direct: false, pluginId: 'echo' },
      { from: ME, text: 'Just for you', to: BOB, direct: true, pluginId: 'echo' },
      { from: ME, text: 'Still here', to: undefined, direct: false, pluginId: 'echo' },
    ]);
    expect(messages.every((m) => !Number.isNaN(Date.parse(m.at)))).toBe(true);
    // The plugin's own messages come back (secondary source: LEDGER.md), each with an id of its own.
    const own = [...(await events(page, 'event:message')), ...(await events(page, 'event:directMessage'))]
      .map((e) => e.payload as { id: string; userId: string; message: string })
      .filter((m) => m.userId === ME);
    expect(own.map((m) => m.message).sort()).toEqual(['Hello from the plugin', 'Just for you', 'Still here']);
    expect(new Set(own.map((m) => m.id)).size).toBe(3);

    // A lobby participant cannot write; the error says why.
    await expect(page.evaluate((u) => window.__sim!.say(u, 'let me in'), CAROL)).rejects.toThrow('waiting in the lobby');
  });

  it.each([
    ['before', ['event:message', 'reply']],
    ['after', ['reply', 'event:message']],
    ['off', ['reply']],
  ] as const)('?echo=%s: the own message comes back %s', async (echo, order) => {
    const { page } = await openSim({ echo });
    await ready(page);
    await rpc(page, 1, 'conference:sendMessage', { payload: 'mine' });
    await page.evaluate((u) => window.__sim!.say(u, 'theirs'), ALICE);
    await eventually(() => events(page, 'event:message'), (l) => l.some((e) => (e.payload as { message: string }).message === 'theirs'));
    const seen = (await echoes(page)).filter((e) => (e.echo === 'reply' && e.n === 1) || (e.event === 'event:message' && (e.payload as { message: string }).message === 'mine'));
    expect(seen.map((e) => (e.echo === 'reply' ? 'reply' : e.event))).toEqual(order);
  });

  it('the Chat tab shows the messages (private ones marked) and writes as someone else, privately when asked', async () => {
    const { page } = await openSim();
    await ready(page);
    await page.evaluate((u) => window.__sim!.say(u, 'Can you all hear me okay?'), ALICE);
    expect(await page.locator('#chat-unread').textContent()).toBe('1');
    await page.getByRole('tab', { name: /Chat/ }).click();
    await expect.poll(() => page.locator('#chat-log .chat-text').allTextContents()).toEqual(['Can you all hear me okay?']);
    expect(await page.locator('#chat-unread').isHidden()).toBe(true);

    await page.selectOption('#chat-sender', BOB);
    await page.check('#chat-direct');
    await page.fill('#chat-text', 'Sorry, I was on mute.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const [direct] = await eventually(() => events(page, 'event:directMessage'), (l) => l.length === 1);
    expect(direct?.payload).toMatchObject({ message: 'Sorry, I was on mute.', userId: BOB });
    expect(await page.locator('#chat-log .chat-message.direct .chat-who').textContent()).toBe('Bob Anderson · privately to you');
    expect(await page.inputValue('#chat-text')).toBe('');
    // The lobby is not offered as a sender.
    expect(await page.locator('#chat-sender option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([ALICE, BOB]);
  });

  it('chatter: lines from the room at the given interval, the same for the same seed; stopChatter stops it', async () => {
    const lines = async (params: Record<string, string>) => {
      const { page } = await openSim(params);
      await ready(page);
      const list = await eventually(() => page.evaluate(() => window.__sim!.meetingMessages()), (l) => l.length >= 4, 10_000);
      await page.evaluate(() => window.__sim!.stopChatter());
      expect(await page.evaluate(() => window.__sim!.chatter())).toEqual({ seconds: 0, running: false });
      const got = await eventually(
        async () => (await events(page, 'event:message')).length + (await events(page, 'event:directMessage')).length,
        (n) => n >= 4,
      );
      expect(got).toBeGreaterThanOrEqual(4);
      return list.slice(0, 4).map((m) => `${m.from} ${m.direct} ${m.text}`);
    };
    const first = await lines({ chatter: '0.05', seed: '3', participants: '8', lobby: '2' });
    expect(first.every((l) => !l.startsWith(ME))).toBe(true);
    expect(await lines({ chatter: '0.05', seed: '3', participants: '8', lobby: '2' })).toEqual(first);
  });
});

describe('language', () => {
  it('?lang= reaches each plugin right after its registration; setLanguage and the picker send event:languageSelect', async () => {
    const { page } = await openSim({ lang: 'nb' });
    await ready(page);
    const list = await eventually(() => echoes(page), (l) => l.some((e) => e.event === 'event:languageSelect'));
    const order = list.map((e) => (e.echo === 'event' ? e.event : e.echo));
    expect(order.indexOf('ready')).toBeLessThan(order.indexOf('event:languageSelect'));
    expect((await events(page, 'event:languageSelect')).map((e) => e.payload)).toEqual(['nb']);
    expect(await page.inputValue('#lang')).toBe('nb');

    await page.evaluate(() => window.__sim!.setLanguage('de'));
    await page.selectOption('#lang', 'sv');
    const sent = await eventually(() => events(page, 'event:languageSelect'), (l) => l.length === 3);
    expect(sent.map((e) => e.payload)).toEqual(['nb', 'de', 'sv']);
    expect(await page.evaluate(() => window.__sim!.language())).toBe('sv');
    await expect(page.evaluate(() => window.__sim!.setLanguage('not a code'))).rejects.toThrow('a language code looks like');

    // A plugin that registers again hears the language in force.
    await page.evaluate(() => window.__sim!.reloadPlugins());
    expect((await eventually(() => events(page, 'event:languageSelect'), (l) => l.length === 4)).map((e) => e.payload)).toEqual(['nb', 'de', 'sv', 'sv']);
  });

  it('without ?lang= the language in force is still sent after the ack (en), as Web App 3 does', async () => {
    const { page } = await openSim();
    await ready(page);
    const list = await eventually(() => echoes(page), (l) => l.some((e) => e.event === 'event:languageSelect'));
    const order = list.map((e) => (e.echo === 'event' ? e.event : e.echo));
    expect(order.indexOf('ready')).toBeLessThan(order.indexOf('event:languageSelect'));
    expect((await events(page, 'event:languageSelect')).map((e) => e.payload)).toEqual(['en']);
    expect(await page.evaluate(() => window.__sim!.language())).toBe('en');
  });
});

describe('toasts', () => {
  it('ui:toast:show draws the toast over the stage (danger, top, until dismissed), logs it, answers ok; a bad one is refused', async () => {
    const { page } = await openSim();
    await ready(page);
    expect(await rpc(page, 1, 'ui:toast:show', { message: 'Recording started', isDanger: true, position: 'topCenter', timeout: 0 })).toMatchObject({ status: 'ok' });
    const toast = page.locator('#toasts .toast');
    expect(await toast.locator('.toast-text').textContent()).toBe('Recording started');
    expect(await toast.evaluate((el) => el.classList.contains('danger'))).toBe(true);
    expect(await page.getAttribute('#toasts', 'data-position')).toBe('topCenter');
    // Over the stage: the toast lies inside the stage's box.
    const [stageBox, toastBox] = await Promise.all([page.locator('#stage').boundingBox(), toast.boundingBox()]);
    expect(toastBox!.y).toBeGreaterThanOrEqual(stageBox!.y);
    expect(toastBox!.y + toastBox!.height).toBeLessThanOrEqual(stageBox!.y + stageBox!.height);

    expect(await rpc(page, 2, 'ui:toast:show', { message: 42 })).toEqual({ status: 'failed', reason: "ui:toast:show: 'message' must be a string, got 42", id: expect.any(String) });
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.locator('#toasts').isHidden()).toBe(true);

    expect(await rpc(page, 3, 'ui:toast:show', { message: 'Saved' })).toMatchObject({ status: 'ok' });
    expect(await page.getAttribute('#toasts', 'data-position')).toBe('bottomCenter');
    expect(await page.locator('#toasts .toast-text').textContent()).toBe('Saved');
    const log = await page.evaluate(() => window.__sim!.toasts());
    expect(log.map(({ pluginId, message, isDanger, timeout, position }) => ({ pluginId, message, isDanger, timeout, position }))).toEqual([
      { pluginId: 'echo', message: 'Recording started', isDanger: true, timeout: 0, position: 'topCenter' },
      { pluginId: 'echo', message: 'Saved', isDanger: false, timeout: 5000, position: 'bottomCenter' },
    ]);
  });
});

describe('hiddenFunctionality', () => {
  it('the manifest hides button-chat but not button-participants; unknown names are ignored; the button toggles its tab', async () => {
    const { page } = await openSim({ manifest: '/fixtures/chat-probe/manifest.json' });
    await ready(page);
    expect(await page.evaluate(() => window.__sim!.builtInButtons())).toEqual(['button-participants']);
    expect(await page.locator('[data-functionality="button-chat"]').count()).toBe(0);
    expect(await page.evaluate(() => window.__sim!.errors)).toEqual([]);
    // Web App 3's order: mic, camera, its panel buttons, then the plugins' buttons, hang-up last.
    const toolbar = await page.locator('footer.toolbar button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-functionality') ?? b.getAttribute('aria-label') ?? ''));
    expect(toolbar).toEqual(['Mute microphone', 'Turn off camera', 'button-participants', 'Echo', 'Leave']);

    const participants = page.getByRole('button', { name: 'Participants', exact: true });
    await participants.click();
    expect(await page.locator('#sidepanel').isHidden()).toBe(true);
    await participants.click();
    expect(await page.locator('#participant-list').isVisible()).toBe(true);
  });

  it('without hiddenFunctionality both are drawn; a non-array is a manifest error on the page', async () => {
    const plain = await openSim();
    await ready(plain.page);
    expect(await plain.page.evaluate(() => window.__sim!.builtInButtons())).toEqual(['button-chat', 'button-participants']);
    await plain.page.getByRole('button', { name: 'Chat', exact: true }).click();
    expect(await plain.page.locator('#panel-chat').isVisible()).toBe(true);

    const bad = await openSim({ manifest: '/fixtures/chat-probe/manifest-bad-hidden.json' });
    const errors = await eventually(() => bad.page.evaluate(() => window.__sim!.errors), (e) => e.length > 0);
    expect(errors).toEqual([expect.stringContaining('"applicationConfig.hiddenFunctionality" must be an array of strings')]);
    expect(await bad.page.locator('#errors').textContent()).toContain('hiddenFunctionality');
  });
});
