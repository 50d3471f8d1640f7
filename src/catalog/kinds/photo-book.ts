import { z } from 'zod';
import { bookSurfaces } from '../../geometry/book';
import { CatalogId, Cents, LengthMm, MarginMm, SizeMm } from '../units';
import type { PriceLine, ProductKind } from './kind';

/** A glued softcover spine holds no more than this many pages of photo paper. */
export const SOFTCOVER_MAX_PAGES = 100;

/** Page-count rules of a photo book: the lab binds in sheets, so counts move in steps. */
const PageRule = z
  .object({
    min: z.number().int().positive(),
    max: z.number().int().positive(),
    step: z.number().int().positive(),
    default: z.number().int().positive(),
  })
  .refine((p) => p.min <= p.default && p.default <= p.max, {
    error: 'default page count must lie between min and max',
  })
  .refine((p) => (p.max - p.min) % p.step === 0 && (p.default - p.min) % p.step === 0, {
    error: 'max and default must be min plus whole steps',
  })
  // Page 1 is a right-hand page and the last one a left-hand page: only even counts do that.
  .refine((p) => p.min % 2 === 0 && p.step % 2 === 0, {
    error: 'page counts must be even: min and step must be even',
  });

/** How the cover is made; the cover's own price is there where it differs from the base book. */
const BookCover = z.discriminatedUnion('binding', [
  z.object({
    binding: z.literal('hardcover'),
    /** Cover material beyond the trim that folds round the board. */
    wrapMm: LengthMm,
    /** Groove between each board and the spine. */
    hingeMm: LengthMm,
    priceCents: Cents.optional(),
  }),
  z.object({ binding: z.literal('softcover'), priceCents: Cents.optional() }),
]);

/** A photo book in the catalog: one format and one binding. Millimetres; cents with VAT. */
export const PhotoBook = z
  .object({
    id: CatalogId,
    kind: z.literal('photoBook'),
    trimMm: SizeMm,
    bleedMm: MarginMm,
    safeMm: MarginMm,
    gutterSafeMm: MarginMm,
    cover: BookCover,
    pages: PageRule,
    spine: z.object({ boardMm: MarginMm, perPageMm: MarginMm, textMinMm: LengthMm }),
    priceCents: z.object({ base: Cents, perExtraPage: Cents }),
  })
  .superRefine((book, ctx) => {
    if (book.cover.binding === 'softcover' && book.pages.max > SOFTCOVER_MAX_PAGES) {
      ctx.addIssue({
        code: 'custom',
        path: ['pages', 'max'],
        message: `a softcover binds at most ${SOFTCOVER_MAX_PAGES} pages, not ${book.pages.max}`,
      });
    }
    if (book.safeMm + book.gutterSafeMm >= book.trimMm.width) {
      ctx.addIssue({
        code: 'custom',
        path: ['gutterSafeMm'],
        message: 'safe margins leave no room on the page',
      });
    }
  });
export type PhotoBook = z.infer<typeof PhotoBook>;

/** What a customer chooses for a photo book (today: how many pages; `problems` checks them). */
export const BookOptions = z.object({ pageCount: z.number() });
export type BookOptions = z.infer<typeof BookOptions>;

function pageCountProblem(book: PhotoBook, pageCount: number): string | null {
  const { min, max, step } = book.pages;
  const fits =
    Number.isInteger(pageCount) &&
    pageCount >= min &&
    pageCount <= max &&
    (pageCount - min) % step === 0;
  return fits ? null : `page count ${pageCount} is not ${min} to ${max} in steps of ${step}`;
}

/** Photo books: pages in steps, a cover wrap, a spine that grows with the pages. */
export const photoBook = {
  schema: PhotoBook,
  options: BookOptions,
  defaultOptions: (book) => ({ pageCount: book.pages.default }),
  problems: (book, { pageCount }) => {
    const problem = pageCountProblem(book, pageCount);
    return problem ? [problem] : [];
  },
  surfaces: (book, { pageCount }) => bookSurfaces(book, pageCount),
  priceLines: (book, { pageCount }) => {
    const { base, perExtraPage } = book.priceCents;
    const lines: PriceLine[] = [
      { labelKey: 'price.book', params: { pages: book.pages.min }, cents: base },
    ];
    if (book.cover.priceCents !== undefined) {
      lines.push({
        labelKey: 'price.cover',
        params: { binding: book.cover.binding },
        cents: book.cover.priceCents,
      });
    }
    const extra = pageCount - book.pages.min;
    if (extra > 0) {
      lines.push({
        labelKey: 'price.extraPages',
        params: { pages: extra },
        cents: extra * perExtraPage,
      });
    }
    return lines;
  },
} satisfies ProductKind<PhotoBook, BookOptions>;
