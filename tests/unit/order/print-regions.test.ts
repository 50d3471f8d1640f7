import { describe, expect, it } from 'vitest';
import catalogData from '../../../assets/catalog.json';
import { findProduct, parseCatalog } from '../../../src/catalog/catalog';
import type { Book, PhotoAsset } from '../../../src/model/book';
import { applyChanges } from '../../../src/model/changes';
import { addAssets, framesOn, newBook, placePhoto } from '../../../src/model/commands';
import { editCanvas, newCanvas } from '../../../src/model/canvas';
import { editPrints, newPrints } from '../../../src/model/prints';
import { regionPx } from '../../../src/order/print-pixels';
import {
  WHOLE,
  coveringImage,
  planPrintReady,
  regionNeeds,
  type RegionNeed,
} from '../../../src/order/print-regions';

const catalog = parseCatalog(catalogData);

const asset = (id: string, widthPx: number, heightPx: number): PhotoAsset => ({
  id,
  sha256: 'a'.repeat(64),
  name: `${id}.jpg`,
  mime: 'image/jpeg',
  widthPx,
  heightPx,
  byteSize: 1000,
});

const need = (region: RegionNeed['region'], width: number, height: number): RegionNeed => ({
  assetId: 'p',
  region,
  px: { width, height },
});

describe('regionPx', () => {
  it('rounds edges to the nearest pixel, or outward so the rectangle covers the region', () => {
    const region = { x: 0.1004, y: 0.2, w: 0.5, h: 0.30004 };
    const size = { width: 1000, height: 1000 };
    expect(regionPx(region, size)).toEqual({ left: 100, top: 200, width: 500, height: 300 });
    expect(regionPx(region, size, 'outward')).toEqual({
      left: 100,
      top: 200,
      width: 501,
      height: 301,
    });
  });

  it('does not take a pixel more for float noise', () => {
    const region = { x: 0.1 + 0.2, y: 0, w: 0.7, h: 1 };
    expect(regionPx(region, { width: 1000, height: 10 }, 'outward')).toEqual({
      left: 300,
      top: 0,
      width: 700,
      height: 10,
    });
  });
});

describe('planPrintReady', () => {
  const photo = asset('p', 6000, 4000);

  it('scales a part to its print pixels and never above the photo’s own', () => {
    const [small] = planPrintReady([need({ x: 0, y: 0, w: 0.5, h: 0.5 }, 1200, 800)], [photo]);
    expect(small!.rect).toEqual({ left: 0, top: 0, width: 3000, height: 2000 });
    expect(small!.px).toEqual({ width: 1200, height: 800 });
    // A 60 cm print of a quarter of the photo would want 7087 px: it gets the 3000 there are.
    const [large] = planPrintReady([need({ x: 0, y: 0, w: 0.5, h: 0.5 }, 7087, 4724)], [photo]);
    expect(large!.px).toEqual({ width: 3000, height: 2000 });
  });

  it('makes one image of a part inside another that needs no finer pixels than it', () => {
    const pieces = planPrintReady(
      [
        need({ x: 0, y: 0, w: 1, h: 1 }, 1800, 1200),
        need({ x: 0.25, y: 0.25, w: 0.5, h: 0.5 }, 600, 400),
      ],
      [photo],
    );
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.px).toEqual({ width: 1800, height: 1200 });
    expect(pieces[0]!.covers).toEqual(WHOLE);
  });

  it('sends a small part printed large as its own image rather than the whole photo finer', () => {
    // The whole photo at 0.8 would be 15.4 MP; the whole at 0.3 and the part at 0.8 are 3.1 MP.
    const pieces = planPrintReady(
      [
        need({ x: 0, y: 0, w: 1, h: 1 }, 1800, 1200),
        need({ x: 0.25, y: 0.25, w: 0.25, h: 0.25 }, 1200, 800),
      ],
      [photo],
    );
    expect(pieces.map((p) => p.px)).toEqual([
      { width: 1800, height: 1200 },
      { width: 1200, height: 800 },
    ]);
  });

  it('keeps small parts far apart as images of their own', () => {
    const pieces = planPrintReady(
      [
        need({ x: 0, y: 0, w: 0.1, h: 0.1 }, 600, 400),
        need({ x: 0.9, y: 0.9, w: 0.1, h: 0.1 }, 600, 400),
      ],
      [photo],
    );
    expect(pieces.map((p) => p.covers)).toEqual([
      { x: 0, y: 0, w: 0.1, h: 0.1 },
      { x: 0.9, y: 0.9, w: 0.1, h: 0.1 },
    ]);
  });

  it('joins parts that overlap mostly, where one image costs fewer pixels', () => {
    const pieces = planPrintReady(
      [
        need({ x: 0.1, y: 0.1, w: 0.4, h: 0.4 }, 1200, 800),
        need({ x: 0.15, y: 0.1, w: 0.4, h: 0.4 }, 1200, 800),
      ],
      [photo],
    );
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.covers.x).toBeCloseTo(0.1, 9);
    expect(pieces[0]!.covers.w).toBeCloseTo(0.45, 9);
  });

  it('gives the same plan for the same needs', () => {
    const needs = [
      need({ x: 0, y: 0, w: 0.3, h: 0.3 }, 900, 600),
      need({ x: 0.5, y: 0.5, w: 0.3, h: 0.3 }, 900, 600),
      need({ x: 0.2, y: 0.2, w: 0.4, h: 0.4 }, 900, 600),
    ];
    expect(planPrintReady(needs, [photo])).toEqual(planPrintReady(needs, [photo]));
  });
});

