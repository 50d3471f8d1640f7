import { toMm, toUm, type Box } from '../geometry/box';
import { guidesOn, snapMove, snapResize, type SnapGuide, type SnapLine } from '../geometry/snap';
import type { Book, Frame } from './book';
import type { Change } from './changes';
import { framesOn } from './commands';
import { boundsOfRotated, frameBoxOnSurface, placedPageAt, placedPageOf } from './frame-place';
import type { BookSurface } from './surfaces';

/**
 * Moving, resizing and rotating a frame by pointer. Each function is given the frame as it was
 * when the gesture began (`start`) and the pointer's whole way since, and returns the changes
 * from the book as it is now: a drag calls it on every pointer move (updateGesture) and the
 * frame never drifts by rounding, however many moves there were.
 */

/** What a pointer move did: the changes for updateGesture, and the guides to draw. */
export interface FrameEdit {
  changes: Change[];
  guides: SnapGuide[];
}

/** How a gesture snaps: the lines (snapTargets, once per gesture) and the radius in mm. */
export interface Snapping {
  targets: readonly SnapLine[];
  /** The snap radius; the designer converts a few screen pixels at its zoom. 0: Alt held. */
  thresholdMm: number;
  /** The guides the previous move of this gesture hit: they hold a little longer (snap.ts). */
  held?: readonly SnapLine[];
}

/** No frame gets smaller than this either way: it must stay big enough to grab and to print. */
export const MIN_FRAME_MM = 5;

/** The change that makes the book's record of this frame `after`; none if nothing changed. */
export function replaceFrame(book: Book, after: Frame): Change[] {
  const before = book.frames[after.id];
  if (!before) throw new Error(`no frame ${after.id}`);
  const same = (Object.keys(after) as (keyof Frame)[]).every((k) => before[k] === after[k]);
  return same ? [] : [{ kind: 'frame', id: after.id, before, after }];
}

const um = (mm: number) => toMm(toUm(mm));

/** The frontmost z on a page plus one, leaving out one frame (the one being placed there). */
export function frontZ(book: Book, pageId: string, except?: string): number {
  const zs = framesOn(book, pageId)
    .filter((f) => f.id !== except)
    .map((f) => f.z);
  return zs.length === 0 ? 0 : Math.max(...zs) + 1;
}

function startPlace(surface: BookSurface, start: Frame) {
  const placed = placedPageOf(surface, start.pageId);
  if (!placed) throw new Error(`frame ${start.id} is not on surface ${surface.surface.id}`);
  return placed;
}

/**
 * The frame moved by (dxMm, dyMm) on its surface, snapped by its upright bounds. Its centre
 * decides its page: dragged across the binding it joins the facing page, in that page's
 * coordinates, at the same place on the surface (so it does not jump) and in front of that
 * page's frames; dragged back it returns to its own z.
 */
export function moveFrame(
  book: Book,
  surface: BookSurface,
  start: Frame,
  dxMm: number,
  dyMm: number,
  snapping: Snapping,
): FrameEdit {
  const from = startPlace(surface, start);
  const box0 = frameBoxOnSurface(start, from);
  const moved = { ...box0, x: um(box0.x + dxMm), y: um(box0.y + dyMm) };
  const bounds = boundsOfRotated(moved, start.rotationDeg);
  const snapped = snapMove(bounds, snapping.targets, snapping.thresholdMm, snapping.held);
  const x = toUm(moved.x) + toUm(snapped.box.x) - toUm(bounds.x);
  const y = toUm(moved.y) + toUm(snapped.box.y) - toUm(bounds.y);
  const to = placedPageAt(surface, toMm(x + toUm(moved.width) / 2));
  const z = to.pageId === start.pageId ? start.z : frontZ(book, to.pageId, start.id);
  const after: Frame = {
    ...start,
    pageId: to.pageId,
    xMm: toMm(x - toUm(to.panel.trim.x)),
    yMm: toMm(y - toUm(to.panel.trim.y)),
    z,
  };
  return { changes: replaceFrame(book, after), guides: snapped.guides };
}

