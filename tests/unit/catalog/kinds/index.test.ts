import { describe, expect, it } from 'vitest';
import catalogData from '../../../../assets/catalog.json';
import { parseCatalog } from '../../../../src/catalog/catalog';
import { priceOf } from '../../../../src/catalog/price';
import {
  defaultOptionsOf,
  kinds,
  priceLinesFor,
  problemsOf,
  surfacesFor,
} from '../../../../src/catalog/kinds';

const catalog = parseCatalog(catalogData);

describe('the kind registry', () => {
  it('defines photo books, prints and canvas', () => {
    expect(Object.keys(kinds).sort()).toEqual(['canvas', 'photoBook', 'print']);
  });

  it.each(catalog.products)('$id: its defaults are makeable, printable and priced', (product) => {
    const options = defaultOptionsOf(product);
    expect(problemsOf(product, options)).toEqual([]);
    expect(() => surfacesFor(product, options)).not.toThrow();
    for (const line of priceLinesFor(product, options))
      expect(Number.isInteger(line.cents)).toBe(true);
  });

  // Options come from project files and order manifests too: a wrong shape is named, not crashed on.
  it('names options of the wrong shape before the kind checks them', () => {
    expect(() => priceOf(catalog, 'prints', { pageCount: 24 })).toThrow(
      'prints: options invalid at prints: Invalid input: expected array, received undefined',
    );
    expect(() => surfacesFor(catalog.products[0]!, { pageCount: '24' } as never)).toThrow(
      'book-a4-hardcover: options invalid at pageCount: Invalid input: expected number, received string',
    );
    expect(() =>
      priceOf(catalog, 'canvas', { sizeId: '60x40', orientation: 'sideways' } as never),
    ).toThrow(
      'canvas: options invalid at orientation: Invalid option: expected one of "portrait"|"landscape"',
    );
  });
});
