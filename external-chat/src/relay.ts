// How the plugin's envelopes reach the page: through relay.js in Web App 3's
// document (event.source = Web App 3's window, as the original host snippet
// expects), or, when that cannot be set up, posted from the plugin's own frame.
import type { PostFrom } from './config';
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

export interface RelayOptions {
  /** The plugin's own window; its parent is Web App 3's. */
  self: Window;
  /** The page that embeds Web App 3. */
  top: Window;
  /** Which plugin the relay belongs to: one relay element per owner in Web App 3's document. */
  owner: string;
  /** The relay posts only envelopes whose action starts with this. */
  prefix: string;
  /** config.json's allowedOrigins; without them '*'. */
  allowedOrigins?: readonly string[] | undefined;
  /** config.json's postFrom (default 'webapp3'). */
  postFrom?: PostFrom | undefined;
  /** relay.js, next to the plugin's index.html. */
  src: URL;
  timeoutMs?: number;
}

/** The element relay.js leaves its function on. */
type RelayScript = HTMLScriptElement & { relay?: unknown };

export const OWNER_ATTRIBUTE = 'data-relay-owner';

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
 * Installs relay.js in Web App 3's document and resolves with the way to post:
 * the relay, or the plugin's own frame with the reason. Never rejects. Any
 * earlier relay of the same owner (a previous load of this plugin) is removed
 * first; this one goes when the plugin's page does (pagehide) or when it is
 * not used.
 */
export function installRelay(options: RelayOptions): Promise<Posting> {
  const { self, top, owner, prefix, allowedOrigins, postFrom = 'webapp3', src, timeoutMs = RELAY_TIMEOUT_MS } = options;
  const targets = allowedOrigins ?? ['*'];
  const direct = (reason: string): Posting => ({ post: createPostToTop(top, allowedOrigins), mode: 'plugin', reason });
  if (postFrom === 'plugin') return Promise.resolve(direct('config.json sets "postFrom": "plugin"'));
  const parent = parentDocument(self);
  if (!parent.ok) return Promise.resolve(direct(parent.reason));
  const { document } = parent;

  for (const old of document.querySelectorAll(`script[${OWNER_ATTRIBUTE}="${CSS.escape(owner)}"]`)) old.remove();
  const script: RelayScript = document.createElement('script');
  script.setAttribute(OWNER_ATTRIBUTE, owner);
  script.dataset.prefix = prefix;
  script.dataset.targets = JSON.stringify(targets);
  try {
    // Throws under Trusted Types (require-trusted-types-for 'script'): a plain string is no TrustedScriptURL.
    script.src = src.href;
  } catch (error) {
    return Promise.resolve(direct(`Web App 3's document refused relay.js (${(error as Error).message})`));
  }

  return new Promise<Posting>((resolve) => {
    /** The plugin's page went: it says nothing more, by either way. */
    let gone = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (posting: Posting): void => {
      clearTimeout(timer);
      script.onload = script.onerror = null;
      if (posting.mode === 'plugin') script.remove();
      resolve(posting);
    };
    script.onload = () => {
      const { relay } = script;
      if (typeof relay !== 'function') return settle(direct(`${src.href} loaded but left no relay (not external-chat's relay.js, or its data attributes were refused)`));
      // The relay posts nothing once its element left Web App 3's document (a script there that tidies <head>):
      // the envelope then goes from the plugin's own frame, as in the fallback, rather than nowhere.
      const fallback = createPostToTop(top, allowedOrigins);
      settle({
        post: (envelope) => {
          if (relay(envelope) !== true && !script.isConnected && !gone) fallback(envelope);
        },
        mode: 'webapp3',
        reason: `${src.href} relays envelopes starting with '${prefix}'`,
      });
    };
    script.onerror = () =>
      settle(direct(`Web App 3's document did not run ${src.href} (a Content-Security-Policy whose script-src does not allow it, or the file is missing)`));
    timer = setTimeout(() => settle(direct(`${src.href} did not load within ${timeoutMs / 1000} s`)), timeoutMs);
    self.addEventListener(
      'pagehide',
      () => {
        gone = true;
        script.remove();
      },
      { once: true },
    );
    (document.head ?? document.documentElement).append(script);
  });
}

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
