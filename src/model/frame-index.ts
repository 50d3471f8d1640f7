import type { Frame } from './book';

/** Each page's frames back to front. */
export type FramesByPage = ReadonlyMap<string, readonly Frame[]>;

const NONE: readonly Frame[] = Object.freeze([]);

/**
 * The frames of every page, grouped in one pass instead of filtered per page: asking every page
 * of a 200-page book for its frames is then 600 steps, not 200 x 600. A page whose frames are
 * the very same records as in `previous` keeps its previous array, so a memoised view of that
 * page (a strip thumbnail, a page of the spread view) does not draw again when another page
 * changed: dragging a frame redraws one page, not two hundred.
 */
export function indexFrames(frames: Record<string, Frame>, previous?: FramesByPage): FramesByPage {
  const grouped = new Map<string, Frame[]>();
  for (const frame of Object.values(frames)) {
    const list = grouped.get(frame.pageId);
    if (list) list.push(frame);
    else grouped.set(frame.pageId, [frame]);
  }
  const index = new Map<string, readonly Frame[]>();
  for (const [pageId, list] of grouped) {
    // z is unique on a page (book.ts), so the order is the same whatever the record order.
    list.sort((a, b) => a.z - b.z);
    const before = previous?.get(pageId);
    const same = before?.length === list.length && before.every((frame, i) => frame === list[i]);
    index.set(pageId, same ? before : Object.freeze(list));
  }
  return index;
}

/** A page's frames from the index; a page without frames always gets the same empty array. */
export function framesOfPage(index: FramesByPage, pageId: string): readonly Frame[] {
  return index.get(pageId) ?? NONE;
}

/**
 * An indexer that remembers its last index, so each call reuses the arrays of unchanged pages.
 * One per view: the spread view and the strip then hold the very same arrays.
 */
export function createFrameIndexer(): (frames: Record<string, Frame>) => FramesByPage {
  let previous: FramesByPage | undefined;
  return (frames) => (previous = indexFrames(frames, previous));
}

/**
 * Books are immutable and every change makes a new `frames` record (changes.ts), so an index
 * made for a record stays right for as long as the record lives: remembered per record, it is
 * made once per change however many commands, counts and views ask. Weakly held, so an old
 * book's index goes with the book.
 */
const indexes = new WeakMap<Record<string, Frame>, FramesByPage>();
const sharedIndexer = createFrameIndexer();

/** The index of a book's `frames` record, made at most once per record. */
export function frameIndexOf(frames: Record<string, Frame>): FramesByPage {
  let index = indexes.get(frames);
  if (!index) {
    index = sharedIndexer(frames);
    indexes.set(frames, index);
  }
  return index;
}
