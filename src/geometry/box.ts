/**
 * Lengths, boxes and lines of printed surfaces.
 *
 * Every figure the geometry hands out is in millimetres and is a whole number of micrometres:
 * the module adds and subtracts integers of micrometres and divides by 1000 once, at the end.
 * Why not plain millimetre floats: paper thickness such as 0.1 or 0.12 mm a page has no exact
 * binary form, so `2 + 0.1 * 24` drifts in the last bits and the drift depends on the order of
 * the sums. The lab must re-render an order byte for byte, and support must see the figures the
 * customer saw, so the arithmetic is exact. One division of an integer gives the double nearest to
 * the decimal value, so 4.4 mm is exactly the literal `4.4` and tests compare with `toBe`.
 * Why not tenths of a millimetre: a page of 0.115 mm paper and a print of 1535 px at 300 dpi
 * (129.963 mm) need finer steps.
 */

/** Micrometres in a millimetre: the resolution of all geometry. */
export const UM_PER_MM = 1000;

/** A length in millimetres as a whole number of micrometres (inputs are rounded to the µm). */
export function toUm(mm: number): number {
  return Math.round(mm * UM_PER_MM);
}

/** Micrometres back to millimetres: the nearest double to the exact decimal value. */
export function toMm(um: number): number {
  return um / UM_PER_MM;
}

/** A width and height in millimetres. */
export interface Size {
  width: number;
  height: number;
}

/** A rectangle in millimetres; the origin is the top-left corner of its surface's media box. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A straight line in millimetres, such as a fold, in the coordinates of its surface. */
export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A box from micrometre integers. */
export function umBox(x: number, y: number, width: number, height: number): Box {
  return { x: toMm(x), y: toMm(y), width: toMm(width), height: toMm(height) };
}

/** A line from micrometre integers. */
export function umLine(x1: number, y1: number, x2: number, y2: number): Line {
  return { x1: toMm(x1), y1: toMm(y1), x2: toMm(x2), y2: toMm(y2) };
}

/** The four edges of a rectangle from its corners in µm: top, right, bottom, left. */
export function umRectangle(x1: number, y1: number, x2: number, y2: number): Line[] {
  return [
    umLine(x1, y1, x2, y1),
    umLine(x2, y1, x2, y2),
    umLine(x1, y2, x2, y2),
    umLine(x1, y1, x1, y2),
  ];
}

/** Margins in micrometres, one per edge, for `insetUm`. */
export interface EdgesUm {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The box shrunk by the margins (in µm), computed in micrometres so the result stays exact.
 * A margin larger than the box leaves a box of no width or height rather than a negative one.
 */
export function insetUm(box: Box, edges: EdgesUm): Box {
  const x = toUm(box.x) + edges.left;
  const y = toUm(box.y) + edges.top;
  const width = Math.max(0, toUm(box.width) - edges.left - edges.right);
  const height = Math.max(0, toUm(box.height) - edges.top - edges.bottom);
  return umBox(x, y, width, height);
}

/** The same margin on every edge, in µm. */
export function allEdges(um: number): EdgesUm {
  return { top: um, right: um, bottom: um, left: um };
}

/** Whether `inner` lies wholly inside `outer` (touching edges count as inside). */
export function contains(outer: Box, inner: Box): boolean {
  return (
    toUm(inner.x) >= toUm(outer.x) &&
    toUm(inner.y) >= toUm(outer.y) &&
    toUm(inner.x + inner.width) <= toUm(outer.x + outer.width) &&
    toUm(inner.y + inner.height) <= toUm(outer.y + outer.height)
  );
}
