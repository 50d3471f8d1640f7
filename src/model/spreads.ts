import type { MessageKey, MessageParams } from '../i18n/translate';
import { PAPER, type Book } from './book';
import type { Change } from './changes';
import type { MakeId } from './commands';

/**
 * Adding, removing and reordering spreads, within the product's page rules.
 *
 * What "a spread" is here. The inner pages lie on surfaces (geometry/book.ts): page 1 alone on
 * the right, then spreads (2, 3), (4, 5) ... (n-2, n-1), and page n alone on the left. Pages 1
 * and n are glued to the endsheets: they are the book's two ends, not a spread, so they can be
 * neither removed nor moved, and nothing moves past them. The spreads between them are the
 * "inner spreads", numbered from 0 here; inner spread k holds pages 2k+2 and 2k+3, which are
 * `pageIds[2k + 1]` and `pageIds[2k + 2]`, and is surface k + 2 of surfacesOfBook (0 is the
 * cover, 1 is page 1). Every operation moves whole pairs of pages, so "spreads never break when
 * pages move" holds by construction, and a reorder is a change of `pageIds` alone: no frame
 * changes, because frames name their page, not a place in the book.
 */

/** The page-count rules of a photo book (the catalog's `pages`). */
export interface PageRule {
  min: number;
  max: number;
  step: number;
}

/** Why the book cannot do this now, as a message for the customer. */
export interface Refusal {
  key: MessageKey;
  params?: MessageParams;
}

/** A spread edit: its changes and the surface to open afterwards, or why it is refused. */
export type SpreadEdit =
  { ok: true; changes: Change[]; surfaceIndex: number } | { ok: false; refusal: Refusal };

/** Surface index of page 1 in surfacesOfBook (0 is the cover). */
export const FIRST_PAGE_SURFACE = 1;
/** Surface index of the first inner spread. */
const FIRST_SPREAD_SURFACE = 2;

/** How many inner spreads the book has: all pages but the first and the last, in pairs. */
export function innerSpreadCount(book: Book): number {
  return Math.max(0, (book.pageIds.length - 2) / 2);
}

/** The inner spread a surface index shows, or undefined for the cover, page 1 or the last page. */
export function spreadAtSurface(book: Book, surfaceIndex: number): number | undefined {
  const k = surfaceIndex - FIRST_SPREAD_SURFACE;
  return Number.isInteger(k) && k >= 0 && k < innerSpreadCount(book) ? k : undefined;
}

/** The surface index of an inner spread. */
export function surfaceOfSpread(spread: number): number {
  return spread + FIRST_SPREAD_SURFACE;
}

/** Surface index of the last page: the book's last surface. */
export function lastSurface(book: Book): number {
  return surfaceOfSpread(innerSpreadCount(book));
}

/** The page ids of an inner spread, left then right. */
export function pagesOfSpread(book: Book, spread: number): [string, string] {
  const left = book.pageIds[2 * spread + 1];
  const right = book.pageIds[2 * spread + 2];
  if (left === undefined || right === undefined) throw new Error(`no inner spread ${spread}`);
  return [left, right];
}

const refused = (key: MessageKey, params?: MessageParams): SpreadEdit => ({
  ok: false,
  refusal: params ? { key, params } : { key },
});

/** The book grows by one step of the rule at a time: with step 2, one spread. */
const spreadsPerStep = (rule: PageRule) => Math.max(1, rule.step / 2);

/**
 * One step of blank spreads (paper white, no frames) after the open surface: after a spread,
 * after page 1 when the cover or page 1 is open, before the last page when it is open (nothing
 * comes after the last page). The first new spread opens.
 */
