import { describe, expect, it } from 'vitest';
import catalogData from '../../../../assets/catalog.json';
import { findProduct, parseCatalog } from '../../../../src/catalog/catalog';
import { surfacesFor } from '../../../../src/catalog/kinds';

const prints = findProduct(parseCatalog(catalogData), 'prints', 'print');

describe('print surfaces, for every size in the catalog', () => {
  // PRINT.md: minilab paper is inch-based, so the names round the real sizes.
  it.each([
    ['9x13', { width: 1050, height: 1535 }, { width: 88.9, height: 129.963 }],
    ['10x15', { width: 1200, height: 1800 }, { width: 101.6, height: 152.4 }],
    ['13x18', { width: 1500, height: 2100 }, { width: 127, height: 177.8 }],
    ['20x30', { width: 2400, height: 3540 }, { width: 203.2, height: 299.72 }],
  ])('%s: exact pixels at 300 dpi, and the millimetres they make', (sizeId, px, mm) => {
    const [portrait, landscape] = surfacesFor(prints, {
      prints: [
        { sizeId, quantity: 1, orientation: 'portrait' },
        { sizeId, quantity: 4, orientation: 'landscape' },
      ],
    });
    expect(portrait).toMatchObject({ id: 'print-1', role: 'print', px, media: mm, dpi: 300 });
    expect(landscape).toMatchObject({
      id: 'print-2',
      px: { width: px.height, height: px.width },
      media: { width: mm.height, height: mm.width },
    });
  });

  it('one surface per photo, whatever the quantity: copies print from the same file', () => {
    const surfaces = surfacesFor(prints, {
      prints: [
        { sizeId: '10x15', quantity: 3 },
        { sizeId: '13x18', quantity: 1 },
      ],
    });
    expect(surfaces.map((s) => s.id)).toEqual(['print-1', 'print-2']);
  });

  it('refuses a size the lab does not print', () => {
    expect(() => surfacesFor(prints, { prints: [{ sizeId: '11x14', quantity: 1 }] })).toThrow(
      'prints: print 1: unknown print size 11x14',
    );
  });
});
