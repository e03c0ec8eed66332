// Shared setup for the browser tests: Debian's Chromium driven by
// playwright-core, the demo servers on two origins, and page helpers.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { attachSimulator } from '@external-chat/webapp3-simulator/fixture';
import { startServers } from '../../examples/serve.mjs';
import { launchChromium } from './chromium.mjs';

export { CHROMIUM_PATH, launchChromium } from './chromium.mjs';

/** The build the tests run against must exist: `make test` builds it first. */
export function assertBuilt(): void {
  for (const file of ['webapp3/branding/plugins/external-chat/index.html', 'examples/dist/host/index.html', 'simulator/dist/index.html']) {
    if (!existsSync(resolve(file))) {
      throw new Error(`${file} is missing: run the browser tests through \`make test\`, which builds and deploys the plugin and the examples.`);
    }
  }
}

export type Servers = Awaited<ReturnType<typeof startServers>>;
export const serve = (options: Parameters<typeof startServers>[0] = {}): Promise<Servers> =>
  startServers({ hostPort: 0, webappPort: 0, ...options });

export const PREFIX = 'pexip:plugin:external-chat/';
export const DIAL = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' } as const;

/** A page plus everything its frames print, for assertions on warnings and errors. */
export interface Session {
  context: BrowserContext;
  page: Page;
  console: { type: string; text: string; url: string }[];
  errors: string[];
}

export async function newSession(browser: Browser, options: { ignoreHTTPSErrors?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const session: Session = { context, page, console: [], errors: [] };
  page.on('console', (message: ConsoleMessage) =>
    session.console.push({ type: message.type(), text: message.text(), url: message.location().url }),
  );
  page.on('pageerror', (error) => session.errors.push(error.message));
  return session;
}

/**
 * One Chromium and one pair of servers per test file. Sessions a test opens
 * through `session()` are checked for uncaught page errors and closed after it.
 */
export function browserSuite(serverOptions: Parameters<typeof startServers>[0] = {}) {
  let browser: Browser;
  let servers: Servers;
  const open: Session[] = [];
  beforeAll(async () => {
    [browser, servers] = await Promise.all([launchChromium(), serve(serverOptions)]);
  });
  afterAll(async () => {
    await browser?.close();
    await servers?.close();
  });
  afterEach(async () => {
    for (const s of open.splice(0)) {
      expect(s.errors).toEqual([]);
      await s.context.close();
    }
  });
  return {
    get browser(): Browser {
      return browser;
    },
    get servers(): Servers {
      return servers;
    },
    async session(options?: { ignoreHTTPSErrors?: boolean }): Promise<Session> {
      const s = await newSession(browser, options);
      open.push(s);
      return s;
    },
    /** A session with a host page open (see openHost), on this suite's servers unless `target` says otherwise. */
    async open(options: HostOptions = {}, target: Servers = servers): Promise<Session> {
      const s = await this.session();
      await openHost(s, target, options);
      return s;
    },
    /** The raw-envelope host page, with a hand-written client beside it (see installRawClient). */
    async openRaw(sim: Record<string, string> = {}, target: Servers = servers): Promise<Session> {
      const s = await this.open({ page: 'legacy-host', sim }, target);
      await installRawClient(s.page);
      return s;
    },
  };
}

export interface HostOptions {
  /** 'host' (host-bridge) or 'legacy-host' (raw envelopes). */
  page?: 'host' | 'legacy-host';
  /** Simulator query parameters, passed on as sim.<name>. */
  sim?: Record<string, string>;
  /** Extra host page parameters. */
  params?: Record<string, string>;
}

export function hostUrl(servers: Servers, { page = 'host', sim = {}, params = {} }: HostOptions = {}): string {
  const url = new URL(`${servers.hostOrigin}/${page}/`);
  url.searchParams.set('webapp', `${servers.webappOrigin}/webapp3/`);
  for (const [key, value] of Object.entries({ joinDelay: '0', ...sim })) url.searchParams.set(`sim.${key}`, value);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** Opens a host page and waits until the simulator has registered every plugin (the simulator's fixture, as an integrator's test would). */
export async function openHost(session: Session, servers: Servers, options: HostOptions = {}): Promise<void> {
  await session.page.goto(hostUrl(servers, options));
  await attachSimulator(session.page, { url: `${servers.webappOrigin}/webapp3/`, timeoutMs: 30_000 });
}

/** The simulator (Web App 3) frame, once its hooks are there (its plugins may still be starting). */
export const simFrame = async (page: Page, servers: Servers): Promise<Frame> =>
  (await attachSimulator(page, { url: `${servers.webappOrigin}/webapp3/`, ready: false, timeoutMs: 30_000 })).frame;

/** The external-chat plugin's frame inside the simulator. */
export const pluginFrame = (page: Page): Promise<Frame> => waitForFrame(page, (url) => url.includes('/branding/plugins/external-chat/'));

export async function waitForFrame(page: Page, match: (url: string) => boolean, timeoutMs = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => match(f.url()));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`no frame matched; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
    await page.waitForTimeout(25);
  }
}

/** The simulator's rendered Chat button (what Web App 3 shows the user). */
export async function chatButton(page: Page, servers: Servers) {
  const sim = await simFrame(page, servers);
  return sim.evaluate(() => window.__sim?.buttons().find((b) => b.pluginId === 'external-chat'));
}

/** Polls `read` until `accept` holds; returns the last value (for a readable assertion failure). */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    value = await read();
  }
  return value;
}

/**
 * A second, hand-written client in the top window: finds the plugin by pinging
 * (as a late host would) and records every envelope it receives (read them with
 * `rawReplies`). `raw.source` is the window the plugin's `ready` came from (Web
 * App 3's when the plugin posts through relay.js, its own frame otherwise);
 * `raw.plugin` is always the plugin's own frame, for posting straight to it.
 */
export async function installRawClient(page: Page): Promise<void> {
  const plugin = await pluginFrame(page);
  const index = await plugin.parentFrame()!.evaluate(() => [...document.querySelectorAll('iframe')].findIndex((f) => f.dataset.pluginId === 'external-chat'));
  await page.evaluate(
    async ([prefix, at]) => {
      const webapp = (document.getElementById('webapp3') as HTMLIFrameElement).contentWindow!;
      const raw = { replies: [] as Record<string, unknown>[], plugin: webapp.frames[at] ?? null, source: null as Window | null };
      (window as unknown as { raw: typeof raw }).raw = raw;
      window.addEventListener('message', (event) => {
        const data = event.data as Record<string, unknown> | null;
        if (!data || typeof data.action !== 'string' || !data.action.startsWith(prefix)) return;
        raw.replies.push(data);
        if (data.action === `${prefix}ready`) raw.source = event.source as Window;
      });
      for (let i = 0; i < 50 && !raw.source; i++) {
        for (let f = 0; f < webapp.frames.length; f++) webapp.frames[f]!.postMessage({ action: `${prefix}ping` }, '*');
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!raw.source) throw new Error('the plugin never answered ping');
      if (!raw.plugin) throw new Error(`Web App 3 has no frame ${at}: the plugin's iframe was not found`);
    },
    [PREFIX, index] as const,
  );
}

