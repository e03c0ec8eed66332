// The meeting's own chat and the Chat button that fits the meeting, end to
// end: the built plugin in the simulator, driven by host-bridge and by raw
// envelopes. Messages both ways, nothing before subscribe, the tooltip in
// Web App 3's language with the unread count, toasts and their limit, and
// the branding that hides Web App 3's own chat button.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, bridgeCall as outcome, chatButton, eventually, installRawClient, openHost, postRaw, PREFIX, rawReplies, serve, simFrame, type Servers, type Session } from './harness';

const suite = browserSuite();
let servers: Servers;
beforeAll(() => {
  servers = suite.servers;
});

// Nobody in the simulated meeting speaks unless a test makes them.
const QUIET = { chatter: '0' };

async function openBridge(sim: Record<string, string> = {}): Promise<{ s: Session; sim: Frame }> {
  const s = await suite.open({ sim: { ...QUIET, ...sim } });
  await s.page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
  const frame = await simFrame(s.page, servers);
  await frame.waitForFunction(() => window.__sim!.inMeeting());
  return { s, sim: frame };
}

async function openRaw(sim: Record<string, string> = {}): Promise<{ s: Session; sim: Frame }> {
  const s = await suite.openRaw({ ...QUIET, ...sim });
  const frame = await simFrame(s.page, servers);
  await frame.waitForFunction(() => window.__sim!.inMeeting());
  return { s, sim: frame };
}

/** Someone in the room (not the user, not in the lobby). */
const someone = (sim: Frame) => sim.evaluate(() => window.__sim!.roster().find((p) => !p.isWaiting && p.uuid !== window.__sim!.me()!.uuid)!);
const meUuid = (sim: Frame) => sim.evaluate(() => window.__sim!.me()!.uuid);

/** Records, in the page, every meeting-message host-bridge delivers to a handler of this test. */
const listen = (page: Page) =>
  page.evaluate(() => {
    const heard: unknown[] = [];
    (window as unknown as { heard: unknown[] }).heard = heard;
    window.__host!.chat.on('meeting-message', (m) => heard.push(m));
  });
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Record<string, unknown>[] }).heard);

const tooltip = async (page: Page) => (await chatButton(page, servers))?.tooltip;

describe("the meeting's chat through host-bridge", () => {
  it('delivers what others write, to everyone and privately, with who and when', async () => {
    const { s, sim } = await openBridge();
    await listen(s.page);
    const alice = await someone(sim);
    const before = Date.now();
    const first = await sim.evaluate((uuid) => window.__sim!.say(uuid, 'Can everyone see my screen?'), alice.uuid);
    const second = await sim.evaluate((uuid) => window.__sim!.say(uuid, 'Only you: the customer is on hold', { direct: true }), alice.uuid);
    const messages = await eventually(() => heard(s.page), (l) => l.length >= 2);
    expect(messages).toEqual([
      { id: first, at: expect.any(String), participantUuid: alice.uuid, displayName: alice.displayName, text: 'Can everyone see my screen?', direct: false },
      { id: second, at: expect.any(String), participantUuid: alice.uuid, displayName: alice.displayName, text: 'Only you: the customer is on hold', direct: true },
    ]);
    const at = Date.parse(String(messages[0]!.at));
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(at).toISOString()).toBe(messages[0]!.at);
  });

  it('sends a reply to the meeting, and privately to one participant', async () => {
    const { s, sim } = await openBridge();
    const bob = await someone(sim);
    const me = await meUuid(sim);
    expect(await outcome(s.page, 'sendMeetingMessage', ['Thanks, all visible here'])).toEqual({ ok: true });
    expect(await outcome(s.page, 'sendMeetingMessage', ['Can you take the next call?', { participantUuid: bob.uuid }])).toEqual({ ok: true });
    const inMeeting = await sim.evaluate(() => window.__sim!.meetingMessages().map(({ from, text, to, direct }) => ({ from, text, to, direct })));
    expect(inMeeting).toEqual([
      { from: me, text: 'Thanks, all visible here', to: undefined, direct: false },
      { from: me, text: 'Can you take the next call?', to: bob.uuid, direct: true },
    ]);
  });

  it('refuses what Infinity could not take, before anything reaches Web App 3', async () => {
    const { s, sim } = await openBridge();
    expect(await outcome(s.page, 'sendMeetingMessage', ['   '])).toMatchObject({ ok: false, name: 'InvalidParamsError', message: `sendMeetingMessage: 'text' must be non-empty text (line breaks allowed; no control, bidi or invisible format characters), got "   "` });
    expect(await outcome(s.page, 'sendMeetingMessage', ['x'.repeat(4097)])).toMatchObject({ ok: false, name: 'InvalidParamsError' });
    expect(await outcome(s.page, 'sendMeetingMessage', ['hi', { participantUuid: 'nobody-here' }])).toMatchObject({
      ok: false,
      name: 'ControlError',
      action: 'send-meeting-message',
      code: 'unknown-participant',
      message: expect.stringContaining("'nobody-here'"),
    });
    expect(await sim.evaluate(() => window.__sim!.meetingMessages())).toEqual([]);
  });
});

