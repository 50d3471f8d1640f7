import { z } from 'zod';
import { canvasSurface } from '../../geometry/flat';
import {
  CatalogId,
  Cents,
  LengthMm,
  MarginMm,
  OrientationSchema,
  SizeMm,
  uniqueById,
} from '../units';
import type { ProductKind } from './kind';

/** A canvas in the catalog: one frame, several sizes of the front face. */
export const Canvas = z
  .object({
    id: CatalogId,
    kind: z.literal('canvas'),
    frameDepthMm: LengthMm,
    /** Image beyond the front edge on each side: the frame's depth plus the fold round the back. */
    wrapMm: LengthMm,
    /** How far inside the front edge faces and text are safe from the frame's edge. */
    safeMm: MarginMm,
    sizes: uniqueById(
      z.object({ id: CatalogId, frontMm: SizeMm, priceCents: Cents }),
      'canvas size',
    ),
  })
  .refine((canvas) => canvas.wrapMm > canvas.frameDepthMm, {
    path: ['wrapMm'],
    error: 'the wrap must be wider than the frame is deep, to fold round the back',
  });
export type Canvas = z.infer<typeof Canvas>;

/** What a customer chooses for a canvas: its size and which way it hangs (else as listed). */
export const CanvasOptions = z.object({
  sizeId: z.string(),
  orientation: OrientationSchema.optional(),
});
export type CanvasOptions = z.infer<typeof CanvasOptions>;

function sizeOf(canvas: Canvas, sizeId: string) {
  const size = canvas.sizes.find((s) => s.id === sizeId);
  if (!size) throw new Error(`unknown canvas size ${sizeId}`);
  return size;
}

/** Canvas: one surface wrapped round a frame, priced by size. */
export const canvas = {
  schema: Canvas,
  options: CanvasOptions,
  defaultOptions: (product) => ({ sizeId: product.sizes[0]!.id }),
  problems: (product, { sizeId }) =>
    product.sizes.some((s) => s.id === sizeId) ? [] : [`unknown canvas size ${sizeId}`],
  surfaces: (product, { sizeId, orientation }) => [
    canvasSurface({ ...product, frontMm: sizeOf(product, sizeId).frontMm }, orientation),
  ],
  priceLines: (product, { sizeId }) => [
    {
      labelKey: 'price.canvas',
      params: { size: sizeId },
      cents: sizeOf(product, sizeId).priceCents,
    },
  ],
} satisfies ProductKind<Canvas, CanvasOptions>;
