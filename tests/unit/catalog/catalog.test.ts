import { describe, expect, it } from 'vitest';
import catalogData from '../../../assets/catalog.json';
import {
  findProduct,
  parseCatalog,
  productsOfKind,
  type Catalog,
} from '../../../src/catalog/catalog';

const catalog = parseCatalog(catalogData);

/** A copy of the shipped catalog data with one product changed, to see what the schema says. */
function withProduct(id: string, change: (product: Record<string, unknown>) => void): unknown {
  const data = structuredClone(catalogData) as { products: Record<string, unknown>[] };
  const product = data.products.find((p) => p.id === id);
  if (!product) throw new Error(`no ${id} in the catalog`);
  change(product);
  return data;
}
const indexOf = (id: string) => catalogData.products.findIndex((p) => p.id === id);

describe('the shipped catalog', () => {
  it('sells the products of the designer issue, VAT 19 % in EUR', () => {
    expect(catalog.currency).toBe('EUR');
    expect(catalog.vatPercent).toBe(19);
    expect(catalog.products.map((p) => `${p.kind} ${p.id}`)).toEqual([
      'photoBook book-a4-hardcover',
      'photoBook book-21x21-softcover',
      'photoBook book-21x21-hardcover',
      'photoBook book-30x30-hardcover',
      'photoBook book-a4-landscape-hardcover',
      'print prints',
      'canvas canvas',
    ]);
  });

  it('photo books: 24 to 200 pages in steps of 2, a softcover up to 100', () => {
    for (const book of productsOfKind(catalog, 'photoBook')) {
      const max = book.cover.binding === 'softcover' ? 100 : 200;
      expect(book.pages, book.id).toEqual({ min: 24, max, step: 2, default: 24 });
      expect([book.bleedMm, book.safeMm], book.id).toEqual([3, 8]);
      if (book.cover.binding === 'hardcover') {
        expect([book.cover.wrapMm, book.cover.hingeMm], book.id).toEqual([15, 8]);
      }
    }
  });

  it('prints: the minilab sizes in exact pixels at 300 dpi, glossy or matte, fill or fit', () => {
    const [prints] = productsOfKind(catalog, 'print');
    expect(prints?.dpi).toBe(300);
    expect(prints?.sizes.map((s) => [s.id, s.px.width, s.px.height])).toEqual([
      ['9x13', 1050, 1535],
      ['10x15', 1200, 1800],
      ['13x18', 1500, 2100],
      ['20x30', 2400, 3540],
    ]);
    expect(prints?.finishes).toEqual(['glossy', 'matte']);
    expect(prints?.fits).toEqual(['fill', 'fit']);
  });

  it('canvas: 30x20, 60x40 and 90x60 cm on a 2 cm frame with 30 mm of wrap', () => {
    const [canvas] = productsOfKind(catalog, 'canvas');
    expect(canvas?.sizes.map((s) => s.frontMm)).toEqual([
      { width: 300, height: 200 },
      { width: 600, height: 400 },
      { width: 900, height: 600 },
    ]);
    expect([canvas?.frameDepthMm, canvas?.wrapMm, canvas?.safeMm]).toEqual([20, 30, 15]);
  });
});

describe('finding a product', () => {
  it('by id, and of the kind the caller needs', () => {
    expect(findProduct(catalog, 'canvas').kind).toBe('canvas');
    expect(findProduct(catalog, 'book-a4-hardcover', 'photoBook').trimMm).toEqual({
      width: 210,
      height: 297,
    });
    expect(() => findProduct(catalog, 'book-a3')).toThrow('unknown product: book-a3');
    expect(() => findProduct(catalog, 'prints', 'photoBook')).toThrow(
      'product prints is a print, not a photoBook',
    );
  });
});

