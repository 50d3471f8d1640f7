import type { Frame } from '../../../src/model/book';

/** Each page's frames back to front. */
export type FramesByPage = ReadonlyMap<string, readonly Frame[]>;

const NONE: readonly Frame[] = [];

/**
 * The frames of every page, grouped once per change of the book's frames instead of filtered per
 * page per render. A page whose frames are all the same records as before keeps its previous
 * array, so a memoised page (in the spread view or a strip thumbnail) does not draw again when
 * another page changed: dragging a frame redraws one page, not two hundred.
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
    list.sort((a, b) => a.z - b.z);
    const before = previous?.get(pageId);
    const same = before?.length === list.length && before.every((frame, i) => frame === list[i]);
    index.set(pageId, same ? before : list);
  }
  return index;
}

/** A page's frames from the index; an empty page always gets the same empty array. */
export const framesOfPage = (index: FramesByPage, pageId: string): readonly Frame[] =>
  index.get(pageId) ?? NONE;

/**
 * An indexer that remembers its last index, so each call reuses the arrays of unchanged pages.
 * One per view: the spread view and the strip then hold the very same arrays.
 */
export function createFrameIndexer(): (frames: Record<string, Frame>) => FramesByPage {
  let previous: FramesByPage | undefined;
  return (frames) => (previous = indexFrames(frames, previous));
}
