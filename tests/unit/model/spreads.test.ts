import { describe, expect, it } from 'vitest';
import { PAPER } from '../../../src/model/book';
import { applyChanges } from '../../../src/model/changes';
import { framesOn, newBook, type MakeId } from '../../../src/model/commands';
import { freshIds } from '../../../src/model/fresh-ids';
import {
  addSpreads,
  dropTarget,
  innerSpreadCount,
  lastSurface,
  moveSpread,
  pagesOfSpread,
  removeSpread,
  spreadAtSurface,
  type PageRule,
  type SpreadEdit,
} from '../../../src/model/spreads';
import { surfacesOfBook } from '../../../src/model/surfaces';
import { loadBook } from '../../../src/model/migrate';
import { a4, catalog, forward } from './fixtures';
import { findProduct } from '../../../src/catalog/catalog';

const rule = a4.pages;
/** The app's ids look nothing like fresh ones (`page-1`), so a test can tell new pages apart. */
const appIds = (): MakeId => {
  let n = 0;
  return (prefix) => `${prefix}-app${++n}`;
};
const book24 = () => newBook(a4, appIds());

function ok(edit: SpreadEdit) {
  if (!edit.ok) throw new Error(`refused: ${edit.refusal.key}`);
  return edit;
}

describe('what a spread is', () => {
  it('counts the spreads between the single first and last page', () => {
    const book = book24();
    expect(innerSpreadCount(book)).toBe(11);
    expect(spreadAtSurface(book, 0)).toBeUndefined(); // the cover
    expect(spreadAtSurface(book, 1)).toBeUndefined(); // page 1 alone
    expect(spreadAtSurface(book, 2)).toBe(0); // pages 2 and 3
    expect(spreadAtSurface(book, 12)).toBe(10); // pages 22 and 23
    expect(spreadAtSurface(book, 13)).toBeUndefined(); // page 24 alone
    expect(lastSurface(book)).toBe(13);
  });

  it('names the same pages as surfacesOfBook', () => {
    const book = book24();
    const surfaces = surfacesOfBook(book, a4);
    for (let k = 0; k < innerSpreadCount(book); k++) {
      const onSurface = surfaces[k + 2]?.pages.map((p) => p.pageId);
      expect(pagesOfSpread(book, k)).toEqual(onSurface);
    }
    expect(surfaces).toHaveLength(lastSurface(book) + 1);
  });
});

describe('adding a spread', () => {
  it('puts two blank pages after the open spread, opens them and counts them', () => {
    const book = book24();
    const edit = ok(addSpreads(book, rule, 3, freshIds(book)));
    const next = forward(book, edit.changes);
    expect(next.options.pageCount).toBe(26);
    expect(next.pageIds).toHaveLength(26);
    // Spread 1 (pages 4, 5) was open: the new pages are 6 and 7, and they open.
    expect(next.pageIds.slice(3, 7)).toEqual([
      book.pageIds[3],
      book.pageIds[4],
      'page-1',
      'page-2',
    ]);
    expect(edit.surfaceIndex).toBe(4);
    expect(pagesOfSpread(next, spreadAtSurface(next, edit.surfaceIndex)!)).toEqual([
      'page-1',
      'page-2',
    ]);
    for (const id of ['page-1', 'page-2']) {
      expect(next.pages[id]).toEqual({ id, background: PAPER });
      expect(framesOn(next, id)).toEqual([]);
    }
    // The result is a valid book: loadBook checks every reference and the page count.
    expect(() => loadBook(next)).not.toThrow();
  });

  it('after page 1 from the cover or page 1, before the last page from the last page', () => {
    const book = book24();
    for (const surface of [0, 1]) {
      const next = forward(book, ok(addSpreads(book, rule, surface, freshIds(book))).changes);
      expect(next.pageIds.slice(1, 3)).toEqual(['page-1', 'page-2']);
    }
    const edit = ok(addSpreads(book, rule, lastSurface(book), freshIds(book)));
    const next = forward(book, edit.changes);
    expect(next.pageIds.slice(-3)).toEqual(['page-1', 'page-2', book.pageIds.at(-1)]);
    expect(edit.surfaceIndex).toBe(lastSurface(next) - 1);
  });

  it('refuses beyond the maximum, softcover included, and says the maximum', () => {
    const soft = findProduct(catalog, 'book-21x21-softcover', 'photoBook');
    expect(soft.pages.max).toBe(100);
    let book = newBook(soft, appIds());
    while (book.options.pageCount < 100) {
      book = forward(book, ok(addSpreads(book, soft.pages, 2, freshIds(book))).changes);
    }
    const edit = addSpreads(book, soft.pages, 2, freshIds(book));
    expect(edit).toEqual({
      ok: false,
      refusal: { key: 'pages.refused.max', params: { max: 100 } },
    });
  });

  it('adds a whole step at a time when the step is 4 pages', () => {
    const book = book24();
    const four: PageRule = { min: 24, max: 200, step: 4 };
    const next = forward(book, ok(addSpreads(book, four, 2, freshIds(book))).changes);
    expect(next.options.pageCount).toBe(28);
  });

  it('is undone in one step', () => {
    const book = book24();
    const edit = ok(addSpreads(book, rule, 2, freshIds(book)));
    expect(applyChanges(forward(book, edit.changes), edit.changes, 'backward')).toEqual(book);
  });
});