/** The eight resize handles, by compass point: `n` the middle of the top edge, `se` a corner. */
export type Handle = 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'nw';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** Which way a handle moves the frame's edges: -1 the left (top), +1 the right (bottom), 0 none. */
export function handleSides(handle: Handle): { sx: -1 | 0 | 1; sy: -1 | 0 | 1 } {
  const sx = handle.includes('e') ? 1 : handle.includes('w') ? -1 : 0;
  const sy = handle.startsWith('s') ? 1 : handle.startsWith('n') ? -1 : 0;
  return { sx, sy };
}

/** A pointer move (dx, dy) in page axes seen in the axes of a frame turned by `rotationDeg`. */
export function toFrameAxes(dxMm: number, dyMm: number, rotationDeg: number) {
  const rad = (rotationDeg * Math.PI) / 180;
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
  return { dx: dxMm * cos + dyMm * sin, dy: -dxMm * sin + dyMm * cos };
}

export interface ResizeOptions extends Snapping {
  /** Shift: the frame keeps its shape (its aspect at the start). */
  keepAspect: boolean;
}

/** Edges of a box relative to its centre: left, top, right, bottom. */
interface Edges {
  l: number;
  t: number;
  r: number;
  b: number;
}

/**
 * The frame resized by dragging a handle by (dxMm, dyMm) on the page. The opposite edge or
 * corner stays where it is on the page, also for a rotated frame (the drag is read in the
 * frame's own axes). Never smaller than MIN_FRAME_MM; with `keepAspect` the shape stays. An
 * upright frame's moving edges snap; a turned one's do not (its edges lie on no guide's axis).
 */
export function resizeFrame(
  book: Book,
  surface: BookSurface,
  start: Frame,
  handle: Handle,
  dxMm: number,
  dyMm: number,
  options: ResizeOptions,
): FrameEdit {
  const placed = startPlace(surface, start);
  const box0 = frameBoxOnSurface(start, placed);
  const { sx, sy } = handleSides(handle);
  const local = toFrameAxes(dxMm, dyMm, start.rotationDeg);
  const [w0, h0] = [start.widthMm, start.heightMm];
  const e: Edges = { l: -w0 / 2, t: -h0 / 2, r: w0 / 2, b: h0 / 2 };
  if (sx === 1) e.r += local.dx;
  if (sx === -1) e.l += local.dx;
  if (sy === 1) e.b += local.dy;
  if (sy === -1) e.t += local.dy;
  keepMinimum(e, sx, sy);

  const upright = start.rotationDeg === 0;
  const cx0 = box0.x + w0 / 2;
  const cy0 = box0.y + h0 / 2;
  const moving = {
    x: sx === 1 ? ('end' as const) : sx === -1 ? ('start' as const) : null,
    y: sy === 1 ? ('end' as const) : sy === -1 ? ('start' as const) : null,
  };
  let snappedAxis: 'x' | 'y' | null = null;
  if (upright && options.thresholdMm > 0) {
    const box = { x: cx0 + e.l, y: cy0 + e.t, width: e.r - e.l, height: e.b - e.t };
    const { targets, thresholdMm, held } = options;
    const snapped = snapResize(box, moving, targets, thresholdMm, MIN_FRAME_MM, held);
    if (snapped.box.width !== um(box.width)) snappedAxis = 'x';
    else if (snapped.box.height !== um(box.height)) snappedAxis = 'y';
    [e.l, e.t] = [snapped.box.x - cx0, snapped.box.y - cy0];
    [e.r, e.b] = [e.l + snapped.box.width, e.t + snapped.box.height];
  }
  if (options.keepAspect) keepAspect(e, sx, sy, w0 / h0, snappedAxis);

  // The new centre, turned back from the frame's axes into the page's.
  const ux = (e.l + e.r) / 2;
  const uy = (e.t + e.b) / 2;
  const rad = (start.rotationDeg * Math.PI) / 180;
  const cx = cx0 + ux * Math.cos(rad) - uy * Math.sin(rad);
  const cy = cy0 + ux * Math.sin(rad) + uy * Math.cos(rad);
  const width = um(e.r - e.l);
  const height = um(e.b - e.t);
  const x = um(cx - width / 2);
  const y = um(cy - height / 2);
  const after: Frame = {
    ...start,
    xMm: um(x - placed.panel.trim.x),
    yMm: um(y - placed.panel.trim.y),
    widthMm: width,
    heightMm: height,
  };
  const final: Box = { x, y, width, height };
  const lines = { x: moving.x ? [moving.x] : [], y: moving.y ? [moving.y] : [] };
  const guides = upright ? guidesOn(final, lines, options.targets) : [];
  return { changes: replaceFrame(book, after), guides };
}

