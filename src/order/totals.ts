import { z } from 'zod';
import type { Catalog } from '../catalog/catalog';
import { vatIncludedCents } from '../catalog/price';
import { priceOfDesign, type Design } from '../model/design';
import { shippingOffer, type LabCheckout } from '../lab/checkout-config';
import type { Country } from './address';

const Cents = z.number().int();

/**
 * What the order costs, as the customer saw it before ordering and as the invoice states it:
 * every amount in integer cents, gross (VAT included, German retail prices), so no machine rounds
 * differently. `manifest.totals` carries it to the lab.
 */
export const OrderTotals = z.object({
  currency: z.literal('EUR'),
  /**
   * The product's itemised price: each line's translation key (src/i18n, e.g. `price.book`)
   * with its arguments, and its cents (a discount is negative).
   */
  items: z.array(
    z.object({
      labelKey: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      cents: Cents,
    }),
  ),
  /** The sum of `items`. */
  productCents: Cents,
  /** The chosen shipping method (the lab configuration's id and name) and its price. */
  shipping: z.object({
    methodId: z.string(),
    name: z.string(),
    cents: Cents.nonnegative(),
  }),
  /** productCents + shipping: what the customer pays. */
  totalCents: Cents,
  /** The catalog's VAT rate, and the VAT contained in `totalCents` (shipping shares the rate). */
  vatPercent: z.number().nonnegative(),
  vatCents: Cents,
});
export type OrderTotals = z.infer<typeof OrderTotals>;

/**
 * The order's totals: the design's price from the catalog, the shipping method's rate to the
 * shipping country from the lab's configuration, VAT at the catalog's rate. Throws when the lab
 * does not ship that way to that country (the form never offers it).
 */
export function orderTotals(
  catalog: Catalog,
  checkout: LabCheckout,
  design: Design,
  shipping: { methodId: string; country: Country },
): OrderTotals {
  const offer = shippingOffer(checkout, shipping.methodId, shipping.country);
  if (!offer) {
    throw new Error(
      `shipping method ${shipping.methodId} does not ship to ${shipping.country} for this lab`,
    );
  }
  const price = priceOfDesign(catalog, design);
  const totalCents = price.totalCents + offer.rate.priceCents;
  return {
    currency: catalog.currency,
    items: price.lines.map((line) => ({ ...line })),
    productCents: price.totalCents,
    shipping: { methodId: offer.method.id, name: offer.method.name, cents: offer.rate.priceCents },
    totalCents,
    vatPercent: catalog.vatPercent,
    vatCents: vatIncludedCents(totalCents, catalog.vatPercent),
  };
}
