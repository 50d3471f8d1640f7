import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/i18n/translate';

describe('counts read by each language’s plural rules', () => {
  it.each([
    [0, '0 Fotos platziert', '0 photos placed'],
    [1, '1 Foto platziert', '1 photo placed'],
    [2, '2 Fotos platziert', '2 photos placed'],
    [1234, '1.234 Fotos platziert', '1,234 photos placed'],
  ])('%i placed photos', (count, german, english) => {
    expect(translate('de', 'designer.placed', { count })).toBe(german);
    expect(translate('en', 'designer.placed', { count })).toBe(english);
  });

  it.each([
    [1, '1 Seite', '1 page'],
    [24, '24 Seiten', '24 pages'],
  ])('%i pages', (count, german, english) => {
    expect(translate('de', 'product.pages', { count })).toBe(german);
    expect(translate('en', 'product.pages', { count })).toBe(english);
  });

  it.each([
    [1, 'Versuche es in 1 Sekunde erneut.', 'Try again in 1 second.'],
    [5, 'Versuche es in 5 Sekunden erneut.', 'Try again in 5 seconds.'],
  ])('a wait of %i seconds', (retryAfterS, german, english) => {
    expect(translate('de', 'hostError.host-busy', { retryAfterS })).toBe(
      `Das Programm ist gerade mit vielen Fotos beschäftigt. ${german}`,
    );
    expect(translate('en', 'hostError.host-busy', { retryAfterS })).toBe(
      `The app is busy with many photos right now. ${english}`,
    );
  });

  it('leaves a count in parentheses as a bare figure', () => {
    expect(translate('de', 'designer.photos', { count: 1 })).toBe('Deine Fotos (1)');
    expect(translate('en', 'designer.photos', { count: 2 })).toBe('Your photos (2)');
  });
});
