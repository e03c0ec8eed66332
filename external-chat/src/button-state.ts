import type { ToolbarButtonPayload } from '@pexip/plugin-api';

type Icon = ToolbarButtonPayload['icon'];
/** A custom icon as Pexip's own plugins draw one (pexip/plugin-reactions): SVG markup, black, and white on hover. */
const drawing = (path: string): Icon => {
  const svg = (fill: string): string => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="${path}" fill="${fill}"/></svg>`;
  return { custom: { main: svg('black'), hover: svg('white') } };
};
/** Each button's icon for a Web App 3 whose icon set lacks its name (webapp3.ts `addButton`). */
export const CHAT_DRAWING = drawing('M4 4h16v12H9l-5 4z');
export const PARTICIPANTS_DRAWING = drawing('M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 8a8 8 0 0 1 16 0z');
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
  // Pexip's icon set has IconParticipant (@pexip/components 19; pexip/plugin-retry-adp's toolbar button), not IconParticipants.
  return { position: 'toolbar', icon: 'IconParticipant', tooltip: active ? labels.close : labels.open, isActive: active };
};

export const sameParticipantsState = (a: ParticipantsButtonState, b: ParticipantsButtonState): boolean => a.active === b.active && a.language === b.language;
