// The round initials badge that stands for a person (participant list, stage tiles).

export function createAvatar(name: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'avatar';
  el.setAttribute('aria-hidden', 'true');
  el.textContent = initials(name);
  el.style.setProperty('--hue', String(hue(name)));
  return el;
}

export function initials(name: string): string {
  const words = name.replace(/@.*$/, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return (words.length > 1 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : (words[0] ?? name).slice(0, 1)).toUpperCase();
}

/** A stable colour per name, so a person keeps it across renders. */
export function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}