describe('catalog refusals name the place and the reason', () => {
  const refuses = (data: unknown) => expect(() => parseCatalog(data));
  const softcover = indexOf('book-21x21-softcover');
  const a4 = indexOf('book-a4-hardcover');
  const canvas = indexOf('canvas');
  const prints = indexOf('prints');

  it('a softcover over 100 pages', () => {
    const data = withProduct('book-21x21-softcover', (p) => {
      p.pages = { min: 24, max: 120, step: 2, default: 24 };
    });
    refuses(data).toThrow(
      `catalog invalid at products.${softcover}.pages.max: a softcover binds at most 100 pages, not 120`,
    );
  });

  it('page counts that are not min plus whole steps, or odd', () => {
    const pages = (rule: object) =>
      withProduct('book-a4-hardcover', (p) => {
        p.pages = rule;
      });
    refuses(pages({ min: 24, max: 101, step: 2, default: 24 })).toThrow(
      `catalog invalid at products.${a4}.pages: max and default must be min plus whole steps`,
    );
    refuses(pages({ min: 24, max: 100, step: 2, default: 120 })).toThrow(
      `catalog invalid at products.${a4}.pages: default page count must lie between min and max`,
    );
    refuses(pages({ min: 23, max: 99, step: 2, default: 23 })).toThrow(
      `catalog invalid at products.${a4}.pages: page counts must be even: min and step must be even`,
    );
  });

  it('an unknown kind of product', () => {
    const data = withProduct('canvas', (p) => {
      p.kind = 'poster';
    });
    refuses(data).toThrow(
      `catalog invalid at products.${canvas}.kind: unknown product kind: poster`,
    );
  });

  it('negative or zero sizes, and more precision than a micrometre', () => {
    refuses(
      withProduct('book-a4-hardcover', (p) => {
        p.trimMm = { width: -210, height: 297 };
      }),
    ).toThrow(`catalog invalid at products.${a4}.trimMm.width: must be more than 0 mm`);
    refuses(
      withProduct('book-a4-hardcover', (p) => {
        p.bleedMm = -3;
      }),
    ).toThrow(`catalog invalid at products.${a4}.bleedMm: must be 0 mm or more`);
    refuses(
      withProduct('canvas', (p) => {
        (p.sizes as { frontMm: object }[])[1]!.frontMm = { width: 600, height: 0 };
      }),
    ).toThrow(
      `catalog invalid at products.${canvas}.sizes.1.frontMm.height: must be more than 0 mm`,
    );
    refuses(
      withProduct('prints', (p) => {
        (p.sizes as { px: object }[])[0]!.px = { width: -1050, height: 1535 };
      }),
    ).toThrow(`catalog invalid at products.${prints}.sizes.0.px.width: must be more than 0 px`);
    refuses(
      withProduct('book-30x30-hardcover', (p) => {
        p.spine = { boardMm: 2.5, perPageMm: 0.1234, textMinMm: 5 };
      }),
    ).toThrow(
      `catalog invalid at products.${indexOf('book-30x30-hardcover')}.spine.perPageMm: must be a whole number of micrometres (at most 3 decimals of a mm)`,
    );
  });

  it('a canvas wrap too narrow to fold round the frame', () => {
    refuses(
      withProduct('canvas', (p) => {
        p.wrapMm = 20;
      }),
    ).toThrow(
      `catalog invalid at products.${canvas}.wrapMm: the wrap must be wider than the frame is deep, to fold round the back`,
    );
  });

  it('one id twice: products, print sizes', () => {
    // The same id at another price: an order would not know which one it bought.
    const twin = { ...catalogData.products[0], priceCents: { base: 1, perExtraPage: 0 } };
    refuses({ ...catalogData, products: [...catalogData.products, twin] }).toThrow(
      `catalog invalid at products.${catalogData.products.length}.id: product id book-a4-hardcover is used twice`,
    );
    refuses(
      withProduct('prints', (p) => {
        const sizes = p.sizes as { id: string }[];
        sizes[2]!.id = '10x15';
      }),
    ).toThrow(`catalog invalid at products.${prints}.sizes.2.id: print size 10x15 is used twice`);
  });

  it('a discount list out of order, a currency other than EUR, no products', () => {
    refuses(
      withProduct('prints', (p) => {
        p.quantityDiscounts = [
          { fromQuantity: 100, percent: 10 },
          { fromQuantity: 50, percent: 5 },
        ];
      }),
    ).toThrow(
      `catalog invalid at products.${prints}.quantityDiscounts: discounts must be listed by growing quantity`,
    );
    refuses({ ...catalogData, currency: 'USD' }).toThrow(/^catalog invalid at currency: /);
    refuses({ ...catalogData, products: [] }).toThrow(/^catalog invalid at products: /);
  });

  it('takes a catalog with no quantity discount', () => {
    const data = withProduct('prints', (p) => {
      delete p.quantityDiscounts;
    });
    const [prints] = productsOfKind(parseCatalog(data) as Catalog, 'print');
    expect(prints?.quantityDiscounts).toEqual([]);
  });
});
