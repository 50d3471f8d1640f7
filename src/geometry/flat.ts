import { allEdges, insetUm, toMm, toUm, umBox, umRectangle, type Size } from './box';
import type { CanvasSurface, PrintSurface } from './surface';

/** Which way up a print or canvas hangs; a square is the same both ways. */
export type Orientation = 'portrait' | 'landscape';

/** The size turned to the orientation; without one, as given. */
function oriented(size: Size, orientation: Orientation | undefined): Size {
  if (orientation === undefined) return { width: size.width, height: size.height };
  const long = Math.max(size.width, size.height);
  const short = Math.min(size.width, size.height);
  return orientation === 'portrait'
    ? { width: short, height: long }
    : { width: long, height: short };
}

/** Micrometres of `px` pixels at `dpi`: px × 25.4 mm / dpi, rounded to the micrometre. */
function pxToUm(px: number, dpi: number): number {
  return Math.round((px * 25_400) / dpi);
}

/** The paper of one print. Minilabs cut by pixel: no bleed, trim = media. */
export function printSurface(
  spec: { px: Size; dpi: number; safeMm: number },
  orientation: Orientation | undefined,
  id = 'print',
): PrintSurface {
  const px = oriented(spec.px, orientation);
  const w = pxToUm(px.width, spec.dpi);
  const h = pxToUm(px.height, spec.dpi);
  const paper = umBox(0, 0, w, h);
  return {
    id,
    role: 'print',
    media: { width: toMm(w), height: toMm(h) },
    bleed: paper,
    trim: paper,
    panels: [{ name: 'paper', trim: paper, safe: insetUm(paper, allEdges(toUm(spec.safeMm))) }],
    px,
    dpi: spec.dpi,
  };
}

/**
 * A canvas: the front, then on each side the frame's depth and the fold round the back.
 * Media = front + 2 × wrap each way.
 */
export function canvasSurface(
  spec: { frontMm: Size; wrapMm: number; frameDepthMm: number; safeMm: number },
  orientation: Orientation | undefined,
): CanvasSurface {
  const front = oriented(spec.frontMm, orientation);
  const w = toUm(front.width);
  const h = toUm(front.height);
  const wrap = toUm(spec.wrapMm);
  const depth = toUm(spec.frameDepthMm);
  const mediaW = wrap + w + wrap;
  const mediaH = wrap + h + wrap;
  const trim = umBox(wrap, wrap, w, h);
  const back = wrap - depth;
  return {
    id: 'canvas',
    role: 'canvas',
    media: { width: toMm(mediaW), height: toMm(mediaH) },
    bleed: umBox(0, 0, mediaW, mediaH),
    trim,
    panels: [{ name: 'front', trim, safe: insetUm(trim, allEdges(toUm(spec.safeMm))) }],
    edges: [
      umBox(wrap, back, w, depth),
      umBox(wrap + w, wrap, depth, h),
      umBox(wrap, wrap + h, w, depth),
      umBox(back, wrap, depth, h),
    ],
    wrapMm: toMm(wrap),
    folds: [
      ...umRectangle(wrap, wrap, wrap + w, wrap + h),
      ...umRectangle(back, back, mediaW - back, mediaH - back),
    ],
  };
}