/** Posts from the top window (after `installRawClient`): to the Web App 3 window or straight to the plugin's. */
export const postRaw = (page: Page, to: 'webapp' | 'plugin', message: unknown): Promise<void> =>
  page.evaluate(
    ([target, data]) => {
      const raw = (window as unknown as { raw: { plugin: Window } }).raw;
      const webapp = (document.getElementById('webapp3') as HTMLIFrameElement).contentWindow!;
      (target === 'plugin' ? raw.plugin : webapp).postMessage(data, '*');
    },
    [to, message] as const,
  );

/** The envelopes named `name` the raw client received. */
export const rawReplies = (page: Page, name: string): Promise<Record<string, unknown>[]> =>
  page.evaluate(
    (action) => (window as unknown as { raw: { replies: Record<string, unknown>[] } }).raw.replies.filter((r) => r.action === action),
    PREFIX + name,
  );

/** What the plugin wrote to the console with the given type ('warning', 'error'), in order. */
export const pluginConsole = (session: Session, type: string): string[] =>
  session.console.filter((m) => m.type === type && m.text.startsWith('[external-chat]')).map((m) => m.text);

/** Runs a host-bridge call in the page; resolves with its outcome, never rejects. */
export const bridgeCall = (page: Page, call: string, args: unknown[]) =>
  page.evaluate(
    async ([method, list]) => {
      try {
        await (window.__host!.chat as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method as string]!(...(list as unknown[]));
        return { ok: true as const };
      } catch (error) {
        const e = error as Error & { action?: string; feature?: string; code?: string };
        return { ok: false as const, name: e.name, code: e.code, message: e.message, action: e.action, feature: e.feature };
      }
    },
    [call, args] as const,
  );

/** Makes the simulator's meeting lively for a picture: of the people besides you, the 2nd muted with the camera off, the 3rd with a raised hand, the 4th spotlit. */
export async function livenMeeting(sim: Frame): Promise<void> {
  await sim.evaluate(() => {
    const [, muted, hand, spot] = window.__sim!.roster().slice(1).map((p) => p.uuid);
    window.__sim!.updateParticipant(muted!, { isMuted: true, isCameraMuted: true });
    window.__sim!.updateParticipant(hand!, { raisedHand: true });
    window.__sim!.updateParticipant(spot!, { isSpotlight: true });
  });
}
