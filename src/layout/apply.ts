import { toUm } from '../geometry/box';
import type { PagePanel } from '../geometry/surface';
import type { Book, Frame, PhotoFrame, TextFrame } from '../model/book';
import type { Change } from '../model/changes';
import { framesOn, type MakeId } from '../model/commands';
import { FILL } from '../model/crop';
import { DEFAULT_FONT_ID } from '../text/fonts';
import { assignPhotos, type PhotoShape } from './assign';
import { fitTemplate, type FitOptions, type FittedFrame } from './fit';
import type { LayoutTemplate, TextPurpose } from './template';

/**
 * Applying a layout template to one page of the book, keeping what the customer already put
 * there.
 *
 * - Photos on the page go into the new photo frames first, in reading order (top to bottom,
 *   then left to right), each frame chosen to suit the photo's shape (assignPhotos). Frames
 *   that stay empty wait for a photo.
 * - A photo for which the layout has no frame leaves the page but never the book: it stays in
 *   the tray, and `displaced` names it so the designer can say so ("1 Foto passt nicht in
 *   dieses Layout ..."). Keeping it as an extra frame on top of the new layout would cover the
 *   very frames the customer chose; the message and one undo are what a customer expects.
 * - Text the customer wrote moves into the layout's text frames in reading order, with its font
 *   and style. Text for which the layout has no frame stays where it was, in front: words are
 *   never dropped by a layout (an empty text frame, never written in, is let go).
 * - Existing frames are reused (same id, new box) where possible, so a selected photo stays
 *   selected. Every frame comes upright (rotation 0) and at fill: a layout is a fresh start.
 */

/** What applying a layout does: its changes (one undo step) and the photos that left the page. */
export interface AppliedLayout {
  changes: Change[];
  /** Asset ids of photos that were on the page and found no frame, in reading order. */
  displaced: string[];
}

/** Where a new text frame of the layout starts: big for a title, small for a caption. */
export const TEXT_STYLE: Record<TextPurpose, { sizePt: number; align: TextFrame['align'] }> = {
  title: { sizePt: 28, align: 'center' },
  caption: { sizePt: 11, align: 'center' },
};

/** The colour of new text: near-black, which reads on paper white and light backgrounds. */
export const TEXT_COLOUR = '#222222';

/** Options: fitting (the gap), ids for new frames, and photos to fill empty frames with. */
export interface ApplyOptions extends FitOptions {
  makeId: MakeId;
  /** Photos to put into frames the page's own photos leave empty (say, the tray's selection). */
  candidates?: readonly PhotoShape[];
}

/** Reading order: top to bottom, then left to right, by the frame's top-left corner. */
function readingOrder(a: Frame, b: Frame): number {
  return a.yMm - b.yMm || a.xMm - b.xMm || a.z - b.z;
}

function shapeOf(book: Book, assetId: string): PhotoShape {
  const asset = book.assets[assetId];
  if (!asset) throw new Error(`no photo ${assetId} in this book`);
  return { id: assetId, aspectRatio: asset.widthPx / asset.heightPx };
}

const boxFields = (fitted: FittedFrame) => ({
  xMm: fitted.box.x,
  yMm: fitted.box.y,
  widthMm: fitted.box.width,
  heightMm: fitted.box.height,
  rotationDeg: 0,
  z: fitted.z,
});

