import { describe, expect, it } from 'vitest';
import { formatBytes, formatPrice, isMessageKey, translate } from '../../../src/i18n/translate';

/** Intl separates number and unit with a no-break space; compare as the eye reads it. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('translate', () => {
  it('fills placeholders in either language', () => {
    expect(translate('de', 'designer.importing', { done: 3, total: 10 })).toBe(
      'Fotos werden gelesen: 3 von 10',
    );
    expect(translate('en', 'designer.importing', { done: 3, total: 10 })).toBe(
      'Reading photos: 3 of 10',
    );
  });

  it('leaves a placeholder without a value visible', () => {
    expect(translate('en', 'designer.importing', { done: 3 })).toBe('Reading photos: 3 of {total}');
  });

  it('shows a count without a value as its name, not "undefined" or "NaN"', () => {
    expect(translate('de', 'designer.placed')).toBe('{count}');
    expect(translate('en', 'hostError.host-busy', {})).toBe(
      'The app is busy with many photos right now. Try again in {retryAfterS}.',
    );
  });

  it('treats a value that is undefined as missing', () => {
    const lost = { name: undefined } as unknown as { name: string };
    expect(translate('en', 'designer.importFailed', { ...lost, reason: 'file not found' })).toBe(
      '{name} could not be read: file not found',
    );
  });

  it('fills the same message again after a value was missing', () => {
    expect(translate('de', 'designer.placed')).toBe('{count}');
    expect(translate('de', 'designer.placed', { count: 1 })).toBe('1 Foto platziert');
  });

  it('knows its keys and nothing else', () => {
    expect(isMessageKey('checkout.error.email.format')).toBe(true);
    expect(isMessageKey('checkout.error.nope')).toBe(false);
    expect(isMessageKey('toString')).toBe(false);
  });
});

describe('formatPrice', () => {
  it('writes euros as German and English readers expect', () => {
    expect(plain(formatPrice('de', 3499))).toBe('34,99 €');
    expect(formatPrice('en', 3499)).toBe('€34.99');
    expect(plain(formatPrice('de', 123456))).toBe('1.234,56 €');
  });
});

describe('formatBytes', () => {
  it('picks a unit and the local decimal mark', () => {
    expect(formatBytes('de', 999)).toBe('999 B');
    expect(formatBytes('de', 12_345_678)).toBe('12,3 MB');
    expect(formatBytes('en', 12_345_678)).toBe('12.3 MB');
  });

  it('moves to the next unit when rounding reaches 1000', () => {
    expect(formatBytes('de', 999_999)).toBe('1,0 MB');
    expect(formatBytes('en', 999.7)).toBe('1.0 KB');
  });
});
