// Toolbar icons: which names Web App 3 accepts.
import type { ToolbarButtonPayload } from '@pexip/plugin-api';

/**
 * A small subset of the icon names of Pexip's icon set: each is a key of
 * `IconTypes` in @pexip/components 19.0.0 (dist/types/design-tokens/generated/Icons.d.ts);
 * see LEDGER.md. There is no `IconParticipants` there (only `IconParticipant`).
 * Web App 3 answers any other name with `{status: 'failed', reason: 'Invalid Icon name'}`.
 */
export const KNOWN_ICONS: ReadonlySet<string> = new Set([
  'IconChat',
  'IconAdd',
  'IconBell',
  'IconInfoRound',
  'IconLink',
  'IconLock',
  'IconMeetingRoom',
  'IconParticipant',
  'IconPhone',
  'IconPlayRound',
  'IconSettings',
  'IconSupport',
]);

export type ToolbarIcon = ToolbarButtonPayload['icon'];

/** A name from KNOWN_ICONS, or `{custom: {main, hover}}` with SVG markup strings. */
export function isValidIcon(icon: unknown): icon is ToolbarIcon {
  if (typeof icon === 'string') return KNOWN_ICONS.has(icon);
  if (typeof icon !== 'object' || icon === null) return false;
  const custom = (icon as { custom?: unknown }).custom;
  if (typeof custom !== 'object' || custom === null) return false;
  const { main, hover } = custom as Record<string, unknown>;
  return typeof main === 'string' && typeof hover === 'string';
}