/** Applies `template` to page `pageId`, which lies on `panel`; see the module comment. */
export function applyLayout(
  book: Book,
  pageId: string,
  panel: PagePanel,
  template: LayoutTemplate,
  options: ApplyOptions,
): AppliedLayout {
  if (!book.pages[pageId]) throw new Error(`no page ${pageId}`);
  const existing = framesOn(book, pageId);
  const photoFrames = existing
    .filter((f): f is PhotoFrame => f.kind === 'photo')
    .sort(readingOrder);
  const textFrames = existing.filter((f): f is TextFrame => f.kind === 'text').sort(readingOrder);
  const placedFrames = photoFrames.filter((f) => f.assetId !== null);
  // One photo twice on a page counts once: it takes one frame; its other frame is let go.
  const placed = [...new Set(placedFrames.map((f) => f.assetId as string))].map((id) =>
    shapeOf(book, id),
  );
  const fitted = fitTemplate(template, panel, options);
  const assignment = assignPhotos(
    fitted.map((f) => ({ role: f.role, box: f.box })),
    options.candidates ?? [],
    placed,
  );

  // Frames to reuse: the one that held each photo, then empty photo frames, then text frames.
  const holderOf = new Map<string, PhotoFrame>();
  for (const frame of placedFrames) {
    if (!holderOf.has(frame.assetId as string)) holderOf.set(frame.assetId as string, frame);
  }
  const emptyPhotoFrames = photoFrames.filter((f) => f.assetId === null);
  const reused = new Set<string>();
  const texts = [...textFrames];
  const after: Frame[] = fitted.map((fit, index): Frame => {
    if (fit.role === 'text') {
      const old = texts.shift();
      if (old) {
        reused.add(old.id);
        return { ...old, ...boxFields(fit) };
      }
      return {
        id: options.makeId('frame'),
        kind: 'text',
        pageId,
        ...boxFields(fit),
        text: '',
        fontId: DEFAULT_FONT_ID,
        ...TEXT_STYLE[fit.purpose],
        colour: TEXT_COLOUR,
        bold: false,
        italic: false,
      };
    }
    const assetId = assignment.photoIds[index] ?? null;
    const holder = assetId === null ? emptyPhotoFrames.shift() : holderOf.get(assetId);
    if (holder) reused.add(holder.id);
    // A candidate from the tray comes into a fresh frame (or an empty one, if the page has it).
    const id = holder?.id ?? emptyPhotoFrames.shift()?.id ?? options.makeId('frame');
    reused.add(id);
    return { id, kind: 'photo', pageId, ...boxFields(fit), assetId, crop: FILL };
  });
  // Written text without a frame in the layout stays as it was, in front of the layout's
  // frames; an empty text frame (a previous layout's, never written in) goes.
  texts
    .filter((frame) => frame.text.trim() !== '')
    .forEach((frame, i) => {
      reused.add(frame.id);
      after.push({ ...frame, z: fitted.length + i });
    });

  const changes: Change[] = [];
  for (const frame of existing) {
    if (!reused.has(frame.id)) {
      changes.push({ kind: 'frame', id: frame.id, before: frame, after: undefined });
    }
  }
  for (const frame of after) {
    const before = book.frames[frame.id];
    if (!sameFrame(before, frame))
      changes.push({ kind: 'frame', id: frame.id, before, after: frame });
  }
  return { changes, displaced: assignment.displaced };
}

function sameFrame(a: Frame | undefined, b: Frame): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** Boxes equal to the micrometre: the fitter rounds to it, and the document keeps its values. */
const sameUm = (a: number, b: number) => toUm(a) === toUm(b);

/**
 * The template the page is laid out with now, if its frames are exactly those of a template
 * fitted to this page (the customer has not moved or resized one since): "shuffle" then moves
 * on from it instead of starting over. The page does not record its template; its frames say it.
 */
export function currentLayoutOf(
  book: Book,
  pageId: string,
  panel: PagePanel,
  templates: readonly LayoutTemplate[],
  options: FitOptions = {},
): LayoutTemplate | undefined {
  const frames = framesOn(book, pageId);
  return templates.find((template) => {
    if (template.frames.length !== frames.length) return false;
    const fitted = fitTemplate(template, panel, options);
    return fitted.every((fit, i) => {
      const frame = frames[i];
      return (
        frame !== undefined &&
        frame.kind === fit.role &&
        frame.rotationDeg === 0 &&
        sameUm(frame.xMm, fit.box.x) &&
        sameUm(frame.yMm, fit.box.y) &&
        sameUm(frame.widthMm, fit.box.width) &&
        sameUm(frame.heightMm, fit.box.height)
      );
    });
  });
}

/**
 * How many photos a page is laid out for: its current template's count, else the photos on it,
 * else its photo frames, and at least one. Shuffle and the layout list start from this.
 */
export function photoCountOf(
  book: Book,
  pageId: string,
  panel: PagePanel,
  templates: readonly LayoutTemplate[],
): number {
  const current = currentLayoutOf(book, pageId, panel, templates);
  if (current) return current.photoCount;
  const frames = framesOn(book, pageId).filter((f) => f.kind === 'photo');
  const photos = new Set(frames.flatMap((f) => (f.assetId ? [f.assetId] : []))).size;
  return Math.max(1, photos || frames.length);
}
