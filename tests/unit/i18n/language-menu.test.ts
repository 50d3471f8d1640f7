import { describe, expect, it } from 'vitest';
import {
  isLocale,
  languageMenu,
  languageOptions,
  locales,
  supportedLocales,
} from '../../../src/i18n/locales';
import { translate } from '../../../src/i18n/translate';

describe('the language menu', () => {
  it('names German and English in their own words', () => {
    expect(languageMenu).toEqual([
      { locale: 'de', label: 'Deutsch' },
      { locale: 'en', label: 'English' },
    ]);
  });

  it('names a third language by its own name, not as English', () => {
    const withFrench = { ...supportedLocales, fr: { nativeName: 'Français', intlTag: 'fr-FR' } };
    expect(languageOptions(withFrench).map((option) => option.label)).toEqual([
      'Deutsch',
      'English',
      'Français',
    ]);
  });

  it('offers exactly the languages that have messages', () => {
    expect(languageMenu.map((option) => option.locale)).toEqual(locales);
    expect(locales.map((locale) => translate(locale, 'app.language'))).toEqual([
      'Sprache',
      'Language',
    ]);
  });

  it('accepts only the languages of the table from the menu', () => {
    expect(locales.filter(isLocale)).toEqual(['de', 'en']);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale('toString')).toBe(false);
  });
});
