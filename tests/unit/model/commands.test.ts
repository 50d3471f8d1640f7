import { describe, expect, it } from 'vitest';
import { Crop } from '../../../src/model/book';
import {
  addAssets,
  fillCrop,
  newBook,
  placePhoto,
  placedAssets,
} from '../../../src/model/commands';
import { a4, counterIds, forward, pageAt, photo, slotOf } from './fixtures';

describe('newBook', () => {
  it("has the product's default page count, unique ids and full-bleed frames", () => {
    const product = { ...a4, bleedMm: 5, pages: { ...a4.pages, default: 30 } };
    const book = newBook(product, counterIds());

    expect(book.productId).toBe(a4.id);
    expect(book.pageIds).toHaveLength(30);
    const slots = book.pageIds.flatMap((id) => book.pages[id]?.slots ?? []);
    const ids = [book.id, ...book.pageIds, ...slots.map((s) => s.id)];
    expect(new Set(ids).size).toBe(1 + 30 + 30);
    for (const slot of slots) {
      expect(slot).toMatchObject({ xMm: -5, yMm: -5, widthMm: 220, heightMm: 307, assetId: null });
    }
    expect(book.assets).toEqual({});
  });
});

describe('addAssets', () => {
  it('adds each new photo once and skips photos the book already holds', () => {
    const [p1, p2, p3] = [photo(1, 40, 30), photo(2, 40, 30), photo(3, 40, 30)];
    const empty = newBook(a4, counterIds());
    const book = forward(empty, addAssets(empty, [p1]));
    const changes = addAssets(book, [p1, p2, p2, p3]);
    expect(changes).toEqual([
      { kind: 'asset', id: p2.id, before: undefined, after: p2 },
      { kind: 'asset', id: p3.id, before: undefined, after: p3 },
    ]);
  });
});

describe('fillCrop', () => {
  const cases = [
    ['landscape photo in a portrait frame', 6000, 4000, 216, 303],
    ['portrait photo in a landscape frame', 3000, 4500, 432, 303],
    ['square photo in a slim frame', 2000, 2000, 50, 200],
  ] as const;

  it.each(cases)('keeps the frame aspect and centres a %s', (_l, pw, ph, fw, fh) => {
    const crop = fillCrop(pw, ph, fw, fh);
    expect(Crop.safeParse(crop).success).toBe(true);
    expect((crop.w * pw) / (crop.h * ph)).toBeCloseTo(fw / fh, 10);
    expect(Math.max(crop.w, crop.h)).toBe(1);
    expect(crop.x + crop.w / 2).toBeCloseTo(0.5, 10);
    expect(crop.y + crop.h / 2).toBeCloseTo(0.5, 10);
  });

  it('shows the whole photo when aspects match', () => {
    expect(fillCrop(4000, 3000, 40, 30)).toEqual({ x: 0, y: 0, w: 1, h: 1 });
  });
});

describe('placePhoto', () => {
  const p = photo(1, 6000, 4000);
  const empty = newBook(a4, counterIds());
  const book = forward(empty, addAssets(empty, [p]));
  const pageId = pageAt(book, 2);
  const slotId = slotOf(book, pageId);

  it('fills the frame with the photo, cropped to fit', () => {
    const placed = forward(book, placePhoto(book, pageId, slotId, p.id));
    const slot = placed.pages[pageId]?.slots[0];
    expect(slot?.assetId).toBe(p.id);
    expect(slot?.crop).toEqual(fillCrop(6000, 4000, slot?.widthMm ?? 0, slot?.heightMm ?? 0));
    expect(book.pages[pageId]?.slots[0]?.assetId).toBeNull();
  });

  it('refuses an unknown page, photo or frame', () => {
    expect(() => placePhoto(book, 'page-nope', slotId, p.id)).toThrow('no page page-nope');
    expect(() => placePhoto(book, pageId, slotId, 'photo-nope')).toThrow(
      'no photo photo-nope in this book',
    );
    expect(() => placePhoto(book, pageId, 'slot-nope', p.id)).toThrow('no frame slot-nope on page');
  });
});

describe('placedAssets', () => {
  it('lists placed photos once, in page order, leaving out unplaced ones', () => {
    const [p1, p2, p3, p4] = [1, 2, 3, 4].map((n) => photo(n, 40, 30));
    if (!p1 || !p2 || !p3 || !p4) throw new Error('photos missing');
    const empty = newBook(a4, counterIds());
    let book = forward(empty, addAssets(empty, [p1, p2, p3, p4]));
    const placements = [
      [4, p1],
      [1, p2],
      [6, p3],
      [8, p2],
    ] as const;
    for (const [n, asset] of placements) {
      const pageId = pageAt(book, n);
      book = forward(book, placePhoto(book, pageId, slotOf(book, pageId), asset.id));
    }
    expect(placedAssets(book)).toEqual([p2, p1, p3]);

    const reversed = [...book.pageIds].reverse();
    book = forward(book, [{ kind: 'pageOrder', before: book.pageIds, after: reversed }]);
    expect(placedAssets(book)).toEqual([p2, p3, p1]);
  });
});
