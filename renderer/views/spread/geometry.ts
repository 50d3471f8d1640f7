import type { Box, Size } from '../../../src/geometry/box';
import type { Panel } from '../../../src/geometry/surface';
import { paintedBoxes, type PlacedPage } from '../../../src/model/surfaces';

/**
 * Screen geometry of the spread view: millimetres of a surface to CSS pixels at the customer's
 * zoom, and back. The core's boxes stay in millimetres; only this file knows about pixels.
 */

/** A box in CSS pixels, ready for `style`. */
export interface PxBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function pxBox(box: Box, pxPerMm: number): PxBox {
  return {
    left: box.x * pxPerMm,
    top: box.y * pxPerMm,
    width: box.width * pxPerMm,
    height: box.height * pxPerMm,
  };
}

/** The scale at which a surface fits a viewport of `available` pixels, with a margin round it. */
export function fitScale(media: Size, available: Size, marginPx = 24): number {
  const width = Math.max(1, available.width - 2 * marginPx);
  const height = Math.max(1, available.height - 2 * marginPx);
  return Math.min(width / media.width, height / media.height);
}

/**
 * The page under a point of the surface (mm from the media box's top left): the panel whose
 * background box holds it, so a drop in the bleed or on a hinge still lands on the nearest page.
 */
export function pageAt(
  pages: readonly PlacedPage[],
  media: Size,
  point: { x: number; y: number },
): PlacedPage | undefined {
  const boxes = paintedBoxes(pages, media);
  const index = boxes.findIndex((b) => point.x >= b.x && point.x < b.x + b.width);
  return index === -1 ? undefined : pages[index];
}

/** A point of the surface in millimetres from its page panel's trim: the document's coordinates. */
export function toPageMm(panel: Panel, point: { x: number; y: number }): { x: number; y: number } {
  return { x: point.x - panel.trim.x, y: point.y - panel.trim.y };
}