describe("the meeting's chat in raw envelopes", () => {
  it('sends nothing before subscribe; then the kept messages at once, then each new one', async () => {
    const { s, sim } = await openRaw();
    const carol = await someone(sim);
    const early = await sim.evaluate((uuid) => window.__sim!.say(uuid, 'Said before anyone asked'), carol.uuid);
    // A ping answered after the message reached the plugin: by then it would have sent it, had it been asked.
    await postRaw(s.page, 'plugin', { action: `${PREFIX}ping` });
    await eventually(() => rawReplies(s.page, 'ready'), (l) => l.length >= 2);
    expect(await rawReplies(s.page, 'meeting-message')).toEqual([]);
    await postRaw(s.page, 'plugin', { action: `${PREFIX}subscribe`, topics: ['meeting-chat'] });
    const kept = await eventually(() => rawReplies(s.page, 'meeting-message'), (l) => l.length >= 1);
    expect(kept).toEqual([expect.objectContaining({ id: early, text: 'Said before anyone asked', direct: false, participantUuid: carol.uuid })]);
    const later = await sim.evaluate((uuid) => window.__sim!.say(uuid, 'And one after', { direct: true }), carol.uuid);
    const all = await eventually(() => rawReplies(s.page, 'meeting-message'), (l) => l.length >= 2);
    expect(all.map((m) => [m.id, m.direct])).toEqual([
      [early, false],
      [later, true],
    ]);
  });

  it('keeps a message said while the plugin was still reading config.json', async () => {
    const s = await suite.session();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await s.context.route('**/plugins/external-chat/config.json', async (route) => {
      await held;
      await route.continue();
    });
    await openHost(s, servers, { page: 'legacy-host', sim: QUIET });
    const sim = await simFrame(s.page, servers);
    await sim.waitForFunction(() => window.__sim!.inMeeting());
    const alice = await someone(sim);
    const id = await sim.evaluate((uuid) => window.__sim!.say(uuid, 'Said while the plugin was starting'), alice.uuid);
    release();
    await installRawClient(s.page);
    await postRaw(s.page, 'plugin', { action: `${PREFIX}subscribe`, topics: ['meeting-chat'] });
    const kept = await eventually(() => rawReplies(s.page, 'meeting-message'), (l) => l.length >= 1);
    expect(kept).toEqual([expect.objectContaining({ id, text: 'Said while the plugin was starting' })]);
  });

  it('answers send-meeting-message with control-result, and names the field that is wrong', async () => {
    const { s, sim } = await openRaw();
    await postRaw(s.page, 'plugin', { action: `${PREFIX}send-meeting-message`, text: 'From a raw page', requestId: 'm1' });
    await postRaw(s.page, 'plugin', { action: `${PREFIX}send-meeting-message`, text: { html: '<b>hi</b>' }, requestId: 'm2' });
    const results = await eventually(() => rawReplies(s.page, 'control-result'), (l) => l.length >= 2);
    expect([...results].sort((a, b) => String(a.requestId).localeCompare(String(b.requestId)))).toEqual([
      { action: `${PREFIX}control-result`, control: 'send-meeting-message', ok: true, requestId: 'm1' },
      {
        action: `${PREFIX}control-result`,
        control: 'send-meeting-message',
        ok: false,
        message: "send-meeting-message: 'text' must be non-empty text (line breaks allowed; no control, bidi or invisible format characters), got object",
        code: 'invalid-params',
        requestId: 'm2',
      },
    ]);
    expect(await sim.evaluate(() => window.__sim!.meetingMessages().map((m) => m.text))).toEqual(['From a raw page']);
  });
});

