// How the plugin's envelopes reach the page: through relay.js in Web App 3's
// document (event.source = Web App 3's window, as the original host snippet
// expects), or, when that cannot be set up, posted from the plugin's own frame.
import type { PostFrom } from './config';
import { fingerprint } from './fingerprint';
import { createPostToTop } from './post-to-top';

export type Post = (envelope: object) => void;

export interface Posting {
  post: Post;
  /** Where the messages come from, as the page sees it in event.source. */
  mode: PostFrom;
  /** Why this mode: the line the console shows. */
  reason: string;
}

/**
 * relay.js comes from the server that served the plugin's own page a moment
 * before: a healthy fetch takes milliseconds. A second is far beyond that, yet
 * short against host-bridge's pings (every 2 s at most) and a person waiting
 * for the Chat button's first click to reach the page; posts wait in a queue
 * meanwhile, so nothing is lost.
 */
export const RELAY_TIMEOUT_MS = 1_000;

export interface RelayLoadOptions {
  /** The plugin's own window; its parent is Web App 3's. */
  self: Window;
  /** Which plugin the relay belongs to: one relay element per owner in Web App 3's document. */
  owner: string;
  /** relay.js, next to the plugin's index.html. */
  src: URL;
  timeoutMs?: number;
}

export interface RelaySettings {
  /** The page that embeds Web App 3. */
  top: Window;
  /** The relay posts only envelopes whose action starts with this (the dialect's prefix). */
  prefix: string;
  /** config.json's allowedOrigins; without them '*'. */
  allowedOrigins?: readonly string[] | undefined;
  /** config.json's postFrom (default 'webapp3'). */
  postFrom?: PostFrom | undefined;
}

export type RelayOptions = RelayLoadOptions & RelaySettings;

/** relay.js's one-time handout: the relay for the first caller, nothing after. */
type RelayInit = (prefix: string, targets: readonly string[]) => unknown;
type Relay = (envelope: object) => boolean;

/** relay.js on its way into Web App 3's document. */
export interface RelayLoad {
  /** Its `init` once it ran, or why it cannot be used. */
  loaded: Promise<RelayInit | string>;
  /** Puts the element back if something in Web App 3 removed it (not once the plugin's page went). */
  keep(): void;
  remove(): void;
}

export const OWNER_ATTRIBUTE = 'data-relay-owner';

/**
 * Whether `value` is relay.js's own `init`: its source text, read with this frame's
 * Function.prototype.toString (not the value's own toString), has the fingerprint the build took from
 * the relay.js it shipped, so the relay it hands out is relay.js's too. Code in Web App 3's document
 * that defined `init` on the element before relay.js ran is refused. (Code served from Web App 3's
 * origin can still script this frame itself: see docs/security.md.)
 */
const isRelayJs = (value: unknown, expected: string): value is (...args: never[]) => unknown =>
  typeof value === 'function' && fingerprint(Function.prototype.toString.call(value)) === expected;

/** What the console says, once per plugin load. */
export function describePosting({ mode, reason }: Pick<Posting, 'mode' | 'reason'>): string {
  if (mode === 'webapp3') return `[external-chat] posting to the page from Web App 3's window (relay.js): ${reason}`;
  return `[external-chat] posting from the plugin's own frame (hosts must accept windows inside Web App 3's iframe as event.source): ${reason}`;
}

/** Web App 3's document, or why the plugin cannot reach it. */
function parentDocument(self: Window): { ok: true; document: Document } | { ok: false; reason: string } {
  try {
    const { document } = self.parent;
    return { ok: true, document };
  } catch {
    return {
      ok: false,
      reason: "Web App 3's document is out of the plugin's reach (another origin, as with the dev server, or a sandbox without allow-same-origin)",
    };
  }
}

/**
 * Starts adding relay.js to Web App 3's document at once, before config.json
 * says how it will be used: its fetch then overlaps config.json's and Web App
 * 3's registration answer, so `ready` need not wait for it. Any earlier relay
 * of the same owner (a previous load of this plugin) is removed first; this
 * one goes when the plugin's page does (pagehide, not the back/forward cache).
 */
