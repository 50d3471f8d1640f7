import { toMm, toUm, type Box } from './box';

/**
 * Snapping a box that is being moved or resized to guide lines (page edges, centres, the safe
 * box, the binding, other frames' edges and centres), in one coordinate system (a surface's
 * millimetres). The arithmetic runs in whole micrometres like the rest of the geometry, so a
 * snapped edge lands exactly on its guide and the same drag always snaps the same way.
 */

/** What a guide line is, so the designer can draw each kind in its own style. */
export type SnapKind = 'trim' | 'pageCentre' | 'safe' | 'binding' | 'frameEdge' | 'frameCentre';

/**
 * A line something may snap to. `axis: 'x'` is a vertical line at x = `at`, drawn from y = `from`
 * to y = `to`; `axis: 'y'` a horizontal line at y = `at`, drawn from x = `from` to x = `to`.
 */
export interface SnapLine {
  axis: 'x' | 'y';
  at: number;
  from: number;
  to: number;
  kind: SnapKind;
}

/** A guide hit by the snapped box: its line, stretched to reach the box, for drawing. */
export type SnapGuide = SnapLine;

/** The snapped box and the guides it now lies on. */
export interface SnapResult {
  box: Box;
  guides: SnapGuide[];
}

/** Which lines of the box move along an axis: its start edge, its centre, its end edge. */
export type BoxLine = 'start' | 'centre' | 'end';

interface AxisHit {
  /** How far the box's line moves to meet the guide, in µm. */
  offset: number;
  line: BoxLine;
}

/** The start, centre and end of a box along an axis, in µm. */
function linesOf(box: Box, axis: 'x' | 'y'): Record<BoxLine, number> {
  const start = toUm(axis === 'x' ? box.x : box.y);
  const end = start + toUm(axis === 'x' ? box.width : box.height);
  // Centre to the µm: half a micrometre off is far below what anyone can see.
  return { start, centre: Math.round((start + end) / 2), end };
}

/**
 * The nearest guide within the threshold for any of the moving lines. Ties go to the earlier
 * line in `targets`, then the earlier entry of `lines`, so the caller orders by priority.
 */
function nearest(
  box: Box,
  axis: 'x' | 'y',
  lines: readonly BoxLine[],
  targets: readonly SnapLine[],
  thresholdUm: number,
  held: ReadonlySet<string>,
): AxisHit | null {
  const own = linesOf(box, axis);
  let best: AxisHit | null = null;
  for (const target of targets) {
    if (target.axis !== axis) continue;
    const at = toUm(target.at);
    // A guide the box already lies on lets go only a little farther out: no flicker at the edge.
    const reach = held.has(keyOf(target)) ? Math.round(thresholdUm * RELEASE_FACTOR) : thresholdUm;
    for (const line of lines) {
      const offset = at - own[line];
      if (Math.abs(offset) > reach) continue;
      if (best === null || Math.abs(offset) < Math.abs(best.offset)) best = { offset, line };
    }
  }
  return best;
}

/**
 * How much farther than the snap radius a guide the box already lies on holds it (DESIGNER.md's
 * "small release margin"): a pointer wobbling at the radius does not make the frame flicker
 * between snapped and free.
 */
export const RELEASE_FACTOR = 1.5;

const keyOf = (line: Pick<SnapLine, 'axis' | 'at'>) => `${line.axis}:${toUm(line.at)}`;
const heldSet = (held: readonly SnapLine[]) => new Set(held.map(keyOf));

