// Whether a message came from the embedded Web App 3. Pure: works on any
// objects shaped like windows, so it is unit-tested without frames.

/** The part of a window the check reads: `parent` is readable across origins. */
export interface WindowLike {
  readonly parent: WindowLike | null;
}

/** Frames nest a few levels at most (Web App 3 → plugin); a longer chain is not ours. */
const MAX_DEPTH = 8;

/**
 * True when `source` is Web App 3's window or a window nested inside it.
 * The plugin posts from Web App 3's window when its relay is on, and from its
 * own frame (a child of Web App 3) otherwise: both count.
 */
export function isFromWebApp(source: unknown, webapp: WindowLike | null): boolean {
  if (!webapp || typeof source !== 'object' || source === null) return false;
  let current: WindowLike | null = source as WindowLike;
  for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
    if (current === webapp) return true;
    const parent: WindowLike | null = current.parent;
    // The top window is its own parent: the chain ends there.
    if (parent === current) return false;
    current = parent;
  }
  return false;
}

/** What the page accepts: an allowed origin and a window inside the iframe. */
export function accepts(event: { origin: string; source: unknown }, origins: readonly string[], webapp: WindowLike | null): boolean {
  return origins.includes(event.origin) && isFromWebApp(event.source, webapp);
}
