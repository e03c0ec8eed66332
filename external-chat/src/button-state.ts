import type { ToolbarButtonPayload } from '@pexip/plugin-api';
import { inLanguage, labelsFor, PARTICIPANTS_LABELS, tooltipOf, type CustomLabels } from './labels';

/** What the embedding page has asked the Chat button to show, and the language Web App 3 speaks. */
export interface ButtonState {
  active: boolean;
  badge: boolean;
  /** How many are unread, told in the tooltip while the badge shows. */
  count?: number | undefined;
  /** Web App 3's language (primary subtag); undefined until it says. */
  language?: string | undefined;
}

export const INITIAL_BUTTON_STATE: ButtonState = { active: false, badge: false };

/**
 * The whole toolbar button payload for a state. `button.update` replaces the
 * payload, so every update carries icon, tooltip, active and badge together.
 */
export const toButtonPayload = (state: ButtonState, custom: CustomLabels = {}): ToolbarButtonPayload => ({
  position: 'toolbar',
  icon: 'IconChat',
  tooltip: tooltipOf(labelsFor(state.language, custom), state.active, state.badge ? state.count : undefined),
  isActive: state.active,
  badge: { isVisible: state.badge },
});

export const sameButtonState = (a: ButtonState, b: ButtonState): boolean =>
  a.active === b.active && a.badge === b.badge && a.count === b.count && a.language === b.language;

/** The Participants button (Rocket.Chat's dialect): active or not, in Web App 3's language. */
export interface ParticipantsButtonState {
  active: boolean;
  language?: string | undefined;
}

export const INITIAL_PARTICIPANTS_STATE: ParticipantsButtonState = { active: false };

export const toParticipantsButtonPayload = ({ active, language }: ParticipantsButtonState): ToolbarButtonPayload => {
  const labels = inLanguage(PARTICIPANTS_LABELS, language);
  return { position: 'toolbar', icon: 'IconParticipants', tooltip: active ? labels.close : labels.open, isActive: active };
};

export const sameParticipantsState = (a: ParticipantsButtonState, b: ParticipantsButtonState): boolean => a.active === b.active && a.language === b.language;
