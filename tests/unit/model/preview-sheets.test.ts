import { describe, expect, it } from 'vitest';
import { findProduct } from '../../../src/catalog/catalog';
import { newBook } from '../../../src/model/commands';
import { openBookSize, previewSheets, sheetForSurface } from '../../../src/model/preview-sheets';
import { surfacesOfBook } from '../../../src/model/surfaces';
import { catalog, counterIds } from './fixtures';

const book30 = findProduct(catalog, 'book-30x30-hardcover', 'photoBook');

describe('previewSheets', () => {
  const book = newBook(book30, counterIds());
  const surfaces = surfacesOfBook(book, book30);
  const sheets = previewSheets(surfaces);

  it('turns the book as it is held: front cover, page 1, spreads, last page, back cover', () => {
    const names = sheets.map((s) => s.name);
    expect(names[0]).toEqual({ kind: 'frontCover' });
    expect(names[1]).toEqual({ kind: 'page', n: 1 });
    expect(names[2]).toEqual({ kind: 'spread', left: 2, right: 3 });
    expect(names.at(-2)).toEqual({ kind: 'page', n: 24 });
    expect(names.at(-1)).toEqual({ kind: 'backCover' });
    // 24 pages: page 1, eleven spreads, page 24, and the two covers.
    expect(sheets).toHaveLength(15);
    expect(sheets.map((s) => s.side)).toEqual([
      'right',
      'right',
      ...Array<string>(11).fill('both'),
      'left',
      'left',
    ]);
  });

  it('cuts every sheet at the trim: no bleed, no wrap, no spine', () => {
    const cover = surfaces[0]!;
    const front = cover.pages.find((p) => p.panel.name === 'front')!.panel.trim;
    expect(sheets[0]!.clip).toEqual(front);
    const spread = surfaces[2]!.surface;
    expect(sheets[2]!.clip).toEqual(spread.trim);
    expect(spread.trim.width).toBeCloseTo(600, 6);
    expect(spread.trim.width).toBeLessThan(spread.media.width);
    expect(openBookSize(sheets).height).toBeGreaterThanOrEqual(300);
    expect(openBookSize(sheets).width).toBeGreaterThanOrEqual(600);
  });

  it('opens at the surface the designer shows', () => {
    expect(sheetForSurface(sheets, 0)).toBe(0);
    expect(sheetForSurface(sheets, 1)).toBe(1);
    expect(sheetForSurface(sheets, 5)).toBe(5);
  });
});
