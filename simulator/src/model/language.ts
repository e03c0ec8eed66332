// The language Web App 3 tells its plugins (`event:languageSelect`, payload a
// language code). The simulator's picker offers Web App 3's common languages;
// `?lang=` and `__sim.setLanguage` take any well-formed code.

/** The picker's languages, by code, with their own names. */
export const LANGUAGES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['en', 'English'],
  ['nb', 'Norsk bokmål'],
  ['sv', 'Svenska'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['pl', 'Polski'],
];

// BCP 47's shape, loosely: a 2-3 letter language, then subtags (en, nb, pt-BR, zh-Hant-TW).
const CODE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** Pure: null when `code` is a well-formed language code, else what is wrong. */
export function languageCodeError(code: unknown): string | null {
  if (typeof code === 'string' && CODE.test(code)) return null;
  return `a language code looks like 'en', 'nb' or 'pt-BR', got ${JSON.stringify(code) ?? 'undefined'}`;
}
