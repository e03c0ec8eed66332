import { beforeEach, describe, expect, it } from 'vitest';
import { SidePanel, visiblePanelButtons } from './side-panel';

describe('visiblePanelButtons', () => {
  it('draws button-chat and button-participants unless hiddenFunctionality names them; unknown names change nothing', () => {
    expect(visiblePanelButtons([])).toEqual(['button-chat', 'button-participants']);
    expect(visiblePanelButtons(['button-chat', 'button-whatever'])).toEqual(['button-participants']);
    expect(visiblePanelButtons(['button-participants', 'button-chat'])).toEqual([]);
  });
});

describe('SidePanel', () => {
  let toolbar: HTMLElement;
  let layout: HTMLElement;
  let panel: SidePanel;
  const tab = () => ({ participants: document.createElement('button'), chat: document.createElement('button') });
  let tabs: ReturnType<typeof tab>;
  let views: { participants: HTMLElement; chat: HTMLElement };
  const button = (name: string) => toolbar.querySelector<HTMLButtonElement>(`[data-functionality="${name}"]`);

  beforeEach(() => {
    toolbar = document.createElement('div');
    toolbar.append(document.createElement('button')); // mic, camera: drawn before
    layout = document.createElement('main');
    tabs = tab();
    views = { participants: document.createElement('section'), chat: document.createElement('section') };
    panel = new SidePanel({ layout, tabs, views, toolbar });
  });

  it('starts on Participants; draws the buttons after what is already in the group, labelled, not the hidden ones', () => {
    panel.drawButtons(['button-chat']);
    expect(panel.drawn()).toEqual(['button-participants']);
    expect(toolbar.children).toHaveLength(2);
    expect(button('button-participants')?.getAttribute('aria-label')).toBe('Participants');
    expect(button('button-participants')?.getAttribute('aria-pressed')).toBe('true');
    expect([views.participants.hidden, views.chat.hidden]).toEqual([false, true]);
  });

  it('a toolbar button shows its tab, and closes the panel when its tab is showing', () => {
    panel.drawButtons([]);
    const shown: Array<string | null> = [];
    panel.onShow((t) => shown.push(t));
    button('button-chat')?.click();
    expect([panel.open, views.chat.hidden, tabs.chat.getAttribute('aria-selected')]).toEqual(['chat', false, 'true']);
    button('button-chat')?.click();
    expect([panel.open, layout.classList.contains('panel-closed')]).toEqual([null, true]);
    button('button-participants')?.click();
    expect([panel.open, layout.classList.contains('panel-closed')]).toEqual(['participants', false]);
    expect(shown).toEqual(['chat', null, 'participants']);
  });

  it('the tabs switch too, and drawing again replaces the buttons', () => {
    panel.drawButtons([]);
    tabs.chat.click();
    expect(button('button-chat')?.getAttribute('aria-pressed')).toBe('true');
    panel.drawButtons(['button-participants']);
    expect(panel.drawn()).toEqual(['button-chat']);
    expect(toolbar.children).toHaveLength(2);
  });
});
