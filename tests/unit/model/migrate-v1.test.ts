import { describe, expect, it } from 'vitest';
import bookV1 from '../../fixtures/book-v1.json';
import { PAPER } from '../../../src/model/book';
import { framesOn, placedAssets } from '../../../src/model/commands';
import { FILL, visibleRegion } from '../../../src/model/crop';
import { BookFormatError, loadBook } from '../../../src/model/migrate';
import { photoFrameOn } from './fixtures';

/**
 * tests/fixtures/book-v1.json was written by the version 1 code (commit 5bd5e4a): newBook for
 * the A4 hardcover with counter ids, three photos added (6000 × 4000, 3000 × 4500, 2000 × 2000),
 * the first placed on pages 1 and 7, the second on page 6, each at version 1's fill crop.
 */
const v1 = bookV1 as typeof bookV1 & { pages: Record<string, (typeof bookV1.pages)['page-0001']> };
const v1Slot = (pageId: string) => v1.pages[pageId]!.slots[0]!;

describe('migrating a version 1 book', () => {
  const book = loadBook(structuredClone(bookV1));

  it('keeps the id, product, title, photos and the pages in order, and counts them', () => {
    expect(book.formatVersion).toBe(2);
    expect(book.id).toBe('book-0049');
    expect(book.productId).toBe('book-a4-hardcover');
    expect(book.title).toBe('');
    expect(book.pageIds).toEqual(v1.pageIds);
    expect(book.options).toEqual({ pageCount: 24 });
    expect(book.assets).toEqual(v1.assets);
    for (const pageId of book.pageIds)
      expect(book.pages[pageId]).toEqual({ id: pageId, background: PAPER });
  });

  it('adds an empty cover on paper white', () => {
    expect(book.cover).toEqual({
      backId: 'cover-back',
      spineId: 'cover-spine',
      frontId: 'cover-front',
    });
    for (const id of ['cover-back', 'cover-spine', 'cover-front']) {
      expect(book.pages[id]).toEqual({ id, background: PAPER });
      expect(framesOn(book, id)).toEqual([]);
    }
  });

  it('turns each slot into a photo frame with its id, box and photo, unrotated, at z 0', () => {
    expect(Object.keys(book.frames)).toHaveLength(24);
    expect(framesOn(book, 'page-0001')).toEqual([
      {
        id: 'slot-0002',
        kind: 'photo',
        pageId: 'page-0001',
        xMm: -3,
        yMm: -3,
        widthMm: 216,
        heightMm: 303,
        rotationDeg: 0,
        z: 0,
        assetId: 'photo-01010101010101010101010101010101',
        crop: FILL,
      },
    ]);
    expect(photoFrameOn(book, 'page-0003')).toMatchObject({ assetId: null, crop: FILL });
  });

  it.each(['page-0001', 'page-0011', 'page-0013'])(
    'shows exactly the region version 1 showed on %s (its centred fill)',
    (pageId) => {
      const frame = photoFrameOn(book, pageId);
      const asset = book.assets[frame.assetId!]!;
      expect(visibleRegion(frame.crop, asset, frame)).toEqual(v1Slot(pageId).crop);
    },
  );

  it('keeps the photos placed, in page order', () => {
    expect(placedAssets(book).map((a) => a.name)).toEqual(['Hafen.jpg', 'Deich.jpg']);
  });

  it('turns an off-centre, zoomed version 1 crop into the pan and zoom of the same region', () => {
    const raw = structuredClone(bookV1);
    // A fifth of the photo's width against its right edge, in the frame's aspect: zoomed in.
    const region = { x: 0.8, y: 0.5, w: 0.2, h: 0.2 * (6000 / 4000) * (303 / 216) };
    raw.pages['page-0001'].slots[0]!.crop = region;
    const frame = photoFrameOn(loadBook(raw), 'page-0001');
    expect(frame.crop.panX).toBe(1);
    expect(frame.crop.zoom).toBeCloseTo(216 / 303 / 1.5 / 0.2, 12);
    const shown = visibleRegion(
      frame.crop,
      v1.assets['photo-01010101010101010101010101010101'],
      frame,
    );
    for (const key of ['x', 'y', 'w', 'h'] as const)
      expect(shown[key]).toBeCloseTo(region[key], 12);
  });

  it('keeps several frames of a page in their drawing order as z', () => {
    const raw = structuredClone(bookV1);
    const first = raw.pages['page-0005'].slots[0]!;
    raw.pages['page-0005'].slots.push({ ...first, id: 'slot-front', xMm: 20, widthMm: 50 });
    expect(framesOn(loadBook(raw), 'page-0005').map((f) => [f.id, f.z])).toEqual([
      ['slot-0006', 0],
      ['slot-front', 1],
    ]);
  });

  it('gives a frame a fresh id where version 1 used a slot id twice', () => {
    const raw = structuredClone(bookV1);
    raw.pages['page-0005'].slots[0]!.id = 'slot-0002';
    const book = loadBook(raw);
    expect(photoFrameOn(book, 'page-0001').id).toBe('slot-0002');
    expect(photoFrameOn(book, 'page-0005').id).toBe('slot-0002-2');
  });

  it('names a damaged version 1 field by its version 1 path', () => {
    const raw = structuredClone(bookV1);
    raw.pages['page-0003'].slots[0]!.crop.w = 2;
    expect(() => loadBook(raw)).toThrow(
      new BookFormatError(
        'book damaged at pages.page-0003.slots.0.crop.w: Too big: expected number to be <=1',
      ),
    );
  });

  it('names a version 1 slot whose photo is missing, after migrating', () => {
    const raw = structuredClone(bookV1);
    raw.assets = {} as typeof raw.assets;
    expect(() => loadBook(raw)).toThrow(
      'book damaged: frame slot-0002 on page page-0001 refers to photo photo-01010101010101010101010101010101, which is missing',
    );
  });
});
