import { findProduct, type Catalog } from './catalog';
import { priceLinesFor, type ProductOptions } from './kinds';
import type { PriceLine } from './kinds/kind';

export type { PriceLine, PriceLabelKey } from './kinds/kind';

/** An itemised price in cents with VAT included, and the VAT within it. */
export interface Price {
  lines: PriceLine[];
  totalCents: number;
  /** The VAT contained in the total: total − total / (1 + rate), rounded half up to the cent. */
  vatCents: number;
}

/**
 * VAT contained in a gross amount, in integers so every machine gets the same cent:
 * total × rate / (100 % + rate), with the rate in hundredths of a percent, rounded half up.
 */
export function vatIncludedCents(totalCents: number, vatPercent: number): number {
  const rate = Math.round(vatPercent * 100);
  const denominator = 10_000 + rate;
  return Math.floor((2 * totalCents * rate + denominator) / (2 * denominator));
}

/** The price of a product with the customer's options, from the catalog's rules. */
export function priceOf(catalog: Catalog, productId: string, options: ProductOptions): Price {
  const product = findProduct(catalog, productId);
  const lines = priceLinesFor(product, options);
  const totalCents = lines.reduce((sum, line) => sum + line.cents, 0);
  return { lines, totalCents, vatCents: vatIncludedCents(totalCents, catalog.vatPercent) };
}
