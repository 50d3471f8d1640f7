import { useCallback, useMemo } from 'react';
import { useAppStore } from '../../stores/app-store';
import { catalog } from '../../catalog';
import { findProduct, type PhotoBook } from '../../../src/catalog/catalog';
import type { Book, Frame } from '../../../src/model/book';
import { surfacesOfBook, type BookSurface } from '../../../src/model/surfaces';
import { frameIndexOf, framesOfPage } from '../../../src/model/frame-index';

export interface BookView {
  book: Book;
  product: PhotoBook;
  /** The cover, then the inner surfaces in print order (the session's surfaceIndex counts these). */
  surfaces: readonly BookSurface[];
  /** A page's frames back to front; the same array while that page is unchanged. */
  framesOf(pageId: string): readonly Frame[];
}

/**
 * What the spread view and the page strip draw, derived from the book once per change: the
 * surfaces only when pages are added, removed or reordered, the per-page frame lists only for
 * the pages whose frames changed.
 */
export function useBookView(): BookView | null {
  const book = useAppStore((s) => s.book);
  const product = useMemo(
    () => (book ? findProduct(catalog, book.productId, 'photoBook') : null),
    [book?.productId], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const surfaces = useMemo(
    () => (book && product ? surfacesOfBook(book, product) : []),
    // Frames and backgrounds do not move a page to another surface: only these do.
    [product, book?.options.pageCount, book?.pageIds, book?.cover], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const frames = book?.frames;
  // The core's index, shared with framesOn: made once per change of the book's frames.
  const index = useMemo(() => frameIndexOf(frames ?? {}), [frames]);
  const framesOf = useCallback((pageId: string) => framesOfPage(index, pageId), [index]);
  if (!book || !product) return null;
  return { book, product, surfaces, framesOf };
}
