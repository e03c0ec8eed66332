// The simulator page's fixed parts: its elements, the error banner, the call
// header and Web App 3's own toolbar buttons.
import { builtinIcon } from './icons';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`simulator page is missing #${id}: index.html and page.ts disagree`);
  return el as T;
};

export function pageElements() {
  return {
    errors: byId('errors'),
    status: byId('call-status'),
    join: byId<HTMLButtonElement>('join'),
    drop: byId<HTMLButtonElement>('drop'),
    reload: byId<HTMLButtonElement>('reload'),
    leave: byId<HTMLButtonElement>('leave'),
    stage: byId('stage'),
    participants: byId('participant-list'),
    plugins: byId('plugin-list'),
    rpcLog: byId('rpc-log'),
    toolbar: byId('plugin-buttons'),
    builtins: byId('builtin-buttons'),
    frames: byId('plugin-frames'),
  };
}
export type PageElements = ReturnType<typeof pageElements>;

/** Errors shown on the page; `errors` is also window.__sim.errors. */
export function createErrorBanner(banner: HTMLElement): { errors: string[]; show(message: string): void } {
  const errors: string[] = [];
  return {
    errors,
    show(message) {
      errors.push(message);
      const p = document.createElement('p');
      p.textContent = message;
      banner.append(p);
      banner.hidden = false;
      console.error(`[simulator] ${message}`);
    },
  };
}

export function renderCallState(ui: PageElements, joined: boolean): void {
  ui.status.textContent = joined ? 'In meeting' : 'Not joined';
  ui.status.classList.toggle('live', joined);
  ui.join.disabled = joined;
  ui.drop.disabled = !joined;
  ui.leave.disabled = !joined;
}

/** Mute and camera: cosmetic only (no media here), they just toggle a muted look. */
function builtinButton(label: string, icon: 'MicOn' | 'VideoOn'): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'tb-button builtin';
  b.title = label;
  b.setAttribute('aria-label', label);
  b.setAttribute('aria-pressed', 'false');
  b.append(builtinIcon(icon));
  b.addEventListener('click', () => {
    const muted = b.classList.toggle('muted');
    b.setAttribute('aria-pressed', String(muted));
  });
  return b;
}

export function drawBuiltinButtons(ui: PageElements): void {
  ui.builtins.append(builtinButton('Mute microphone', 'MicOn'), builtinButton('Turn off camera', 'VideoOn'));
  ui.leave.prepend(builtinIcon('HangUp'));
}
