import { allEdges, insetUm, toMm, toUm, umBox, umLine, umRectangle, type Size } from './box';
import type { CoverSurface, PagePanel, PageSurface, SpreadSurface, Surface } from './surface';

/** How a photo book's cover is made, with the figures its geometry needs. */
export type BookCover =
  { binding: 'hardcover'; wrapMm: number; hingeMm: number } | { binding: 'softcover' };

/** The figures of a photo book that decide its surfaces (a catalog photo book satisfies it). */
export interface BookSpec {
  trimMm: Size;
  bleedMm: number;
  /** Distance of the safe area from the trim. */
  safeMm: number;
  /** Distance of the safe area from the binding edge of each page. */
  gutterSafeMm: number;
  cover: BookCover;
  /** Spine = board (or cover card) + paper per page; `textMinMm` is the thinnest spine for text. */
  spine: { boardMm: number; perPageMm: number; textMinMm: number };
}

/**
 * Spine text keeps this far off each spine edge: the spine lands about a millimetre off on
 * casing-in, and a letter that wanders onto the front looks like a mistake.
 */
const SPINE_EDGE_SAFE_UM = 1000;

/** Spine width for a page count: board plus paper, exact to the micrometre. */
export function spineWidthMm(spec: Pick<BookSpec, 'spine'>, pageCount: number): number {
  return toMm(spineUm(spec, pageCount));
}

function spineUm(spec: Pick<BookSpec, 'spine'>, pageCount: number): number {
  return toUm(spec.spine.boardMm) + toUm(spec.spine.perPageMm) * pageCount;
}

/** Every printed surface of a book: the cover, then the inner pages in page order. */
export function bookSurfaces(spec: BookSpec, pageCount: number): Surface[] {
  return [coverSurface(spec, pageCount), ...innerSurfaces(spec, pageCount)];
}

/** The cover as one wrap: back | spine | front, with the wrap or the folds round it. */
export function coverSurface(spec: BookSpec, pageCount: number): CoverSurface {
  const w = toUm(spec.trimMm.width);
  const h = toUm(spec.trimMm.height);
  const spine = spineUm(spec, pageCount);
  const { cover } = spec;
  const hardcover = cover.binding === 'hardcover';
  // The hardcover's edge is the wrap round the board; the softcover's is a plain bleed.
  const [edge, hinge] = hardcover
    ? [toUm(cover.wrapMm), toUm(cover.hingeMm)]
    : [toUm(spec.bleedMm), 0];
  const safe = allEdges(toUm(spec.safeMm));

  const backX = edge;
  const spineX = backX + w + hinge;
  const frontX = spineX + spine + hinge;
  const mediaW = frontX + w + edge;
  const mediaH = edge + h + edge;

  const back = umBox(backX, edge, w, h);
  const spineBox = umBox(spineX, edge, spine, h);
  const front = umBox(frontX, edge, w, h);
  const spineSafe = insetUm(spineBox, {
    top: safe.top,
    bottom: safe.bottom,
    left: SPINE_EDGE_SAFE_UM,
    right: SPINE_EDGE_SAFE_UM,
  });
  const panels = {
    back: { name: 'back', trim: back, safe: insetUm(back, safe) },
    spine: {
      name: 'spine',
      trim: spineBox,
      safe: spineSafe,
      textAllowed: spine >= toUm(spec.spine.textMinMm),
    },
    front: { name: 'front', trim: front, safe: insetUm(front, safe) },
  } as const;
  const trim = umBox(edge, edge, mediaW - 2 * edge, h);
  return {
    id: 'cover',
    role: 'cover',
    binding: cover.binding,
    media: { width: toMm(mediaW), height: toMm(mediaH) },
    bleed: umBox(0, 0, mediaW, mediaH),
    trim,
    panels: [panels.back, panels.spine, panels.front],
    ...panels,
    wrapMm: hardcover ? toMm(edge) : 0,
    hinges: hardcover
      ? [umBox(backX + w, edge, hinge, h), umBox(spineX + spine, edge, hinge, h)]
      : [],
    folds: hardcover
      ? // The wrap turns over the board along all four edges of the trim.
        umRectangle(edge, edge, mediaW - edge, edge + h)
      : [umLine(spineX, 0, spineX, mediaH), umLine(frontX, 0, frontX, mediaH)],
  };
}

