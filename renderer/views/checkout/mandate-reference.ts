/** Letters and digits that can't be misread for one another (no I, L, O, U). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new SEPA mandate reference, `PDM-` and 12 random characters: unique enough for one lab's
 * mandates, and made before ordering so the customer reads it with the mandate they give.
 */
export function newMandateReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `PDM-${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}
