import { describe, expect, it } from 'vitest';
import { findProduct, type PhotoBook } from '../../../src/catalog/catalog';
import { designerCommands } from '../../../src/commands/designer-commands';
import { applyEffect, editorFor } from '../../../src/commands/editor';
import { perform } from '../../../src/commands/registry';
import { shippedTemplates } from '../../../src/commands/page-commands';
import { applyLayout } from '../../../src/layout/apply';
import {
  captureOrder,
  cropLoss,
  fillBook,
  MAX_PHOTOS_PER_PAGE,
  type FillOptions,
} from '../../../src/layout/assistant';
import { isDesigned } from '../../../src/layout/designed';
import { shapeOf, shapeOfRatio } from '../../../src/layout/shape';
import type { PagePanel } from '../../../src/geometry/surface';
import { assetIdFor, type Book, type PhotoAsset, type PhotoFrame } from '../../../src/model/book';
import type { Change } from '../../../src/model/changes';
import { addAssets, framesOn, newBook, placePhoto } from '../../../src/model/commands';
import { freshIds } from '../../../src/model/fresh-ids';
import { loadBook } from '../../../src/model/migrate';
import { surfacesOfBook } from '../../../src/model/surfaces';
import { catalog, counterIds, forward, frameOf } from '../model/fixtures';

const a4 = findProduct(catalog, 'book-a4-hardcover', 'photoBook');
const soft21 = findProduct(catalog, 'book-21x21-softcover', 'photoBook');

/** A photo as import makes it; `n` makes its hash, `takenAt` its capture time. */
function shot(n: number, widthPx: number, heightPx: number, takenAt?: string): PhotoAsset {
  const sha256 = n.toString(16).padStart(8, '0').repeat(8);
  return {
    id: assetIdFor(sha256),
    sha256,
    name: `IMG_${n}.jpg`,
    mime: 'image/jpeg',
    widthPx,
    heightPx,
    byteSize: 3_000_000 + n,
    ...(takenAt && { takenAt }),
  };
}

