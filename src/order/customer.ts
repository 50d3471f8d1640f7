import { z } from 'zod';

/**
 * The customer's personal data. It exists only from checkout on, in memory,
 * and leaves the machine only inside the order encrypted to the lab's key.
 * Messages are translation keys, so the form can show them in German or English.
 */
/** Countries the lab ships to. */
export const countries = ['DE', 'AT', 'NL', 'DK', 'FR', 'BE', 'LU', 'CH', 'PL'] as const;

export const Customer = z
  .object({
    name: z.string().trim().min(2, 'checkout.error.name').max(120, 'checkout.error.name'),
    street: z.string().trim().min(3, 'checkout.error.street').max(120, 'checkout.error.street'),
    postalCode: z.string().trim().min(3, 'checkout.error.postalCode').max(12),
    city: z.string().trim().min(2, 'checkout.error.city').max(80, 'checkout.error.city'),
    country: z.enum(countries),
    email: z.email('checkout.error.email').max(200),
  })
  .superRefine((c, ctx) => {
    if (!postalCodeFits(c.country, c.postalCode)) {
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'checkout.error.postalCode' });
    }
  });
export type Customer = z.infer<typeof Customer>;

/** Germany's postal codes are five digits; a typo here means a lost parcel. */
function postalCodeFits(country: string | undefined, postalCode: string): boolean {
  return country !== 'DE' || /^\d{5}$/.test(postalCode.trim());
}

/** Field name -> translation key of the first problem, for the checkout form. */
export function customerProblems(input: unknown): Partial<Record<keyof Customer, string>> {
  const draft = (typeof input === 'object' && input !== null ? input : {}) as Partial<Customer>;
  const result = Customer.safeParse(draft);
  if (result.success) return {};
  const problems: Partial<Record<keyof Customer, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as keyof Customer | undefined;
    if (field && !problems[field]) {
      problems[field] = issue.message.startsWith('checkout.')
        ? issue.message
        : 'checkout.error.invalid';
    }
  }
  // Zod checks the whole-object rule only once every field parses; the form wants it at once.
  if (!problems.postalCode && typeof draft.postalCode === 'string') {
    if (!postalCodeFits(draft.country, draft.postalCode))
      problems.postalCode = 'checkout.error.postalCode';
  }
  return problems;
}
