/**
 * Postal addresses as the lab prints them on its invoice and job sheet (DIN 5008 order): the
 * name, a supplement (c/o, floor), street and number, postal code and city, and for a parcel
 * abroad the country in capitals on the last line.
 */

/** The parts of an address the lab prints, from either manifest generation. */
export interface PostalAddress {
  name: string;
  supplement?: string;
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** German names of the countries the lab ships to, in capitals as the last address line. */
const COUNTRY_NAMES: Record<string, string> = {
  DE: 'DEUTSCHLAND',
  AT: 'ÖSTERREICH',
  CH: 'SCHWEIZ',
  BE: 'BELGIEN',
  BG: 'BULGARIEN',
  CY: 'ZYPERN',
  CZ: 'TSCHECHIEN',
  DK: 'DÄNEMARK',
  EE: 'ESTLAND',
  ES: 'SPANIEN',
  FI: 'FINNLAND',
  FR: 'FRANKREICH',
  GR: 'GRIECHENLAND',
  HR: 'KROATIEN',
  HU: 'UNGARN',
  IE: 'IRLAND',
  IT: 'ITALIEN',
  LT: 'LITAUEN',
  LU: 'LUXEMBURG',
  LV: 'LETTLAND',
  MT: 'MALTA',
  NL: 'NIEDERLANDE',
  PL: 'POLEN',
  PT: 'PORTUGAL',
  RO: 'RUMÄNIEN',
  SE: 'SCHWEDEN',
  SI: 'SLOWENIEN',
  SK: 'SLOWAKEI',
};

/** The country's German name in capitals (its code if the lab does not know it). */
export function countryName(code: string): string {
  return COUNTRY_NAMES[code] ?? code;
}

/**
 * The lines under the name, as printed from a lab in `home`: the country only when the address
 * lies abroad.
 */
export function addressLines(address: PostalAddress, home = 'DE'): string[] {
  return [
    ...(address.supplement ? [address.supplement] : []),
    address.street,
    `${address.postalCode} ${address.city}`,
    ...(address.country === home ? [] : [countryName(address.country)]),
  ];
}