describe('coveringImage', () => {
  const images = [
    { name: 'corner', covers: { x: 0, y: 0, w: 0.5, h: 0.5 }, widthPx: 1000, heightPx: 1000 },
    { name: 'whole', covers: WHOLE, widthPx: 1000, heightPx: 1000 },
  ];

  it('takes the image holding the region at the most pixels, the region remapped into it', () => {
    const found = coveringImage(images, { x: 0.1, y: 0.2, w: 0.2, h: 0.1 });
    expect(found!.image.name).toBe('corner');
    expect(found!.region.x).toBeCloseTo(0.2, 9);
    expect(found!.region.y).toBeCloseTo(0.4, 9);
    expect(found!.region.w).toBeCloseTo(0.4, 9);
    expect(found!.region.h).toBeCloseTo(0.2, 9);
    expect(coveringImage(images, { x: 0.4, y: 0.4, w: 0.2, h: 0.2 })!.image.name).toBe('whole');
  });

  it('finds none when no image holds the whole region', () => {
    expect(coveringImage(images.slice(0, 1), { x: 0.4, y: 0.4, w: 0.2, h: 0.2 })).toBeUndefined();
  });
});

describe('regionNeeds', () => {
  it('asks for each placed photo at 300 dpi of its frame, and a page background too', () => {
    const product = findProduct(catalog, 'book-21x21-softcover', 'photoBook');
    let n = 0;
    let book: Book = newBook(product, (prefix) => `${prefix}-${++n}`);
    const photo = asset('photo-a', 6000, 4000);
    book = applyChanges(book, addAssets(book, [photo]), 'forward');
    const [frame] = framesOn(book, book.pageIds[0]!);
    book = applyChanges(book, placePhoto(book, frame!.id, photo.id), 'forward');
    const pageId = book.pageIds[1]!;
    book = {
      ...book,
      pages: {
        ...book.pages,
        [pageId]: {
          id: pageId,
          background: { kind: 'photo', assetId: photo.id, crop: { panX: 0, panY: 0, zoom: 1 } },
        },
      },
    };
    const needs = regionNeeds({ kind: 'photoBook', book }, catalog);
    expect(needs).toHaveLength(2);
    const framed = needs.find((x) => x.px.width === Math.round((frame!.widthMm / 25.4) * 300));
    expect(framed).toBeDefined();
    // Fill of a 3:2 photo in a square frame: the middle two thirds of its width.
    expect(framed!.region.w).toBeCloseTo(2 / 3, 6);
    expect(framed!.region.h).toBeCloseTo(1, 6);
  });

  it('asks for prints at their paper pixels, and a fit print for the whole photo', () => {
    const product = findProduct(catalog, 'prints', 'print');
    const photo = asset('photo-b', 4000, 3000);
    let prints = editPrints(
      newPrints(product, (p) => `${p}-1`),
      {
        kind: 'addPhotos',
        assets: [photo],
      },
    );
    prints = editPrints(prints, { kind: 'addPrint', itemId: 'a', assetId: photo.id, product });
    prints = editPrints(prints, { kind: 'addPrint', itemId: 'b', assetId: photo.id, product });
    prints = editPrints(prints, { kind: 'setPrint', itemId: 'b', patch: { fit: 'fit' } });
    const [fill, fit] = regionNeeds({ kind: 'prints', prints }, catalog);
    expect(fill!.px).toEqual({ width: 1800, height: 1200 });
    expect(fit!.region).toEqual(WHOLE);
    expect(fit!.px).toEqual({ width: 1600, height: 1200 });
  });

  it('asks for a canvas over its whole surface with the wrap', () => {
    const product = findProduct(catalog, 'canvas', 'canvas');
    const photo = asset('photo-c', 6000, 4000);
    let canvas = editCanvas(
      newCanvas(product, (p) => `${p}-1`),
      {
        kind: 'addPhotos',
        assets: [photo],
      },
    );
    canvas = editCanvas(canvas, { kind: 'placePhoto', assetId: photo.id });
    const [wrap] = regionNeeds({ kind: 'canvas', canvas }, catalog);
    const front = product.sizes.find((s) => s.id === canvas.sizeId)!;
    expect(wrap!.px.width).toBeGreaterThan(Math.round((front.frontMm.width / 25.4) * 300));
  });
});
