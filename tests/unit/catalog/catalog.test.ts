import { describe, expect, it } from 'vitest';
import catalogData from '../../../assets/catalog.json';
import {
  bookPriceCents,
  findProduct,
  parseCatalog,
  spineWidthMm,
} from '../../../src/catalog/catalog';

const catalog = parseCatalog(catalogData);

describe('catalog', () => {
  // An order names its product by id: two products with one id would sell one at the other's price.
  it('refuses two products with the same id', () => {
    const first = catalogData.products[0]!;
    const twin = { ...first, priceCents: { base: 1, perExtraPage: 0 } };
    expect(() =>
      parseCatalog({ ...catalogData, products: [...catalogData.products, twin] }),
    ).toThrow(
      `catalog invalid at products.${catalogData.products.length}.id: product id ${first.id} is used twice`,
    );
  });

  it.each(catalog.products)('$id: default page count is bookable', ({ pages }) => {
    expect(pages.min).toBeLessThanOrEqual(pages.default);
    expect(pages.default).toBeLessThanOrEqual(pages.max);
    expect((pages.default - pages.min) % pages.step).toBe(0);
    expect((pages.max - pages.min) % pages.step).toBe(0);
  });

  it.each(catalog.products)('$id: price grows by perExtraPage per page above min', (product) => {
    const { min, step } = product.pages;
    const { base, perExtraPage } = product.priceCents;
    expect(bookPriceCents(product, min)).toBe(base);
    expect(bookPriceCents(product, min + step)).toBe(base + step * perExtraPage);
    expect(bookPriceCents(product, min + 10 * step)).toBe(base + 10 * step * perExtraPage);
    expect(bookPriceCents(product, min - step)).toBe(base);
  });

  it.each(catalog.products)('$id: spine grows with the page count', (product) => {
    const { min, max, step } = product.pages;
    for (let n = min; n < max; n += step) {
      expect(spineWidthMm(product, n + step)).toBeGreaterThan(spineWidthMm(product, n));
    }
  });

  it('names the place of a broken entry', () => {
    const broken = structuredClone(catalogData) as { products: { pages: { step: number } }[] };
    const second = broken.products[1];
    if (!second) throw new Error('catalog needs two products for this test');
    second.pages.step = 0;
    expect(() => parseCatalog(broken)).toThrow(/^catalog invalid at products\.1\.pages\.step: /);
    expect(() => parseCatalog({ ...catalogData, currency: 'USD' })).toThrow(
      /^catalog invalid at currency: /,
    );
    expect(() => parseCatalog({ ...catalogData, products: [] })).toThrow(
      /^catalog invalid at products: /,
    );
  });

  it('refuses an unknown product id', () => {
    expect(() => findProduct(catalog, 'book-a3')).toThrow('unknown product: book-a3');
  });
  it('refuses page rules a lab could not bind', () => {
    const withPages = (pages: object) => ({
      ...catalogData,
      products: [{ ...catalogData.products[0], pages }],
    });
    expect(() => parseCatalog(withPages({ min: 24, max: 100, step: 2, default: 120 }))).toThrow(
      'catalog invalid at products.0.pages: default page count must lie between min and max',
    );
    expect(() => parseCatalog(withPages({ min: 24, max: 101, step: 2, default: 24 }))).toThrow(
      'max and default must be min plus whole steps',
    );
  });
});
