import { toMm, toUm, umBox, type Box } from '../geometry/box';
import type { PagePanel } from '../geometry/surface';
import type { GridArea, LayoutTemplate, Side, TemplateFrame, TextPurpose } from './template';

/**
 * Space between neighbouring frames when the customer has not chosen one: wide enough to read
 * as a deliberate gap at arm's length, narrow enough that six photos still fill an A4 page.
 */
export const DEFAULT_GAP_MM = 4;

/** How a template is fitted; the gap is the customer's fixed spacing between frames. */
export interface FitOptions {
  gapMm?: number;
}

interface FittedBase {
  /** Millimetres from the top-left corner of the page's trim: what the book document stores. */
  box: Box;
  /** Stacking order on the page, 0 at the back; a text overlay is above the photo under it. */
  z: number;
}

/** A photo frame on a concrete page; `bleed` names the sides it runs past the safe box. */
export interface FittedPhotoFrame extends FittedBase {
  role: 'photo';
  bleed: readonly Side[];
}

/** A text frame on a concrete page; always inside the safe box. */
export interface FittedTextFrame extends FittedBase {
  role: 'text';
  purpose: TextPurpose;
}

/** A template's frame fitted to a page, in millimetres. */
export type FittedFrame = FittedPhotoFrame | FittedTextFrame;

/** One column or row of the grid: where it starts and ends, in µm. */
interface Track {
  start: number;
  end: number;
}

/**
 * Splits `length` µm from `start` into tracks by weight with `gap` µm between them. Each track
 * boundary is rounded once from the running sum of weights, so the tracks add up to the length
 * exactly and the gap between any two neighbours is exactly `gap`.
 */
function tracks(weights: readonly number[], start: number, length: number, gap: number): Track[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const free = length - gap * (weights.length - 1);
  const boundaries = [0];
  let running = 0;
  for (const weight of weights) {
    running += weight;
    boundaries.push(Math.round((free * running) / total));
  }
  return weights.map((_, i) => {
    const track = {
      start: start + (boundaries[i] ?? 0) + i * gap,
      end: start + (boundaries[i + 1] ?? 0) + i * gap,
    };
    if (track.end <= track.start) {
      throw new Error(`a gap of ${toMm(gap)} mm leaves no room for the grid on this page`);
    }
    return track;
  });
}

/** The page's edges relative to its trim, in µm: where each side of a frame may reach. */
interface PageEdgesUm {
  safe: { left: number; top: number; right: number; bottom: number };
  /** How far a bleeding frame reaches on each side (the trim edge on the binding side). */
  bleed: Record<Side, number>;
}

function edgesOf(page: PagePanel): PageEdgesUm {
  const x0 = toUm(page.trim.x);
  const y0 = toUm(page.trim.y);
  const width = toUm(page.trim.width);
  const rel = (box: Box) => {
    const left = toUm(box.x) - x0;
    const top = toUm(box.y) - y0;
    return { left, top, right: left + toUm(box.width), bottom: top + toUm(box.height) };
  };
  const bleed = rel(page.bleed);
  // Across the binding edge lies the facing page (geometry/surface: a page's bleed box reaches
  // into it), so a bleeding frame stops at the binding edge instead of covering its neighbour.
  return {
    safe: rel(page.safe),
    bleed: {
      top: bleed.top,
      bottom: bleed.bottom,
      left: page.name === 'right' ? 0 : bleed.left,
      right: page.name === 'left' ? width : bleed.right,
    },
  };
}

/** A track the area names; parseLayouts refuses areas past the grid, so this is a wrong caller. */
function trackAt(list: readonly Track[], index: number): Track {
  const track = list[index];
  if (!track) throw new Error(`frame reaches past the grid: track ${index} of ${list.length}`);
  return track;
}

function boxOf(frame: TemplateFrame, columns: Track[], rows: Track[], edges: PageEdgesUm): Box {
  const { column, row, columnSpan, rowSpan }: GridArea = frame.area;
  const sides = {
    left: trackAt(columns, column).start,
    top: trackAt(rows, row).start,
    right: trackAt(columns, column + columnSpan - 1).end,
    bottom: trackAt(rows, row + rowSpan - 1).end,
  };
  if (frame.role === 'photo') {
    for (const side of frame.bleed) sides[side] = edges.bleed[side];
  }
  return umBox(sides.left, sides.top, sides.right - sides.left, sides.bottom - sides.top);
}

/**
 * The template's frames on a concrete page, in millimetres from the page's trim, exact to the
 * micrometre like the geometry. Neighbouring frames are `gapMm` apart; a bleeding photo frame
 * runs to the bleed edge on its bleeding sides (to the trim on the binding side). Frames come
 * in template order, which is also their z order.
 */
export function fitTemplate(
  template: LayoutTemplate,
  page: PagePanel,
  options: FitOptions = {},
): FittedFrame[] {
  const gap = toUm(options.gapMm ?? DEFAULT_GAP_MM);
  if (gap < 0) throw new Error(`the gap between frames cannot be negative: ${toMm(gap)} mm`);
  const edges = edgesOf(page);
  const { safe } = edges;
  const columns = tracks(template.grid.columns, safe.left, safe.right - safe.left, gap);
  const rows = tracks(template.grid.rows, safe.top, safe.bottom - safe.top, gap);
  return template.frames.map((frame, z): FittedFrame => {
    const box = boxOf(frame, columns, rows, edges);
    return frame.role === 'photo'
      ? { role: 'photo', box, z, bleed: [...frame.bleed] }
      : { role: 'text', box, z, purpose: frame.purpose };
  });
}