describe('removing a spread', () => {
  /** A 26-page book: a blank spread first, then the 24-page book's spreads with their frames. */
  function bigger() {
    const start = book24();
    return forward(start, ok(addSpreads(start, rule, 2, freshIds(start))).changes);
  }

  it('takes the open spread with its frames and backgrounds; undo brings all back', () => {
    const book = bigger();
    const [left, right] = pagesOfSpread(book, 3);
    const onIt = [...framesOn(book, left), ...framesOn(book, right)];
    expect(onIt.length).toBeGreaterThan(0);
    const edit = ok(removeSpread(book, rule, 5));
    const next = forward(book, edit.changes);
    expect(next.options.pageCount).toBe(24);
    expect(next.pageIds).not.toContain(left);
    expect(next.pageIds).not.toContain(right);
    expect(next.pages[left]).toBeUndefined();
    for (const frame of onIt) expect(next.frames[frame.id]).toBeUndefined();
    expect(() => loadBook(next)).not.toThrow();
    // The spread that followed moves into its place and opens.
    expect(edit.surfaceIndex).toBe(5);
    expect(pagesOfSpread(next, 3)).toEqual(pagesOfSpread(book, 4));
    expect(applyChanges(next, edit.changes, 'backward')).toEqual(book);
  });

  it('opens the last page after removing the last spread', () => {
    const book = bigger();
    const last = lastSurface(book) - 1;
    const edit = ok(removeSpread(book, rule, last));
    const next = forward(book, edit.changes);
    expect(edit.surfaceIndex).toBe(lastSurface(next));
  });

  it('refuses below the minimum and on the cover, page 1 and the last page', () => {
    const book = book24();
    expect(removeSpread(book, rule, 2)).toEqual({
      ok: false,
      refusal: { key: 'pages.refused.min', params: { min: 24 } },
    });
    const more = bigger();
    for (const surface of [0, 1, lastSurface(more)]) {
      expect(removeSpread(more, rule, surface)).toEqual({
        ok: false,
        refusal: { key: 'pages.refused.notSpread' },
      });
    }
  });
});

describe('moving a spread', () => {
  it('moves both pages together; frames and the page count stay', () => {
    const book = book24();
    const moved = pagesOfSpread(book, 0);
    const edit = ok(moveSpread(book, 0, 3));
    const next = forward(book, edit.changes);
    expect(edit.changes).toEqual([
      { kind: 'pageOrder', before: book.pageIds, after: next.pageIds },
    ]);
    expect(pagesOfSpread(next, 3)).toEqual(moved);
    expect(pagesOfSpread(next, 0)).toEqual(pagesOfSpread(book, 1));
    expect(next.pageIds[0]).toBe(book.pageIds[0]);
    expect(next.pageIds.at(-1)).toBe(book.pageIds.at(-1));
    expect(next.frames).toBe(book.frames);
    expect(new Set(next.pageIds)).toEqual(new Set(book.pageIds));
    expect(edit.surfaceIndex).toBe(5);
    expect(applyChanges(next, edit.changes, 'backward')).toEqual(book);
  });

  it('never moves past page 1 or the last page', () => {
    const book = book24();
    expect(moveSpread(book, 0, -1)).toEqual({
      ok: false,
      refusal: { key: 'pages.refused.firstSpread' },
    });
    expect(moveSpread(book, 10, 11)).toEqual({
      ok: false,
      refusal: { key: 'pages.refused.lastSpread' },
    });
    expect(moveSpread(book, 2, 2)).toEqual({
      ok: false,
      refusal: { key: 'pages.refused.samePlace' },
    });
  });

  it('turns a drop in a gap of the strip into the place the spread takes', () => {
    // Gaps are numbered like the spreads after them: gap 0 is right after page 1.
    expect(dropTarget(2, 0)).toBe(0);
    expect(dropTarget(2, 2)).toBe(2); // just before itself: no move
    expect(dropTarget(2, 3)).toBe(2); // just after itself: no move
    expect(dropTarget(2, 5)).toBe(4);
    const book = book24();
    const next = forward(book, ok(moveSpread(book, 2, dropTarget(2, 11))).changes);
    expect(pagesOfSpread(next, 10)).toEqual(pagesOfSpread(book, 2));
  });
});