export function loadRelay({ self, owner, src, timeoutMs = RELAY_TIMEOUT_MS }: RelayLoadOptions): RelayLoad {
  const unusable = (reason: string): RelayLoad => ({ loaded: Promise.resolve(reason), keep: () => undefined, remove: () => undefined });
  const parent = parentDocument(self);
  if (!parent.ok) return unusable(parent.reason);
  const { document } = parent;
  for (const old of document.querySelectorAll(`script[${OWNER_ATTRIBUTE}="${CSS.escape(owner)}"]`)) old.remove();
  const script: HTMLScriptElement & { init?: unknown } = document.createElement('script');
  script.setAttribute(OWNER_ATTRIBUTE, owner);
  try {
    // Throws under Trusted Types (require-trusted-types-for 'script'): a plain string is no TrustedScriptURL.
    script.src = src.href;
  } catch (error) {
    return unusable(`Web App 3's document refused relay.js (${(error as Error).message})`);
  }
  const home = document.head ?? document.documentElement;
  /** The plugin's page went: the relay goes with it, for good. */
  let gone = false;
  const remove = (): void => script.remove();
  // A page kept in the back/forward cache (persisted) comes back whole, relay and all.
  const leave = (event: PageTransitionEvent): void => {
    if (event.persisted) return;
    gone = true;
    remove();
    self.removeEventListener('pagehide', leave);
  };
  self.addEventListener('pagehide', leave);

  const loaded = new Promise<RelayInit | string>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // An unusable relay is removed by whoever learns it is (postingFor, or index.ts when config.json fails).
    const settle = (result: RelayInit | string): void => {
      clearTimeout(timer);
      script.onload = script.onerror = null;
      resolve(result);
    };
    script.onload = () => {
      // relay.js defines init as an own, fixed value.
      const own = Object.getOwnPropertyDescriptor(script, 'init');
      const init: unknown = own && !own.writable && !own.configurable ? own.value : undefined;
      settle(isRelayJs(init, __RELAY_INIT_FINGERPRINT__) ? (init as RelayInit) : `${src.href} loaded, but its element holds no init of relay.js's own (another script in Web App 3 defined one first?)`);
    };
    script.onerror = () =>
      settle(`Web App 3's document did not run ${src.href} (a Content-Security-Policy whose script-src does not allow it, or the file is missing)`);
    timer = setTimeout(() => settle(`${src.href} did not load within ${timeoutMs / 1000} s`), timeoutMs);
  });
  home.append(script);
  return {
    loaded,
    keep: () => {
      if (!script.isConnected && !gone) home.append(script);
    },
    remove,
  };
}

/**
 * config.json read: the way the plugin posts. Through the relay when it ran
 * and config.json allows it; otherwise from the plugin's own frame, with the
 * reason (the relay is then removed). Never rejects.
 */
export async function postingFor(load: RelayLoad, { top, prefix, allowedOrigins, postFrom = 'webapp3' }: RelaySettings): Promise<Posting> {
  const direct = (reason: string): Posting => {
    load.remove();
    return { post: createPostToTop(top, allowedOrigins), mode: 'plugin', reason };
  };
  if (postFrom === 'plugin') return direct('config.json sets "postFrom": "plugin"');
  const init = await load.loaded;
  if (typeof init === 'string') return direct(init);
  const relay = init(prefix, allowedOrigins ?? ['*']);
  if (typeof relay !== 'function') return direct('relay.js handed its relay to someone else first (another script in Web App 3 called its init)');
  return {
    // The page has learnt Web App 3's window as the plugin's: if something there removed the element (a script
    // tidying <head>), posting from the plugin's own frame would be dropped, so the element goes back instead.
    post: (envelope) => {
      load.keep();
      (relay as Relay)(envelope);
    },
    mode: 'webapp3',
    reason: `relay.js relays envelopes starting with '${prefix}'`,
  };
}

/** Both steps at once: for a caller that knows its settings already. */
export const installRelay = (options: RelayOptions): Promise<Posting> => postingFor(loadRelay(options), options);

/**
 * A post function usable at once: envelopes wait, in order, until `posting`
 * settles, then go its way; the console says once which way that is. The
 * endpoint can start (and say `ready`) while relay.js loads, and nothing it
 * says meanwhile is lost. `null`: the bridge stays off, nothing is posted.
 */
export function queuePosts(posting: Promise<Posting | null>, info: (line: string) => void = (line) => console.info(line)): Post {
  let post: Post | undefined;
  let queue: object[] | undefined = [];
  void posting.then((chosen) => {
    const waiting = queue ?? [];
    queue = undefined;
    if (!chosen) return;
    info(describePosting(chosen));
    post = chosen.post;
    for (const envelope of waiting) {
      try {
        chosen.post(envelope);
      } catch (error) {
        // As a direct post would have, but here no caller is left to hear it.
        console.error('[external-chat] could not post a queued envelope to the page', error);
      }
    }
  });
  return (envelope) => {
    if (post) post(envelope);
    else queue?.push(envelope);
  };
}
