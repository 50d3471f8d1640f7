import { describe, expect, it } from 'vitest';
import catalogData from '../../../assets/catalog.json';
import { parseCatalog, productsOfKind, type PhotoBook } from '../../../src/catalog/catalog';
import { contains, toUm, type Box } from '../../../src/geometry/box';
import {
  bookSurfaces,
  coverSurface,
  innerSurfaces,
  spineWidthMm,
} from '../../../src/geometry/book';
import type { Surface } from '../../../src/geometry/surface';

const books = productsOfKind(parseCatalog(catalogData), 'photoBook');

/**
 * Worked out by hand from assets/catalog.json, so a changed catalog figure or formula shows here.
 * Spine = board + paper a page × pages. Hardcover cover: 15 wrap + W + 8 hinge + spine + 8 hinge +
 * W + 15 wrap by 15 + H + 15. Softcover: 3 bleed + W + spine + W + 3 bleed by 3 + H + 3.
 */
const expected: Record<
  string,
  {
    spine: { min: number; middle: [number, number]; max: number };
    /** Cover media at the minimum page count (24). */
    cover24: { width: number; height: number };
    /** The fewest pages whose spine reaches 5 mm, and the step below it. */
    spineText: { from: number; below: number | null };
  }
> = {
  // 2 + 0.1 × 24 = 4.4; 420 + 46 + 4.4 = 470.4 by 297 + 30.
  'book-a4-hardcover': {
    spine: { min: 4.4, middle: [100, 12], max: 22 },
    cover24: { width: 470.4, height: 327 },
    spineText: { from: 30, below: 28 },
  },
  // 0.5 + 0.1 × 24 = 2.9; 3 + 210 + 2.9 + 210 + 3 = 428.9 by 216; at most 100 pages: 10.5.
  'book-21x21-softcover': {
    spine: { min: 2.9, middle: [60, 6.5], max: 10.5 },
    cover24: { width: 428.9, height: 216 },
    spineText: { from: 46, below: 44 },
  },
  'book-21x21-hardcover': {
    spine: { min: 4.4, middle: [100, 12], max: 22 },
    cover24: { width: 470.4, height: 240 },
    spineText: { from: 30, below: 28 },
  },
  // 2.5 + 0.12 × 24 = 5.38; 15 + 300 + 8 + 5.38 + 8 + 300 + 15 = 651.38 by 330; 200 pages: 26.5.
  'book-30x30-hardcover': {
    spine: { min: 5.38, middle: [100, 14.5], max: 26.5 },
    cover24: { width: 651.38, height: 330 },
    spineText: { from: 24, below: null },
  },
  // Landscape: 594 + 46 + 4.4 = 644.4 by 210 + 30.
  'book-a4-landscape-hardcover': {
    spine: { min: 4.4, middle: [100, 12], max: 22 },
    cover24: { width: 644.4, height: 240 },
    spineText: { from: 30, below: 28 },
  },
};

function expectFor(book: PhotoBook) {
  const figures = expected[book.id];
  if (!figures) throw new Error(`no hand-worked figures for ${book.id}: add them above`);
  return figures;
}

/** Every safe box inside its panel's trim, every trim inside the surface's bleed = media box. */
function expectNested(surface: Surface) {
  expect(surface.bleed).toEqual({ x: 0, y: 0, ...surface.media });
  expect(contains(surface.bleed, surface.trim), `${surface.id} trim`).toBe(true);
  for (const panel of surface.panels) {
    expect(contains(surface.trim, panel.trim), `${surface.id} ${panel.name} trim`).toBe(true);
    expect(contains(panel.trim, panel.safe), `${surface.id} ${panel.name} safe`).toBe(true);
    expect(panel.safe.width, `${surface.id} ${panel.name}`).toBeGreaterThan(0);
  }
}

/** Whether two boxes share any area (touching edges do not), compared in micrometres. */
function overlaps(a: Box, b: Box): boolean {
  const [ax, ay, bx, by] = [toUm(a.x), toUm(a.y), toUm(b.x), toUm(b.y)];
  return (
    ax < bx + toUm(b.width) &&
    bx < ax + toUm(a.width) &&
    ay < by + toUm(b.height) &&
    by < ay + toUm(a.height)
  );
}

