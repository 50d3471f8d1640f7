import { z } from 'zod';
import {
  ValidationErrorsIBAN,
  electronicFormatIBAN,
  friendlyFormatIBAN,
  isSEPACountry,
  isValidBIC,
  validateIBAN,
} from 'ibantools';

/**
 * How the customer pays. The app itself takes only methods it can check without a third party:
 * an invoice, or a SEPA direct debit mandate (holder, IBAN, optional BIC). Card, PayPal and the
 * like go through the lab's payment provider: the app will hand over to the provider's own page
 * and carry back only the provider's reference (`ProviderPayment`, not offered yet), never a
 * card number. Messages are translation keys (src/i18n).
 */

/** The IBAN as banks store it: no spaces, upper case (`DE89370400440532013000`). */
export function normalizeIban(iban: string): string {
  return electronicFormatIBAN(iban) ?? '';
}

/** The IBAN in groups of four, as printed on a bank card, for reading it back to the customer. */
export function formatIban(iban: string): string {
  return friendlyFormatIBAN(normalizeIban(iban)) ?? iban;
}

/** The IBAN's last four characters, the most a page may show once it is entered. */
export function maskIban(iban: string): string {
  const normal = normalizeIban(iban);
  return `•••• ${normal.slice(-4)}`;
}

/**
 * Why an IBAN can't be taken, as a translation key; undefined when it can. Each says what is
 * wrong: no country, the country's length, a mistyped digit (checksum), or a country outside SEPA.
 */
export function ibanProblem(iban: string): string | undefined {
  const normal = normalizeIban(iban);
  if (normal === '') return 'checkout.error.iban.required';
  const result = validateIBAN(normal);
  if (result.valid) {
    return isSEPACountry(normal.slice(0, 2)) ? undefined : 'checkout.error.iban.notSepa';
  }
  const errors = new Set(result.errorCodes);
  if (errors.has(ValidationErrorsIBAN.NoIBANCountry)) return 'checkout.error.iban.country';
  if (errors.has(ValidationErrorsIBAN.WrongBBANLength)) return 'checkout.error.iban.length';
  // A letter where the country has digits fails the checksum too; the format says more.
  if (errors.has(ValidationErrorsIBAN.WrongBBANFormat)) return 'checkout.error.iban.format';
  if (
    errors.has(ValidationErrorsIBAN.WrongIBANChecksum) ||
    errors.has(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)
  ) {
    return 'checkout.error.iban.checksum';
  }
  return 'checkout.error.iban.format';
}

/** The BIC as banks write it: upper case, no spaces. */
export function normalizeBic(bic: string): string {
  return bic.replace(/\s+/g, '').toUpperCase();
}

/**
 * A SEPA mandate reference: up to 35 of the characters SEPA allows. The app makes one when the
 * customer chooses direct debit and shows it with the mandate text, so the customer knows it
 * before agreeing (the lab names it again with the first debit).
 */
export const MandateReference = z.string().regex(/^[A-Za-z0-9+?/:().,' -]{1,35}$/);

export const InvoicePayment = z.object({ method: z.literal('invoice') });

export const SepaPayment = z.object({
  method: z.literal('sepa'),
  /** Account holder as the bank knows them (SEPA allows 70 characters). */
  holder: z
    .string()
    .trim()
    .min(1, 'checkout.error.holder.required')
    .max(70, 'checkout.error.holder.tooLong')
    .refine((v) => /\p{L}/u.test(v), 'checkout.error.holder.required'),
  /** Electronic format: no spaces, upper case; checked (country, length, checksum, SEPA). */
  iban: z
    .string()
    .transform(normalizeIban)
    .superRefine((iban, ctx) => {
      const problem = ibanProblem(iban);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Optional: within SEPA the IBAN suffices; when given it must be a well-formed BIC. */
  bic: z
    .string()
    .transform(normalizeBic)
    .refine((bic) => bic === '' || isValidBIC(bic), 'checkout.error.bic.format')
    .transform((bic) => (bic === '' ? undefined : bic))
    .optional(),
  /**
   * The mandate the customer accepted at checkout: `accepted` is always true (an order without
   * it is refused), `reference` the mandate reference they were shown, `acceptedAt` when.
   */
  mandate: z.object({
    accepted: z.literal(true, 'checkout.error.mandate.required'),
    reference: MandateReference,
    acceptedAt: z.iso.datetime({ error: 'checkout.error.mandate.required' }),
  }),
});

/**
 * The place for the lab's payment provider (card, PayPal, ...): the app sends the customer to
 * the provider and keeps only the provider's id and its reference of the payment. Not offered
 * yet: it is here so the contract and the manifest have a place for it that is not a card field.
 */
export const ProviderPayment = z.object({
  method: z.literal('provider'),
  /** Which provider, as the lab configuration names it. */
  provider: z.string().regex(/^[a-z0-9-]{1,40}$/),
  /** The provider's reference of the authorised payment: nothing a card could be read from. */
  reference: z.string().min(1).max(200),
});

/** The payment methods the app offers today; `ProviderPayment` joins this list when offered. */
export const Payment = z.discriminatedUnion('method', [InvoicePayment, SepaPayment]);
export type Payment = z.infer<typeof Payment>;
export type PaymentMethod = Payment['method'];
export const paymentMethods: readonly PaymentMethod[] = ['invoice', 'sepa'];
