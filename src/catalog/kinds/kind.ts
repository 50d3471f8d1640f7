import type { z } from 'zod';
import type { Surface } from '../../geometry/surface';

/** Message keys of price lines; src/i18n has a text for each in every language. */
export type PriceLabelKey =
  | 'price.book'
  | 'price.cover'
  | 'price.extraPages'
  | 'price.prints'
  | 'price.quantityDiscount'
  | 'price.canvas';

/**
 * One line of an itemised price: what it is and its cents. `params` are exactly the arguments of
 * the `labelKey` message, so a view passes them straight to its translate function.
 */
export interface PriceLine {
  labelKey: PriceLabelKey;
  params: Record<string, string | number>;
  /** VAT included; a discount is negative. */
  cents: number;
}

/**
 * Everything the app knows about one kind of product, defined once: the registry in
 * `kinds/index.ts` maps each kind to its definition, and nothing else asks what kind a product
 * is. `P` is the kind's catalog entry, `O` what a customer chooses when ordering one.
 */
export interface ProductKind<P extends { kind: string; id: string }, O> {
  /** The kind's entry in assets/catalog.json, validated. */
  schema: z.ZodType<P>;
  /** The shape of the options, checked before `problems` sees them (they come from files too). */
  options: z.ZodType<O>;
  /** What the product starts with when a customer picks it. */
  defaultOptions(product: P): O;
  /** Why these options cannot be made, in words for developers and the lab; empty when fine. */
  problems(product: P, options: O): string[];
  /** Every printed surface, in print order (see geometry/surface for the conventions). */
  surfaces(product: P, options: O): Surface[];
  /** The price, line by line, in cents with VAT. */
  priceLines(product: P, options: O): PriceLine[];
}
