import { toUm } from '../geometry/box';
import type { PagePanel } from '../geometry/surface';
import type { Book } from '../model/book';
import { framesOn } from '../model/commands';
import { currentLayoutOf } from './apply';
import type { LayoutTemplate } from './template';

/**
 * Whether the customer has designed a page, so the assistant leaves it alone.
 *
 * A page counts as designed when it shows something the customer put there or arranged:
 * - a placed photo (in a frame, or as the page's background), or
 * - text someone wrote, or
 * - empty frames in an arrangement nobody but the customer made: neither the single empty
 *   frame a new book starts each page with, nor a layout template exactly as it was applied
 *   (a moved, resized, rotated, added or removed frame makes it the customer's).
 * A page with no frames at all, or only those untouched starting frames, is not designed. A
 * background colour alone does not count: the assistant keeps the background anyway.
 */
export function isDesigned(
  book: Book,
  pageId: string,
  panel: PagePanel,
  templates: readonly LayoutTemplate[],
  bleedMm: number,
): boolean {
  const page = book.pages[pageId];
  if (!page) throw new Error(`no page ${pageId}`);
  if (page.background.kind === 'photo') return true;
  const frames = framesOn(book, pageId);
  for (const frame of frames) {
    if (frame.kind === 'photo' && frame.assetId !== null) return true;
    if (frame.kind === 'text' && frame.text.trim() !== '') return true;
  }
  if (frames.length === 0) return false;
  if (isBlankStart(frames, panel, bleedMm)) return false;
  return currentLayoutOf(book, pageId, panel, templates) === undefined;
}

/** The one empty photo frame over the whole page and its bleed that newBook gives every page. */
function isBlankStart(
  frames: ReturnType<typeof framesOn>,
  panel: PagePanel,
  bleedMm: number,
): boolean {
  const [frame] = frames;
  if (frames.length !== 1 || !frame || frame.kind !== 'photo' || frame.rotationDeg !== 0) {
    return false;
  }
  const same = (a: number, b: number) => toUm(a) === toUm(b);
  return (
    same(frame.xMm, -bleedMm) &&
    same(frame.yMm, -bleedMm) &&
    same(frame.widthMm, panel.trim.width + 2 * bleedMm) &&
    same(frame.heightMm, panel.trim.height + 2 * bleedMm)
  );
}
