import { z } from 'zod';
import { Crop, PhotoAsset } from './book';
import { FILL } from './crop';
import type { MakeId } from './commands';
import { orientationOf } from './prints';
import { OrientationSchema } from '../catalog/units';
import type { Orientation } from '../geometry/flat';
import type { CanvasSurface } from '../geometry/surface';
import { surfacesFor } from '../catalog/kinds';
import type { Canvas as CanvasProduct } from '../catalog/kinds/canvas';
import type { CanvasOptions } from '../catalog/kinds/canvas';

/**
 * The canvas document, version 1: one photo on one canvas size, at a crop. The photo covers the
 * whole canvas surface (the front and the wrap round the frame, its bleed box: see
 * geometry/surface), so the crop is pan and zoom on that box's aspect and the edges of the photo
 * run round the frame. Photos as asset records only, never bytes.
 */
export const CANVAS_FORMAT_VERSION = 1;

const Id = z.string().min(1).max(80);

export const CanvasDoc = z.object({
  formatVersion: z.literal(CANVAS_FORMAT_VERSION),
  id: Id,
  productId: Id,
  sizeId: z.string().min(1).max(40),
  orientation: OrientationSchema,
  /** The photo on the canvas; null until the customer picks one. */
  assetId: Id.nullable(),
  crop: Crop,
  /** The imported photos, on the canvas or still only in the tray. */
  assets: z.record(Id, PhotoAsset),
});
export type CanvasDoc = z.infer<typeof CanvasDoc>;

/** The first dangling reference, in words, or null. */
export function canvasProblem(canvas: CanvasDoc): string | null {
  if (canvas.assetId !== null && !canvas.assets[canvas.assetId]) {
    return `the canvas refers to photo ${canvas.assetId}, which is missing`;
  }
  for (const [assetId, asset] of Object.entries(canvas.assets)) {
    if (asset.id !== assetId) return `photo stored as ${assetId} calls itself ${asset.id}`;
  }
  return null;
}

/** A canvas checked down to its references, for documents that arrive from elsewhere. */
export const CheckedCanvas = CanvasDoc.superRefine((canvas, ctx) => {
  const problem = canvasProblem(canvas);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** An empty canvas of the product's first size, landscape as canvases mostly hang. */
export function newCanvas(product: CanvasProduct, makeId: MakeId): CanvasDoc {
  return {
    formatVersion: CANVAS_FORMAT_VERSION,
    id: makeId('canvas'),
    productId: product.id,
    sizeId: product.sizes[0]!.id,
    orientation: 'landscape',
    assetId: null,
    crop: FILL,
    assets: {},
  };
}

/** The canvas surface of this size and orientation: front (trim), wrap and frame edges in mm. */
export function canvasSurfaceOf(product: CanvasProduct, canvas: CanvasDoc): CanvasSurface {
  const [surface] = surfacesFor(product, canvasOptionsOf(canvas));
  if (surface?.role !== 'canvas') throw new Error(`${product.id} has no canvas surface`);
  return surface;
}

/** What the catalog's canvas kind prices and checks. */
export function canvasOptionsOf(canvas: CanvasDoc): CanvasOptions {
  return { sizeId: canvas.sizeId, orientation: canvas.orientation };
}

/** The photo printed, if any. */
export function canvasAssets(canvas: CanvasDoc): PhotoAsset[] {
  const asset = canvas.assetId === null ? undefined : canvas.assets[canvas.assetId];
  return asset ? [asset] : [];
}

export type CanvasAction =
  | { kind: 'addPhotos'; assets: readonly PhotoAsset[] }
  | { kind: 'placePhoto'; assetId: string }
  | { kind: 'setSize'; sizeId: string }
  | { kind: 'setOrientation'; orientation: Orientation }
  | { kind: 'setCrop'; crop: Crop };

/**
 * The canvas after one action. The first photo added lands on an empty canvas, turned its way;
 * a new photo, size or orientation starts the crop again from fill.
 */
export function editCanvas(canvas: CanvasDoc, action: CanvasAction): CanvasDoc {
  switch (action.kind) {
    case 'addPhotos': {
      const assets = { ...canvas.assets };
      for (const asset of action.assets) assets[asset.id] ??= asset;
      const next = { ...canvas, assets };
      const first = action.assets[0];
      return canvas.assetId === null && first
        ? editCanvas(next, { kind: 'placePhoto', assetId: first.id })
        : next;
    }
    case 'placePhoto': {
      const asset = canvas.assets[action.assetId];
      if (!asset) throw new Error(`no photo ${action.assetId} for this canvas`);
      return { ...canvas, assetId: asset.id, orientation: orientationOf(asset), crop: FILL };
    }
    case 'setSize':
      return action.sizeId === canvas.sizeId
        ? canvas
        : { ...canvas, sizeId: action.sizeId, crop: FILL };
    case 'setOrientation':
      return action.orientation === canvas.orientation
        ? canvas
        : { ...canvas, orientation: action.orientation, crop: FILL };
    case 'setCrop':
      return { ...canvas, crop: action.crop };
  }
}
