import { describe, expect, it } from 'vitest';
import type { Book } from '../../../src/model/book';
import { moveSpread } from '../../../src/model/spreads';
import { createDesignCheck, preflight, type CheckContext } from '../../../src/preflight/check';
import type { Finding } from '../../../src/preflight/findings';
import type { MeasureText } from '../../../src/text/layout';
import { forward } from '../model/fixtures';
import {
  a4,
  bookOf,
  catalog,
  fontMeasure,
  pageAt,
  photo,
  textFrame,
  withFrame,
  withPhotoOn,
} from './fixtures';

const big = photo(1, 6000, 4000);
const tiny = photo(2, 320, 180);

/** A measure that counts its calls, so a test sees which pages were measured again. */
function countingMeasure() {
  const counter = { calls: 0 };
  const measure: MeasureText = (text, style) => {
    counter.calls++;
    return fontMeasure(text, style);
  };
  return { counter, context: { missingAssetIds: new Set<string>(), measure } };
}

const design = (book: Book) => ({ kind: 'photoBook' as const, book });
const onPage = (findings: readonly Finding[], pageId: string) =>
  findings.filter((f) => f.place.kind === 'page' && f.place.pageId === pageId);

/** A book with text on page 10 and a photo on page 3, so both kinds of work show. */
function sampleBook(): Book {
  const book = withPhotoOn(bookOf(a4, 40), 2, big);
  return withFrame(
    book,
    textFrame(pageAt(book, 9), { x: 20, y: 20, w: 40, h: 10 }, 'Lang '.repeat(40)),
  );
}

describe('the remembering check', () => {
  it('gives the same answer object for the same state, whichever view asks', () => {
    const check = createDesignCheck();
    const { context } = countingMeasure();
    const book = sampleBook();
    expect(check(design(book), catalog, context)).toBe(check(design(book), catalog, context));
  });

  it('checks again only the page that changed: the other pages keep their findings', () => {
    const check = createDesignCheck();
    const { counter, context } = countingMeasure();
    const book = sampleBook();
    const first = check(design(book), catalog, context);
    const measured = counter.calls;
    expect(measured).toBeGreaterThan(0);
    // A photo placed on page 5: page 10's text is not measured again, its finding is the same.
    const next = withPhotoOn(book, 4, tiny);
    const second = check(design(next), catalog, context);
    expect(counter.calls).toBe(measured);
    const text = pageAt(book, 9);
    expect(onPage(second, text)[0]).toBe(onPage(first, text)[0]);
    expect(onPage(second, pageAt(book, 4)).map((f) => f.kind)).toEqual(['resolution']);
    expect(second).toEqual(preflight(design(next), catalog, context));
  });

  it('checks again when the host reports a photo missing (a new context)', () => {
    const check = createDesignCheck();
    const book = withPhotoOn(sampleBook(), 4, tiny);
    const before = check(design(book), catalog, countingMeasure().context);
    expect(before.some((f) => f.kind === 'photoMissing')).toBe(false);
    const missing: CheckContext = { missingAssetIds: new Set([tiny.id]), measure: fontMeasure };
    const after = check(design(book), catalog, missing);
    expect(after.filter((f) => f.kind === 'photoMissing')).toHaveLength(1);
  });

  it('checks again when a page moves to another surface (spreads reordered)', () => {
    const check = createDesignCheck();
    const { context } = countingMeasure();
    const book = withPhotoOn(sampleBook(), 1, tiny);
    const before = check(design(book), catalog, context);
    const pageId = pageAt(book, 1);
    expect(onPage(before, pageId)[0]?.place).toMatchObject({ surfaceIndex: 2, pageNumber: 2 });
    const moved = moveSpread(book, 0, 3);
    if (!moved.ok) throw new Error('move refused');
    const after = check(design(forward(book, moved.changes)), catalog, context);
    expect(onPage(after, pageId)[0]?.place).toMatchObject({ surfaceIndex: 5, pageNumber: 8 });
  });

  it('checks again when a page background changes, and when the photos change', () => {
    const check = createDesignCheck();
    const { context } = countingMeasure();
    const book = sampleBook();
    check(design(book), catalog, context);
    const pageId = pageAt(book, 6);
    const withTiny = { ...book, assets: { ...book.assets, [tiny.id]: tiny } };
    const page = withTiny.pages[pageId]!;
    const background: Book = {
      ...withTiny,
      pages: {
        ...withTiny.pages,
        [pageId]: {
          ...page,
          background: { kind: 'photo', assetId: tiny.id, crop: { panX: 0, panY: 0, zoom: 1 } },
        },
      },
    };
    const after = check(design(background), catalog, context);
    expect(onPage(after, pageId).map((f) => f.kind)).toContain('resolution');
  });

  it('checks the spine again when pages are removed under its text', () => {
    const check = createDesignCheck();
    const { context } = countingMeasure();
    const thick = withPhotoOn(bookOf(a4, 30), 0, big);
    const withText = withFrame(
      thick,
      textFrame(thick.cover.spineId, { x: 1, y: 20, w: 3, h: 100 }, 'Sommer'),
    );
    expect(check(design(withText), catalog, context).some((f) => f.kind === 'spineTooThin')).toBe(
      false,
    );
    const thin = {
      ...withText,
      pageIds: withText.pageIds.slice(0, 24),
      options: { pageCount: 24 },
    };
    expect(check(design(thin), catalog, context).some((f) => f.kind === 'spineTooThin')).toBe(true);
  });

  it('checks again when a photo record the page shows changes (same id, new size)', () => {
    const check = createDesignCheck();
    const { context } = countingMeasure();
    const book = withPhotoOn(sampleBook(), 4, tiny);
    expect(onPage(check(design(book), catalog, context), pageAt(book, 4))).toHaveLength(1);
    const sharper = {
      ...book,
      assets: { ...book.assets, [tiny.id]: { ...tiny, widthPx: 9000, heightPx: 6000 } },
    };
    expect(onPage(check(design(sharper), catalog, context), pageAt(book, 4))).toEqual([]);
  });

  it('checks again when a frame of the page changes (the text frame made taller)', () => {
    const check = createDesignCheck();
    const { context } = countingMeasure();
    const book = sampleBook();
    const pageId = pageAt(book, 9);
    expect(onPage(check(design(book), catalog, context), pageId).map((f) => f.kind)).toEqual([
      'emptyPhotoFrame',
      'textOverflow',
    ]);
    const text = Object.values(book.frames).find((f) => f.kind === 'text')!;
    const taller = withFrame(book, { ...text, heightMm: 200 });
    expect(onPage(check(design(taller), catalog, context), pageId).map((f) => f.kind)).toEqual([
      'emptyPhotoFrame',
    ]);
  });

  it('checks again when the page record changes (its background photo zoomed)', () => {
    const check = createDesignCheck();
    const { context } = countingMeasure();
    const book = sampleBook();
    const pageId = pageAt(book, 2);
    const withBackground = (zoom: number): Book => ({
      ...book,
      pages: {
        ...book.pages,
        [pageId]: {
          ...book.pages[pageId]!,
          background: { kind: 'photo', assetId: big.id, crop: { panX: 0, panY: 0, zoom } },
        },
      },
    });
    expect(onPage(check(design(withBackground(1)), catalog, context), pageId)).toEqual([]);
    expect(onPage(check(design(withBackground(2)), catalog, context), pageId)).toMatchObject([
      { kind: 'resolution', tier: 'warn' },
    ]);
  });
});
