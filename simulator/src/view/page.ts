// The simulator page's fixed parts: its elements, the error banner, the call
// header, the language picker and Web App 3's mic and camera buttons.
import { builtinIcon } from './icons';
import { LANGUAGES } from '../model/language';

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
    lang: byId<HTMLSelectElement>('lang'),
    leave: byId<HTMLButtonElement>('leave'),
    layout: byId('layout'),
    stage: byId('stage'),
    toasts: byId('toasts'),
    participants: byId('participant-list'),
    tabs: { participants: byId<HTMLButtonElement>('tab-participants'), chat: byId<HTMLButtonElement>('tab-chat') },
    views: { participants: byId('panel-participants'), chat: byId('panel-chat') },
    chat: {
      log: byId('chat-log'),
      empty: byId('chat-empty'),
      form: byId<HTMLFormElement>('chat-compose'),
      sender: byId<HTMLSelectElement>('chat-sender'),
      direct: byId<HTMLInputElement>('chat-direct'),
      text: byId<HTMLInputElement>('chat-text'),
      send: byId<HTMLButtonElement>('chat-send'),
      error: byId('chat-error'),
      unread: byId('chat-unread'),
    },
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
  // Redrawn every frame under churn: writing the same text would still replace its node and lay the header out again.
  const status = joined ? 'In meeting' : 'Not joined';
  if (ui.status.textContent !== status) ui.status.textContent = status;
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

/** The picker's languages, plus `current` when it is another code (from ?lang=); `onPick` runs when the user picks. */
export function drawLanguagePicker(select: HTMLSelectElement, current: string | null, onPick: (code: string) => void): void {
  const codes = LANGUAGES.map(([code]) => code);
  const options = LANGUAGES.map(([code, name]) => new Option(name, code));
  if (current !== null && !codes.includes(current)) options.push(new Option(current, current));
  select.append(...options);
  if (current !== null) select.value = current;
  select.addEventListener('change', () => onPick(select.value));
}

/** Show `code` in the picker (adding it when it is not one of the listed languages). */
export function showLanguage(select: HTMLSelectElement, code: string): void {
  if (![...select.options].some((o) => o.value === code)) select.append(new Option(code, code));
  select.value = code;
}
