import { coverSurface, innerSurfaces, type BookSpec } from '../geometry/book';
import type { Box, Size } from '../geometry/box';
import type { Panel, Surface } from '../geometry/surface';
import type { Book } from './book';

/** A page of the document where it is printed: on which panel of its surface. */
export interface PlacedPage {
  pageId: string;
  /** Its panel on the surface; the page's frames are in millimetres from this panel's trim. */
  panel: Panel;
}

/** A printed surface of the book with the document's pages on its panels, left to right. */
export interface BookSurface {
  surface: Surface;
  pages: PlacedPage[];
}

/**
 * Which page of the document lies on which panel of which surface, in print order: the one
 * answer the designer, the lab's renderer and support share.
 *
 * Pages keep ids of their own instead of naming a geometry surface (`spread-2-3`): a surface id
 * says where in the book something is printed, so reordering spreads would rewrite every frame.
 * Here the order of `pageIds` decides it: the n-th inner page is page number n on its surface,
 * and the cover's pages sit on the cover's back, spine and front panels.
 */
export function surfacesOfBook(book: Book, spec: BookSpec): BookSurface[] {
  const cover = coverSurface(spec, book.options.pageCount);
  const { backId, spineId, frontId } = book.cover;
  const coverPages = [
    { pageId: backId, panel: cover.back },
    { pageId: spineId, panel: cover.spine },
    { pageId: frontId, panel: cover.front },
  ];
  const inner = innerSurfaces(spec, book.options.pageCount).map((surface) => ({
    surface,
    pages: surface.pages.map((panel) => ({ pageId: innerPage(book, panel.pageNumber), panel })),
  }));
  return [{ surface: cover, pages: coverPages }, ...inner];
}

function innerPage(book: Book, pageNumber: number): string {
  const pageId = book.pageIds[pageNumber - 1];
  // loadBook guarantees as many pages as the options' page count.
  if (pageId === undefined) throw new Error(`book ${book.id} has no page ${pageNumber}`);
  return pageId;
}

/**
 * Where each page's background is painted on its surface, one rule for the designer and the
 * lab's print: the page's trim grown to the surface's top and bottom edges, and sideways to the
 * middle of the gap to its neighbour (the binding of a spread, a hinge of a hardcover) or to the
 * surface's edge for the outermost pages. So backgrounds run into the bleed and meet without a
 * seam, and the boxes tile the surface's width.
 */
export function paintedBoxes(pages: readonly PlacedPage[], media: Size): Box[] {
  const right = (panel: Panel) => panel.trim.x + panel.trim.width;
  return pages.map(({ panel }, i) => {
    const before = pages[i - 1]?.panel;
    const after = pages[i + 1]?.panel;
    const left = before ? (right(before) + panel.trim.x) / 2 : 0;
    const rightEdge = after ? (right(panel) + after.trim.x) / 2 : media.width;
    return { x: left, y: 0, width: rightEdge - left, height: media.height };
  });
}
