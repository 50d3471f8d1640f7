import { describe, expect, it } from 'vitest';
import bookV1 from '../../fixtures/book-v1.json';
import { editPrints } from '../../../src/model/prints';
import { editCanvas, newCanvas } from '../../../src/model/canvas';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { designAssets, type Design } from '../../../src/model/design';
import { MANIFEST_VERSION, parseManifest, photoFileName } from '../../../src/order/manifest';
import { a4, anna, counterIds, forward, frameOf, pageAt } from '../model/fixtures';
import { canvasProduct, tall, threePrints, wide } from '../model/print-fixtures';

/** A version 3 manifest as the app wrote it before checkout had payment: one file per photo. */
function manifestOf(design: Design) {
  return {
    manifestVersion: 3,
    orderId: 'order-3',
    createdAt: '2026-11-25T22:00:00.000Z',
    client: { app: 'photodose', version: '0.2.0' },
    lab: { id: 'photodose-bremen' },
    customer: { ...anna },
    design,
    files: designAssets(design).map((asset, i) => ({
      name: photoFileName(i + 1),
      role: 'photo',
      assetId: asset.id,
      sha256: asset.sha256,
      byteSize: asset.byteSize,
      mime: asset.mime,
    })),
  };
}

function printsDesign(): Design {
  let prints = threePrints();
  prints = editPrints(prints, { kind: 'setQuantity', itemId: 'print-2', quantity: 2 });
  prints = editPrints(prints, {
    kind: 'setPrint',
    itemId: 'print-3',
    patch: { sizeId: '13x18', finish: 'matte', fit: 'fit' },
  });
  prints = editPrints(prints, {
    kind: 'setCrop',
    itemId: 'print-4',
    crop: { panX: 1, panY: 0, zoom: 1.5 },
  });
  return { kind: 'prints', prints };
}

describe('order manifest version 3', () => {
  it('is still read, as written, after version 4 came', () => {
    expect(MANIFEST_VERSION).toBe(4);
    expect(parseManifest(manifestOf(printsDesign()))).toMatchObject({
      manifestVersion: 3,
      customer: anna,
    });
  });

  it('carries prints with their sizes, quantities and crops', () => {
    const read = parseManifest(manifestOf(printsDesign()));
    expect(read).toEqual(manifestOf(printsDesign()));
    if (read.design.kind !== 'prints') throw new Error('not prints');
    expect(read.files).toHaveLength(3);
    expect(read.design.prints.items['print-3']).toMatchObject({ sizeId: '13x18', fit: 'fit' });
  });

  it('carries a canvas and a photo book', () => {
    const canvas = editCanvas(newCanvas(canvasProduct, counterIds()), {
      kind: 'addPhotos',
      assets: [wide],
    });
    const design: Design = { kind: 'canvas', canvas: { ...canvas, sizeId: '60x40' } };
    expect(parseManifest(manifestOf(design))).toEqual(manifestOf(design));
    const empty = newBook(a4, counterIds());
    const book = forward(empty, addAssets(empty, [tall]));
    const placed = forward(book, placePhoto(book, frameOf(book, pageAt(book, 0)), tall.id));
    const bookManifest = manifestOf({ kind: 'photoBook', book: placed });
    expect(parseManifest(bookManifest)).toEqual(bookManifest);
  });

  it('refuses a printed photo without its file, a bad quantity, an old book inside', () => {
    const missing = { ...manifestOf(printsDesign()) };
    missing.files = missing.files.slice(1);
    expect(() => parseManifest(missing)).toThrow(
      `order manifest invalid at files: photo ${wide.id} is printed but not among the files`,
    );
    const bad = manifestOf(printsDesign()) as ReturnType<typeof manifestOf> & {
      design: { prints: { items: Record<string, { quantity: number }> } };
    };
    bad.design.prints.items['print-2']!.quantity = 1000;
    expect(() => parseManifest(bad)).toThrow(
      /^order manifest invalid at design\.prints\.items\.print-2\.quantity: /,
    );
    const old = { ...manifestOf(printsDesign()), design: { kind: 'photoBook', book: bookV1 } };
    expect(() => parseManifest(old)).toThrow(
      /^order manifest invalid at design\.book\.formatVersion/,
    );
  });
});
