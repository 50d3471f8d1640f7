import { describe, expect, it } from 'vitest';
import { ImportFailure } from '../../../src/contract/host';
import { de } from '../../../src/i18n/de';
import { en } from '../../../src/i18n/en';
import { isMessageKey } from '../../../src/i18n/translate';
import { catalog } from '../model/fixtures';

const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

describe('message catalogs', () => {
  it('English has exactly the keys German has', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it('has no empty message', () => {
    for (const [locale, messages] of Object.entries({ de, en })) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(de)) {
      expect(placeholders(en[key as keyof typeof de]), key).toEqual(placeholders(text));
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
