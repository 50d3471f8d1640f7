import { describe, expect, it } from 'vitest';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { editCanvas, newCanvas } from '../../../src/model/canvas';
import { editPrints } from '../../../src/model/prints';
import {
  Design,
  designAssets,
  designProblems,
  priceOfDesign,
  type Design as DesignType,
} from '../../../src/model/design';
import { a4, catalog, counterIds, forward, frameOf, pageAt } from './fixtures';
import { canvasProduct, square, tall, threePrints, wide } from './print-fixtures';

function bookDesign(): DesignType {
  const empty = newBook(a4, counterIds());
  const book = forward(empty, addAssets(empty, [wide, tall]));
  return {
    kind: 'photoBook',
    book: forward(book, placePhoto(book, frameOf(book, pageAt(book, 0)), tall.id)),
  };
}

const canvasDesign = (): DesignType => ({
  kind: 'canvas',
  canvas: editCanvas(newCanvas(canvasProduct, counterIds()), {
    kind: 'addPhotos',
    assets: [square, wide],
  }),
});

describe('design union', () => {
  it('names the photos the lab needs: placed in a book, printed, on the canvas', () => {
    expect(designAssets(bookDesign())).toEqual([tall]);
    const prints = editPrints(threePrints(), { kind: 'removePrint', itemId: 'print-3' });
    expect(designAssets({ kind: 'prints', prints })).toEqual([wide, square]);
    expect(designAssets(canvasDesign())).toEqual([square]);
  });

  it('prices each kind from the catalog', () => {
    expect(priceOfDesign(catalog, bookDesign()).totalCents).toBe(2999 + 500);
    expect(priceOfDesign(catalog, { kind: 'prints', prints: threePrints() }).totalCents).toBe(
      3 * 19,
    );
    expect(priceOfDesign(catalog, canvasDesign()).totalCents).toBe(2999);
  });

  it('says why a design cannot be ordered yet', () => {
    expect(designProblems(catalog, canvasDesign())).toEqual([]);
    const emptyCanvas = newCanvas(canvasProduct, counterIds());
    expect(designProblems(catalog, { kind: 'canvas', canvas: emptyCanvas })).toEqual([
      'no photo is printed',
    ]);
    expect(
      designProblems(catalog, { kind: 'canvas', canvas: { ...emptyCanvas, sizeId: '10x10' } }),
    ).toContain('unknown canvas size 10x10');
    expect(
      designProblems(catalog, {
        kind: 'prints',
        prints: { ...threePrints(), productId: 'canvas' },
      }),
    ).toEqual(['product canvas is a canvas']);
  });

  it('validates each kind of design, and refuses an unknown kind', () => {
    for (const design of [
      bookDesign(),
      canvasDesign(),
      { kind: 'prints', prints: threePrints() },
    ]) {
      expect(Design.parse(design)).toEqual(design);
    }
    expect(Design.safeParse({ kind: 'poster', poster: {} }).success).toBe(false);
  });
});