describe('the Chat button in the meeting', () => {
  it("follows the language the simulator selects, and counts the unread in it", async () => {
    const { s, sim } = await openBridge();
    expect(await eventually(() => tooltip(s.page), (t) => t === 'Open Chat')).toBe('Open Chat');
    await sim.evaluate(() => window.__sim!.setLanguage('nb'));
    expect(await eventually(() => tooltip(s.page), (t) => t === 'Åpne chat')).toBe('Åpne chat');
    expect(await outcome(s.page, 'setBadge', [3])).toEqual({ ok: true });
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.tooltip === 'Åpne chat (3 uleste)')).toMatchObject({ tooltip: 'Åpne chat (3 uleste)', badge: true });
    await sim.evaluate(() => window.__sim!.setLanguage('de'));
    expect(await eventually(() => tooltip(s.page), (t) => t === 'Chat öffnen (3 ungelesen)')).toBe('Chat öffnen (3 ungelesen)');
    expect(await outcome(s.page, 'setBadge', [0])).toEqual({ ok: true });
    expect(await eventually(() => chatButton(s.page, servers), (b) => b?.tooltip === 'Chat öffnen')).toMatchObject({ tooltip: 'Chat öffnen', badge: false });
  });

  it('says the count in English by default, and speaks the language Web App 3 gave it at start', async () => {
    const english = await openBridge();
    expect(await outcome(english.s.page, 'setBadge', [2])).toEqual({ ok: true });
    expect(await eventually(() => tooltip(english.s.page), (t) => t === 'Open Chat (2 unread)')).toBe('Open Chat (2 unread)');
    // Web App 3 says the language as the plugin registers, while config.json may still be on its way.
    const swedish = await suite.session();
    await swedish.context.route('**/plugins/external-chat/config.json', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    await openHost(swedish, servers, { sim: { ...QUIET, lang: 'sv' } });
    expect(await eventually(() => tooltip(swedish.page), (t) => t === 'Öppna chatten')).toBe('Öppna chatten');
  });

  it('is the only chat button: the branding hides Web App 3 own, and keeps its participants button', async () => {
    const { sim } = await openBridge();
    expect(await sim.evaluate(() => window.__sim!.builtInButtons())).toEqual(['button-participants']);
    expect(await sim.evaluate(() => window.__sim!.buttons().map((b) => b.tooltip))).toEqual(['Open Chat']);
  });
});

describe('a nudge inside the meeting', () => {
  it('shows a toast, and refuses a second within 3 s without queueing it', async () => {
    const { s, sim } = await openBridge();
    // Both from one task: they reach the plugin milliseconds apart, however slow the machine.
    const [first, second] = await s.page.evaluate(async () => {
      const settled = await Promise.allSettled([window.__host!.chat.notify('Jane Doe: are you still there?'), window.__host!.chat.notify('Jane Doe: hello?')]);
      return settled.map((r) => (r.status === 'fulfilled' ? { ok: true } : { ok: false, name: (r.reason as Error).name, code: (r.reason as { code: string }).code, message: (r.reason as Error).message }));
    });
    expect(first).toEqual({ ok: true });
    expect(second).toMatchObject({
      ok: false,
      name: 'ControlError',
      code: 'rate-limited',
      message: expect.stringMatching(/one toast per 3 s/),
    });
    const toasts = await sim.evaluate(() => window.__sim!.toasts().map(({ pluginId, message }) => ({ pluginId, message })));
    expect(toasts).toEqual([{ pluginId: 'external-chat', message: 'Jane Doe: are you still there?' }]);
  });

  it('refuses a toast of more than one line, naming the field, and shows nothing', async () => {
    const { s, sim } = await openBridge();
    expect(await outcome(s.page, 'notify', ['two\nlines'])).toMatchObject({ ok: false, name: 'InvalidParamsError', message: expect.stringContaining("'message' must be one line of text (no control, bidi or invisible format characters, no line breaks), got \"two\\nlines\" (U+000A at 3)") });
    expect(await sim.evaluate(() => window.__sim!.toasts())).toEqual([]);
  });
});

describe('config.json for the meeting chat', () => {
  let custom: Servers;
  beforeAll(async () => {
    custom = await serve({ demoConfig: { labels: { open: 'Talk to us', close: 'Hide the chat' }, features: ['chat', 'notify'] } });
  });
  afterAll(async () => {
    await custom?.close();
  });

  it("uses the deployment's words in every language, and keeps the meeting chat from the page when it is left out", async () => {
    const s = await suite.open({ sim: { ...QUIET, lang: 'fr' } }, custom);
    await s.page.waitForFunction(() => window.__host?.chat.ready.then(() => true));
    expect(await s.page.evaluate(() => [...window.__host!.chat.features])).toEqual(['chat', 'notify']);
    await s.page.evaluate(() => window.__host!.chat.setBadge(1));
    expect(await eventually(() => chatButton(s.page, custom), (b) => b?.tooltip === 'Talk to us (1 non lu)')).toMatchObject({ tooltip: 'Talk to us (1 non lu)' });
    const refused = await outcome(s.page, 'sendMeetingMessage', ['hi']);
    expect(refused).toMatchObject({ ok: false, name: 'FeatureUnavailableError' });
  });
});
