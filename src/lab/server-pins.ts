import { z } from 'zod';

/**
 * A pin of the receiving server's public key: the SHA-256 of its DER SubjectPublicKeyInfo in
 * base64, written as curl's `--pinnedpubkey` and HPKP write it (`sha256//` + 44 characters).
 * `openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform der |
 * openssl dgst -sha256 -binary | base64` prints the part after `sha256//`.
 */
export const ServerPin = z
  .string()
  .regex(
    /^sha256\/\/[A-Za-z0-9+/]{43}=$/,
    'expected a public key pin "sha256//" followed by the base64 SHA-256 of the key (44 characters)',
  );

/**
 * The pins a lab configuration may carry: the server's current key and, for key rotation, one
 * or more backup keys. Any one of them must match the server's certificate.
 */
export const ServerPins = z
  .array(ServerPin)
  .min(1, 'name at least one pin, or leave serverPins out')
  .max(10, 'at most 10 pins');
