import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describePosting, installRelay, loadRelay, OWNER_ATTRIBUTE, postingFor, queuePosts, type Posting, type RelayOptions } from './relay';

const PREFIX = 'pexip:plugin:external-chat/';
const RELAY_JS = readFileSync('external-chat/public/relay.js', 'utf8');
const SRC = new URL('https://pexip.example.com/webapp3/branding/plugins/external-chat/relay.js');

/** The page above Web App 3: records what reaches it. */
class FakeTop {
  readonly posted: { data: unknown; origin: string }[] = [];
  postMessage(data: unknown, origin: string): void {
    this.posted.push({ data: structuredClone(data), origin });
  }
}

type Relay = (envelope: unknown) => boolean;
type Init = (prefix: unknown, targets: unknown) => Relay | undefined;
const initOf = (script: Element): Init | undefined => (script as HTMLScriptElement & { init?: Init }).init;

/** Runs relay.js as the browser would with `script` as document.currentScript, under Web App 3's window. */
function runRelayJs(script: HTMLScriptElement, top: FakeTop): void {
  new Function('document', 'window', 'HTMLScriptElement', RELAY_JS)({ currentScript: script }, { top }, HTMLScriptElement);
}

/** relay.js run in a connected element, and the relay it hands out for `prefix` and `targets`. */
function relayFor(prefix: unknown, targets: unknown, top = new FakeTop()): { script: HTMLScriptElement; relay: Relay | undefined; top: FakeTop } {
  const script = document.createElement('script');
  document.body.append(script);
  runRelayJs(script, top);
  return { script, relay: initOf(script)?.(prefix, targets), top };
}

describe("relay.js, in Web App 3's document", () => {
  it('posts envelopes of its prefix to the top window, to each target it was given', () => {
    const { relay, top } = relayFor(PREFIX, ['https://portal.example.com', 'https://desk.example.com']);
    const envelope = { action: `${PREFIX}ready`, instanceId: 'i1' };
    expect(relay?.(envelope)).toBe(true);
    expect(top.posted).toEqual([
      { data: envelope, origin: 'https://portal.example.com' },
      { data: envelope, origin: 'https://desk.example.com' },
    ]);
  });

  it("accepts a plain object of another realm (the plugin's), whose prototype is not this realm's Object.prototype", () => {
    const { relay, top } = relayFor(PREFIX, ['*']);
    const foreign = Object.assign(Object.create(Object.create(null) as object) as object, { action: `${PREFIX}connected` });
    expect(relay?.(foreign)).toBe(true);
    expect(relay?.(Object.assign(Object.create(null) as object, { action: `${PREFIX}disconnected` }))).toBe(true);
    expect(top.posted.map((p) => p.origin)).toEqual(['*', '*']);
  });

  it.each([
    ['a foreign message', { type: 'webrtc', sdp: 'x' }],
    ['another prefix', { action: 'rocketchat:videoconf/ready' }],
    ['the prefix without its slash', { action: 'pexip:plugin:external-chat' }],
    ['a non-string action', { action: 7 }],
    ['a string', `${PREFIX}ready`],
    ['null', null],
    ['an array', [`${PREFIX}ready`]],
    ['a class instance', Object.assign(new Map(), { action: `${PREFIX}ready` })],
    ['an action behind a getter', { get action() { return `${PREFIX}ready`; } }],
  ])('refuses %s: nothing reaches the top', (_, message) => {
    const { relay, top } = relayFor(PREFIX, ['*']);
    expect(relay?.(message)).toBe(false);
    expect(top.posted).toEqual([]);
  });

  it('posts nothing once its element has left the document (the plugin is gone)', () => {
    const { script, relay, top } = relayFor(PREFIX, ['*']);
    script.remove();
    expect(relay?.({ action: `${PREFIX}ready` })).toBe(false);
    expect(top.posted).toEqual([]);
  });

  it.each([
    ['no prefix', undefined, ['*']],
    ['an empty prefix', '', ['*']],
    ['no targets', PREFIX, undefined],
    ['targets that are no list', PREFIX, '*'],
    ['no target', PREFIX, []],
    ['a target that is no string', PREFIX, ['*', 1]],
  ])('with %s it hands out no relay (the plugin then posts from its own frame)', (_, prefix, targets) => {
    expect(relayFor(prefix, targets).relay).toBeUndefined();
  });

  it('hands its relay out once: whoever asks after the plugin gets nothing, and it cannot be re-pointed', () => {
    const { script, relay, top } = relayFor(PREFIX, ['https://portal.example.com']);
    expect(initOf(script)?.(PREFIX, ['*'])).toBeUndefined();
    expect(initOf(script)?.('other:', ['*'])).toBeUndefined();
    expect(() => Object.assign(script, { init: () => () => true })).toThrow(TypeError);
    expect(relay?.({ action: `${PREFIX}ready` })).toBe(true);
    expect(top.posted).toEqual([{ data: { action: `${PREFIX}ready` }, origin: 'https://portal.example.com' }]);
  });

  it('still hands its relay to the first valid caller after an invalid one', () => {
    const top = new FakeTop();
    const script = document.createElement('script');
    document.body.append(script);
    runRelayJs(script, top);
    expect(initOf(script)?.('', ['*'])).toBeUndefined();
    expect(initOf(script)?.(PREFIX, ['*'])).toBeTypeOf('function');
  });

  it('runs once per element, even where a DOM runs an element put back again', () => {
    const { script, relay } = relayFor(PREFIX, ['*']);
    const init = initOf(script);
    runRelayJs(script, new FakeTop());
    expect(initOf(script)).toBe(init);
    expect(relay).toBeTypeOf('function');
  });
});

