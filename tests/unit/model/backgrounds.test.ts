import { describe, expect, it } from 'vitest';
import { findProduct } from '../../../src/catalog/catalog';
import type { PagePanel } from '../../../src/geometry/surface';
import { photoAcross, photoOnEachPage, setBackgrounds } from '../../../src/model/backgrounds';
import type { Book } from '../../../src/model/book';
import { applyChanges } from '../../../src/model/changes';
import { addAssets, newBook, usageCounts } from '../../../src/model/commands';
import { FILL, visibleRegion } from '../../../src/model/crop';
import { loadBook } from '../../../src/model/migrate';
import { surfacesOfBook } from '../../../src/model/surfaces';
import { catalog, counterIds, forward, photo } from './fixtures';

const book30 = findProduct(catalog, 'book-30x30-hardcover', 'photoBook');
const landscape = photo(1, 6000, 4000);
const panorama = photo(2, 12000, 3000);

function spreadBook() {
  let book = newBook(book30, counterIds());
  book = forward(book, addAssets(book, [landscape, panorama]));
  const spread = surfacesOfBook(book, book30)[3];
  if (spread?.surface.role !== 'spread') throw new Error('no spread');
  return { book, spread };
}

/** Where a point of the surface (mm) lands in the photo, seen through one page's background. */
function photoPointThrough(book: Book, pageId: string, panel: PagePanel, x: number, y: number) {
  const background = book.pages[pageId]?.background;
  if (background?.kind !== 'photo') throw new Error('no photo background');
  const asset = book.assets[background.assetId]!;
  const frame = { widthMm: panel.bleed.width, heightMm: panel.bleed.height };
  const region = visibleRegion(background.crop, asset, frame);
  return {
    x: region.x + ((x - panel.bleed.x) / panel.bleed.width) * region.w,
    y: region.y + ((y - panel.bleed.y) / panel.bleed.height) * region.h,
  };
}

describe('page backgrounds', () => {
  it('colours the pages named in one change each and leaves pages already that colour', () => {
    const { book, spread } = spreadBook();
    const ids = spread.pages.map((p) => p.pageId);
    const navy = { kind: 'colour', colour: '#1f2a44' } as const;
    const changes = setBackgrounds(book, ids, navy);
    expect(changes).toHaveLength(2);
    const next = forward(book, changes);
    for (const id of ids) expect(next.pages[id]?.background).toEqual(navy);
    expect(setBackgrounds(next, ids, navy)).toEqual([]);
    expect(applyChanges(next, changes, 'backward')).toEqual(book);
  });

  it('puts a photo on a page at fill and counts it as used', () => {
    const { book, spread } = spreadBook();
    const pageId = spread.pages[0]!.pageId;
    const next = forward(book, photoOnEachPage(book, [pageId], landscape.id));
    expect(next.pages[pageId]?.background).toEqual({
      kind: 'photo',
      assetId: landscape.id,
      crop: FILL,
    });
    expect(usageCounts(next)[landscape.id]).toBe(1);
    expect(() => loadBook(next)).not.toThrow();
  });

  for (const asset of [landscape, panorama]) {
    it(`lays one photo across a spread without a seam (${asset.widthPx}x${asset.heightPx})`, () => {
      const { book, spread } = spreadBook();
      const next = forward(book, photoAcross(book, spread.pages, asset.id));
      expect(() => loadBook(next)).not.toThrow();
      const [left, right] = spread.pages as [(typeof spread.pages)[0], (typeof spread.pages)[0]];
      const leftPanel = left.panel as PagePanel;
      const rightPanel = right.panel as PagePanel;
      // Where the pages overlap (each one's bleed across the binding), both show the same part.
      const from = rightPanel.bleed.x;
      const to = leftPanel.bleed.x + leftPanel.bleed.width;
      for (const x of [from, (from + to) / 2, to]) {
        for (const y of [0, 100, rightPanel.bleed.height]) {
          const a = photoPointThrough(next, left.pageId, leftPanel, x, y);
          const b = photoPointThrough(next, right.pageId, rightPanel, x, y);
          expect(a.x).toBeCloseTo(b.x, 9);
          expect(a.y).toBeCloseTo(b.y, 9);
        }
      }
      // Together they show the photo as it fills the whole spread: its outer edges are the
      // fill region's edges.
      const whole = { widthMm: spread.surface.media.width, heightMm: spread.surface.media.height };
      const fill = visibleRegion(FILL, asset, whole);
      const leftEdge = photoPointThrough(next, left.pageId, leftPanel, 0, 0);
      const rightEdge = photoPointThrough(
        next,
        right.pageId,
        rightPanel,
        spread.surface.media.width,
        spread.surface.media.height,
      );
      expect(leftEdge.x).toBeCloseTo(fill.x, 9);
      expect(leftEdge.y).toBeCloseTo(fill.y, 9);
      expect(rightEdge.x).toBeCloseTo(fill.x + fill.w, 9);
      expect(rightEdge.y).toBeCloseTo(fill.y + fill.h, 9);
    });
  }
});