/**
 * The inner pages: page 1 alone on the right, spreads (2, 3) ... (n-2, n-1), page n alone on
 * the left. The count must be even, so that the last page is a left-hand one.
 */
export function innerSurfaces(spec: BookSpec, pageCount: number): (SpreadSurface | PageSurface)[] {
  if (!Number.isInteger(pageCount) || pageCount < 2 || pageCount % 2 !== 0) {
    throw new Error(`a book has an even number of pages, at least 2, not ${pageCount}`);
  }
  const surfaces: (SpreadSurface | PageSurface)[] = [singlePage(spec, 1, 'right')];
  for (let left = 2; left < pageCount; left += 2) surfaces.push(spread(spec, left));
  surfaces.push(singlePage(spec, pageCount, 'left'));
  return surfaces;
}

/** A page whose trim starts at `x` (µm) on a surface with bleed `b` round the trim. */
function pagePanel(
  spec: BookSpec,
  pageNumber: number,
  side: 'left' | 'right',
  x: number,
): PagePanel {
  const w = toUm(spec.trimMm.width);
  const h = toUm(spec.trimMm.height);
  const b = toUm(spec.bleedMm);
  const safe = toUm(spec.safeMm);
  const gutter = toUm(spec.gutterSafeMm);
  const trim = umBox(x, b, w, h);
  return {
    name: side,
    pageNumber,
    trim,
    // The binding edge is a left page's right edge and a right page's left edge.
    safe: insetUm(trim, {
      top: safe,
      bottom: safe,
      left: side === 'right' ? gutter : safe,
      right: side === 'left' ? gutter : safe,
    }),
    bleed: umBox(x - b, 0, w + 2 * b, h + 2 * b),
  };
}

function spread(spec: BookSpec, leftPage: number): SpreadSurface {
  const w = toUm(spec.trimMm.width);
  const h = toUm(spec.trimMm.height);
  const b = toUm(spec.bleedMm);
  const gutter = toUm(spec.gutterSafeMm);
  const mediaW = b + 2 * w + b;
  const mediaH = b + h + b;
  const left = pagePanel(spec, leftPage, 'left', b);
  const right = pagePanel(spec, leftPage + 1, 'right', b + w);
  return {
    id: `spread-${leftPage}-${leftPage + 1}`,
    role: 'spread',
    media: { width: toMm(mediaW), height: toMm(mediaH) },
    bleed: umBox(0, 0, mediaW, mediaH),
    trim: umBox(b, b, 2 * w, h),
    panels: [left, right],
    pages: [left, right],
    gutter: umBox(b + w - gutter, b, 2 * gutter, h),
  };
}

function singlePage(spec: BookSpec, pageNumber: number, side: 'left' | 'right'): PageSurface {
  const w = toUm(spec.trimMm.width);
  const h = toUm(spec.trimMm.height);
  const b = toUm(spec.bleedMm);
  const gutter = toUm(spec.gutterSafeMm);
  const page = pagePanel(spec, pageNumber, side, b);
  return {
    id: `page-${pageNumber}`,
    role: 'page',
    media: { width: toMm(w + 2 * b), height: toMm(h + 2 * b) },
    bleed: umBox(0, 0, w + 2 * b, h + 2 * b),
    trim: page.trim,
    panels: [page],
    pages: [page],
    gutter: side === 'right' ? umBox(b, b, gutter, h) : umBox(b + w - gutter, b, gutter, h),
  };
}
