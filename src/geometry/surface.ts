import type { Box, Line, Size } from './box';

/**
 * Printed surfaces: what the designer draws, the lab's print renderer prints and support shows.
 *
 * Conventions every consumer follows (the print renderer above all):
 * - Millimetres, origin at the top-left corner of the surface's media box, y grows downwards.
 * - Media box = bleed box: a surface's printed area starts at (0, 0) and is `media` in size.
 *   The PDF's MediaBox and BleedBox are that box; its TrimBox is `trim`.
 * - `trim` is where the product is cut or, for a hardcover or a canvas, where the material turns
 *   over the board or the frame. Content between trim and bleed is printed but not seen (or seen
 *   only on the edge of the board, the frame or the fold).
 * - Each panel's `safe` box is where text and faces are safe from the cut, the fold and the
 *   binding. It lies inside its panel's trim, which lies inside the surface's bleed.
 * - Photo-book cover, hardcover: width = wrap + back + hinge + spine + hinge + front + wrap and
 *   height = wrap + trim height + wrap. The wrap folds round the board, the hinges are the grooves
 *   where the cover bends, and neither holds anything that must be seen.
 * - Photo-book cover, softcover: width = bleed + back + spine + front + bleed, height = bleed +
 *   trim height + bleed; the cover folds at the two spine edges (`folds`).
 * - Spine text only where `spine.textAllowed` (the spine is at least the catalog's minimum,
 *   about 5 mm): thinner spines cannot hold legible type that stays off the spine edges.
 * - Inner pages: page 1 is a single right-hand page (glued to the endsheet or the cover), then
 *   spreads of an even and the next odd page, and the last page is a single left-hand page.
 *   The inner-block PDF has one page per book page: cut each page's own `bleed` box out of its
 *   surface. On a spread that box reaches `bleed` mm across the binding edge into the facing page,
 *   so a photo across the middle continues without a seam.
 * - Prints are cut by the minilab to the paper's pixels: no bleed; their `px` at `dpi` is the
 *   truth, their millimetres are px × 25.4 / dpi rounded to the micrometre.
 * - Canvas: the front face is the trim; the wrap (frame depth plus the fold round the back) is
 *   image that runs round the frame, so it is part of the bleed box.
 */
export type Surface = CoverSurface | SpreadSurface | PageSurface | PrintSurface | CanvasSurface;

/** What a surface is, for drawing and for choosing the print file it goes into. */
export type SurfaceRole = Surface['role'];

/** The faces a panel can be: cover panels, book pages, a print's paper, a canvas front. */
export type PanelName = 'back' | 'spine' | 'front' | 'left' | 'right' | 'paper';

/** A face of the product the customer sees: its trimmed area and the area safe for content. */
export interface Panel {
  name: PanelName;
  trim: Box;
  safe: Box;
}

/** A page of a photo book inside its surface, with its own bleed box for the inner-block PDF. */
export interface PagePanel extends Panel {
  name: 'left' | 'right';
  /** 1-based page number as the customer counts pages. */
  pageNumber: number;
  bleed: Box;
}

interface SurfaceBase {
  /** Stable within one product and page count, e.g. `cover`, `page-1`, `spread-2-3`. */
  id: string;
  /** Size of the media box, which is also the bleed box. */
  media: Size;
  bleed: Box;
  trim: Box;
  /** The faces on this surface, left to right. */
  panels: readonly Panel[];
}

/** The cover of a photo book as one wrap: back, spine and front side by side. */
export interface CoverSurface extends SurfaceBase {
  role: 'cover';
  binding: 'hardcover' | 'softcover';
  back: Panel;
  spine: Panel & { textAllowed: boolean };
  front: Panel;
  /** Hardcover: the cover material beyond the trim that folds round the board; softcover: 0. */
  wrapMm: number;
  /** Hardcover: the grooves between the boards and the spine; softcover: none. */
  hinges: readonly Box[];
  /** Where the cover bends: the spine edges (softcover) or the board edges under the wrap. */
  folds: readonly Line[];
}

/** Two facing pages of a photo book. */
export interface SpreadSurface extends SurfaceBase {
  role: 'spread';
  pages: readonly [PagePanel, PagePanel];
  /** The band each side of the binding edge where content is lost in the binding. */
  gutter: Box;
}

/** A page printed alone: the first (right-hand) or last (left-hand) page of a photo book. */
export interface PageSurface extends SurfaceBase {
  role: 'page';
  pages: readonly [PagePanel];
  /** The band along the binding edge where content is lost in the binding. */
  gutter: Box;
}

/** One photo print on minilab paper. */
export interface PrintSurface extends SurfaceBase {
  role: 'print';
  /** The paper's exact pixel size, in the orientation of this surface. */
  px: Size;
  dpi: number;
}

/** A canvas on a wooden frame. */
export interface CanvasSurface extends SurfaceBase {
  role: 'canvas';
  /** The frame's visible sides, top, right, bottom, left. */
  edges: readonly Box[];
  /** Image beyond the front edge on each side: frame depth plus the fold round the back. */
  wrapMm: number;
  /** Where the canvas bends: round the front edge and round the back edge of the frame. */
  folds: readonly Line[];
}
