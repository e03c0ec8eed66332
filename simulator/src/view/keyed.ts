// Redraws that touch only what changed: a list redrawn 60 times a second under
// churn must not rebuild (and re-lay out) the rows that stayed.

/**
 * Make `parent`'s children exactly `wanted`, in that order. Children no longer
 * wanted go first, so a window that scrolls by one row removes one and adds
 * one instead of moving every row past the first.
 */
export function placeChildren(parent: Element, wanted: readonly Element[]): void {
  const keep = new Set(wanted);
  for (let child = parent.firstElementChild; child; ) {
    const next = child.nextElementSibling;
    if (!keep.has(child)) child.remove();
    child = next;
  }
  let cursor = parent.firstElementChild;
  for (const el of wanted) {
    if (el === cursor) cursor = cursor.nextElementSibling;
    else parent.insertBefore(el, cursor);
  }
}

/** Set an attribute only when it differs (an unchanged redraw writes nothing). */
export function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
