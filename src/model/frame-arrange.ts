import { toMm, toUm } from '../geometry/box';
import type { Book, Frame } from './book';
import type { Change } from './changes';
import { framesOn } from './commands';
import { frontZ } from './frame-edits';

/**
 * Drawing order on a page. z is unique on its page (book.ts), and these keep it so: one step
 * swaps z with the neighbour, to front or back goes one past the frontmost or backmost. Only
 * the frames whose z changes are touched.
 */

export type Arrange = 'forward' | 'backward' | 'front' | 'back';

function neighbours(book: Book, frame: Frame) {
  const onPage = framesOn(book, frame.pageId);
  const at = onPage.findIndex((f) => f.id === frame.id);
  return { onPage, above: onPage[at + 1], below: onPage[at - 1] };
}

/** Whether the frame can move that way: something lies in front of it (or behind it). */
export function canArrange(book: Book, frameId: string, to: Arrange): boolean {
  const frame = book.frames[frameId];
  if (!frame) return false;
  const { above, below } = neighbours(book, frame);
  return to === 'forward' || to === 'front' ? above !== undefined : below !== undefined;
}

const withZ = (frame: Frame, z: number): Change => ({
  kind: 'frame',
  id: frame.id,
  before: frame,
  after: { ...frame, z },
});

/** The changes that move the frame one step or all the way forward or back on its page. */
export function arrangeFrame(book: Book, frameId: string, to: Arrange): Change[] {
  const frame = book.frames[frameId];
  if (!frame) throw new Error(`no frame ${frameId}`);
  const { onPage, above, below } = neighbours(book, frame);
  switch (to) {
    case 'forward':
      return above ? [withZ(frame, above.z), withZ(above, frame.z)] : [];
    case 'backward':
      return below ? [withZ(frame, below.z), withZ(below, frame.z)] : [];
    case 'front':
      return above ? [withZ(frame, frontZ(book, frame.pageId))] : [];
    case 'back':
      return below ? [withZ(frame, onPage[0]!.z - 1)] : [];
  }
}

/** How far a duplicate lies from its original, right and down, so both can be seen. */
export const DUPLICATE_OFFSET_MM = 5;

/** An id for a copy of `frameId` that the book does not use yet: `<id>-copy`, `<id>-copy-2`... */
export function copyIdFor(book: Book, frameId: string): string {
  const base = `${frameId.replace(/-copy(-\d+)?$/, '')}-copy`;
  if (!book.frames[base]) return base;
  let n = 2;
  while (book.frames[`${base}-${n}`]) n++;
  return `${base}-${n}`;
}

/** A copy of the frame, a little right and down, in front of everything on its page. */
export function duplicateFrame(book: Book, frameId: string): { changes: Change[]; id: string } {
  const frame = book.frames[frameId];
  if (!frame) throw new Error(`no frame ${frameId}`);
  const id = copyIdFor(book, frameId);
  const after: Frame = {
    ...frame,
    id,
    xMm: toMm(toUm(frame.xMm) + toUm(DUPLICATE_OFFSET_MM)),
    yMm: toMm(toUm(frame.yMm) + toUm(DUPLICATE_OFFSET_MM)),
    z: frontZ(book, frame.pageId),
  };
  return { changes: [{ kind: 'frame', id, before: undefined, after }], id };
}
