// The host demo's chat panel with the video meeting's own chat, against the
// built plugin in the simulator's meeting: what is said in the meeting shows
// in the desk's thread, what the agent writes there reaches the meeting, and
// while the panel is closed the Chat button counts and a toast nudges.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RenderedMessage } from '../../examples/host/chat-panel';
import { browserSuite, chatButton, eventually, serve, simFrame, type Servers } from './harness';

const suite = browserSuite();

const thread = (page: Page): Promise<RenderedMessage[]> => page.evaluate(() => window.__host!.chatThread());
const meetingOnly = (list: RenderedMessage[]) => list.filter((m) => m.kind === 'meeting' || m.kind === 'mine-meeting');
const threadWhen = (page: Page, accept: (list: RenderedMessage[]) => boolean) => eventually(() => thread(page), accept);
const say = (sim: Frame, uuid: string, text: string, direct = false) =>
  sim.evaluate(([u, t, d]) => window.__sim!.say(u, t, { direct: d }), [uuid, text, direct] as const);
const uuidOf = async (sim: Frame, name: string): Promise<string> => {
  const found = (await sim.evaluate(() => window.__sim!.roster())).find((p) => p.displayName === name);
  if (!found) throw new Error(`no ${name} in the simulator's roster`);
  return found.uuid;
};
const targetLabels = (page: Page) => page.locator('#chat-target option').allTextContents();

async function openMeeting(servers: Servers = suite.servers) {
  const s = await suite.open({}, servers);
  const { page } = s;
  await page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
  const sim = await simFrame(page, servers);
  await sim.waitForFunction(() => window.__sim!.inMeeting());
  return { s, page, sim, servers };
}

/** Opens the desk's chat panel as the agent does: the Chat button inside the meeting. */
async function openPanel(page: Page, sim: Frame): Promise<void> {
  await sim.getByRole('button', { name: /^Open Chat/ }).click();
  await page.waitForSelector('#chat-panel:not([hidden])');
}

/** Sends `text` from the composer to the target whose option reads `label`. */
async function reply(page: Page, label: string, text: string): Promise<void> {
  await eventually(() => targetLabels(page), (labels) => labels.includes(label));
  await page.selectOption('#chat-target', { label });
  await page.fill('#chat-input', text);
  await page.click('#chat-send');
}

