import type { Book, Frame, PhotoFrame } from '../../../src/model/book';
import { newBook } from '../../../src/model/commands';
import { FILL } from '../../../src/model/crop';
import { surfacesOfBook, type BookSurface } from '../../../src/model/surfaces';
import { a4, counterIds, pageAt, photo } from './fixtures';

/**
 * An A4 book whose frames are only the ones a test gives, with two photos. A4: trim 210 × 297,
 * bleed 3, safe 8 from the trim and 12 from the binding. On the spread of pages 2 and 3 the left
 * page's trim starts at x 3 and the right page's at x 213 (the binding); both at y 3.
 */
export const landscapePhoto = photo(1, 6000, 4000);
export const portraitPhoto = photo(2, 3000, 4000);

export function bookWith(frames: (pages: { left: string; right: string }) => Frame[]): Book {
  const book = newBook(a4, counterIds());
  const pages = { left: pageAt(book, 1), right: pageAt(book, 2) };
  return {
    ...book,
    frames: Object.fromEntries(frames(pages).map((f) => [f.id, f])),
    assets: { [landscapePhoto.id]: landscapePhoto, [portraitPhoto.id]: portraitPhoto },
  };
}

/** The spread of pages 2 and 3. */
export function spreadOf(book: Book): BookSurface {
  return surfacesOfBook(book, a4)[2]!;
}

/** A photo frame with the given fields; upright, empty, at fill unless said otherwise. */
export function box(
  id: string,
  pageId: string,
  xMm: number,
  yMm: number,
  widthMm: number,
  heightMm: number,
  more: Partial<PhotoFrame> = {},
): PhotoFrame {
  return {
    id,
    kind: 'photo',
    pageId,
    xMm,
    yMm,
    widthMm,
    heightMm,
    rotationDeg: 0,
    z: 0,
    assetId: null,
    crop: FILL,
    ...more,
  };
}
