import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Canvas } from '../../../src/catalog/kinds/canvas';
import { canvasSurfaceOf, type CanvasDoc } from '../../../src/model/canvas';
import { visibleRegion } from '../../../src/model/crop';
import { pickPhoto, regionAtPixels, type PhotoSource } from './photo-cut';

/**
 * Canvas prints at this resolution: seen from a few steps away, finer pixels show nothing, and a
 * 90 x 60 cm canvas with its wrap stays near 20 megapixels (PRINT.md: about 150 dpi).
 */
export const CANVAS_DPI = 150;

export const CANVAS_FILE = 'canvas.jpg';

/** The canvas's pixel size: its whole surface (front and wrap) at CANVAS_DPI. */
export function canvasPixels(
  product: Canvas,
  canvas: CanvasDoc,
): { width: number; height: number } {
  const { media } = canvasSurfaceOf(product, canvas);
  return {
    width: Math.round((media.width / 25.4) * CANVAS_DPI),
    height: Math.round((media.height / 25.4) * CANVAS_DPI),
  };
}

/**
 * One JPEG of the whole canvas surface: the front and the wrap that runs round the frame, with
 * the photo laid over all of it at the customer's crop (model/canvas: the crop is on the
 * surface's bleed box), as the canvas editor showed it.
 */
export async function renderCanvas(
  product: Canvas,
  canvas: CanvasDoc,
  photos: PhotoSource,
): Promise<Buffer> {
  if (canvas.productId !== product.id) {
    throw new Error(`canvas ${canvas.id} is a ${canvas.productId}, not a ${product.id}`);
  }
  const asset = canvas.assetId === null ? undefined : canvas.assets[canvas.assetId];
  if (!asset) throw new Error(`canvas ${canvas.id} has no photo to print`);
  const { media } = canvasSurfaceOf(product, canvas);
  const region = visibleRegion(canvas.crop, asset, {
    widthMm: media.width,
    heightMm: media.height,
  });
  const pick = await pickPhoto(photos, asset.id, region);
  return regionAtPixels(pick.input, pick.region, canvasPixels(product, canvas), CANVAS_DPI);
}

/** The canvas's print file into `dir`; returns its path. */
export async function writeCanvasFile(
  product: Canvas,
  canvas: CanvasDoc,
  photos: PhotoSource,
  dir: string,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, CANVAS_FILE);
  await writeFile(path, await renderCanvas(product, canvas, photos));
  return path;
}
