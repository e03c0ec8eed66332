// Text for narrow panels, cards and tiles: the simulator's, and the demo host page's (the package exports it as ./text-wrap).

/** `text` as text nodes with a <wbr> at every match of `at` (a zero-width pattern): the places it may wrap. */
export function wrappable(text: string, at: RegExp): Node[] {
  return text
    .split(at)
    .flatMap((part, i) => (i === 0 ? [document.createTextNode(part)] : [document.createElement('wbr'), document.createTextNode(part)]));
}

/** An address (or a name that is one): wraps before its '@' and dots rather than at whatever letter reaches the edge. */
export const breakableAddress = (text: string): Node[] => wrappable(text, /(?=[@.])/);