export function addSpreads(
  book: Book,
  rule: PageRule,
  surfaceIndex: number,
  makeId: MakeId,
): SpreadEdit {
  const count = spreadsPerStep(rule);
  const pageCount = book.options.pageCount + 2 * count;
  if (pageCount > rule.max) return refused('pages.refused.max', { max: rule.max });
  const open = spreadAtSurface(book, surfaceIndex);
  // The new spreads take inner place `at`: behind the open spread, or at either end.
  const at =
    open !== undefined ? open + 1 : surfaceIndex >= lastSurface(book) ? innerSpreadCount(book) : 0;
  const added = Array.from({ length: 2 * count }, () => makeId('page'));
  const insertAt = 2 * at + 1;
  const pageIds = [...book.pageIds.slice(0, insertAt), ...added, ...book.pageIds.slice(insertAt)];
  const changes: Change[] = [
    ...added.map((id): Change => ({
      kind: 'page',
      id,
      before: undefined,
      after: { id, background: PAPER },
    })),
    { kind: 'pageOrder', before: book.pageIds, after: pageIds },
    { kind: 'options', before: book.options, after: { ...book.options, pageCount } },
  ];
  return { ok: true, changes, surfaceIndex: surfaceOfSpread(at) };
}

/**
 * Removes the open inner spread (with a step of 4 pages, also the one after it, or before it at
 * the end), its pages, their backgrounds and every frame on them; photos stay in the book's
 * tray. The spread that moved into its place opens (or the last page, if it was the last).
 */
export function removeSpread(book: Book, rule: PageRule, surfaceIndex: number): SpreadEdit {
  const open = spreadAtSurface(book, surfaceIndex);
  if (open === undefined) return refused('pages.refused.notSpread');
  const count = spreadsPerStep(rule);
  const pageCount = book.options.pageCount - 2 * count;
  if (pageCount < rule.min) return refused('pages.refused.min', { min: rule.min });
  const first = Math.max(0, Math.min(open, innerSpreadCount(book) - count));
  const removed = book.pageIds.slice(2 * first + 1, 2 * (first + count) + 1);
  const gone = new Set(removed);
  const changes: Change[] = [
    ...Object.values(book.frames)
      .filter((frame) => gone.has(frame.pageId))
      .map((frame): Change => ({ kind: 'frame', id: frame.id, before: frame, after: undefined })),
    ...removed.map((id): Change => ({
      kind: 'page',
      id,
      before: book.pages[id],
      after: undefined,
    })),
    {
      kind: 'pageOrder',
      before: book.pageIds,
      after: book.pageIds.filter((id) => !gone.has(id)),
    },
    { kind: 'options', before: book.options, after: { ...book.options, pageCount } },
  ];
  return { ok: true, changes, surfaceIndex: surfaceOfSpread(first) };
}

/**
 * Moves inner spread `from` so that it becomes inner spread `to` (both counted in the book as
 * it is; the others close up). Only `pageIds` changes; the moved spread stays open.
 */
export function moveSpread(book: Book, from: number, to: number): SpreadEdit {
  const spreads = innerSpreadCount(book);
  if (!Number.isInteger(from) || from < 0 || from >= spreads) {
    return refused('pages.refused.notSpread');
  }
  if (to < 0) return refused('pages.refused.firstSpread');
  if (to >= spreads) return refused('pages.refused.lastSpread');
  if (to === from) return refused('pages.refused.samePlace');
  const pairs = Array.from({ length: spreads }, (_, k) => pagesOfSpread(book, k));
  const [moved] = pairs.splice(from, 1);
  if (!moved) throw new Error(`no inner spread ${from}`);
  pairs.splice(to, 0, moved);
  const first = book.pageIds[0];
  const last = book.pageIds.at(-1);
  if (first === undefined || last === undefined) throw new Error(`book ${book.id} has no pages`);
  const after = [first, ...pairs.flat(), last];
  return {
    ok: true,
    changes: [{ kind: 'pageOrder', before: book.pageIds, after }],
    surfaceIndex: surfaceOfSpread(to),
  };
}

/**
 * Where a spread dragged in the page strip lands when dropped in the gap before inner spread
 * `before` (0 is just after page 1, `innerSpreadCount` just before the last page): the `to` of
 * moveSpread, which counts without the dragged spread in its old place.
 */
export function dropTarget(from: number, before: number): number {
  return before > from ? before - 1 : before;
}
