import { describe, expect, it } from 'vitest';
import { editCanvas, newCanvas } from '../../../src/model/canvas';
import { editPrints, newPrints } from '../../../src/model/prints';
import { preflight } from '../../../src/preflight/check';
import { blocksOrder } from '../../../src/preflight/findings';
import { effectiveDpi, fittedDpi, tierOf } from '../../../src/preflight/resolution';
import { canvasProduct, printProduct, threePrints } from '../model/print-fixtures';
import { catalog, counterIds, photo } from '../model/fixtures';
import { nothingMissing } from './fixtures';

const tiny = photo(2, 320, 180);
/** 2:1, 1800 px wide: exactly 300 dpi across a 10x15's six inches. */
const panorama = photo(5, 1800, 900);

function printsOf(...assets: ReturnType<typeof photo>[]) {
  const ids = counterIds();
  let prints = editPrints(newPrints(printProduct, ids), { kind: 'addPhotos', assets });
  for (const asset of assets) {
    prints = editPrints(prints, {
      kind: 'addPrint',
      itemId: ids('print'),
      assetId: asset.id,
      product: printProduct,
    });
  }
  return prints;
}

describe('tiers', () => {
  it('draws the lines of SYSTEM.md exactly at 300, 200 and 150 dpi', () => {
    expect([300, 299.99, 200, 199.99, 150, 149.99].map(tierOf)).toEqual([
      'good',
      'ok',
      'ok',
      'warn',
      'warn',
      'low',
    ]);
  });

  it('measures fill on the visible part and fit on the whole photo', () => {
    // 6 x 4 inches, landscape: fill cuts the 2:1 photo to 3:2 and keeps its 900 px of height.
    expect(effectiveDpi(panorama, { panX: 0, panY: 0, zoom: 1 }, 152.4, 101.6)).toBeCloseTo(225);
    expect(fittedDpi(panorama, 152.4, 101.6)).toBeCloseTo(300);
  });
});

describe('prints', () => {
  it('says nothing about photos that print sharp at their paper size', () => {
    expect(preflight({ kind: 'prints', prints: threePrints() }, catalog, nothingMissing)).toEqual(
      [],
    );
  });

  it('flags a photo too small for its paper, naming the print by its place in the list', () => {
    const prints = printsOf(photo(11, 6000, 4000), tiny);
    const findings = preflight({ kind: 'prints', prints }, catalog, nothingMissing);
    expect(findings).toMatchObject([
      {
        kind: 'resolution',
        tier: 'low',
        severity: 'problem',
        assetName: 'IMG_2.jpg',
        place: { kind: 'print', printId: prints.itemIds[1], position: 2 },
      },
    ]);
  });

  it('reads fill and fit: the same photo is ok cropped and sharp whole', () => {
    const fill = printsOf(panorama);
    const itemId = fill.itemIds[0]!;
    const landscape = editPrints(fill, {
      kind: 'setPrint',
      itemId,
      patch: { orientation: 'landscape' },
    });
    const design = (prints: typeof fill) => ({ kind: 'prints' as const, prints });
    expect(preflight(design(landscape), catalog, nothingMissing)).toMatchObject([
      { kind: 'resolution', tier: 'ok', dpi: 225 },
    ]);
    const fit = editPrints(landscape, { kind: 'setPrint', itemId, patch: { fit: 'fit' } });
    expect(preflight(design(fit), catalog, nothingMissing)).toEqual([]);
    // A bigger paper for the same photo: across 20x30's 11.8 inches it is about 152 dpi.
    const bigger = editPrints(fit, { kind: 'setPrint', itemId, patch: { sizeId: '20x30' } });
    expect(preflight(design(bigger), catalog, nothingMissing)).toMatchObject([
      { kind: 'resolution', tier: 'warn', dpi: 152 },
    ]);
  });

  it('blocks prints whose photo is missing, and an order of no prints at all', () => {
    const prints = printsOf(tiny);
    const missing = { ...nothingMissing, missingAssetIds: new Set([tiny.id]) };
    const findings = preflight({ kind: 'prints', prints }, catalog, missing);
    expect(findings).toMatchObject([{ kind: 'photoMissing', severity: 'blocking' }]);
    const none = newPrints(printProduct, counterIds());
    const empty = preflight({ kind: 'prints', prints: none }, catalog, nothingMissing);
    expect(empty).toMatchObject([{ kind: 'nothingToPrint', severity: 'blocking' }]);
    expect(blocksOrder(empty)).toBe(true);
  });
});

describe('canvas', () => {
  const empty = newCanvas(canvasProduct, counterIds());

  it('blocks a canvas without a photo: the frame would be stretched with nothing', () => {
    const findings = preflight({ kind: 'canvas', canvas: empty }, catalog, nothingMissing);
    expect(findings).toEqual([
      { kind: 'emptyCanvas', severity: 'blocking', place: { kind: 'canvas' } },
    ]);
  });

  it('checks the photo over the whole surface, wrap included', () => {
    const sharp = editCanvas(empty, { kind: 'addPhotos', assets: [photo(11, 6000, 4000)] });
    expect(preflight({ kind: 'canvas', canvas: sharp }, catalog, nothingMissing)).toEqual([]);
    const small = editCanvas(empty, { kind: 'addPhotos', assets: [tiny] });
    const [finding] = preflight({ kind: 'canvas', canvas: small }, catalog, nothingMissing);
    // 30 x 20 cm front plus 3 cm of wrap a side: 36 x 26 cm printed.
    expect(finding).toMatchObject({
      kind: 'resolution',
      tier: 'low',
      printedMm: { width: 360, height: 260 },
      place: { kind: 'canvas' },
    });
  });
});