describe('photo-book geometry, for every book in the catalog', () => {
  it('has hand-worked figures for exactly the catalog books', () => {
    expect(books.map((b) => b.id).sort()).toEqual(Object.keys(expected).sort());
  });

  describe.each(books)('$id', (book) => {
    const figures = expectFor(book);
    const { min, max } = book.pages;

    it('spine width from the page count: min, a middle count, max', () => {
      expect(spineWidthMm(book, min)).toBe(figures.spine.min);
      expect(spineWidthMm(book, figures.spine.middle[0])).toBe(figures.spine.middle[1]);
      expect(spineWidthMm(book, max)).toBe(figures.spine.max);
      expect(coverSurface(book, max).spine.trim.width).toBe(figures.spine.max);
    });

    it(`cover spread size at ${min} pages`, () => {
      expect(coverSurface(book, min).media).toEqual(figures.cover24);
    });

    it('cover panels sit side by side: back, (hinge,) spine, (hinge,) front', () => {
      const cover = coverSurface(book, min);
      const parts = [cover.back.trim, ...cover.hinges, cover.spine.trim].sort((a, b) => a.x - b.x);
      const row = [...parts, cover.front.trim];
      // Compared in micrometres: each edge is exactly where the previous part ends.
      const end = (box: Box) => toUm(box.x) + toUm(box.width);
      for (let i = 1; i < row.length; i++) expect(toUm(row[i]!.x)).toBe(end(row[i - 1]!));
      expect(toUm(cover.trim.x)).toBe(toUm(cover.back.trim.x));
      expect(end(cover.trim)).toBe(end(cover.front.trim));
    });

    it('spine text only from 5 mm of spine', () => {
      expect(coverSurface(book, figures.spineText.from).spine.textAllowed).toBe(true);
      if (figures.spineText.below !== null) {
        expect(coverSurface(book, figures.spineText.below).spine.textAllowed).toBe(false);
      }
    });

    it.each([min, max])(
      '%i pages: every safe box inside its trim, every trim inside bleed',
      (n) => {
        for (const surface of bookSurfaces(book, n)) expectNested(surface);
      },
    );

    it.each([min, max])('%i pages: no safe area reaches into a gutter or a hinge', (n) => {
      for (const surface of bookSurfaces(book, n)) {
        const keepOut =
          surface.role === 'cover' ? surface.hinges : 'gutter' in surface ? [surface.gutter] : [];
        for (const panel of surface.panels) {
          for (const zone of keepOut) {
            expect(overlaps(panel.safe, zone), `${surface.id} ${panel.name}`).toBe(false);
          }
        }
      }
    });

    it.each([min, max])('%i pages: cover, page 1 alone, spreads, the last page alone', (n) => {
      const surfaces = bookSurfaces(book, n);
      expect(surfaces).toHaveLength(1 + 1 + (n - 2) / 2 + 1);
      expect(surfaces.map((s) => s.role)).toEqual([
        'cover',
        'page',
        ...Array<string>((n - 2) / 2).fill('spread'),
        'page',
      ]);
      expect(surfaces[1]!.id).toBe('page-1');
      expect(surfaces[2]!.id).toBe('spread-2-3');
      expect(surfaces.at(-2)!.id).toBe(`spread-${n - 2}-${n - 1}`);
      expect(surfaces.at(-1)!.id).toBe(`page-${n}`);
      const pageNumbers = surfaces.flatMap((s) =>
        s.role === 'page' || s.role === 'spread' ? s.pages.map((p) => p.pageNumber) : [],
      );
      expect(pageNumbers).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    });
  });
});

describe('A4 hardcover, worked through', () => {
  const a4 = books.find((b) => b.id === 'book-a4-hardcover')!;

  it('a spread is two trimmed pages with 3 mm bleed round the pair', () => {
    const spread = innerSurfaces(a4, 24)[1]!;
    if (spread.role !== 'spread') throw new Error('expected a spread');
    expect(spread.media).toEqual({ width: 426, height: 303 });
    expect(spread.trim).toEqual({ x: 3, y: 3, width: 420, height: 297 });
    const [left, right] = spread.pages;
    expect(left).toEqual({
      name: 'left',
      pageNumber: 2,
      trim: { x: 3, y: 3, width: 210, height: 297 },
      // 8 mm from the outer edges, 12 mm from the binding edge.
      safe: { x: 11, y: 11, width: 190, height: 281 },
      // The page's own bleed reaches 3 mm across the binding edge into page 3.
      bleed: { x: 0, y: 0, width: 216, height: 303 },
    });
    expect(right).toEqual({
      name: 'right',
      pageNumber: 3,
      trim: { x: 213, y: 3, width: 210, height: 297 },
      safe: { x: 225, y: 11, width: 190, height: 281 },
      bleed: { x: 210, y: 0, width: 216, height: 303 },
    });
    expect(spread.gutter).toEqual({ x: 201, y: 3, width: 24, height: 297 });
  });

  it('page 1 is right-hand (binding on its left), the last page left-hand', () => {
    const inner = innerSurfaces(a4, 24);
    const first = inner[0]!;
    const last = inner.at(-1)!;
    expect(first.media).toEqual({ width: 216, height: 303 });
    expect(first.pages[0]).toMatchObject({
      name: 'right',
      pageNumber: 1,
      safe: { x: 15, y: 11, width: 190, height: 281 },
    });
    expect(first.gutter).toEqual({ x: 3, y: 3, width: 12, height: 297 });
    expect(last.pages[0]).toMatchObject({
      name: 'left',
      pageNumber: 24,
      safe: { x: 11, y: 11, width: 190, height: 281 },
    });
    expect(last.gutter).toEqual({ x: 201, y: 3, width: 12, height: 297 });
  });
});

