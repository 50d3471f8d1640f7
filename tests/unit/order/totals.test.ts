import { describe, expect, it } from 'vitest';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { FIRST_PAGE_SURFACE, addSpreads } from '../../../src/model/spreads';
import { orderTotals } from '../../../src/order/totals';
import { defaultLabCheckout as photoDose } from '../../../src/lab/checkout-config';
import type { Design } from '../../../src/model/design';
import { editPrints } from '../../../src/model/prints';
import { a4, catalog, counterIds, forward, frameOf, pageAt, photo } from '../model/fixtures';
import { threePrints } from '../model/print-fixtures';

function bookOf(pages: number): Design {
  const p = photo(1, 6000, 4000);
  const ids = counterIds();
  const empty = newBook(a4, ids);
  let book = forward(empty, addAssets(empty, [p]));
  book = forward(book, placePhoto(book, frameOf(book, pageAt(book, 0)), p.id));
  while (book.pageIds.length < pages) {
    const edit = addSpreads(book, a4.pages, FIRST_PAGE_SURFACE, ids);
    if (!edit.ok) throw new Error('refused');
    book = forward(book, edit.changes);
  }
  expect(book.pageIds).toHaveLength(pages);
  return { kind: 'photoBook', book };
}

describe('order totals', () => {
  it('adds DHL to an A4 hardcover of 30 pages, VAT contained at 19 %', () => {
    const totals = orderTotals(catalog, photoDose, bookOf(30), {
      methodId: 'dhl-paket',
      country: 'DE',
    });
    // 29.99 base, 5.00 hardcover, 6 extra pages at 0.79 = 4.74; DHL 4.99.
    expect(totals.items.map((i) => [i.labelKey, i.cents])).toEqual([
      ['price.book', 2999],
      ['price.cover', 500],
      ['price.extraPages', 474],
    ]);
    expect(totals.productCents).toBe(3973);
    expect(totals.shipping).toEqual({ methodId: 'dhl-paket', name: 'DHL Paket', cents: 499 });
    expect(totals.totalCents).toBe(4472);
    // 44.72 × 19 / 119 = 7.1402...
    expect(totals.vatCents).toBe(714);
    expect(totals.vatPercent).toBe(19);
    expect(totals.currency).toBe('EUR');
  });

  it('prices shipping by destination: UPS to Austria, DHL abroad, Deutsche Post only at home', () => {
    const book = bookOf(24);
    expect(
      orderTotals(catalog, photoDose, book, { methodId: 'ups-express', country: 'AT' }).shipping
        .cents,
    ).toBe(2499);
    expect(
      orderTotals(catalog, photoDose, book, { methodId: 'ups-express', country: 'FR' }).shipping
        .cents,
    ).toBe(2999);
    expect(
      orderTotals(catalog, photoDose, book, { methodId: 'dhl-paket', country: 'CH' }).shipping
        .cents,
    ).toBe(1499);
    expect(
      orderTotals(catalog, photoDose, book, { methodId: 'deutsche-post', country: 'DE' })
        .totalCents,
    ).toBe(2999 + 500 + 349);
    expect(() =>
      orderTotals(catalog, photoDose, book, { methodId: 'deutsche-post', country: 'AT' }),
    ).toThrow('shipping method deutsche-post does not ship to AT for this lab');
    expect(() =>
      orderTotals(catalog, photoDose, book, { methodId: 'pigeon', country: 'DE' }),
    ).toThrow(/pigeon/);
  });

  it('itemises prints with their quantities and the discount, in whole cents', () => {
    let prints = threePrints();
    prints = editPrints(prints, { kind: 'setQuantity', itemId: 'print-2', quantity: 60 });
    const totals = orderTotals(
      catalog,
      photoDose,
      { kind: 'prints', prints },
      {
        methodId: 'deutsche-post',
        country: 'DE',
      },
    );
    const sum = totals.items.reduce((s, i) => s + i.cents, 0);
    expect(totals.productCents).toBe(sum);
    expect(totals.items.some((i) => i.labelKey === 'price.quantityDiscount' && i.cents < 0)).toBe(
      true,
    );
    expect(totals.totalCents).toBe(sum + 349);
    for (const cents of [totals.totalCents, totals.vatCents, ...totals.items.map((i) => i.cents)]) {
      expect(Number.isInteger(cents)).toBe(true);
    }
  });
});
