import { z } from 'zod';

/**
 * The lab as a business: what its invoices must name (§ 14 Abs. 4 UStG: full name and address,
 * tax number or VAT id) and what its SEPA direct debits need (the creditor identifier). Public
 * data, the same as on the lab's imprint; it may ship in the app's lab configuration.
 */
export const LabBusiness = z
  .object({
    /** The full legal name, with its legal form ("Photo Dose GmbH"). */
    legalName: z.string().trim().min(2).max(120),
    street: z.string().trim().min(3).max(120),
    postalCode: z.string().trim().min(3).max(12),
    city: z.string().trim().min(2).max(80),
    /** ISO 3166-1 alpha-2. */
    country: z.string().regex(/^[A-Z]{2}$/),
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
    /** Gläubiger-Identifikationsnummer for SEPA direct debits, e.g. DE98ZZZ09999999999. */
    creditorId: z
      .string()
      .regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/, 'expected a SEPA creditor id')
      .optional(),
    email: z.email().optional(),
    /** Commercial register entry, as the imprint writes it. */
    register: z.string().min(1).max(120).optional(),
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