describe('30x30 hardcover cover with 24 pages, worked through', () => {
  const book = books.find((b) => b.id === 'book-30x30-hardcover')!;
  const cover = coverSurface(book, 24);

  it('wrap 15 | back 300 | hinge 8 | spine 5.38 | hinge 8 | front 300 | wrap 15', () => {
    expect(cover.binding).toBe('hardcover');
    expect(cover.wrapMm).toBe(15);
    expect(cover.media).toEqual({ width: 651.38, height: 330 });
    expect(cover.trim).toEqual({ x: 15, y: 15, width: 621.38, height: 300 });
    expect(cover.back.trim).toEqual({ x: 15, y: 15, width: 300, height: 300 });
    expect(cover.hinges).toEqual([
      { x: 315, y: 15, width: 8, height: 300 },
      { x: 328.38, y: 15, width: 8, height: 300 },
    ]);
    expect(cover.spine.trim).toEqual({ x: 323, y: 15, width: 5.38, height: 300 });
    expect(cover.front.trim).toEqual({ x: 336.38, y: 15, width: 300, height: 300 });
  });

  it('safe areas: 8 mm inside back and front; the spine keeps 1 mm off its edges', () => {
    expect(cover.back.safe).toEqual({ x: 23, y: 23, width: 284, height: 284 });
    expect(cover.front.safe).toEqual({ x: 344.38, y: 23, width: 284, height: 284 });
    expect(cover.spine.safe).toEqual({ x: 324, y: 23, width: 3.38, height: 284 });
    expect(cover.spine.textAllowed).toBe(true);
  });

  it('the wrap folds over the board along the four trim edges', () => {
    expect(cover.folds).toEqual([
      { x1: 15, y1: 15, x2: 636.38, y2: 15 },
      { x1: 636.38, y1: 15, x2: 636.38, y2: 315 },
      { x1: 15, y1: 315, x2: 636.38, y2: 315 },
      { x1: 15, y1: 15, x2: 15, y2: 315 },
    ]);
  });
});

describe('21x21 softcover cover with 24 pages, worked through', () => {
  const book = books.find((b) => b.id === 'book-21x21-softcover')!;
  const cover = coverSurface(book, 24);

  it('bleed 3 | back 210 | spine 2.9 | front 210 | bleed 3, folding at the spine edges', () => {
    expect(cover.binding).toBe('softcover');
    expect(cover.wrapMm).toBe(0);
    expect(cover.hinges).toEqual([]);
    expect(cover.media).toEqual({ width: 428.9, height: 216 });
    expect(cover.back.trim).toEqual({ x: 3, y: 3, width: 210, height: 210 });
    expect(cover.spine.trim).toEqual({ x: 213, y: 3, width: 2.9, height: 210 });
    expect(cover.front.trim).toEqual({ x: 215.9, y: 3, width: 210, height: 210 });
    expect(cover.folds).toEqual([
      { x1: 213, y1: 0, x2: 213, y2: 216 },
      { x1: 215.9, y1: 0, x2: 215.9, y2: 216 },
    ]);
    expect(cover.spine.textAllowed).toBe(false);
  });
});

describe('page counts the geometry refuses', () => {
  const book = books[0]!;
  it.each([23, 0, 24.5])('%s pages', (n) => {
    expect(() => innerSurfaces(book, n)).toThrow(
      `a book has an even number of pages, at least 2, not ${n}`,
    );
  });
});
