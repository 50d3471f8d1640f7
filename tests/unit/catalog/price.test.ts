import { describe, expect, it } from 'vitest';
import catalogData from '../../../assets/catalog.json';
import { parseCatalog } from '../../../src/catalog/catalog';
import { priceOf, vatIncludedCents } from '../../../src/catalog/price';
import { icuMessage, locales, translate } from '../../../src/i18n/translate';

const catalog = parseCatalog(catalogData);

describe('photo-book prices: base with the minimum pages, the cover where it costs extra, extra pages', () => {
  it('A4 hardcover, 24 pages: 29.99 + 5.00 hardcover = 34.99, of which 5.59 VAT', () => {
    expect(priceOf(catalog, 'book-a4-hardcover', { pageCount: 24 })).toEqual({
      lines: [
        { labelKey: 'price.book', params: { pages: 24 }, cents: 2999 },
        { labelKey: 'price.cover', params: { binding: 'hardcover' }, cents: 500 },
      ],
      totalCents: 3499,
      // 3499 − 3499 / 1.19 = 558.66
      vatCents: 559,
    });
  });

  it('A4 hardcover, 26 pages: 2 extra pages at 0.79 each', () => {
    const price = priceOf(catalog, 'book-a4-hardcover', { pageCount: 26 });
    expect(price.lines.at(-1)).toEqual({
      labelKey: 'price.extraPages',
      params: { pages: 2 },
      cents: 158,
    });
    expect([price.totalCents, price.vatCents]).toEqual([3657, 584]);
  });

  it('A4 hardcover, 200 pages: 176 extra pages', () => {
    const price = priceOf(catalog, 'book-a4-hardcover', { pageCount: 200 });
    expect([price.totalCents, price.vatCents]).toEqual([17403, 2779]);
  });

  it('21x21 softcover: the cover is in the base price, so it has no line', () => {
    expect(priceOf(catalog, 'book-21x21-softcover', { pageCount: 24 })).toEqual({
      lines: [{ labelKey: 'price.book', params: { pages: 24 }, cents: 1999 }],
      totalCents: 1999,
      vatCents: 319,
    });
    const thickest = priceOf(catalog, 'book-21x21-softcover', { pageCount: 100 });
    expect([thickest.totalCents, thickest.vatCents]).toEqual([1999 + 76 * 59, 1035]);
  });

  it.each([
    ['book-21x21-hardcover', 2599, 415],
    ['book-30x30-hardcover', 4999, 798],
    ['book-a4-landscape-hardcover', 3699, 591],
  ])('%s from %i cents', (id, total, vat) => {
    const price = priceOf(catalog, id, { pageCount: 24 });
    expect([price.totalCents, price.vatCents]).toEqual([total, vat]);
  });

  it('refuses a page count the lab cannot bind', () => {
    expect(() => priceOf(catalog, 'book-a4-hardcover', { pageCount: 25 })).toThrow(
      'book-a4-hardcover: page count 25 is not 24 to 200 in steps of 2',
    );
    expect(() => priceOf(catalog, 'book-21x21-softcover', { pageCount: 102 })).toThrow(
      'book-21x21-softcover: page count 102 is not 24 to 100 in steps of 2',
    );
  });
});