/** The minute `m` of a holiday, as the camera writes it. */
const at = (m: number) =>
  `2025-07-${String(1 + Math.floor(m / 1440)).padStart(2, '0')}T${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;

/**
 * A realistic mix: mostly landscape (3:2), a third portrait, some 4:3 and square phone shots,
 * imported in an order that is not the order they were taken (two cameras, one folder each).
 */
function holiday(count: number): PhotoAsset[] {
  const shapes: [number, number][] = [
    [6000, 4000],
    [4000, 6000],
    [6000, 4000],
    [4032, 3024],
    [3024, 4032],
    [3000, 3000],
  ];
  const photos = Array.from({ length: count }, (_, i) => {
    const [w, h] = shapes[(i * 7) % shapes.length]!;
    return shot(i + 1, w, h, at(i * 13));
  });
  // Camera B's photos (odd ones) were imported after camera A's.
  return [...photos.filter((_, i) => i % 2 === 0), ...photos.filter((_, i) => i % 2 === 1)];
}

function bookWith(product: PhotoBook, photos: readonly PhotoAsset[]): Book {
  const book = newBook(product, counterIds());
  return forward(book, addAssets(book, photos));
}

const context = (product: PhotoBook, book: Book) => ({
  product,
  templates: shippedTemplates,
  makeId: freshIds(book),
});

function fill(
  product: PhotoBook,
  book: Book,
  options: FillOptions = { photos: 'unused', pages: 'keep' },
) {
  const filled = fillBook(book, options, context(product, book));
  return { ...filled, book: forward(book, filled.changes) };
}

/** Every placed photo frame in print order, on a page in reading order. */
function placedFrames(book: Book): PhotoFrame[] {
  return book.pageIds.flatMap((pageId) =>
    framesOn(book, pageId)
      .filter((f): f is PhotoFrame => f.kind === 'photo' && f.assetId !== null)
      .sort((a, b) => a.yMm - b.yMm || a.xMm - b.xMm),
  );
}

function panelOf(product: PhotoBook, book: Book, pageId: string): PagePanel {
  const placed = surfacesOfBook(book, product)
    .flatMap((s) => s.pages)
    .find((p) => p.pageId === pageId);
  if (!placed) throw new Error(`no page ${pageId}`);
  return placed.panel as PagePanel;
}

/** How many placed photos sit in a frame of the opposite orientation (landscape in portrait). */
function mismatched(book: Book): number {
  return placedFrames(book).filter((f) => {
    const asset = book.assets[f.assetId!]!;
    const photo = shapeOfRatio(asset.widthPx / asset.heightPx);
    const frame = shapeOf({ width: f.widthMm, height: f.heightMm });
    return photo !== 'square' && frame !== 'square' && photo !== frame;
  }).length;
}

describe('captureOrder', () => {
  it('orders by the camera clock; undated photos stay after their file-order neighbour', () => {
    const morning = shot(1, 10, 10, '2025-07-01T08:00:00');
    const noon = shot(2, 10, 10, '2025-07-01T12:00:00+02:00');
    const scan = shot(3, 10, 10);
    const evening = shot(4, 10, 10, '2025-07-01T20:00:00');
    const dawn = shot(5, 10, 10, '2025-07-01T05:00:00');
    // By name the scan (IMG_3) follows noon (IMG_2), so it stays after noon.
    const ids = captureOrder([evening, scan, noon, morning, dawn]).map((p) => p.id);
    expect(ids).toEqual([dawn.id, morning.id, noon.id, scan.id, evening.id]);
  });

  it('without dates, orders by file name with numbers as numbers, not by import order', () => {
    const photos = [shot(10, 1, 1), shot(2, 1, 1), shot(1, 1, 1), shot(9, 1, 1)];
    expect(captureOrder(photos).map((p) => p.name)).toEqual([
      'IMG_1.jpg',
      'IMG_2.jpg',
      'IMG_9.jpg',
      'IMG_10.jpg',
    ]);
  });
});

describe('fillBook', () => {
  it('places every photo once, page after page in capture order', () => {
    const photos = holiday(40);
    const { book, placedPhotos, changes } = fill(a4, bookWith(a4, photos));
    expect(placedPhotos).toBe(40);
    const onPages = book.pageIds.map((pageId) =>
      framesOn(book, pageId).flatMap((f) => (f.kind === 'photo' && f.assetId ? [f.assetId] : [])),
    );
    const sequence = onPages.flat();
    expect(new Set(sequence).size).toBe(40);
    // Pages in book order hold photos in capture order: each page's photos all come after the
    // previous page's (within a page, frames are chosen by shape).
    const byDate = [...photos].sort((x, y) => x.takenAt!.localeCompare(y.takenAt!));
    const rank = new Map(byDate.map((p, i) => [p.id, i]));
    let last = -1;
    for (const page of onPages.filter((p) => p.length > 0)) {
      const ranks = page.map((id) => rank.get(id)!).sort((x, y) => x - y);
      expect(ranks[0]).toBeGreaterThan(last);
      last = ranks.at(-1)!;
    }
    expect(changes.length).toBeGreaterThan(0);
    // The empty front cover shows the first photo taken, whole, inside its safe area.
    const [cover] = framesOn(book, book.cover.frontId);
    const first = [...photos].sort((x, y) => x.takenAt!.localeCompare(y.takenAt!))[0]!;
    expect(cover?.kind === 'photo' && cover.assetId).toBe(first.id);
    const front = surfacesOfBook(book, a4)[0]!.pages.find((p) => p.panel.name === 'front')!.panel;
    expect(cover!.xMm).toBeGreaterThanOrEqual(front.safe.x - front.trim.x - 1e-9);
    expect(cover!.widthMm / cover!.heightMm).toBeCloseTo(first.widthPx / first.heightPx, 3);
    // What it made is a valid book, and ordinary frames at fill crop.
    expect(() => loadBook(JSON.parse(JSON.stringify(book)))).not.toThrow();
    for (const frame of placedFrames(book)) {
      expect(frame.crop).toEqual({ panX: 0, panY: 0, zoom: 1 });
      expect(frame.rotationDeg).toBe(0);
    }
  });

  it('puts photos into frames of their own orientation, and crops less than a fixed layout', () => {
    for (const product of [a4, findProduct(catalog, 'book-30x30-hardcover', 'photoBook')]) {
      const photos = holiday(60);
      const start = bookWith(product, photos);
      const { book, meanCropLoss, narrowedFrames } = fill(product, start);

      // The naive way: the library's first layout for each page's count, photos in file order.
      let naive = start;
      const inner = surfacesOfBook(start, product)
        .slice(1)
        .flatMap((s) => s.pages);
      const perPage = Math.ceil(photos.length / inner.length);
      inner.forEach((p, j) => {
        const mine = photos.slice(j * perPage, (j + 1) * perPage);
        if (mine.length === 0) return;
        const template = shippedTemplates.find(
          (t) => t.photoCount === mine.length && t.textCount === 0,
        )!;
        const applied = applyLayout(naive, p.pageId, p.panel as PagePanel, template, {
          makeId: freshIds(naive),
          candidates: mine.map((a) => ({ id: a.id, aspectRatio: a.widthPx / a.heightPx })),
        });
        naive = forward(naive, applied.changes);
      });
      const naiveFrames = placedFrames(naive);
      const ours = mismatched(book);
      const theirs = mismatched(naive);
      const naiveLoss =
        naiveFrames.reduce((sum, f) => {
          const a = naive.assets[f.assetId!]!;
          return sum + cropLoss(a.widthPx / a.heightPx, f.widthMm / f.heightMm);
        }, 0) / naiveFrames.length;
      // The figures for the report: the share of each photo's area its frame cuts off.
      console.log(
        `${product.id}: assistant mean crop loss ${(meanCropLoss * 100).toFixed(1)} %, ` +
          `first-layout-in-file-order ${(naiveLoss * 100).toFixed(1)} %; ` +
          `photos in a frame of the other orientation: ${ours} vs ${theirs} of ${photos.length}; ` +
          `frames narrowed to their photo: ${narrowedFrames}`,
      );
      expect(ours).toBeLessThan(theirs / 2);
      expect(ours).toBeLessThanOrEqual(photos.length / 10);
      expect(meanCropLoss).toBeLessThan(naiveLoss / 2);
      expect(meanCropLoss).toBeLessThan(0.12);
    }
  });

  it('leaves pages the customer designed exactly as they were', () => {
    const photos = holiday(30);
    let book = bookWith(a4, photos);
    const [, p2, p3, p4, p5, p6] = book.pageIds as [string, ...string[]];
    // Page 2: a photo placed. Page 3: its empty frame made smaller. Page 4: written text.
    book = forward(book, placePhoto(book, frameOf(book, p2!), photos[5]!.id));
    const frame3 = framesOn(book, p3!)[0]!;
    book = forward(book, [
      { kind: 'frame', id: frame3.id, before: frame3, after: { ...frame3, widthMm: 100 } },
    ]);
    book = forward(book, [
      {
        kind: 'frame',
        id: 'text-1',
        before: undefined,
        after: {
          id: 'text-1',
          kind: 'text',
          pageId: p4!,
          xMm: 20,
          yMm: 20,
          widthMm: 100,
          heightMm: 20,
          rotationDeg: 0,
          z: 1,
          text: 'Sommer 2025',
          fontId: 'inter',
          sizePt: 20,
          colour: '#222222',
          align: 'left',
          bold: false,
          italic: false,
        },
      },
    ]);
    // Page 5: a template applied but left empty; page 6: the untouched start. Neither is designed.
    const template = shippedTemplates.find((t) => t.id === 'four-grid')!;
    book = forward(
      book,
      applyLayout(book, p5!, panelOf(a4, book, p5!), template, { makeId: freshIds(book) }).changes,
    );
    const designed = (id: string) =>
      isDesigned(book, id, panelOf(a4, book, id), shippedTemplates, a4.bleedMm);
    expect([p2, p3, p4, p5, p6].map((id) => designed(id!))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);

    // The customer's cover has a title: the assistant leaves the cover alone.
    book = forward(book, [
      {
        kind: 'frame',
        id: 'title-1',
        before: undefined,
        after: { ...book.frames['text-1']!, id: 'title-1', pageId: book.cover.frontId },
      } as Change,
    ]);
    const kept = [p2!, p3!, p4!, book.cover.frontId].map((id) => framesOn(book, id));
    const filled = fill(a4, book);
    [p2!, p3!, p4!, book.cover.frontId].forEach((id, i) =>
      expect(framesOn(filled.book, id)).toEqual(kept[i]),
    );
    expect(filled.coverFilled).toBe(false);
    expect(placedFrames(filled.book).filter((f) => f.pageId === p5).length).toBeGreaterThan(0);
    // The photo on page 2 was used already: "unused" places the other 29, each once.
    expect(filled.placedPhotos).toBe(29);
    expect(placedFrames(filled.book).filter((f) => f.assetId === photos[5]!.id)).toHaveLength(1);

    // Asked to redo everything, it lays out those pages too, keeping the words.
    const redone = fill(a4, book, { photos: 'all', pages: 'redo' });
    expect(framesOn(redone.book, p3!)).not.toEqual(kept[1]);
    expect(redone.book.frames['text-1']?.kind === 'text' && redone.book.frames['text-1'].text).toBe(
      'Sommer 2025',
    );
    expect(redone.placedPhotos).toBe(30);
    expect(new Set(placedFrames(redone.book).map((f) => f.assetId)).size).toBe(30);
  });

  it('is one command and one undo step, and undo restores the book exactly', () => {
    const start = editorFor(bookWith(a4, holiday(12)));
    const filled = perform(designerCommands, start, 'assistant.fill');
    expect(filled.history.undo).toHaveLength(1);
    expect(filled.history.undo[0]?.label).toBe('assistant.fill');
    expect(placedFrames(filled.book)).toHaveLength(12);
    const undone = applyEffect(filled, { kind: 'undo' });
    expect(undone.book).toEqual(start.book);
    expect(JSON.stringify(undone.book.pageIds)).toBe(JSON.stringify(start.book.pageIds));
    const redone = applyEffect(undone, { kind: 'redo' });
    expect(redone.book).toEqual(filled.book);
    // Nothing left to place: a second fill records no step.
    const again = perform(designerCommands, filled, 'assistant.fill');
    expect(again.history.undo).toHaveLength(1);
  });

  it('adds pages within the product limits and never overfills a page', () => {
    // 21x21 softcover: at most 100 pages. 600 photos need all 100, six a page.
    const many = holiday(600);
    const six = fill(soft21, bookWith(soft21, many));
    expect(six.book.options.pageCount).toBe(100);
    expect(six.book.pageIds).toHaveLength(100);
    expect(six.addedPages).toBe(76);
    expect(six.placedPhotos).toBe(600);
    expect(six.leftOver).toBe(0);
    // 700 photos: the 100 left over stay in the tray, no page holds more than six.
    const over = fill(soft21, bookWith(soft21, holiday(700)));
    expect(over.book.options.pageCount).toBe(100);
    expect(over.leftOver).toBe(100);
    for (const pageId of over.book.pageIds) {
      expect(placedFrames(over.book).filter((f) => f.pageId === pageId).length).toBeLessThanOrEqual(
        MAX_PHOTOS_PER_PAGE,
      );
    }
    // The A4 hardcover grows only as far as four photos a page need: 150 pages for 600.
    const a4Filled = fill(a4, bookWith(a4, many));
    expect(a4Filled.book.options.pageCount).toBe(150);
    expect(a4Filled.book.options.pageCount % a4.pages.step).toBe(0);
    expect(() => loadBook(JSON.parse(JSON.stringify(a4Filled.book)))).not.toThrow();
    // Few photos: no page is added.
    expect(fill(a4, bookWith(a4, holiday(10))).addedPages).toBe(0);
  });

  it('fills a book from 600 photos quickly (time printed for the report)', () => {
    const book = bookWith(a4, holiday(600));
    const t0 = performance.now();
    const filled = fillBook(book, { photos: 'unused', pages: 'keep' }, context(a4, book));
    const ms = performance.now() - t0;
    console.log(
      `600 photos into A4: ${ms.toFixed(0)} ms, ${filled.filledPages} pages, ` +
        `mean crop loss ${(filled.meanCropLoss * 100).toFixed(1)} %, ` +
        `${filled.narrowedFrames} frames narrowed`,
    );
    expect(filled.placedPhotos).toBe(600);
  });
});
