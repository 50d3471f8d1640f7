import type { Box } from '../../src/geometry/box';
import type { Panel } from '../../src/geometry/surface';
import type { CSSProperties } from 'react';
import type { Background, Crop, PhotoAsset } from '../../src/model/book';
import type { PlacedPage } from '../../src/model/surfaces';
import { photoBoxInFrame, type PhotoSize } from '../../src/model/crop';

/**
 * Where a page's background photo lies inside the box the spread view paints the page's
 * background in (paintedBoxes in model/surfaces.ts: the page to the binding and into the bleed), as CSS
 * percentages of that box for an absolutely positioned image.
 *
 * The document's background fills the page's bleed box at its crop (book.ts); on a spread that
 * box reaches across the binding, and a photo laid across the spread (model/backgrounds.ts) is two
 * crops that meet exactly there. Drawing each page's photo over its bleed box, cut to the painted
 * box, shows the two halves as the one photo the lab will print.
 */
export function backgroundPhotoStyle(
  panel: Panel,
  painted: Box,
  crop: Crop,
  photo: PhotoSize,
): { left: string; top: string; width: string; height: string } {
  // Cover panels have no bleed box of their own: their trim stands for it.
  const fill = 'bleed' in panel ? (panel as Panel & { bleed: Box }).bleed : panel.trim;
  const inFill = photoBoxInFrame(crop, photo, { widthMm: fill.width, heightMm: fill.height });
  const x = fill.x + inFill.x * fill.width;
  const y = fill.y + inFill.y * fill.height;
  const pct = (value: number) => `${value * 100}%`;
  return {
    left: pct((x - painted.x) / painted.width),
    top: pct((y - painted.y) / painted.height),
    width: pct((inFill.w * fill.width) / painted.width),
    height: pct((inFill.h * fill.height) / painted.height),
  };
}

/**
 * The style of a page's background image in the spread view: the photo at its crop over the
 * page's bleed box, cut to the painted box. Without the asset's size (never, in a loaded book)
 * the image simply covers the box.
 */
export function backgroundImageStyle(
  placed: PlacedPage,
  painted: Box,
  background: Extract<Background, { kind: 'photo' }>,
  assets: Record<string, PhotoAsset>,
): CSSProperties | undefined {
  const asset = assets[background.assetId];
  if (!asset) return undefined;
  return {
    position: 'absolute',
    objectFit: 'fill',
    ...backgroundPhotoStyle(placed.panel, painted, background.crop, asset),
  };
}