describe('print prices: per size and copy, less a discount for large orders', () => {
  it('3 x 10x15 and 2 x 13x18: one line per size, in catalog order', () => {
    const price = priceOf(catalog, 'prints', {
      prints: [
        { sizeId: '13x18', quantity: 2 },
        { sizeId: '10x15', quantity: 1 },
        { sizeId: '10x15', quantity: 2, orientation: 'landscape' },
      ],
    });
    expect(price).toEqual({
      lines: [
        { labelKey: 'price.prints', params: { size: '10x15', quantity: 3 }, cents: 57 },
        { labelKey: 'price.prints', params: { size: '13x18', quantity: 2 }, cents: 78 },
      ],
      totalCents: 135,
      vatCents: 22,
    });
  });

  it('49 prints: no discount; 50: 5 % off, rounded half up to the cent', () => {
    const nineByThirteen = (quantity: number) =>
      priceOf(catalog, 'prints', { prints: [{ sizeId: '9x13', quantity }] });
    expect(nineByThirteen(49).totalCents).toBe(49 * 15);
    // 50 × 0.15 = 7.50; 5 % of it is 0.375, rounded up to 0.38.
    expect(nineByThirteen(50)).toEqual({
      lines: [
        { labelKey: 'price.prints', params: { size: '9x13', quantity: 50 }, cents: 750 },
        { labelKey: 'price.quantityDiscount', params: { percent: 5 }, cents: -38 },
      ],
      totalCents: 712,
      vatCents: 114,
    });
  });

  it('100 prints across sizes: 10 % off the whole order', () => {
    const price = priceOf(catalog, 'prints', {
      prints: [
        { sizeId: '10x15', quantity: 90 },
        { sizeId: '20x30', quantity: 10 },
      ],
    });
    // 90 × 0.19 + 10 × 1.49 = 17.10 + 14.90 = 32.00; 10 % = 3.20.
    expect(price.lines.at(-1)).toEqual({
      labelKey: 'price.quantityDiscount',
      params: { percent: 10 },
      cents: -320,
    });
    expect([price.totalCents, price.vatCents]).toEqual([2880, 460]);
  });

  it('refuses an unknown size and a quantity that is not a whole number from 1', () => {
    expect(() =>
      priceOf(catalog, 'prints', { prints: [{ sizeId: '11x14', quantity: 1 }] }),
    ).toThrow('prints: print 1: unknown print size 11x14');
    expect(() =>
      priceOf(catalog, 'prints', {
        prints: [
          { sizeId: '10x15', quantity: 1 },
          { sizeId: '10x15', quantity: 0 },
        ],
      }),
    ).toThrow('prints: print 2: quantity 0 is not a whole number from 1');
  });

  it('no prints cost nothing', () => {
    expect(priceOf(catalog, 'prints', { prints: [] })).toEqual({
      lines: [],
      totalCents: 0,
      vatCents: 0,
    });
  });
});

describe('canvas prices: per size', () => {
  it.each([
    ['30x20', 2999, 479],
    ['60x40', 5999, 958],
    ['90x60', 9999, 1596],
  ])('%s: %i cents, %i VAT', (sizeId, total, vat) => {
    expect(priceOf(catalog, 'canvas', { sizeId })).toEqual({
      lines: [{ labelKey: 'price.canvas', params: { size: sizeId }, cents: total }],
      totalCents: total,
      vatCents: vat,
    });
  });

  it('refuses a size it does not sell', () => {
    expect(() => priceOf(catalog, 'canvas', { sizeId: '40x40' })).toThrow(
      'canvas: unknown canvas size 40x40',
    );
  });
});

describe('VAT contained in a gross price', () => {
  it('total × rate / (100 + rate), rounded half up to the cent', () => {
    expect(vatIncludedCents(119, 19)).toBe(19);
    expect(vatIncludedCents(0, 19)).toBe(0);
    // At 20 % the VAT is a sixth: 3 → 0.5 → 1 and 9 → 1.5 → 2 (half up), 8 → 1.33 → 1.
    expect(vatIncludedCents(3, 20)).toBe(1);
    expect(vatIncludedCents(9, 20)).toBe(2);
    expect(vatIncludedCents(8, 20)).toBe(1);
    // A decimal rate (Swiss 7.7 %): 10770 × 7.7 / 107.7 = 770.
    expect(vatIncludedCents(10_770, 7.7)).toBe(770);
  });
});

describe('price lines in words', () => {
  const lines = [
    ...priceOf(catalog, 'book-a4-hardcover', { pageCount: 26 }).lines,
    ...priceOf(catalog, 'book-21x21-softcover', { pageCount: 26 }).lines,
    ...priceOf(catalog, 'prints', { prints: [{ sizeId: '10x15', quantity: 100 }] }).lines,
    ...priceOf(catalog, 'canvas', { sizeId: '60x40' }).lines,
  ];

  it('every line kind appears above', () => {
    expect(new Set(lines.map((l) => l.labelKey))).toEqual(
      new Set([
        'price.book',
        'price.cover',
        'price.extraPages',
        'price.prints',
        'price.quantityDiscount',
        'price.canvas',
      ]),
    );
  });

  it('each line names exactly the arguments of its message, in every language', () => {
    for (const locale of locales) {
      for (const line of lines) {
        const names = [...icuMessage(locale, line.labelKey).argumentNames].sort();
        expect(names, `${locale} ${line.labelKey}`).toEqual(Object.keys(line.params).sort());
      }
    }
  });

  it('reads as the customer sees it', () => {
    expect(lines.map((line) => translate('de', line.labelKey, line.params))).toEqual([
      'Fotobuch mit 24 Seiten',
      'Hardcover-Einband',
      '2 weitere Seiten',
      'Fotobuch mit 24 Seiten',
      '2 weitere Seiten',
      '100 Abzüge 10x15 cm',
      'Mengenrabatt 10 %',
      'Leinwand 60x40 cm',
    ]);
    expect(translate('en', 'price.cover', { binding: 'hardcover' })).toBe('Hardcover binding');
  });
});
