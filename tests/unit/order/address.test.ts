import { describe, expect, it } from 'vitest';
import {
  Address,
  countries,
  normalizePostalCode,
  postalCodeExample,
  postalCodeFits,
  streetHasHouseNumber,
} from '../../../src/order/address';

const bremen = {
  firstName: 'Anna',
  lastName: 'Schmidt',
  street: 'Am Wall 12',
  postalCode: '28195',
  city: 'Bremen',
  country: 'DE',
};

/** The first problem of each field, as the form shows it. */
function problems(input: unknown): Record<string, string> {
  const result = Address.safeParse(input);
  if (result.success) return {};
  const found: Record<string, string> = {};
  for (const issue of result.error.issues) found[issue.path.join('.')] ??= issue.message;
  return found;
}

describe('postal codes by country', () => {
  it.each([
    ['DE', '28195', '2819'],
    ['DE', '01067', '281950'],
    ['AT', '1010', '10100'],
    ['AT', '6020', '0123'],
    ['CH', '8001', '80011'],
    ['CZ', '110 00', '1100'],
    ['CZ', '11000', '110-00'],
    ['ES', '28001', '53001'],
    ['FR', '75001', '7500'],
    ['GR', '105 57', '1055'],
    ['IE', 'D02 X285', 'D02 X28'],
    ['IE', 'A65F4E2', 'B65 F4E2'],
    ['LU', 'L-1111', '11111'],
    ['LU', '1111', 'L1111'],
    ['LV', 'LV-1050', 'LV 1050'],
    ['LT', 'LT-01100', 'LT-0110'],
    ['MT', 'VLT 1117', 'VL 1117'],
    ['NL', '1012 AB', '1012 A'],
    ['NL', '1012ab', '0123 AB'],
    ['PL', '00-950', '00950'],
    ['PT', '1000-001', '1000'],
    ['RO', '010011', '01001'],
    ['SE', '111 22', '011 22'],
    ['SK', '811 01', '8110'],
  ] as const)('%s takes %s and refuses %s', (country, good, bad) => {
    expect(postalCodeFits(country, good)).toBe(true);
    expect(postalCodeFits(country, bad)).toBe(false);
  });

  it('has a rule and a valid example for every country offered', () => {
    expect(countries.slice(0, 3)).toEqual(['DE', 'AT', 'CH']);
    expect(countries).toHaveLength(28); // Switzerland and the 27 EU members
    for (const country of countries) {
      expect(postalCodeFits(country, postalCodeExample(country)), country).toBe(true);
    }
  });

  it('normalises what the customer typed: case, spaces at the ends and inside', () => {
    expect(normalizePostalCode('  1012   ab ')).toBe('1012 AB');
    expect(Address.parse({ ...bremen, country: 'NL', postalCode: ' 1012ab ' }).postalCode).toBe(
      '1012AB',
    );
  });

  it('names the postal code when it does not fit the country, and when it is missing', () => {
    expect(problems({ ...bremen, postalCode: '1010' })).toEqual({
      postalCode: 'checkout.error.postalCode.format',
    });
    expect(problems({ ...bremen, postalCode: '1010', country: 'AT', city: 'Wien' })).toEqual({});
    expect(problems({ ...bremen, postalCode: '   ' })).toEqual({
      postalCode: 'checkout.error.postalCode.required',
    });
  });
});

describe('street and house number', () => {
  it.each([
    'Am Wall 12',
    'Hauptstr. 5a',
    'Hauptstraße 5 a',
    'Kerkstraat 12-14',
    'Gasse 5/2/14',
    'Via Roma, 12',
    'Straße des 17. Juni 45',
    '12 rue de la Paix',
    '12, rue de la Paix',
    'Rue du Marché 3 bis',
    'Packstation 123',
  ])('takes "%s"', (street) => {
    expect(streetHasHouseNumber(street)).toBe(true);
  });

  it.each([
    'Am Wall',
    'Straße des 17. Juni',
    '12',
    'Hauptstraße 12345678',
    'Am Wall 12 Hinterhaus',
  ])('refuses "%s"', (street) => {
    expect(streetHasHouseNumber(street)).toBe(false);
  });

  it('says a missing house number in words of its own', () => {
    expect(problems({ ...bremen, street: 'Am Wall' })).toEqual({
      street: 'checkout.error.street.houseNumber',
    });
    expect(problems({ ...bremen, street: '' })).toEqual({
      street: 'checkout.error.street.required',
    });
  });
});

describe('names and city', () => {
  it('takes short names and names with accents, apostrophes and hyphens', () => {
    for (const [firstName, lastName] of [
      ['Li', 'Wu'],
      ['Zoë', "O'Neill"],
      ['Hans-Jürgen', 'Müller-Lüdenscheidt'],
      ['J', 'Ø'],
    ]) {
      expect(problems({ ...bremen, firstName, lastName }), `${firstName} ${lastName}`).toEqual({});
    }
  });

  it('says what is wrong: missing, digits, too long', () => {
    expect(problems({ ...bremen, firstName: ' ' })).toEqual({
      firstName: 'checkout.error.firstName.required',
    });
    expect(problems({ ...bremen, lastName: 'Schmidt2' })).toEqual({
      lastName: 'checkout.error.lastName.digits',
    });
    expect(problems({ ...bremen, lastName: 'S'.repeat(61) })).toEqual({
      lastName: 'checkout.error.lastName.tooLong',
    });
    expect(problems({ ...bremen, city: '28195' })).toEqual({
      city: 'checkout.error.city.digits',
    });
    expect(problems({ ...bremen, city: '' })).toEqual({ city: 'checkout.error.city.required' });
    expect(problems({ ...bremen, supplement: 'x'.repeat(71) })).toEqual({
      supplement: 'checkout.error.supplement.tooLong',
    });
  });

  it('takes an optional salutation and supplement, and refuses an unknown salutation', () => {
    expect(
      Address.parse({ ...bremen, salutation: 'mr', supplement: ' 3. OG links ' }),
    ).toMatchObject({ salutation: 'mr', supplement: '3. OG links' });
    expect(Address.safeParse({ ...bremen, salutation: 'dr' }).success).toBe(false);
  });

  it('refuses a country the lab does not ship to', () => {
    expect(Object.keys(problems({ ...bremen, country: 'US' }))).toEqual(['country']);
  });
});