/** Pushes a moving edge back so the box keeps at least MIN_FRAME_MM each way. */
function keepMinimum(e: Edges, sx: number, sy: number) {
  if (e.r - e.l < MIN_FRAME_MM) {
    if (sx === -1) e.l = e.r - MIN_FRAME_MM;
    else e.r = e.l + MIN_FRAME_MM;
  }
  if (e.b - e.t < MIN_FRAME_MM) {
    if (sy === -1) e.t = e.b - MIN_FRAME_MM;
    else e.b = e.t + MIN_FRAME_MM;
  }
}

/**
 * Makes the box's shape `aspect` again. A corner follows the axis that snapped, or else the one
 * the pointer stretched more, and the other axis grows from its fixed edge; a side handle grows
 * the other axis evenly about the middle.
 */
function keepAspect(e: Edges, sx: number, sy: number, aspect: number, snapped: 'x' | 'y' | null) {
  let w = e.r - e.l;
  let h = e.b - e.t;
  const byWidth =
    sy === 0 || (sx !== 0 && (snapped === 'x' || (snapped === null && w / aspect >= h)));
  if (byWidth) h = w / aspect;
  else w = h * aspect;
  // Both ways at least the minimum, still in shape.
  const grow = Math.max(1, MIN_FRAME_MM / w, MIN_FRAME_MM / h);
  [w, h] = [w * grow, h * grow];
  const place = (side: number, start: number, end: number, size: number): [number, number] =>
    side === 1
      ? [start, start + size]
      : side === -1
        ? [end - size, end]
        : centred(start, end, size);
  [e.l, e.r] = place(sx, e.l, e.r, w);
  [e.t, e.b] = place(sy, e.t, e.b, h);
}

const centred = (start: number, end: number, size: number): [number, number] => {
  const middle = (start + end) / 2;
  return [middle - size / 2, middle + size / 2];
};

/** Within this many degrees of upright or a quarter turn, a free rotation clicks into place. */
export const ROTATION_SNAP_DEG = 4;

/** An angle in degrees brought into 0 (inclusive) to 360 (exclusive), to the hundredth. */
export function normaliseAngle(deg: number): number {
  const hundredths = Math.round(deg * 100) % 36000;
  const positive = hundredths < 0 ? hundredths + 36000 : hundredths;
  // 0 - -0 is 0: no "-0" rotation in the document.
  return positive / 100 + 0;
}

/**
 * The rotation a rotate drag asks for: with `steps` (Shift) in whole 15° steps, without them
 * free, but clicking to 0, 90, 180 or 270 within ROTATION_SNAP_DEG.
 */
export function snapRotation(deg: number, steps: boolean): number {
  const angle = normaliseAngle(deg);
  if (steps) return normaliseAngle(Math.round(angle / 15) * 15);
  const quarter = Math.round(angle / 90) * 90;
  return Math.abs(angle - quarter) <= ROTATION_SNAP_DEG ? normaliseAngle(quarter) : angle;
}

/**
 * The direction from a frame's centre to the pointer, in degrees clockwise from straight up
 * (where the rotate handle sits on an upright frame). A rotate drag turns the frame by the
 * difference between this at the pointer now and at the pointer down.
 */
export function pointerAngle(cx: number, cy: number, px: number, py: number): number {
  return (Math.atan2(px - cx, -(py - cy)) * 180) / Math.PI;
}

/** The frame turned to `deg` (see snapRotation for `steps`). */
export function rotateFrame(book: Book, start: Frame, deg: number, steps: boolean): Change[] {
  return replaceFrame(book, { ...start, rotationDeg: snapRotation(deg, steps) });
}
