import { z } from 'zod';
import type { Surface } from '../../geometry/surface';
import { firstIssue } from '../../validation';
import { canvas, type Canvas, type CanvasOptions } from './canvas';
import type { PriceLine, ProductKind } from './kind';
import { photoBook, type BookOptions, type PhotoBook } from './photo-book';
import { photoPrint, type PhotoPrint, type PrintOptions } from './print';

/** Each kind's catalog entry and the options a customer chooses for it. */
interface KindMap {
  photoBook: { product: PhotoBook; options: BookOptions };
  print: { product: PhotoPrint; options: PrintOptions };
  canvas: { product: Canvas; options: CanvasOptions };
}

/** The kinds of product the lab sells. */
export type KindName = keyof KindMap;

/** The catalog entry of one kind. */
export type ProductOf<K extends KindName> = KindMap[K]['product'];

/** Any product in the catalog. */
export type Product = ProductOf<KindName>;

/** What a customer chooses for a product of the kind of `P`. */
export type OptionsFor<P extends Product> = KindMap[P['kind']]['options'];

/** Options of any product. */
export type ProductOptions = OptionsFor<Product>;

type Registry = { [K in KindName]: ProductKind<ProductOf<K>, KindMap[K]['options']> };

/** The one place that says what each kind is. */
export const kinds: Registry = { photoBook, print: photoPrint, canvas };

/** A catalog entry of any kind, validated by its kind's schema. */
export const ProductSchema = z.discriminatedUnion(
  'kind',
  [photoBook.schema, photoPrint.schema, canvas.schema],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `unknown product kind: ${String((issue.input as { kind?: unknown } | undefined)?.kind)}`
        : undefined,
  },
);

function definitionOf<P extends Product>(product: P): ProductKind<P, OptionsFor<P>> {
  // The registry is keyed by the very field that tells the union apart.
  return kinds[product.kind] as unknown as ProductKind<P, OptionsFor<P>>;
}

/**
 * Why these options cannot be made (empty when they can). Options of the wrong shape, such as
 * a page count for prints, are named before the kind's own checks run.
 */
export function problemsOf<P extends Product>(product: P, options: OptionsFor<P>): string[] {
  const definition = definitionOf(product);
  const shaped = definition.options.safeParse(options);
  if (!shaped.success) {
    const { where, message } = firstIssue(shaped.error);
    return [`options invalid at ${where}: ${message}`];
  }
  return definition.problems(product, shaped.data);
}

/** The options a product starts with when a customer picks it. */
export function defaultOptionsOf<P extends Product>(product: P): OptionsFor<P> {
  return definitionOf(product).defaultOptions(product);
}

/** Fails with the product's id and the first problem, so a wrong order never prints or prices. */
function assertMakeable<P extends Product>(product: P, options: OptionsFor<P>): void {
  const [problem] = problemsOf(product, options);
  if (problem) throw new Error(`${product.id}: ${problem}`);
}

/** Every printed surface of the product in print order (geometry/surface has the conventions). */
export function surfacesFor<P extends Product>(product: P, options: OptionsFor<P>): Surface[] {
  assertMakeable(product, options);
  return definitionOf(product).surfaces(product, options);
}

/** The product's price, line by line (see priceOf for the total and the VAT). */
export function priceLinesFor<P extends Product>(product: P, options: OptionsFor<P>): PriceLine[] {
  assertMakeable(product, options);
  return definitionOf(product).priceLines(product, options);
}
