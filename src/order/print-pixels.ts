import type { Fractions } from '../model/crop';

/**
 * Pixels for print, shared by the host's print-ready images and the lab's print files, so both
 * cut a region the same way and encode JPEG the same way.
 */

/** Resolution photo books and canvases are prepared at: finer pixels are not seen on paper. */
export const PRINT_DPI = 300;

/**
 * One fixed JPEG encoding for print-ready images and the lab's cuts: the same pixels always give
 * the same bytes (an upload resumes after a restart and a re-render is byte-identical), full
 * colour resolution (4:4:4: thin coloured type and edges in photos stay sharp), quality high
 * enough that the print shows no blocks, baseline (mozjpeg off: the PDF embeds it as it is).
 * Quality 97: on a grainy photo scaled to 300 dpi, SSIM against the lossless render is 0.971 at
 * 95, 0.989 at 97 and 0.994 at 98, for 0.56, 0.72 and 0.81 bytes a pixel.
 * The shape of sharp's `jpeg()` options, kept here as plain data.
 */
export const HIGH_QUALITY_JPEG = {
  quality: 97,
  chromaSubsampling: '4:4:4',
  mozjpeg: false,
} as const;

export interface PixelSize {
  width: number;
  height: number;
}

/** A rectangle of whole pixels, as sharp's `extract` takes it. */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Millimetres on paper in pixels at `dpi`, at least one. */
export function mmToPx(mm: number, dpi: number): number {
  return Math.max(1, Math.round((mm / 25.4) * dpi));
}

/**
 * A region (fractions of the upright photo) in whole pixels, at least one pixel each way.
 * `nearest` rounds each edge to the nearest pixel (the lab cutting what a frame shows);
 * `outward` takes every pixel the region touches, so the rectangle always covers the region (a
 * print-ready image must hold all of it: the lab cuts the frame's region out of it again).
 */
export function regionPx(
  region: Fractions,
  size: PixelSize,
  rounding: 'nearest' | 'outward' = 'nearest',
): PixelRect {
  if (rounding === 'nearest') {
    const left = clamp(Math.round(region.x * size.width), 0, size.width - 1);
    const top = clamp(Math.round(region.y * size.height), 0, size.height - 1);
    const width = clamp(Math.round(region.w * size.width), 1, size.width - left);
    const height = clamp(Math.round(region.h * size.height), 1, size.height - top);
    return { left, top, width, height };
  }
  // Float noise this small is not a pixel: 0.30000000000000004 of 1000 is pixel 300, not 301.
  const snap = (v: number) => Math.round(v * 1e6) / 1e6;
  const left = clamp(Math.floor(snap(region.x * size.width)), 0, size.width - 1);
  const top = clamp(Math.floor(snap(region.y * size.height)), 0, size.height - 1);
  const right = clamp(Math.ceil(snap((region.x + region.w) * size.width)), left + 1, size.width);
  const bottom = clamp(Math.ceil(snap((region.y + region.h) * size.height)), top + 1, size.height);
  return { left, top, width: right - left, height: bottom - top };
}

/** A pixel rectangle as fractions of the photo: what a print-ready image covers exactly. */
export function rectFractions(rect: PixelRect, size: PixelSize): Fractions {
  return {
    x: rect.left / size.width,
    y: rect.top / size.height,
    w: rect.width / size.width,
    h: rect.height / size.height,
  };
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
