// Toolbar icons: how the simulator draws them (which names Web App 3 accepts: model/icon-names.ts).
import type { ToolbarIcon } from '../model/icon-names';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(paths: string[]): SVGSVGElement {
  const el = document.createElementNS(SVG_NS, 'svg');
  el.setAttribute('viewBox', '0 0 24 24');
  el.setAttribute('width', '22');
  el.setAttribute('height', '22');
  el.setAttribute('aria-hidden', 'true');
  el.setAttribute('focusable', 'false');
  el.classList.add('icon');
  for (const d of paths) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    el.append(path);
  }
  return el;
}

const GLYPHS: Record<string, string[]> = {
  // speech bubble with three dots
  IconChat: [
    'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-4.6 3.7A.9.9 0 0 1 3 21V6a2 2 0 0 1 1-2Z',
    'M8 10.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4Zm4 0a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4Zm4 0a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4Z',
  ],
  // two people, one in front of the other
  IconParticipant: [
    'M9 11.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM2 19c0-3.3 3.1-5.5 7-5.5s7 2.2 7 5.5v1H2v-1Z',
    'M16.5 11.5a3 3 0 1 0-1.2-5.75 5 5 0 0 1 0 5.5c.37.16.78.25 1.2.25ZM17.6 13.6c1.7.9 2.9 2.5 2.9 4.4v2H22v-1c0-2.8-1.9-4.7-4.4-5.4Z',
  ],
  MicOn: [
    'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3Z',
    'M6 11a6 6 0 0 0 12 0h-1.6a4.4 4.4 0 0 1-8.8 0H6Zm5.2 7.2V21h1.6v-2.8h-1.6Z',
  ],
  VideoOn: ['M3 7a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v2.5l4.2-2.8a.5.5 0 0 1 .8.4v9.8a.5.5 0 0 1-.8.4L16 14.5V17a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7Z'],
  HangUp: [
    'M12 9c-3.6 0-6.9 1.1-9.2 3a1.5 1.5 0 0 0-.2 2.1l1.3 1.6a1.5 1.5 0 0 0 1.9.3l2.4-1.4c.5-.3.8-.8.8-1.4v-1.4a12 12 0 0 1 6 0v1.4c0 .6.3 1.1.8 1.4l2.4 1.4a1.5 1.5 0 0 0 1.9-.3l1.3-1.6a1.5 1.5 0 0 0-.2-2.1C18.9 10.1 15.6 9 12 9Z',
  ],
  // fallback for known names without a drawn glyph: a rounded square
  Generic: ['M6 4h12a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm2 5v6h8V9H8Z'],
};

/** Built-in glyphs of the simulator's own toolbar (mic, camera, chat, participants, hang-up). */
export const builtinIcon = (name: 'MicOn' | 'VideoOn' | 'HangUp' | 'IconChat' | 'IconParticipant'): SVGSVGElement =>
  svg(GLYPHS[name] ?? []);

/**
 * An element drawing `icon`. Custom icons are drawn as <img> of an SVG data
 * URL, so markup coming from a plugin can never run script in this page.
 */
export function createIcon(icon: ToolbarIcon, hover = false): Element {
  if (typeof icon === 'string') return svg(GLYPHS[icon] ?? GLYPHS.Generic ?? []);
  const img = document.createElement('img');
  img.className = 'icon';
  img.alt = '';
  img.width = 22;
  img.height = 22;
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(hover ? icon.custom.hover : icon.custom.main)}`;
  return img;
}
