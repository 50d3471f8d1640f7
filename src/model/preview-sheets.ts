import type { Box } from '../geometry/box';
import type { BookSurface } from './surfaces';

/**
 * The preview's sheets: the book as a customer leafs through it, cut at the trim. The closed
 * book first (the front cover alone, on the right), then page 1 alone on the right, each spread,
 * the last page alone on the left, and the back cover alone on the left: so every page appears
 * where it lies in the finished book. The spine shows on neither side, as on a closed book.
 */
export interface PreviewSheet {
  /** The surface it is cut from: an index into surfacesOfBook (0 is the cover). */
  surfaceIndex: number;
  /** The part of that surface shown, in millimetres of the surface: a trim box. */
  clip: Box;
  /** Where it lies on the open book: right of the binding, left of it, or across it. */
  side: 'left' | 'right' | 'both';
  /** What it is, for its caption ("Seiten 2–3 von 24"). */
  name:
    | { kind: 'frontCover' }
    | { kind: 'backCover' }
    | { kind: 'page'; n: number }
    | { kind: 'spread'; left: number; right: number };
}

/** The sheets of a book's surfaces, in the order the preview turns them. */
export function previewSheets(surfaces: readonly BookSurface[]): PreviewSheet[] {
  const [cover, ...inner] = surfaces;
  const panel = (name: 'front' | 'back') =>
    cover?.surface.role === 'cover'
      ? cover.pages.find((p) => p.panel.name === name)?.panel.trim
      : undefined;
  const front = panel('front');
  const back = panel('back');
  const sheets: PreviewSheet[] = [];
  if (front)
    sheets.push({ surfaceIndex: 0, clip: front, side: 'right', name: { kind: 'frontCover' } });
  inner.forEach(({ surface }, i) => {
    const surfaceIndex = i + 1;
    if (surface.role === 'spread') {
      const [left, right] = surface.pages;
      sheets.push({
        surfaceIndex,
        clip: surface.trim,
        side: 'both',
        name: { kind: 'spread', left: left.pageNumber, right: right.pageNumber },
      });
    } else if (surface.role === 'page') {
      const [page] = surface.pages;
      sheets.push({
        surfaceIndex,
        clip: surface.trim,
        side: page.name,
        name: { kind: 'page', n: page.pageNumber },
      });
    }
  });
  if (back) sheets.push({ surfaceIndex: 0, clip: back, side: 'left', name: { kind: 'backCover' } });
  return sheets;
}

/** The sheet the preview opens at for the surface the designer shows: the front for the cover. */
export function sheetForSurface(sheets: readonly PreviewSheet[], surfaceIndex: number): number {
  return Math.max(
    0,
    sheets.findIndex((s) => s.surfaceIndex === surfaceIndex),
  );
}

/**
 * The size of the open book in millimetres: room for the widest sheet, a single page taking
 * its half. Every sheet is drawn at one scale, so pages never change size while turning.
 */
export function openBookSize(sheets: readonly PreviewSheet[]): { width: number; height: number } {
  let width = 0;
  let height = 0;
  for (const { clip, side } of sheets) {
    width = Math.max(width, side === 'both' ? clip.width : 2 * clip.width);
    height = Math.max(height, clip.height);
  }
  return { width, height };
}
