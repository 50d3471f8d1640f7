import type { Box } from '../geometry/box';
import type { Crop } from './book';
import { photoBoxInFrame, type Fractions, type PhotoSize } from './crop';

/**
 * The part of a photo seen through a clip, when the photo lies on a box at a crop (a page
 * background over its bleed box, seen through the page's painted box). The lab prints exactly
 * this part and the order prepares exactly this part, so both ask here.
 */

/** The overlap of two boxes, or undefined where they only touch or miss each other. */
export function intersection(a: Box, b: Box): Box | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  if (right <= x || bottom <= y) return undefined;
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * A photo laid on `box` at `crop`, seen through `clip`: the part of the photo under the clip
 * (fractions of the upright photo) and where it lands. Undefined where they do not overlap.
 */
export function photoUnder(
  box: Box,
  crop: Crop,
  photo: PhotoSize,
  clip: Box,
): { region: Fractions; seen: Box } | undefined {
  const inBox = photoBoxInFrame(crop, photo, { widthMm: box.width, heightMm: box.height });
  const whole = {
    x: box.x + inBox.x * box.width,
    y: box.y + inBox.y * box.height,
    width: inBox.w * box.width,
    height: inBox.h * box.height,
  };
  const seen = intersection(whole, clip);
  if (!seen) return undefined;
  const region = {
    x: (seen.x - whole.x) / whole.width,
    y: (seen.y - whole.y) / whole.height,
    w: seen.width / whole.width,
    h: seen.height / whole.height,
  };
  return { region, seen };
}
