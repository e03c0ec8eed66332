// The plugin buttons of the meeting toolbar: state and rendering.
import type { ToolbarButtonPayload } from '@pexip/plugin-api';
import { createIcon } from './icons';
import type { SimButtonState } from '../harness/sim-api';

interface ToolbarButton {
  pluginId: string;
  id: string;
  payload: ToolbarButtonPayload;
  element: HTMLButtonElement;
}

export class Toolbar {
  private readonly buttons = new Map<string, ToolbarButton>();

  constructor(
    private readonly container: HTMLElement,
    private readonly onClick: (pluginId: string, buttonId: string) => void,
  ) {}

  add(pluginId: string, id: string, payload: ToolbarButtonPayload): void {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = 'tb-button plugin-button';
    element.dataset.pluginId = pluginId;
    element.dataset.buttonId = id;
    element.addEventListener('click', () => this.onClick(pluginId, id));
    const button: ToolbarButton = { pluginId, id, payload, element };
    this.buttons.set(id, button);
    this.render(button);
    this.container.append(element);
  }

  ownerOf(id: string): string | undefined {
    return this.buttons.get(id)?.pluginId;
  }

  /** `update` replaces the whole payload, as Web App 3 does. */
  update(id: string, payload: ToolbarButtonPayload): boolean {
    const button = this.buttons.get(id);
    if (!button) return false;
    button.payload = payload;
    this.render(button);
    return true;
  }

  remove(id: string): boolean {
    const button = this.buttons.get(id);
    if (!button) return false;
    button.element.remove();
    this.buttons.delete(id);
    return true;
  }

  removePlugin(pluginId: string): void {
    for (const button of [...this.buttons.values()]) {
      if (button.pluginId === pluginId) this.remove(button.id);
    }
  }

  list(): SimButtonState[] {
    return [...this.buttons.values()].map(({ pluginId, id, payload }) => ({
      pluginId,
      id,
      tooltip: payload.tooltip,
      isActive: payload.isActive === true,
      badge: payload.badge?.isVisible === true,
      icon: payload.icon,
    }));
  }

  private render({ element, payload }: ToolbarButton): void {
    const active = payload.isActive === true;
    element.title = payload.tooltip;
    element.setAttribute('aria-label', payload.tooltip);
    element.setAttribute('aria-pressed', String(active));
    element.classList.toggle('active', active);
    element.toggleAttribute('data-badge', payload.badge?.isVisible === true);
    const children: Element[] = [createIcon(payload.icon, active)];
    if (payload.badge?.isVisible === true) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.setAttribute('aria-hidden', 'true');
      children.push(badge);
    }
    element.replaceChildren(...children);
  }
}
