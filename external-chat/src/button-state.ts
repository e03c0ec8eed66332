import type { ToolbarButtonPayload } from '@pexip/plugin-api';

/** What the embedding page has asked the Chat button to show. */
export interface ButtonState {
  active: boolean;
  badge: boolean;
}

export const INITIAL_BUTTON_STATE: ButtonState = { active: false, badge: false };

export const tooltipFor = (active: boolean): string => (active ? 'Close Chat' : 'Open Chat');

/**
 * The whole toolbar button payload for a state. `button.update` replaces the
 * payload, so every update carries icon, tooltip, active and badge together.
 */
export const toButtonPayload = (state: ButtonState): ToolbarButtonPayload => ({
  position: 'toolbar',
  icon: 'IconChat',
  tooltip: tooltipFor(state.active),
  isActive: state.active,
  badge: { isVisible: state.badge },
});

export const sameButtonState = (a: ButtonState, b: ButtonState): boolean => a.active === b.active && a.badge === b.badge;
