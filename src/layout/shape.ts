import type { Size } from '../geometry/box';

/**
 * A box or photo this much wider than tall (or taller than wide) counts as landscape (or
 * portrait); closer to square it suits either. A photo cropped by less than a tenth into a frame
 * of the other shape keeps its composition, so such a pairing is no mismatch.
 */
export const SQUARE_TOLERANCE = 1.1;

/** Which way a photo or frame is shaped. */
export type Shape = 'landscape' | 'portrait' | 'square';

/** The shape of a width-to-height ratio. */
export function shapeOfRatio(ratio: number): Shape {
  if (ratio >= SQUARE_TOLERANCE) return 'landscape';
  if (ratio <= 1 / SQUARE_TOLERANCE) return 'portrait';
  return 'square';
}

/** The shape of a box. */
export function shapeOf(size: Size): Shape {
  return shapeOfRatio(size.width / size.height);
}
