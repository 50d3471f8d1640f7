import { describe, expect, it } from 'vitest';
import {
  addAssets,
  framesOn,
  newBook,
  placePhoto,
  placedAssets,
  usageCounts,
} from '../../../src/model/commands';
import { FILL } from '../../../src/model/crop';
import { loadBook } from '../../../src/model/migrate';
import type { TextFrame } from '../../../src/model/book';
import { a4, counterIds, forward, frameOf, pageAt, photo, photoFrameOn } from './fixtures';

describe('newBook', () => {
  it("has the product's default page count, an empty cover, unique ids and full-bleed frames", () => {
    const product = { ...a4, bleedMm: 5, pages: { ...a4.pages, default: 30 } };
    const book = newBook(product, counterIds());

    expect(book.formatVersion).toBe(2);
    expect(book.productId).toBe(a4.id);
    expect(book.options).toEqual({ pageCount: 30 });
    expect(book.pageIds).toHaveLength(30);
    const frames = Object.values(book.frames);
    const cover = [book.cover.backId, book.cover.spineId, book.cover.frontId];
    const ids = [book.id, ...book.pageIds, ...cover, ...frames.map((f) => f.id)];
    expect(new Set(ids).size).toBe(1 + 30 + 3 + 30);
    for (const pageId of book.pageIds) {
      expect(framesOn(book, pageId)).toEqual([
        {
          id: frameOf(book, pageId),
          kind: 'photo',
          pageId,
          xMm: -5,
          yMm: -5,
          widthMm: 220,
          heightMm: 307,
          rotationDeg: 0,
          z: 0,
          assetId: null,
          crop: { panX: 0, panY: 0, zoom: 1 },
        },
      ]);
      expect(book.pages[pageId]?.background).toEqual({ kind: 'colour', colour: '#ffffff' });
    }
    for (const pageId of cover) expect(framesOn(book, pageId)).toEqual([]);
    expect(book.assets).toEqual({});
    expect(loadBook(JSON.parse(JSON.stringify(book)))).toEqual(book);
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

describe('placePhoto', () => {
  const p = photo(1, 6000, 4000);
  const empty = newBook(a4, counterIds());
  const book = forward(empty, addAssets(empty, [p]));
  const pageId = pageAt(book, 2);
  const frameId = frameOf(book, pageId);

  it('sets the frame photo at a fill crop, whatever crop the frame had', () => {
    const panned = { ...photoFrameOn(book, pageId), crop: { panX: 1, panY: -0.5, zoom: 3 } };
    const before = forward(book, [
      { kind: 'frame', id: frameId, before: book.frames[frameId], after: panned },
    ]);
    const changes = placePhoto(before, frameId, p.id);
    expect(changes).toEqual([
      {
        kind: 'frame',
        id: frameId,
        before: panned,
        after: { ...panned, assetId: p.id, crop: FILL },
      },
    ]);
    expect(book.frames[frameId]).toMatchObject({ assetId: null });
  });

  it('refuses an unknown frame or photo, and a text frame', () => {
    expect(() => placePhoto(book, 'frame-nope', p.id)).toThrow('no frame frame-nope');
    expect(() => placePhoto(book, frameId, 'photo-nope')).toThrow(
      'no photo photo-nope in this book',
    );
    const text: TextFrame = {
      ...photoFrameOn(book, pageId),
      id: 'title',
      z: 1,
      kind: 'text',
      text: 'Sommer',
      fontId: 'lora',
      sizePt: 24,
      colour: '#202020',
      align: 'center',
      bold: false,
      italic: false,
    };
    const withText = forward(book, [
      { kind: 'frame', id: 'title', before: undefined, after: text },
    ]);
    expect(() => placePhoto(withText, 'title', p.id)).toThrow(
      'frame title holds text, not a photo',
    );
  });
});

describe('framesOn', () => {
  it('lists a page frames back to front by z, whatever order they were stored in', () => {
    const book = newBook(a4, counterIds());
    const pageId = pageAt(book, 0);
    const base = photoFrameOn(book, pageId);
    const front = { ...base, id: 'front', z: 7 };
    const back = { ...base, id: 'back', z: -2 };
    const withMore = forward(book, [
      { kind: 'frame', id: 'front', before: undefined, after: front },
      { kind: 'frame', id: 'back', before: undefined, after: back },
    ]);
    expect(framesOn(withMore, pageId).map((f) => f.id)).toEqual(['back', base.id, 'front']);
  });
});

describe('placedAssets', () => {
  it('lists placed photos once in print order (cover first), leaving out unplaced ones', () => {
    const [p1, p2, p3, p4, p5] = [1, 2, 3, 4, 5].map((n) => photo(n, 40, 30));
    if (!p1 || !p2 || !p3 || !p4 || !p5) throw new Error('photos missing');
    const empty = newBook(a4, counterIds());
    let book = forward(empty, addAssets(empty, [p1, p2, p3, p4, p5]));
    const placements = [
      [4, p1],
      [1, p2],
      [6, p3],
      [8, p2],
    ] as const;
    for (const [n, asset] of placements) {
      book = forward(book, placePhoto(book, frameOf(book, pageAt(book, n)), asset.id));
    }
    expect(placedAssets(book)).toEqual([p2, p1, p3]);

    const reversed = [...book.pageIds].reverse();
    book = forward(book, [{ kind: 'pageOrder', before: book.pageIds, after: reversed }]);
    expect(placedAssets(book)).toEqual([p2, p3, p1]);

    const front = book.pages[book.cover.frontId]!;
    const photoBackground = { kind: 'photo' as const, assetId: p5.id, crop: FILL };
    book = forward(book, [
      {
        kind: 'page',
        id: front.id,
        before: front,
        after: { ...front, background: photoBackground },
      },
    ]);
    expect(placedAssets(book)).toEqual([p5, p2, p3, p1]);
  });
});

describe('usageCounts', () => {
  it('counts each photo once per frame and per page background; unused photos are absent', () => {
    const [p1, p2, p3] = [1, 2, 3].map((n) => photo(n, 40, 30));
    if (!p1 || !p2 || !p3) throw new Error('photos missing');
    const empty = newBook(a4, counterIds());
    let book = forward(empty, addAssets(empty, [p1, p2, p3]));
    for (const [n, asset] of [
      [1, p1],
      [2, p1],
      [5, p2],
    ] as const) {
      book = forward(book, placePhoto(book, frameOf(book, pageAt(book, n)), asset.id));
    }
    const page = book.pages[pageAt(book, 7)]!;
    book = forward(book, [
      {
        kind: 'page',
        id: page.id,
        before: page,
        after: { ...page, background: { kind: 'photo', assetId: p2.id, crop: FILL } },
      },
    ]);
    expect(usageCounts(book)).toEqual({ [p1.id]: 2, [p2.id]: 2 });
  });
});
