// Pure: the Chat button's tooltip, in Web App 3's language.

/** What the tooltip says; `unread` follows the open or close label in brackets (a count above MAX_SAID_UNREAD as `99+`). */
export interface Labels {
  open: string;
  close: string;
  unread(count: number | string): string;
}

/** A badge count beyond this is said as `99+`: a tooltip that reads out 9007199254740991 helps no one. */
export const MAX_SAID_UNREAD = 99;

/** config.json's `labels`: the deployment's own words, for every language. */
export type CustomLabels = Partial<Pick<Labels, 'open' | 'close'>>;

const ENGLISH: Labels = { open: 'Open Chat', close: 'Close Chat', unread: (n) => `${n} unread` };

/** The plugin's own strings, by primary language subtag. */
export const LABELS: Readonly<Record<string, Labels>> = {
  en: ENGLISH,
  nb: { open: 'Åpne chat', close: 'Lukk chat', unread: (n) => `${n} ${n === 1 ? 'ulest' : 'uleste'}` },
  sv: { open: 'Öppna chatten', close: 'Stäng chatten', unread: (n) => `${n} ${n === 1 ? 'oläst' : 'olästa'}` },
  de: { open: 'Chat öffnen', close: 'Chat schließen', unread: (n) => `${n} ungelesen` },
  fr: { open: 'Ouvrir le chat', close: 'Fermer le chat', unread: (n) => `${n} ${n === 1 ? 'non lu' : 'non lus'}` },
  es: { open: 'Abrir chat', close: 'Cerrar chat', unread: (n) => `${n} sin leer` },
};

/** The Participants button's tooltip (a dialect that has the button: Rocket.Chat's), by primary language subtag. */
export const PARTICIPANTS_LABELS: Readonly<Record<string, Pick<Labels, 'open' | 'close'>>> = {
  en: { open: 'Open participants', close: 'Close participants' },
  nb: { open: 'Åpne deltakere', close: 'Lukk deltakere' },
  sv: { open: 'Öppna deltagare', close: 'Stäng deltagare' },
  de: { open: 'Teilnehmer öffnen', close: 'Teilnehmer schließen' },
  fr: { open: 'Ouvrir les participants', close: 'Fermer les participants' },
  es: { open: 'Abrir participantes', close: 'Cerrar participantes' },
};

/** Plain "Norwegian" is written Bokmål by most. */
const ALIASES: Readonly<Record<string, string>> = { no: 'nb' };

/** `nb-NO`, `nb_no` and `NB` → `nb`; undefined for what is no language code. */
export function primaryLanguage(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  const primary = code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? (ALIASES[primary] ?? primary) : undefined;
}

/** A table's strings for a language; English for one the plugin has no strings for. */
export const inLanguage = <L>(table: Readonly<Record<string, L>>, language: string | undefined): L =>
  (language !== undefined && Object.hasOwn(table, language) ? table[language] : undefined) ?? (table.en as L);

/**
 * Whether two languages draw the same: they pick the same strings (no language yet, English, and one the plugin
 * has no strings for all draw English). Both buttons' tables have the same languages (labels.test.ts).
 */
export const sameWords = (a: string | undefined, b: string | undefined): boolean => inLanguage(LABELS, a) === inLanguage(LABELS, b);

/** The labels for a language (English for one the plugin has no strings for), with the deployment's own words over them. */
export function labelsFor(language: string | undefined, custom: CustomLabels = {}): Labels {
  return { ...inLanguage(LABELS, language), ...custom };
}

/** `Open Chat`, or with unread messages counted `Open Chat (3 unread)`. */
export function tooltipOf(labels: Labels, active: boolean, unread: number | undefined): string {
  const label = active ? labels.close : labels.open;
  return unread !== undefined && unread > 0 ? `${label} (${labels.unread(unread > MAX_SAID_UNREAD ? `${MAX_SAID_UNREAD}+` : unread)})` : label;
}
