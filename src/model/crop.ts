import type { Crop } from './book';

/**
 * Crop arithmetic: where a photo sits in its frame for a pan-and-zoom crop (defined on `Crop` in
 * book.ts). The designer draws with it, the lab's renderer will place images with it, and the
 * resolution check reads the visible region from it, so all three agree.
 */

/** The largest zoom a crop may have: beyond it no photo is sharp at any print size. */
export const MAX_ZOOM = 20;

/** Fill: the photo covering the frame, centred. */
export const FILL: Crop = { panX: 0, panY: 0, zoom: 1 };

/** A photo's pixel size: only its aspect matters here. */
export interface PhotoSize {
  widthPx: number;
  heightPx: number;
}

/** A frame's size in millimetres: only its aspect matters here. */
export interface FrameSize {
  widthMm: number;
  heightMm: number;
}

/** A rectangle in fractions of something's width and height. */
export interface Fractions {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Share of the photo's width and height visible at fill: 1 on the axis without slack. */
function fillShare(photo: PhotoSize, frame: FrameSize): { w: number; h: number } {
  const photoAspect = photo.widthPx / photo.heightPx;
  const frameAspect = frame.widthMm / frame.heightMm;
  return photoAspect > frameAspect
    ? { w: frameAspect / photoAspect, h: 1 }
    : { w: 1, h: photoAspect / frameAspect };
}

/** Where a pan of -1..1 puts a region of `share` within 0..1. */
const panToStart = (pan: number, share: number) => ((1 - share) / 2) * (1 + pan);

/** The part of the photo the frame shows, as fractions of the photo's width and height. */
export function visibleRegion(crop: Crop, photo: PhotoSize, frame: FrameSize): Fractions {
  const fill = fillShare(photo, frame);
  const w = fill.w / crop.zoom;
  const h = fill.h / crop.zoom;
  return { x: panToStart(crop.panX, w), y: panToStart(crop.panY, h), w, h };
}

/**
 * The photo's box relative to its frame, in fractions of the frame's width and height: the frame
 * is (0, 0, 1, 1) and a crop within range always gives a box that covers it.
 */
export function photoBoxInFrame(crop: Crop, photo: PhotoSize, frame: FrameSize): Fractions {
  const region = visibleRegion(crop, photo, frame);
  // 0 - x rather than -x: a photo at the frame's edge starts at 0, not at -0 ("-0%").
  return {
    x: (0 - region.x) / region.w,
    y: (0 - region.y) / region.h,
    w: 1 / region.w,
    h: 1 / region.h,
  };
}

/** CSS for an absolutely positioned image inside its frame's box (percentages of the frame). */
export function photoStyle(
  crop: Crop,
  photo: PhotoSize,
  frame: FrameSize,
): { left: string; top: string; width: string; height: string } {
  const box = photoBoxInFrame(crop, photo, frame);
  const pct = (f: number) => `${f * 100}%`;
  return { left: pct(box.x), top: pct(box.y), width: pct(box.w), height: pct(box.h) };
}

const clamp = (value: number, min: number, max: number, fallback: number) =>
  Number.isNaN(value) ? fallback : Math.min(max, Math.max(min, value));

/**
 * Any pan and zoom brought into range, so the frame never shows an empty edge: pans to -1..1,
 * zoom to 1..MAX_ZOOM. Not a number falls back to fill's value.
 */
export function clampCrop(crop: Crop): Crop {
  return {
    panX: clamp(crop.panX, -1, 1, FILL.panX),
    panY: clamp(crop.panY, -1, 1, FILL.panY),
    zoom: clamp(crop.zoom, 1, MAX_ZOOM, FILL.zoom),
  };
}

/** Float noise this small is rounded away, so a fill read from fractions stays an exact fill. */
const NOISE = 1e-9;
const snap = (value: number, to: readonly number[]) =>
  to.find((target) => Math.abs(value - target) < NOISE) ?? value;

/**
 * The crop that shows a region given as fractions of the photo (version 1's crop). A region of
 * another aspect than the frame's cannot be shown undistorted: the crop keeps its centre and
 * zooms in until the frame is covered, so it shows part of the region and never an empty edge.
 */
export function cropForRegion(region: Fractions, photo: PhotoSize, frame: FrameSize): Crop {
  const fill = fillShare(photo, frame);
  const zoom = snap(Math.max(fill.w / region.w, fill.h / region.h), [1]);
  const pan = (start: number, size: number, share: number) => {
    const slack = 1 - share / zoom;
    if (slack < NOISE) return 0;
    const centre = start + size / 2;
    return snap((centre - share / zoom / 2) / (slack / 2) - 1, [-1, 0, 1]);
  };
  return clampCrop({
    panX: pan(region.x, region.w, fill.w),
    panY: pan(region.y, region.h, fill.h),
    zoom,
  });
}

/**
 * The crop after the customer drags the photo by (dxMm, dyMm) in the frame's own axes: the photo
 * follows the pointer until an edge of the photo meets the frame's edge, and stops there.
 */
export function dragPhoto(
  crop: Crop,
  photo: PhotoSize,
  frame: FrameSize,
  dxMm: number,
  dyMm: number,
): Crop {
  const region = visibleRegion(crop, photo, frame);
  // Moving the photo right by a frame's width moves the visible region left by its own width.
  const pan = (start: number, share: number, moved: number, old: number) => {
    const slack = 1 - share;
    return slack < NOISE ? old : (start - moved * share) / (slack / 2) - 1;
  };
  return clampCrop({
    panX: pan(region.x, region.w, dxMm / frame.widthMm, crop.panX),
    panY: pan(region.y, region.h, dyMm / frame.heightMm, crop.panY),
    zoom: crop.zoom,
  });
}

/**
 * The crop at another zoom, keeping the middle of what the frame shows where it was (as far as
 * the photo's edges allow): zooming in looks closer at the same spot. The zoom is clamped to
 * 1..MAX_ZOOM and the pan to the new slack, so the frame never shows an empty edge.
 */
export function zoomCrop(crop: Crop, photo: PhotoSize, frame: FrameSize, zoom: number): Crop {
  const region = visibleRegion(crop, photo, frame);
  const fill = fillShare(photo, frame);
  const next = clamp(zoom, 1, MAX_ZOOM, crop.zoom);
  // Without slack the pan moves nothing; 0 keeps such a crop an exact fill.
  const pan = (start: number, size: number, share: number) => {
    const w = share / next;
    const slack = 1 - w;
    if (slack < NOISE) return 0;
    return snap((start + size / 2 - w / 2) / (slack / 2) - 1, [-1, 0, 1]);
  };
  return clampCrop({
    panX: pan(region.x, region.w, fill.w),
    panY: pan(region.y, region.h, fill.h),
    zoom: next,
  });
}