/** Every target the box's lines lie on exactly, each stretched to reach the box. */
export function guidesOn(box: Box, lines: Axes, targets: readonly SnapLine[]): SnapGuide[] {
  const guides: SnapGuide[] = [];
  const seen = new Set<string>();
  for (const axis of ['x', 'y'] as const) {
    const own = linesOf(box, axis);
    const across = axis === 'x' ? [box.y, box.y + box.height] : [box.x, box.x + box.width];
    for (const target of targets) {
      if (target.axis !== axis) continue;
      if (!lines[axis].some((line) => own[line] === toUm(target.at))) continue;
      const key = `${axis}:${toUm(target.at)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      guides.push({
        ...target,
        from: Math.min(target.from, across[0]!),
        to: Math.max(target.to, across[1]!),
      });
    }
  }
  return guides;
}

/** Which lines of the box may snap, per axis. */
export interface Axes {
  x: readonly BoxLine[];
  y: readonly BoxLine[];
}

/** A moved box snaps by any of its edges or its centre. */
export const MOVE_LINES: Axes = { x: ['start', 'centre', 'end'], y: ['start', 'centre', 'end'] };

/**
 * Snaps a moved box: along each axis, the one line (edge or centre) nearest a guide within
 * `thresholdMm` moves onto it and the box moves with it. A threshold of 0 snaps nothing (Alt
 * held), except lines that already lie on a guide. `held`: the guides the last move hit, which
 * hold RELEASE_FACTOR times as far.
 */
export function snapMove(
  box: Box,
  targets: readonly SnapLine[],
  thresholdMm: number,
  held: readonly SnapLine[] = [],
): SnapResult {
  const threshold = toUm(thresholdMm);
  const holding = heldSet(held);
  const hx = nearest(box, 'x', MOVE_LINES.x, targets, threshold, holding);
  const hy = nearest(box, 'y', MOVE_LINES.y, targets, threshold, holding);
  const snapped = {
    ...box,
    x: toMm(toUm(box.x) + (hx?.offset ?? 0)),
    y: toMm(toUm(box.y) + (hy?.offset ?? 0)),
  };
  return { box: snapped, guides: guidesOn(snapped, MOVE_LINES, targets) };
}

/**
 * Snaps a box being resized: only the edges that move (`start` for a left or top handle, `end`
 * for a right or bottom one, none for an axis the handle leaves alone) move onto a guide; the
 * opposite edges stay put. The box never shrinks below `minMm` by snapping. `held` as for
 * snapMove.
 */
export function snapResize(
  box: Box,
  moving: { x: 'start' | 'end' | null; y: 'start' | 'end' | null },
  targets: readonly SnapLine[],
  thresholdMm: number,
  minMm = 0,
  held: readonly SnapLine[] = [],
): SnapResult {
  const threshold = toUm(thresholdMm);
  const holding = heldSet(held);
  const min = toUm(minMm);
  let x = toUm(box.x);
  let y = toUm(box.y);
  let w = toUm(box.width);
  let h = toUm(box.height);
  const along = (axis: 'x' | 'y', edge: 'start' | 'end' | null) =>
    edge === null ? null : nearest(box, axis, [edge], targets, threshold, holding);
  const hx = along('x', moving.x);
  if (hx && (hx.line === 'start' ? w - hx.offset : w + hx.offset) >= min) {
    if (hx.line === 'start') [x, w] = [x + hx.offset, w - hx.offset];
    else w += hx.offset;
  }
  const hy = along('y', moving.y);
  if (hy && (hy.line === 'start' ? h - hy.offset : h + hy.offset) >= min) {
    if (hy.line === 'start') [y, h] = [y + hy.offset, h - hy.offset];
    else h += hy.offset;
  }
  const snapped = { x: toMm(x), y: toMm(y), width: toMm(w), height: toMm(h) };
  const lines: Axes = { x: moving.x ? [moving.x] : [], y: moving.y ? [moving.y] : [] };
  return { box: snapped, guides: guidesOn(snapped, lines, targets) };
}

/** The guide lines of a box: its four edges and (unless `centre` is null) its centre lines. */
export function boxLines(box: Box, edge: SnapKind, centre: SnapKind | null): SnapLine[] {
  const x = linesOf(box, 'x');
  const y = linesOf(box, 'y');
  const [top, bottom] = [box.y, box.y + box.height];
  const [left, right] = [box.x, box.x + box.width];
  const lines: SnapLine[] = [
    { axis: 'x', at: toMm(x.start), from: top, to: bottom, kind: edge },
    { axis: 'x', at: toMm(x.end), from: top, to: bottom, kind: edge },
    { axis: 'y', at: toMm(y.start), from: left, to: right, kind: edge },
    { axis: 'y', at: toMm(y.end), from: left, to: right, kind: edge },
  ];
  if (centre === null) return lines;
  return [
    ...lines,
    { axis: 'x', at: toMm(x.centre), from: top, to: bottom, kind: centre },
    { axis: 'y', at: toMm(y.centre), from: left, to: right, kind: centre },
  ];
}
