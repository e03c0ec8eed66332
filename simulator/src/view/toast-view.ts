// Draws the toast on screen over the stage, at the top or the bottom.
import type { ToastSpec, ToastView } from '../model/toasts';

export function createToastView(layer: HTMLElement): ToastView {
  return {
    show(toast: ToastSpec, dismiss: () => void): void {
      const el = document.createElement('div');
      el.className = `toast${toast.isDanger ? ' danger' : ''}`;
      el.setAttribute('role', toast.isDanger ? 'alert' : 'status');
      const text = document.createElement('span');
      text.className = 'toast-text';
      text.textContent = toast.message;
      el.append(text);
      // A toast without a timeout would otherwise stay for good.
      if (toast.canDismiss || toast.timeout === 0) {
        const close = document.createElement('button');
        close.type = 'button';
        close.className = 'toast-close';
        close.setAttribute('aria-label', 'Dismiss');
        close.textContent = '×';
        close.addEventListener('click', dismiss);
        el.append(close);
      }
      layer.dataset.position = toast.position;
      layer.replaceChildren(el);
      layer.hidden = false;
    },
    hide(): void {
      layer.replaceChildren();
      layer.hidden = true;
    },
  };
}
