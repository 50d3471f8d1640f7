import { z } from 'zod';
import { Address } from './address';
import { Payment } from './payment';

export { countries, Country } from './address';

/**
 * Everything the customer gives at checkout: where the parcel goes, where the invoice goes, how
 * to reach them, how it ships and how they pay. It exists only from checkout on, in memory, and
 * leaves the machine only inside the order manifest encrypted to the lab's key (manifest.ts).
 * Messages are translation keys, so the form can show them in German or English.
 *
 * The lab reads it as `manifest.customer`:
 * - `shippingAddress`: the parcel's label;
 * - `billingAddress`: the invoice's recipient, or null when it is the shipping address;
 * - `email`: for the order confirmation; `phone`: optional, for the carrier;
 * - `shippingMethodId`: one of the lab configuration's `checkout.shippingMethods`;
 * - `payment`: `{ method: 'invoice' }` or `{ method: 'sepa', holder, iban, bic?, mandate }`.
 */
export const Customer = z.object({
  shippingAddress: Address,
  /** Null: the invoice goes to the shipping address. */
  billingAddress: Address.nullable(),
  email: z
    .string()
    .trim()
    .min(1, 'checkout.error.email.required')
    .max(200, 'checkout.error.email.format')
    .pipe(z.email('checkout.error.email.format')),
  /** Optional; digits with the usual separators and an optional leading +. */
  phone: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || (/^\+?[\d\s()/-]+$/.test(v) && (v.match(/\d/g) ?? []).length >= 6),
      'checkout.error.phone.format',
    )
    .refine((v) => (v.match(/\d/g) ?? []).length <= 15, 'checkout.error.phone.format')
    .transform((v) => (v === '' ? undefined : v))
    .optional(),
  shippingMethodId: z.string().regex(/^[a-z0-9-]{1,40}$/, 'checkout.error.shippingMethod'),
  payment: Payment,
  /** When the customer agreed to the lab's terms and took note of its privacy statement. */
  termsAcceptedAt: z.iso.datetime({ error: 'checkout.error.terms' }),
});
export type Customer = z.infer<typeof Customer>;
/** The customer as the form holds it before it is checked. */
export type CustomerInput = z.input<typeof Customer>;
