import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../../src/i18n/pick-locale';

describe('the language of text shown before the app window', () => {
  it.each([
    [['de-DE', 'en-US'], 'de'],
    [['en-GB'], 'en'],
    [['fr-FR', 'en-US', 'de'], 'en'],
    [['EN_us'], 'en'],
    [['fr-FR', 'nl'], 'de'],
    [[], 'de'],
  ] as const)('%j reads %s', (preferred, locale) => {
    expect(pickLocale(preferred)).toBe(locale);
  });
});
