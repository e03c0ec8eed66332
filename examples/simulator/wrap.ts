// Text for narrow panels and tiles.

/**
 * An address (or a name that is one) that may wrap before its '@' and dots,
 * through <wbr>, rather than at whatever letter reaches the edge.
 */
export function breakableAddress(text: string): Node[] {
  return text
    .split(/(?=[@.])/)
    .flatMap((part, i) => (i === 0 ? [document.createTextNode(part)] : [document.createElement('wbr'), document.createTextNode(part)]));
}
