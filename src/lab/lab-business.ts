import { z } from 'zod';

/**
 * What the lab's invoices need beyond the seller the checkout configuration names (its name,
 * address and SEPA creditor id live in `checkout`, checkout-config.ts): the tax number or VAT id
 * (§ 14 Abs. 4 Nr. 2 UStG), the register entry, and the payment terms. Public data, as on the
 * lab's imprint, so it may ship in the app's lab configuration.
 */
export const LabBusiness = z
  .object({
    /** Umsatzsteuer-Identifikationsnummer, e.g. DE123456789. */
    vatId: z
      .string()
      .regex(/^[A-Z]{2}[0-9A-Z+*]{2,12}$/, 'expected a VAT id such as DE123456789')
      .optional(),
    /** Steuernummer from the tax office, e.g. 60/145/12345. */
    taxNumber: z
      .string()
      .regex(/^[0-9/ ]{10,16}$/, 'expected a tax number such as 60/145/12345')
      .optional(),
    /** Commercial register entry, as the imprint writes it. */
    register: z.string().min(1).max(120).optional(),
    /** Where invoice orders pay to: named on the invoice with the payment term. */
    bank: z
      .object({
        name: z.string().min(1).max(70),
        iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'expected an IBAN without spaces'),
        bic: z
          .string()
          .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/)
          .optional(),
      })
      .optional(),
    /** Days an invoice order has to pay, from the invoice date. */
    paymentTermDays: z.number().int().min(0).max(90),
    /**
     * Days between the invoice (which is the debit's pre-notification) and the SEPA debit; the
     * lab's terms agree on this shorter notice than SEPA's default of 14 days.
     */
    sepaNoticeDays: z.number().int().min(1).max(30),
  })
  .refine((b) => b.vatId !== undefined || b.taxNumber !== undefined, {
    error: 'an invoice needs the tax number or the VAT id (vatId or taxNumber)',
  });
export type LabBusiness = z.infer<typeof LabBusiness>;
