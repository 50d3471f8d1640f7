import { describe, expect, it } from 'vitest';
import {
  isPluralElement,
  isSelectElement,
  isStructurallySame,
  parse,
  type MessageFormatElement,
  type PluralElement,
} from '@formatjs/icu-messageformat-parser';
import { ImportFailure } from '../../../src/contract/host';
import { IcuMessage } from '../../../src/i18n/icu-message';
import { supportedLocales } from '../../../src/i18n/locales';
import {
  catalogs,
  defaultLocale,
  icuMessage,
  isMessageKey,
  locales,
  type MessageKey,
} from '../../../src/i18n/translate';
import { catalog } from '../model/fixtures';

const keys = Object.keys(catalogs[defaultLocale]) as MessageKey[];

/** Every plural in a message, nested ones too. */
function plurals(elements: MessageFormatElement[]): PluralElement[] {
  return elements.flatMap((element) => [
    ...(isPluralElement(element) ? [element] : []),
    ...(isPluralElement(element) || isSelectElement(element)
      ? Object.values(element.options).flatMap((option) => plurals(option.value))
      : []),
  ]);
}

describe('message catalogs', () => {
  it('every language has exactly the keys German has', () => {
    for (const locale of locales) {
      expect(Object.keys(catalogs[locale]).sort(), locale).toEqual([...keys].sort());
    }
  });

  it('has no empty message', () => {
    for (const locale of locales) {
      for (const key of keys) expect(catalogs[locale][key].trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('every message is valid ICU in its language', () => {
    for (const locale of locales) {
      for (const key of keys)
        expect(() => icuMessage(locale, key), `${locale} ${key}`).not.toThrow();
    }
  });

  it('takes the same arguments, of the same kind, in every language', () => {
    for (const locale of locales) {
      for (const key of keys) {
        const same = isStructurallySame(
          parse(catalogs[defaultLocale][key]),
          parse(catalogs[locale][key]),
        );
        expect(same.error?.message, `${locale} ${key}`).toBeUndefined();
        expect(same.success, `${locale} ${key}`).toBe(true);
      }
    }
  });

  it('says how a count of one reads wherever a plural appears', () => {
    for (const locale of locales) {
      for (const key of keys) {
        for (const plural of plurals(parse(catalogs[locale][key]))) {
          expect(Object.keys(plural.options), `${locale} ${key}`).toEqual(
            expect.arrayContaining(['one', 'other']),
          );
        }
      }
    }
  });

  it('shows a message without arguments exactly as written (apostrophes included)', () => {
    for (const locale of locales) {
      for (const key of keys) {
        const message = icuMessage(locale, key);
        if (message.argumentNames.size === 0) {
          expect(message.fill(), `${locale} ${key}`).toBe(catalogs[locale][key]);
        }
      }
    }
  });

  it('names every product and every import failure', () => {
    for (const product of catalog.products) {
      expect(isMessageKey(`product.${product.id}`), product.id).toBe(true);
    }
    for (const code of ImportFailure.shape.code.options) {
      expect(isMessageKey(`import.${code}`), code).toBe(true);
    }
  });
});

describe('a broken ICU message', () => {
  it.each([
    ['{count, plural, one {# Foto} other {# Fotos}', 'EXPECT_ARGUMENT_CLOSING_BRACE'],
    ['{count, plural, one {# Foto}}', 'MISSING_OTHER_CLAUSE'],
    [
      '{count, plural, eins {# Foto} other {# Fotos}}',
      'UNKNOWN_PLURAL_CATEGORY "eins" for de-DE (it has one, other)',
    ],
    [
      '{count, plural, zero {keine} other {# Fotos}}',
      'UNKNOWN_PLURAL_CATEGORY "zero" for de-DE (it has one, other)',
    ],
  ])('%s is refused with %s', (text, problem) => {
    expect(() => new IcuMessage(text, supportedLocales.de.intlTag)).toThrow(
      `${problem} in "${text}"`,
    );
  });
});
