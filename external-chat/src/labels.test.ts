import { describe, expect, it } from 'vitest';
import { inLanguage, LABELS, labelsFor, PARTICIPANTS_LABELS, primaryLanguage, sameWords, tooltipOf } from './labels';

describe('the language Web App 3 selects', () => {
  it('is read as its primary subtag, whatever its case or separator; Norwegian means Bokmål', () => {
    expect(primaryLanguage('nb-NO')).toBe('nb');
    expect(primaryLanguage('SV_se')).toBe('sv');
    expect(primaryLanguage(' de ')).toBe('de');
    expect(primaryLanguage('no')).toBe('nb');
    expect(primaryLanguage('fil')).toBe('fil');
  });

  it('is no language when it is not a code', () => {
    for (const code of ['', 'english', '12', 'e', undefined, 42, {}]) expect(primaryLanguage(code)).toBeUndefined();
  });
});

describe('the Chat button tooltip', () => {
  it('is English by default and for a language the plugin has no strings for', () => {
    expect(tooltipOf(labelsFor(undefined), false, undefined)).toBe('Open Chat');
    expect(tooltipOf(labelsFor('pl'), true, undefined)).toBe('Close Chat');
    expect(tooltipOf(labelsFor('constructor'), false, undefined)).toBe('Open Chat');
  });

  it('has its own words in English, Norwegian Bokmål, Swedish, German, French and Spanish', () => {
    expect(Object.keys(LABELS)).toEqual(['en', 'nb', 'sv', 'de', 'fr', 'es']);
    const opens = Object.values(LABELS).map((labels) => labels.open);
    expect(new Set(opens).size).toBe(opens.length);
    expect(tooltipOf(labelsFor('nb'), false, undefined)).toBe('Åpne chat');
    expect(tooltipOf(labelsFor('de'), true, undefined)).toBe('Chat schließen');
  });

  it.each([
    ['en', 'Open Chat', 'Close Chat', '1 unread', '3 unread'],
    ['nb', 'Åpne chat', 'Lukk chat', '1 ulest', '3 uleste'],
    ['sv', 'Öppna chatten', 'Stäng chatten', '1 oläst', '3 olästa'],
    ['de', 'Chat öffnen', 'Chat schließen', '1 ungelesen', '3 ungelesen'],
    ['fr', 'Ouvrir le chat', 'Fermer le chat', '1 non lu', '3 non lus'],
    ['es', 'Abrir chat', 'Cerrar chat', '1 sin leer', '3 sin leer'],
  ])('in %s: %s / %s, (%s), (%s), as docs/integrating.md lists them', (language, open, close, one, three) => {
    const labels = labelsFor(language);
    expect([labels.open, labels.close, labels.unread(1), labels.unread(3)]).toEqual([open, close, one, three]);
  });

  it('counts unread messages in brackets, in the language, singular and plural', () => {
    expect(tooltipOf(labelsFor('en'), false, 3)).toBe('Open Chat (3 unread)');
    expect(tooltipOf(labelsFor('nb'), false, 1)).toBe('Åpne chat (1 ulest)');
    expect(tooltipOf(labelsFor('nb'), false, 2)).toBe('Åpne chat (2 uleste)');
    expect(tooltipOf(labelsFor('fr'), false, 5)).toBe('Ouvrir le chat (5 non lus)');
    expect(tooltipOf(labelsFor('es'), true, 2)).toBe('Cerrar chat (2 sin leer)');
  });

  it('says a count above 99 as 99+, however large', () => {
    expect(tooltipOf(labelsFor('en'), false, 99)).toBe('Open Chat (99 unread)');
    expect(tooltipOf(labelsFor('en'), false, 100)).toBe('Open Chat (99+ unread)');
    expect(tooltipOf(labelsFor('nb'), false, Number.MAX_SAFE_INTEGER)).toBe('Åpne chat (99+ uleste)');
  });

  it('says no count for none', () => {
    expect(tooltipOf(labelsFor('en'), false, 0)).toBe('Open Chat');
  });

  it("uses the deployment's own words for every language, and still counts in the language", () => {
    const custom = { open: 'Open support chat', close: 'Close support chat' };
    expect(tooltipOf(labelsFor('sv', custom), false, 2)).toBe('Open support chat (2 olästa)');
    expect(tooltipOf(labelsFor('de', { close: 'Zu' }), true, undefined)).toBe('Zu');
    expect(tooltipOf(labelsFor('de', { close: 'Zu' }), false, undefined)).toBe('Chat öffnen');
  });
});

describe('the Participants button tooltip', () => {
  it('has words in the same languages as the Chat button, English for any other', () => {
    expect(PARTICIPANTS_LABELS).toEqual({
      en: { open: 'Open participants', close: 'Close participants' },
      nb: { open: 'Åpne deltakere', close: 'Lukk deltakere' },
      sv: { open: 'Öppna deltagare', close: 'Stäng deltagare' },
      de: { open: 'Teilnehmer öffnen', close: 'Teilnehmer schließen' },
      fr: { open: 'Ouvrir les participants', close: 'Fermer les participants' },
      es: { open: 'Abrir participantes', close: 'Cerrar participantes' },
    });
    expect(Object.keys(PARTICIPANTS_LABELS)).toEqual(Object.keys(LABELS));
    expect(inLanguage(PARTICIPANTS_LABELS, 'nb')).toEqual({ open: 'Åpne deltakere', close: 'Lukk deltakere' });
    expect(inLanguage(PARTICIPANTS_LABELS, 'de').close).toBe('Teilnehmer schließen');
    expect(inLanguage(PARTICIPANTS_LABELS, 'pl')).toEqual({ open: 'Open participants', close: 'Close participants' });
    expect(inLanguage(PARTICIPANTS_LABELS, 'constructor')).toEqual({ open: 'Open participants', close: 'Close participants' });
    const opens = Object.values(PARTICIPANTS_LABELS).map((labels) => labels.open);
    expect(new Set(opens).size).toBe(opens.length);
  });

  it('tells which languages draw the same words: no language yet, English and one without strings do', () => {
    for (const language of ['en', 'xx', undefined]) expect(sameWords(undefined, language)).toBe(true);
    expect(sameWords('nb', 'nb')).toBe(true);
    expect(sameWords('nb', 'sv')).toBe(false);
    expect(sameWords(undefined, 'de')).toBe(false);
  });
});
