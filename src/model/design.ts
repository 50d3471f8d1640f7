import { z } from 'zod';
import type { PhotoAsset } from './book';
import { CheckedBook } from './references';
import { placedAssets } from './commands';
import { CheckedPrints, printOptionsOf, printedAssets } from './prints';
import { CheckedCanvas, canvasAssets, canvasOptionsOf } from './canvas';
import { priceOf, type Price } from '../catalog/price';
import { problemsOf, type ProductOptions } from '../catalog/kinds';
import { findProduct, type Catalog } from '../catalog/catalog';

/**
 * What a customer orders: a photo book, prints or a canvas, each as its own document. The order
 * manifest and the host contract carry this union; `kind` says which document is inside.
 */
export const Design = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('photoBook'), book: CheckedBook }),
  z.object({ kind: z.literal('prints'), prints: CheckedPrints }),
  z.object({ kind: z.literal('canvas'), canvas: CheckedCanvas }),
]);
export type Design = z.infer<typeof Design>;

/** The photos the lab needs for this design, each once, in the order they are printed. */
export function designAssets(design: Design): PhotoAsset[] {
  switch (design.kind) {
    case 'photoBook':
      return placedAssets(design.book);
    case 'prints':
      return printedAssets(design.prints);
    case 'canvas':
      return canvasAssets(design.canvas);
  }
}

/** The catalog product and the options its kind prices and checks. */
export function productChoiceOf(design: Design): { productId: string; options: ProductOptions } {
  switch (design.kind) {
    case 'photoBook':
      return {
        productId: design.book.productId,
        options: { pageCount: design.book.pageIds.length },
      };
    case 'prints':
      return { productId: design.prints.productId, options: printOptionsOf(design.prints) };
    case 'canvas':
      return { productId: design.canvas.productId, options: canvasOptionsOf(design.canvas) };
  }
}

/** The live price of the design from the catalog's rules. */
export function priceOfDesign(catalog: Catalog, design: Design): Price {
  const { productId, options } = productChoiceOf(design);
  return priceOf(catalog, productId, options);
}

/**
 * Why the design cannot be ordered yet, for developers and the lab (empty when it can): the
 * product must be of the design's kind, its kind's checks must pass, and a photo must be printed.
 */
export function designProblems(catalog: Catalog, design: Design): string[] {
  const { productId, options } = productChoiceOf(design);
  const product = catalog.products.find((p) => p.id === productId);
  if (!product) return [`unknown product: ${productId}`];
  const expected = { photoBook: 'photoBook', prints: 'print', canvas: 'canvas' }[design.kind];
  if (product.kind !== expected) return [`product ${productId} is a ${product.kind}`];
  const problems = problemsOf(findProduct(catalog, productId), options);
  if (designAssets(design).length === 0) problems.push('no photo is printed');
  return problems;
}
