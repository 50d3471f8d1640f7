import { describe, expect, it } from 'vitest';
import catalogData from '../../../../assets/catalog.json';
import { findProduct, parseCatalog } from '../../../../src/catalog/catalog';
import { surfacesFor } from '../../../../src/catalog/kinds';

const canvas = findProduct(parseCatalog(catalogData), 'canvas', 'canvas');

describe('canvas surfaces, for every size in the catalog', () => {
  // Front + 2 × 30 mm wrap (20 mm frame depth + 10 mm round the back); safe 15 mm inside.
  it.each([
    ['30x20', { width: 360, height: 260 }, { x: 45, y: 45, width: 270, height: 170 }],
    ['60x40', { width: 660, height: 460 }, { x: 45, y: 45, width: 570, height: 370 }],
    ['90x60', { width: 960, height: 660 }, { x: 45, y: 45, width: 870, height: 570 }],
  ])('%s: media %o, safe %o', (sizeId, media, safe) => {
    const [surface] = surfacesFor(canvas, { sizeId });
    expect(surface?.role).toBe('canvas');
    expect(surface?.media).toEqual(media);
    expect(surface?.panels[0]?.safe).toEqual(safe);
  });

  it('hangs upright when the customer turns it', () => {
    const [surface] = surfacesFor(canvas, { sizeId: '90x60', orientation: 'portrait' });
    expect(surface?.media).toEqual({ width: 660, height: 960 });
  });
});