describe('the meeting chat in the desk', () => {
  it("shows what is said in the meeting in the thread, tagged as the meeting's, a private message as private to you", async () => {
    const { page, sim } = await openMeeting();
    const alice = await uuidOf(sim, 'Alice Anderson');
    const bob = await uuidOf(sim, 'Bob Anderson');
    await say(sim, alice, 'Can everyone see my screen?');
    await say(sim, bob, 'Psst: the invoice is <b>wrong</b>', true);

    const seen = meetingOnly(await threadWhen(page, (list) => meetingOnly(list).length === 2));
    expect(seen).toEqual([
      { kind: 'meeting', author: 'Alice Anderson', text: 'Can everyone see my screen?', direct: false, pending: false, failed: false, status: '' },
      { kind: 'meeting', author: 'Bob Anderson', text: 'Psst: the invoice is <b>wrong</b>', direct: true, pending: false, failed: false, status: '' },
    ]);
    const items = page.locator('#chat-thread li[data-kind="meeting"]');
    expect(await items.locator('.msg-tag').allTextContents()).toEqual(['Meeting', 'Meeting']);
    expect(await items.locator('.msg-private').allTextContents()).toEqual(['private to you']);
    // Text, never markup: the tag is there to read, not drawn.
    expect(await items.locator('.msg-bubble b').count()).toBe(0);
    // After the web chat the page started with: the thread is in time order.
    expect((await thread(page)).slice(-2).map((m) => m.kind)).toEqual(['meeting', 'meeting']);
  });

  it('sends a reply to everyone, privately to the chosen person, and back to the writer with Reply', async () => {
    const { page, sim } = await openMeeting();
    await openPanel(page, sim);
    const me = await sim.evaluate(() => window.__sim!.me()!.uuid);
    const alice = await uuidOf(sim, 'Alice Anderson');
    const bob = await uuidOf(sim, 'Bob Anderson');
    // Carol waits in the lobby: she cannot read the chat, so she is no target.
    expect(await eventually(() => targetLabels(page), (l) => l.length === 4)).toEqual([
      'Jane Doe (web chat)',
      'Everyone in the meeting',
      'Alice Anderson (private)',
      'Bob Anderson (private)',
    ]);

    await reply(page, 'Everyone in the meeting', 'Hello everyone, I can see it.');
    await reply(page, 'Bob Anderson (private)', 'Thanks Bob, checking the invoice now.');
    await say(sim, alice, 'Can you send me the link?', true);
    await page.locator('#chat-thread li[data-kind="meeting"]', { hasText: 'send me the link' }).locator('.msg-reply').click();
    expect(await page.evaluate(() => window.__host!.chatTarget())).toMatchObject({ value: `meeting:${alice}`, participantUuid: alice });
    await page.fill('#chat-input', 'Here it is: https://example.com/refund');
    await page.click('#chat-send');

    const sent = await eventually(
      () => sim.evaluate(() => window.__sim!.meetingMessages().filter((m) => m.pluginId === 'external-chat')),
      (list) => list.length === 3,
    );
    expect(sent.map(({ from, text, to, direct }) => ({ from, text, to, direct }))).toEqual([
      { from: me, text: 'Hello everyone, I can see it.', to: undefined, direct: false },
      { from: me, text: 'Thanks Bob, checking the invoice now.', to: bob, direct: true },
      { from: me, text: 'Here it is: https://example.com/refund', to: alice, direct: true },
    ]);
    const mine = await threadWhen(page, (list) => list.filter((m) => m.kind === 'mine-meeting' && !m.pending).length === 3);
    expect(mine.filter((m) => m.kind === 'mine-meeting').map(({ text, direct, status, failed }) => ({ text, direct, status, failed }))).toEqual([
      { text: 'Hello everyone, I can see it.', direct: false, status: 'to the meeting', failed: false },
      { text: 'Thanks Bob, checking the invoice now.', direct: true, status: 'private to Bob Anderson', failed: false },
      { text: 'Here it is: https://example.com/refund', direct: true, status: 'private to Alice Anderson', failed: false },
    ]);
    // The web chat is still the web chat: nothing of it goes to the meeting.
    await page.selectOption('#chat-target', { label: 'Jane Doe (web chat)' });
    await page.fill('#chat-input', 'One moment please.');
    await page.click('#chat-send');
    expect((await thread(page)).at(-1)).toMatchObject({ kind: 'mine-web', text: 'One moment please.' });
    expect(await sim.evaluate(() => window.__sim!.meetingMessages().some((m) => m.text === 'One moment please.'))).toBe(false);
  });

  it('shows a refused message inline on the message, not in an alert', async () => {
    const { page, sim } = await openMeeting();
    await openPanel(page, sim);
    const bob = await uuidOf(sim, 'Bob Anderson');
    await eventually(() => targetLabels(page), (l) => l.includes('Bob Anderson (private)'));
    await page.selectOption('#chat-target', { label: 'Bob Anderson (private)' });
    // Bob leaves while the agent types: the choice stays, and Infinity refuses the message.
    await sim.evaluate((uuid) => window.__sim!.removeParticipant(uuid), bob);
    await page.waitForFunction((uuid) => !window.__host!.chat.roster.some((p) => p.uuid === uuid), bob);
    await page.fill('#chat-input', 'Are you still there?');
    await page.click('#chat-send');

    const last = (await threadWhen(page, (list) => list.at(-1)?.failed === true)).at(-1);
    expect(last).toMatchObject({ kind: 'mine-meeting', text: 'Are you still there?', direct: true, pending: false, failed: true });
    expect(last?.status).toMatch(/^Not sent private to Bob Anderson: send-meeting-message: unknown participant '[^']+' \(not in the meeting's roster\)/);
    expect(await page.locator('#chat-thread li[data-state="failed"] .msg-status').textContent()).toBe(last?.status);
    expect(await page.locator('#notice').isHidden()).toBe(true);
    expect(await sim.evaluate(() => window.__sim!.meetingMessages().filter((m) => m.pluginId === 'external-chat'))).toEqual([]);
  });

  it('counts what arrives while the panel is closed on the Chat button, nudges with a toast, and clears when opened', async () => {
    const { s, page, sim, servers } = await openMeeting();
    const alice = await uuidOf(sim, 'Alice Anderson');
    const bob = await uuidOf(sim, 'Bob Anderson');
    const tooltip = () => chatButton(page, servers).then((b) => b?.tooltip);

    await say(sim, alice, `Line one\nline two ${'x'.repeat(250)}`);
    expect(await eventually(tooltip, (t) => t === 'Open Chat (1 unread)')).toBe('Open Chat (1 unread)');
    expect(await chatButton(page, servers)).toMatchObject({ badge: true });
    const first = await eventually(
      () => sim.evaluate(() => window.__sim!.toasts().filter((t) => t.pluginId === 'external-chat')),
      (list) => list.length === 1,
    );
    // One line, cut to what a toast takes.
    expect(first[0]?.message).toBe(`Alice Anderson: Line one line two ${'x'.repeat(165)}…`);
    expect(first[0]?.message).toHaveLength(200);

    // The customer's web chat counts too.
    await page.click('#simulate-message');
    expect(await eventually(tooltip, (t) => t === 'Open Chat (2 unread)')).toBe('Open Chat (2 unread)');

    // Three at once: the plugin shows at most one toast per 3 s and refuses the rest; the page takes that quietly.
    await sim.evaluate(
      ([a, b]) => {
        window.__sim!.say(a!, 'Are we still on?');
        window.__sim!.say(b!, 'Yes, one moment', { direct: true });
        window.__sim!.say(a!, 'OK');
      },
      [alice, bob] as const,
    );
    expect(await eventually(tooltip, (t) => t === 'Open Chat (5 unread)')).toBe('Open Chat (5 unread)');
    const nudges = await eventually(
      () => page.evaluate(() => window.__host!.notifications()),
      (list) => list.length === 4 && list.every((n) => n.outcome !== 'pending'),
    );
    expect(nudges.map((n) => n.text)).toEqual([
      first[0]?.message,
      'Alice Anderson: Are we still on?',
      'Bob Anderson: Yes, one moment',
      'Alice Anderson: OK',
    ]);
    expect(nudges.map((n) => n.outcome)).not.toContain('failed');
    expect(nudges.filter((n) => n.outcome === 'refused').length).toBeGreaterThan(0);
    const shown = nudges.filter((n) => n.outcome === 'shown').map((n) => n.text);
    expect(await sim.evaluate(() => window.__sim!.toasts().filter((t) => t.pluginId === 'external-chat').map((t) => t.message))).toEqual(shown);
    expect(await page.locator('#notice').isHidden()).toBe(true);
    // The page's own complaints start with [host]: none for a refused toast.
    expect(s.console.filter((m) => m.text.startsWith('[host]')).map((m) => m.text)).toEqual([]);
    expect(await page.evaluate(() => window.__host!.unread())).toBe(5);
    expect(await page.locator('#unread-count').textContent()).toBe('5');

    await openPanel(page, sim);
    expect(await eventually(() => chatButton(page, servers), (b) => b?.isActive === true && !b.badge)).toMatchObject({
      isActive: true,
      badge: false,
      tooltip: 'Close Chat',
    });
    expect(await page.evaluate(() => window.__host!.unread())).toBe(0);

    // While the agent reads, nothing counts and nothing nudges.
    await say(sim, bob, 'Thanks!');
    await threadWhen(page, (list) => list.at(-1)?.text === 'Thanks!');
    expect(await page.evaluate(() => window.__host!.unread())).toBe(0);
    expect(await page.evaluate(() => window.__host!.notifications().length)).toBe(4);
    await sim.getByRole('button', { name: 'Close Chat' }).click();
    expect(await eventually(tooltip, (t) => t === 'Open Chat')).toBe('Open Chat');
  });

  it('offers no meeting targets, and shows no meeting messages, when the plugin does not offer the meeting chat', async () => {
    const servers = await serve({ demoConfig: { features: ['chat', 'dial-out', 'roster', 'self'] } });
    try {
      const { page, sim } = await openMeeting(servers);
      expect(await page.evaluate(() => [...window.__host!.chat.features])).toEqual(['chat', 'dial-out', 'roster', 'self']);
      await openPanel(page, sim);
      await say(sim, await uuidOf(sim, 'Alice Anderson'), 'Anyone?');
      await page.click('#simulate-message');
      await threadWhen(page, (list) => list.at(-1)?.kind === 'web');
      // The page never asked for the meeting's chat (the bridge subscribes only to what the plugin offers), so none came.
      const actions = await page.evaluate(() => window.__host!.log.map((e) => [e.direction, String(e.envelope.action).split('/').pop(), e.envelope.topics]));
      // The roster as changes: the plugin offers them (ready.topics), so the bridge keeps the list itself.
      expect(actions).toContainEqual(['out', 'subscribe', expect.arrayContaining(['roster-changes', 'self'])]);
      expect(actions.filter(([, , topics]) => Array.isArray(topics) && topics.includes('meeting-chat'))).toEqual([]);
      expect(actions.filter(([, action]) => action === 'meeting-message')).toEqual([]);
      expect(meetingOnly(await thread(page))).toEqual([]);
      expect(await page.locator('#chat-target-row').isHidden()).toBe(true);
      expect(await targetLabels(page)).toEqual(['Jane Doe (web chat)']);
    } finally {
      await servers.close();
    }
  });
});
