import { z } from 'zod';

/**
 * A postal address as the customer types it at checkout, checked the way a parcel service would:
 * a street with a house number, the destination country's postal code format. A typo caught here
 * is a parcel that does not come back. Messages are translation keys (src/i18n).
 */

/** Countries the lab ships to: Germany, Austria, Switzerland, then the rest of the EU (A-Z). */
export const countries = [
  'DE',
  'AT',
  'CH',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;
export const Country = z.enum(countries);
export type Country = z.infer<typeof Country>;

/**
 * Each country's postal code as its post office writes it, and an example for the error message.
 * Input is compared upper case with runs of spaces made one; the optional country prefixes
 * (LT-, LU L-, LV-) and the optional space or dash where people leave them out are accepted.
 */
const postalCodeRules: Record<Country, { pattern: RegExp; example: string }> = {
  DE: { pattern: /^\d{5}$/, example: '28195' },
  AT: { pattern: /^[1-9]\d{3}$/, example: '1010' },
  CH: { pattern: /^[1-9]\d{3}$/, example: '8001' },
  BE: { pattern: /^[1-9]\d{3}$/, example: '1000' },
  BG: { pattern: /^[1-9]\d{3}$/, example: '1000' },
  CY: { pattern: /^\d{4}$/, example: '1010' },
  CZ: { pattern: /^\d{3} ?\d{2}$/, example: '110 00' },
  DK: { pattern: /^[1-9]\d{3}$/, example: '1050' },
  EE: { pattern: /^\d{5}$/, example: '10111' },
  // Spanish codes start with the province number, 01 to 52.
  ES: { pattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, example: '28001' },
  FI: { pattern: /^\d{5}$/, example: '00100' },
  FR: { pattern: /^\d{5}$/, example: '75001' },
  GR: { pattern: /^\d{3} ?\d{2}$/, example: '105 57' },
  HR: { pattern: /^[1-5]\d{4}$/, example: '10000' },
  HU: { pattern: /^[1-9]\d{3}$/, example: '1051' },
  // Eircode: a routing key (letter, two digits, or D6W) and a four-character unique identifier.
  IE: { pattern: /^([AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$/, example: 'D02 X285' },
  IT: { pattern: /^\d{5}$/, example: '00184' },
  LT: { pattern: /^(LT-)?\d{5}$/, example: 'LT-01100' },
  LU: { pattern: /^(L-)?\d{4}$/, example: 'L-1111' },
  LV: { pattern: /^(LV-)?\d{4}$/, example: 'LV-1050' },
  MT: { pattern: /^[A-Z]{3} ?\d{4}$/, example: 'VLT 1117' },
  NL: { pattern: /^[1-9]\d{3} ?[A-Z]{2}$/, example: '1012 AB' },
  PL: { pattern: /^\d{2}-\d{3}$/, example: '00-950' },
  PT: { pattern: /^\d{4}-\d{3}$/, example: '1000-001' },
  RO: { pattern: /^\d{6}$/, example: '010011' },
  SE: { pattern: /^[1-9]\d{2} ?\d{2}$/, example: '111 22' },
  SI: { pattern: /^(SI-)?[1-9]\d{3}$/, example: '1000' },
  SK: { pattern: /^\d{3} ?\d{2}$/, example: '811 01' },
};

/** How postal codes are compared: upper case, no space at the ends, single spaces inside. */
export function normalizePostalCode(postalCode: string): string {
  return postalCode.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** Whether `postalCode` is written the way the post of `country` writes its codes. */
export function postalCodeFits(country: Country, postalCode: string): boolean {
  return postalCodeRules[country].pattern.test(normalizePostalCode(postalCode));
}

/** An example postal code of the country, for the error message ("z. B. 1010"). */
export function postalCodeExample(country: Country): string {
  return postalCodeRules[country].example;
}

/**
 * Whether a street line carries a house number: a number at the end ("Am Wall 12", "Hauptstr.
 * 5a", "Kerkstraat 12-14", Austrian "Gasse 5/2/14", "Via Roma, 12") or at the start as in
 * France, Belgium, Luxembourg and Ireland ("12 rue de la Paix", "12, rue ..."). A number inside
 * the name alone ("Straße des 17. Juni") is not one.
 */
export function streetHasHouseNumber(street: string): boolean {
  const line = street.trim().replace(/\s+/g, ' ');
  if (!/\p{L}{2}/u.test(line)) return false;
  const numberAtEnd =
    /(^|[\s,])\d{1,5} ?[a-zA-Z]{0,2}( ?[-/] ?\d{1,5} ?[a-zA-Z]{0,2})*( (bis|ter))?$/i;
  const numberAtStart = /^\d{1,5} ?[a-zA-Z]?( ?- ?\d{1,5}[a-zA-Z]?)?,? \p{L}/u;
  return numberAtEnd.test(line) || numberAtStart.test(line);
}

/** A name, a city: letters needed, digits a sign of a slip into the wrong field. */
function words(key: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `${key}.required`)
    .max(max, `${key}.tooLong`)
    .refine((v) => !/\d/.test(v), `${key}.digits`)
    .refine((v) => /\p{L}/u.test(v), `${key}.required`);
}

/** Salutation for letters and the invoice; optional, and nothing else is derived from it. */
export const Salutation = z.enum(['ms', 'mr']);
export type Salutation = z.infer<typeof Salutation>;

/**
 * One postal address: where the parcel goes, or where the invoice goes. The lab prints it as
 * `[salutation] firstName lastName` / `street` / `supplement` / `postalCode city` / country.
 */
export const Address = z
  .object({
    /** `ms` (Frau) or `mr` (Herr); absent when the customer chose none. */
    salutation: Salutation.optional(),
    firstName: words('checkout.error.firstName', 60),
    lastName: words('checkout.error.lastName', 60),
    /** Street and house number in one line, as the customer wrote them. */
    street: z
      .string()
      .trim()
      .min(1, 'checkout.error.street.required')
      .max(70, 'checkout.error.street.tooLong')
      .refine(streetHasHouseNumber, 'checkout.error.street.houseNumber'),
    /** c/o, floor, flat, company: a second address line, optional. */
    supplement: z.string().trim().max(70, 'checkout.error.supplement.tooLong').optional(),
    /** As the customer typed it, normalised (upper case, single spaces); checked by country. */
    postalCode: z
      .string()
      .trim()
      .min(1, 'checkout.error.postalCode.required')
      .max(12, 'checkout.error.postalCode.format')
      .transform(normalizePostalCode),
    city: words('checkout.error.city', 60),
    /** ISO 3166-1 alpha-2, one of `countries`. */
    country: Country,
  })
  .superRefine((address, ctx) => {
    if (!postalCodeFits(address.country, address.postalCode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: 'checkout.error.postalCode.format',
      });
    }
  });
export type Address = z.infer<typeof Address>;
