import catalogData from '../../../assets/catalog.json';
import layoutsData from '../../../assets/layouts.json';
import { parseCatalog, productsOfKind } from '../../../src/catalog/catalog';
import { innerSurfaces } from '../../../src/geometry/book';
import { toUm, type Box } from '../../../src/geometry/box';
import type { PagePanel } from '../../../src/geometry/surface';
import { parseLayouts } from '../../../src/layout/template';

/** Every photo book of the shipped catalog. */
export const books = productsOfKind(parseCatalog(catalogData), 'photoBook');

/** The shipped templates. */
export const templates = parseLayouts(layoutsData).templates;

/** A page to fit to, named for failure messages. */
export interface NamedPage {
  name: string;
  page: PagePanel;
}

/**
 * The kinds of inner page a book has: the single first page (right-hand), both pages of a spread
 * and the single last page (left-hand). Every spread of a book is the same, so one stands for all.
 */
export function pagesOf(bookId: string): NamedPage[] {
  const book = books.find((b) => b.id === bookId);
  if (!book) throw new Error(`no book ${bookId}`);
  const surfaces = innerSurfaces(book, book.pages.min);
  const first = surfaces[0];
  const spread = surfaces[1];
  const last = surfaces[surfaces.length - 1];
  if (first?.role !== 'page' || spread?.role !== 'spread' || last?.role !== 'page') {
    throw new Error(`${bookId}: unexpected inner surfaces`);
  }
  return [
    { name: `${bookId} page 1 (single, right)`, page: first.pages[0] },
    { name: `${bookId} ${spread.id} left`, page: spread.pages[0] },
    { name: `${bookId} ${spread.id} right`, page: spread.pages[1] },
    { name: `${bookId} last page (single, left)`, page: last.pages[0] },
  ];
}

/** Edges of a box in whole micrometres. */
export interface EdgesUm {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function edgesUm(box: Box): EdgesUm {
  const left = toUm(box.x);
  const top = toUm(box.y);
  return { left, top, right: left + toUm(box.width), bottom: top + toUm(box.height) };
}

/** A box of the page's surface as edges relative to the page's trim, in µm. */
export function relativeToTrim(box: Box, page: PagePanel): EdgesUm {
  const edges = edgesUm(box);
  const x0 = toUm(page.trim.x);
  const y0 = toUm(page.trim.y);
  return {
    left: edges.left - x0,
    top: edges.top - y0,
    right: edges.right - x0,
    bottom: edges.bottom - y0,
  };
}
