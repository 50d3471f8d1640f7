import { z } from 'zod';
import photoDoseCheckout from '../../assets/lab-checkout.json';
import { parseOrThrow } from '../validation';
import { Country, countries } from '../order/address';
import { paymentMethods, type PaymentMethod } from '../order/payment';

/**
 * What a lab sells on: its terms and privacy statement, who the seller is (the SEPA mandate and
 * the invoice name them), the payment methods it takes, and how it ships, at what price and how
 * fast. Part of the lab configuration (`checkout`); a lab that gives none sells on Photo Dose's
 * (assets/lab-checkout.json), the default lab of this app.
 */

const Cents = z.number().int().nonnegative();

/** One price of a shipping method: for the listed countries, or `*` for every other one. */
export const ShippingRate = z.object({
  to: z.union([z.array(Country).min(1), z.literal('*')]),
  /** Gross, VAT included, like the catalog's prices. */
  priceCents: Cents,
  /** Working days from dispatch to the door. */
  deliveryDays: z
    .object({ min: z.number().int().positive(), max: z.number().int().positive() })
    .refine((d) => d.min <= d.max, 'min must not exceed max'),
});
export type ShippingRate = z.infer<typeof ShippingRate>;

export const ShippingMethod = z.object({
  /** Stable id the order names (`customer.shippingMethodId` in the manifest). */
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  carrier: z.enum(['dhl', 'deutsche-post', 'ups']),
  /** The product's own name, the same in every language ("DHL Paket"). */
  name: z.string().min(1).max(60),
  /** The first rate whose `to` lists the country wins; `*` serves the rest. No rate: not offered. */
  rates: z.array(ShippingRate).min(1),
});
export type ShippingMethod = z.infer<typeof ShippingMethod>;

export const LabCheckout = z.object({
  termsUrl: z.url({ protocol: /^https$/ }),
  privacyUrl: z.url({ protocol: /^https$/ }),
  /**
   * The seller as contracts name it (legal name with its legal form, address, email): the
   * invoice's sender and the creditor the customer's SEPA mandate authorises.
   */
  seller: z.object({
    name: z.string().min(1).max(70),
    street: z.string().min(1).max(70),
    postalCode: z.string().min(1).max(12),
    city: z.string().min(1).max(60),
    country: Country,
    email: z.email(),
  }),
  /** The creditor identifier (Gläubiger-ID) SEPA direct debits are drawn under. */
  sepaCreditorId: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/),
  paymentMethods: z.array(z.enum(paymentMethods as [PaymentMethod, ...PaymentMethod[]])).min(1),
  shippingMethods: z
    .array(ShippingMethod)
    .min(1)
    .refine((methods) => new Set(methods.map((m) => m.id)).size === methods.length, {
      error: 'shipping method ids must be unique',
    })
    .refine((methods) => countries.every((c) => methods.some((m) => rateFor(m, c))), {
      error: 'every country the app offers needs at least one shipping method',
    }),
});
export type LabCheckout = z.infer<typeof LabCheckout>;

/** Photo Dose's own terms, seller and shipping: what a lab configuration without `checkout` uses. */
export const defaultLabCheckout: LabCheckout = parseOrThrow(
  LabCheckout,
  photoDoseCheckout,
  'assets/lab-checkout.json',
);

/** The method's price and delivery time to `country`; undefined when it does not go there. */
export function rateFor(method: ShippingMethod, country: Country): ShippingRate | undefined {
  return (
    method.rates.find((r) => r.to !== '*' && r.to.includes(country)) ??
    method.rates.find((r) => r.to === '*')
  );
}

/** A shipping method on offer to one country, with its price and delivery time there. */
export interface ShippingOffer {
  method: ShippingMethod;
  rate: ShippingRate;
}

/** The methods that ship to `country`, in the lab's order (its first is the default). */
export function shippingOffers(checkout: LabCheckout, country: Country): ShippingOffer[] {
  return checkout.shippingMethods.flatMap((method) => {
    const rate = rateFor(method, country);
    return rate ? [{ method, rate }] : [];
  });
}

/** The offer of method `id` to `country`, or undefined when the lab has no such method there. */
export function shippingOffer(
  checkout: LabCheckout,
  id: string,
  country: Country,
): ShippingOffer | undefined {
  return shippingOffers(checkout, country).find((offer) => offer.method.id === id);
}
