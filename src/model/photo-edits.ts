import { toMm, toUm } from '../geometry/box';
import type { Book, PhotoFrame } from './book';
import type { Change } from './changes';
import type { MakeId } from './commands';
import { dragPhoto, FILL, zoomCrop } from './crop';
import { frontZ, replaceFrame, toFrameAxes } from './frame-edits';
import type { PlacedPage } from './surfaces';

/** Photos in frames: swapping by drag, a new frame where a photo is dropped, pan and zoom. */

function photoFrame(book: Book, frameId: string): PhotoFrame {
  const frame = book.frames[frameId];
  if (!frame) throw new Error(`no frame ${frameId}`);
  if (frame.kind !== 'photo') throw new Error(`frame ${frameId} holds text, not a photo`);
  return frame;
}

/**
 * Dragging a placed photo onto another photo frame: the two frames trade photos (on the same
 * page or across pages), each shown at fill in its new frame. Onto an empty frame the photo
 * moves and leaves its own frame empty. Nothing to trade (the same frame, or two empty ones):
 * no changes.
 */
export function swapPhotos(book: Book, fromId: string, toId: string): Change[] {
  if (fromId === toId) return [];
  const from = photoFrame(book, fromId);
  const to = photoFrame(book, toId);
  if (from.assetId === null && to.assetId === null) return [];
  return [
    ...replaceFrame(book, { ...from, assetId: to.assetId, crop: FILL }),
    ...replaceFrame(book, { ...to, assetId: from.assetId, crop: FILL }),
  ];
}

/** A dropped photo's new frame is this share of the safe box's shorter side along its longer side. */
export const DROP_SIZE_SHARE = 0.5;

/**
 * A photo dropped on an empty part of a page: a new photo frame of the photo's shape, its longer
 * side half the safe box's shorter side, centred on the drop point (page millimetres, from the
 * trim's top left) but kept inside the page's safe box, in front of the page's frames, at fill.
 */
export function dropPhotoFrame(
  book: Book,
  placed: PlacedPage,
  assetId: string,
  xMm: number,
  yMm: number,
  makeId: MakeId,
): { changes: Change[]; frameId: string } {
  const asset = book.assets[assetId];
  if (!asset) throw new Error(`no photo ${assetId} in this book`);
  const { trim, safe } = placed.panel;
  // The safe box in page millimetres, in µm.
  const sx = toUm(safe.x) - toUm(trim.x);
  const sy = toUm(safe.y) - toUm(trim.y);
  const sw = toUm(safe.width);
  const sh = toUm(safe.height);
  const longest = Math.round(Math.min(sw, sh) * DROP_SIZE_SHARE);
  const landscape = asset.widthPx >= asset.heightPx;
  const ratio = asset.widthPx / asset.heightPx;
  const w = landscape ? longest : Math.round(longest * ratio);
  const h = landscape ? Math.round(longest / ratio) : longest;
  const clamp = (v: number, min: number, max: number) => Math.min(Math.max(v, min), max);
  const x = clamp(toUm(xMm) - Math.round(w / 2), sx, sx + sw - w);
  const y = clamp(toUm(yMm) - Math.round(h / 2), sy, sy + sh - h);
  const frameId = makeId('frame');
  const frame: PhotoFrame = {
    id: frameId,
    kind: 'photo',
    pageId: placed.pageId,
    xMm: toMm(x),
    yMm: toMm(y),
    widthMm: toMm(w),
    heightMm: toMm(h),
    rotationDeg: 0,
    z: frontZ(book, placed.pageId),
    assetId,
    crop: FILL,
  };
  return { changes: [{ kind: 'frame', id: frameId, before: undefined, after: frame }], frameId };
}

function photoOf(book: Book, frame: PhotoFrame) {
  return frame.assetId === null ? undefined : book.assets[frame.assetId];
}

/**
 * Crop mode, a drag: the photo follows the pointer's whole way since the crop began (dxMm,
 * dyMm on the page; turned into the frame's axes here) until its edge meets the frame's.
 */
export function panPhoto(book: Book, start: PhotoFrame, dxMm: number, dyMm: number): Change[] {
  const photo = photoOf(book, start);
  if (!photo) return [];
  const { dx, dy } = toFrameAxes(dxMm, dyMm, start.rotationDeg);
  const current = photoFrame(book, start.id);
  return replaceFrame(book, { ...current, crop: dragPhoto(start.crop, photo, start, dx, dy) });
}

/** Crop mode, the wheel or the slider: the photo at another zoom, about the middle it shows. */
export function zoomPhoto(book: Book, frameId: string, zoom: number): Change[] {
  const frame = photoFrame(book, frameId);
  const photo = photoOf(book, frame);
  if (!photo) return [];
  return replaceFrame(book, { ...frame, crop: zoomCrop(frame.crop, photo, frame, zoom) });
}
