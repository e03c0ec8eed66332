// The side panel (tabs "Participants | Chat") and Web App 3's own toolbar
// buttons that open it: `button-chat` and `button-participants`, named as the
// branding manifest's applicationConfig.hiddenFunctionality names them. A
// toolbar button shows its tab, or closes the panel when its tab is showing.
// The tabs themselves are the simulator's: they stay, whatever the manifest hides.
import { builtinIcon } from './icons';

export type PanelTab = 'participants' | 'chat';

/** Web App 3's built-in toolbar buttons the simulator draws, in toolbar order, by hiddenFunctionality name. */
export const PANEL_BUTTONS: ReadonlyArray<{ name: string; tab: PanelTab; label: string; icon: 'IconChat' | 'IconParticipant' }> = [
  { name: 'button-chat', tab: 'chat', label: 'Chat', icon: 'IconChat' },
  { name: 'button-participants', tab: 'participants', label: 'Participants', icon: 'IconParticipant' },
];

/** Pure: the built-in panel buttons to draw, given the manifest's hiddenFunctionality (unknown names change nothing). */
export const visiblePanelButtons = (hidden: readonly string[]): string[] =>
  PANEL_BUTTONS.filter((b) => !hidden.includes(b.name)).map((b) => b.name);

export interface SidePanelElements {
  layout: HTMLElement;
  tabs: Record<PanelTab, HTMLButtonElement>;
  views: Record<PanelTab, HTMLElement>;
  /** where the toolbar buttons go (after mic and camera) */
  toolbar: HTMLElement;
}

export class SidePanel {
  private shown: PanelTab | null = 'participants';
  private readonly buttons = new Map<string, { tab: PanelTab; element: HTMLButtonElement }>();
  private readonly listeners = new Set<(tab: PanelTab | null) => void>();

  constructor(private readonly ui: SidePanelElements) {
    for (const tab of Object.keys(ui.tabs) as PanelTab[]) ui.tabs[tab].addEventListener('click', () => this.show(tab));
    this.apply();
  }

  /** the tab showing, null when the panel is closed */
  get open(): PanelTab | null {
    return this.shown;
  }

  onShow(listener: (tab: PanelTab | null) => void): void {
    this.listeners.add(listener);
  }

  show(tab: PanelTab | null): void {
    if (tab === this.shown) return;
    this.shown = tab;
    this.apply();
    for (const l of this.listeners) l(tab);
  }

  /** What a toolbar button does: its tab, or closed when it is already showing. */
  toggle(tab: PanelTab): void {
    this.show(this.shown === tab ? null : tab);
  }

  /** Draw the toolbar buttons the manifest does not hide (once it is loaded). */
  drawButtons(hidden: readonly string[]): void {
    for (const { element } of this.buttons.values()) element.remove();
    this.buttons.clear();
    const visible = visiblePanelButtons(hidden);
    for (const spec of PANEL_BUTTONS) {
      if (!visible.includes(spec.name)) continue;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'tb-button builtin panel-toggle';
      b.dataset.functionality = spec.name;
      b.title = spec.label;
      b.setAttribute('aria-label', spec.label);
      b.append(builtinIcon(spec.icon));
      b.addEventListener('click', () => this.toggle(spec.tab));
      this.buttons.set(spec.name, { tab: spec.tab, element: b });
      this.ui.toolbar.append(b);
    }
    this.apply();
  }

  /** the built-in toolbar buttons drawn, by hiddenFunctionality name */
  drawn(): string[] {
    return [...this.buttons.keys()];
  }

  private apply(): void {
    this.ui.layout.classList.toggle('panel-closed', this.shown === null);
    for (const tab of Object.keys(this.ui.tabs) as PanelTab[]) {
      const on = tab === this.shown;
      this.ui.tabs[tab].setAttribute('aria-selected', String(on));
      this.ui.views[tab].hidden = !on;
    }
    for (const { tab, element } of this.buttons.values()) element.setAttribute('aria-pressed', String(tab === this.shown));
  }
}