describe('installRelay', () => {
  let doc: Document;
  let self: EventTarget & { parent: { document: Document } };
  let top: FakeTop;
  const settings = () => (window as unknown as { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM.settings;
  /** What relay.js does before `load`: Web App 3 runs it when it arrives. */
  const runOnLoad = (event: Event): void => {
    if (event.target instanceof HTMLScriptElement) runRelayJs(event.target, top);
  };
  const options = (extra: Partial<RelayOptions> = {}): RelayOptions => ({
    self: self as unknown as Window,
    top: top as unknown as Window,
    owner: 'external-chat',
    prefix: PREFIX,
    src: SRC,
    ...extra,
  });
  const relays = (owner = 'external-chat') => [...doc.querySelectorAll(`script[${OWNER_ATTRIBUTE}="${owner}"]`)];

  beforeEach(() => {
    doc = document.implementation.createHTMLDocument('Web App 3');
    self = Object.assign(new EventTarget(), { parent: { document: doc } });
    top = new FakeTop();
  });
  afterEach(() => {
    settings().handleDisabledFileLoadingAsSuccess = false;
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** happy-dom then answers a script at once with `load`; relay.js runs just before, as in a browser. */
  const loads = (): void => {
    settings().handleDisabledFileLoadingAsSuccess = true;
    doc.addEventListener('load', runOnLoad, { capture: true });
  };

  it("posts through relay.js from Web App 3's window when it loads", async () => {
    loads();
    const posting = await installRelay(options({ allowedOrigins: ['https://portal.example.com'] }));
    expect(posting).toMatchObject({ mode: 'webapp3', reason: `relay.js relays envelopes starting with '${PREFIX}'` });
    const [script] = relays();
    expect(script?.getAttribute('src')).toBe(SRC.href);
    expect({ ...(script as HTMLScriptElement).dataset }).toEqual({ relayOwner: 'external-chat' });
    posting.post({ action: `${PREFIX}ready` });
    posting.post({ action: 'rocketchat:videoconf/ready' });
    expect(top.posted).toEqual([{ data: { action: `${PREFIX}ready` }, origin: 'https://portal.example.com' }]);
  });

  it("posts to '*' when config.json allows any page, as the plugin itself would", async () => {
    loads();
    const posting = await installRelay(options());
    posting.post({ action: `${PREFIX}ready` });
    expect(top.posted.map((p) => p.origin)).toEqual(['*']);
  });

  it("replaces an earlier relay of the same plugin (a reload) and leaves other plugins' alone", async () => {
    loads();
    const other = doc.createElement('script');
    other.setAttribute(OWNER_ATTRIBUTE, 'another-plugin');
    doc.head.append(other);
    await installRelay(options());
    await installRelay(options());
    const [last] = relays();
    await installRelay(options());
    expect(relays()).toHaveLength(1);
    expect(relays()[0]).not.toBe(last);
    expect(relays('another-plugin')).toEqual([other]);
  });

  it("puts its element back when something in Web App 3 removed it, and relays from Web App 3's window still: nothing is lost", async () => {
    loads();
    const posting = await installRelay(options({ allowedOrigins: ['https://portal.example.com'] }));
    const [script] = relays();
    script?.remove();
    posting.post({ action: `${PREFIX}toggle-chat`, active: true });
    expect(relays()).toEqual([script]);
    expect(top.posted).toEqual([{ data: { action: `${PREFIX}toggle-chat`, active: true }, origin: 'https://portal.example.com' }]);
  });

  it('keeps its relay when the page only goes into the back/forward cache', async () => {
    loads();
    const posting = await installRelay(options());
    const hide = Object.assign(new Event('pagehide'), { persisted: true });
    self.dispatchEvent(hide);
    expect(relays()).toHaveLength(1);
    posting.post({ action: `${PREFIX}ready` });
    expect(top.posted).toHaveLength(1);
  });

  it("removes its relay when the plugin's page goes (pagehide)", async () => {
    loads();
    const posting = await installRelay(options());
    self.dispatchEvent(new Event('pagehide'));
    expect(relays()).toEqual([]);
    posting.post({ action: `${PREFIX}ready` });
    expect(top.posted).toEqual([]);
  });

  it('posts from the plugin\'s frame, relay.js removed, when config.json says "postFrom": "plugin"', async () => {
    loads();
    const posting = await installRelay(options({ postFrom: 'plugin', allowedOrigins: ['https://portal.example.com'] }));
    expect(posting).toMatchObject({ mode: 'plugin', reason: 'config.json sets "postFrom": "plugin"' });
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    posting.post({ action: `${PREFIX}ready` });
    expect(top.posted).toEqual([{ data: { action: `${PREFIX}ready` }, origin: 'https://portal.example.com' }]);
  });

  it('posts from the plugin\'s frame when another script in Web App 3 took the relay first', async () => {
    loads();
    const load = loadRelay(options());
    const init = await load.loaded;
    expect(typeof init).toBe('function');
    (init as (prefix: string, targets: string[]) => unknown)('pexip:plugin:', ['*']);
    const posting = await postingFor(load, options());
    expect(posting).toMatchObject({ mode: 'plugin', reason: expect.stringContaining('handed its relay to someone else first') });
    expect(relays()).toEqual([]);
  });

  it("posts from the plugin's frame when Web App 3's document is out of reach (another origin)", async () => {
    const crossOrigin = {
      get document(): Document {
        throw new DOMException('Blocked a frame with origin "https://localhost:5173" from accessing a cross-origin frame.', 'SecurityError');
      },
    };
    const posting = await installRelay(options({ self: Object.assign(new EventTarget(), { parent: crossOrigin }) as unknown as Window }));
    expect(posting.mode).toBe('plugin');
    expect(posting.reason).toContain("Web App 3's document is out of the plugin's reach");
    posting.post({ action: `${PREFIX}ready` });
    expect(top.posted).toEqual([{ data: { action: `${PREFIX}ready` }, origin: '*' }]);
  });

  it("posts from the plugin's frame when Web App 3's document does not run relay.js (a CSP: the script's error event)", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // happy-dom's own line for a refused script
    const posting = await installRelay(options());
    expect(posting.mode).toBe('plugin');
    expect(posting.reason).toContain(`Web App 3's document did not run ${SRC.href} (a Content-Security-Policy`);
    expect(relays()).toEqual([]);
  });

  it("posts from the plugin's frame when Trusted Types refuse relay.js's URL (setting src throws)", async () => {
    vi.spyOn(HTMLScriptElement.prototype, 'src', 'set').mockImplementation(() => {
      throw new TypeError("This document requires 'TrustedScriptURL' assignment.");
    });
    const posting = await installRelay(options());
    expect(posting).toMatchObject({ mode: 'plugin', reason: "Web App 3's document refused relay.js (This document requires 'TrustedScriptURL' assignment.)" });
    expect(relays()).toEqual([]);
  });

  it("uses no relay another script defined on relay.js's element before it ran, even a fixed one", async () => {
    settings().handleDisabledFileLoadingAsSuccess = true;
    const stolen: unknown[] = [];
    doc.addEventListener(
      'load',
      (event) => {
        const init = () => (envelope: unknown) => stolen.push(envelope) > 0;
        Object.defineProperty(event.target as object, 'init', { value: init, writable: false, configurable: false });
      },
      { capture: true },
    );
    const posting = await installRelay(options());
    expect(posting).toMatchObject({ mode: 'plugin', reason: expect.stringContaining("loaded, but its element holds no init of relay.js's own") });
    posting.post({ action: `${PREFIX}ready` });
    expect(stolen).toEqual([]);
    expect(top.posted).toHaveLength(1);
  });

  it("posts from the plugin's frame when relay.js loads but leaves no relay", async () => {
    settings().handleDisabledFileLoadingAsSuccess = true;
    const posting = await installRelay(options());
    expect(posting.mode).toBe('plugin');
    expect(posting.reason).toContain("loaded, but its element holds no init of relay.js's own");
    expect(relays()).toEqual([]);
  });

  it("posts from the plugin's frame when relay.js does not answer in time, and drops the late relay", async () => {
    vi.useFakeTimers();
    settings().handleDisabledFileLoadingAsSuccess = true;
    // The request hangs: no load, no error.
    doc.addEventListener('load', (event) => event.stopImmediatePropagation(), { capture: true });
    const installing = installRelay(options({ timeoutMs: 1000 }));
    let settled: Posting | undefined;
    void installing.then((posting) => (settled = posting));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toMatchObject({ mode: 'plugin', reason: `${SRC.href} did not load within 1 s` });
    expect(relays()).toEqual([]);
  });
});

describe('queuePosts', () => {
  const posting = (mode: Posting['mode'], sent: object[]): Posting => ({ mode, reason: 'because', post: (envelope) => sent.push(envelope) });

  it('holds envelopes until the way is known, then sends them in order, and later ones straight away', async () => {
    const sent: object[] = [];
    let choose!: (chosen: Posting) => void;
    const post = queuePosts(new Promise<Posting>((resolve) => (choose = resolve)), () => undefined);
    post({ n: 1 });
    post({ n: 2 });
    expect(sent).toEqual([]);
    choose(posting('webapp3', sent));
    await Promise.resolve();
    post({ n: 3 });
    expect(sent).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('says once which way it posts, and why', async () => {
    const info = vi.fn();
    const post = queuePosts(Promise.resolve(posting('plugin', [])), info);
    await Promise.resolve();
    post({ n: 1 });
    post({ n: 2 });
    expect(info.mock.calls).toEqual([[describePosting({ mode: 'plugin', reason: 'because' })]]);
  });

  it('sends the rest of the queue when one envelope cannot be posted', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sent: object[] = [];
    let choose!: (chosen: Posting) => void;
    const post = queuePosts(new Promise<Posting>((resolve) => (choose = resolve)), () => undefined);
    post({ n: 1 });
    post({ n: 2 });
    choose({ mode: 'plugin', reason: '', post: (envelope) => (envelope as { n: number }).n === 1 ? (() => { throw new Error('DataCloneError'); })() : sent.push(envelope) });
    await Promise.resolve();
    expect(sent).toEqual([{ n: 2 }]);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('with no way to post (the bridge stays off) drops the queue and says nothing', async () => {
    const info = vi.fn();
    const post = queuePosts(Promise.resolve(null), info);
    post({ n: 1 });
    await Promise.resolve();
    post({ n: 2 });
    expect(info).not.toHaveBeenCalled();
  });
});

describe('describePosting', () => {
  it('names the window the page hears from, tagged for the console', () => {
    expect(describePosting({ mode: 'webapp3', reason: 'r' })).toBe("[external-chat] posting to the page from Web App 3's window (relay.js): r");
    expect(describePosting({ mode: 'plugin', reason: 'r' })).toMatch(/^\[external-chat\] posting from the plugin's own frame .*: r$/);
  });
});
