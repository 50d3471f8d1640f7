import { scrypt } from 'node:crypto';
import { LOOKUP_KDF, lookupSalt, normaliseEmail } from '../../src/contract/order-status';

/**
 * The customer's lookup key for one order (src/contract/order-status.ts): scrypt over the
 * normalised email, salted with the order id, base64url. Made on the customer's machine, so the
 * email itself never reaches the receiving server; about 0.1 s and 32 MiB, off the main thread.
 */
export function deriveLookupKey(email: string, orderId: string): Promise<string> {
  const { N, r, p, keyBytes } = LOOKUP_KDF;
  return new Promise((resolve, reject) => {
    scrypt(
      normaliseEmail(email),
      lookupSalt(orderId),
      keyBytes,
      // Node's default maxmem (32 MiB) is exactly what N=2^15, r=8 needs, and it wants more.
      { N, r, p, maxmem: 256 * N * r },
      (err, key) => (err ? reject(err) : resolve(key.toString('base64url'))),
    );
  });
}
