/**
 * Thin wrappers over node:crypto and libsodium (sodium-native) for the few primitives age uses.
 * ChaCha20-Poly1305 is libsodium's: it seals into and opens into buffers the caller owns, where
 * node:crypto makes a cipher object and a fresh output buffer for each 64 KiB chunk. On these
 * machines fresh pages cost more than the cipher work (lent-buffers.ts), and the per-chunk
 * objects were a third of the time (measured: 1 GiB sealed in 64 KiB chunks, node:crypto
 * 1.02 to 1.06 s, libsodium 0.75 to 0.82 s, both on one core).
 */
import { createHmac, hkdfSync } from 'node:crypto';
import sodium from 'sodium-native';

/** A ChaCha20-Poly1305 key: 32 raw bytes. */
export type AeadKey = Uint8Array;

/** ChaCha20-Poly1305 tag length; age always uses the full 16 bytes. */
export const TAG_BYTES = 16;

/** HKDF-SHA256 with a 32-byte output, as every age key derivation uses. */
export function hkdf32(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
}

/** HMAC-SHA256. */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** ChaCha20-Poly1305 seal: returns ciphertext || tag. */
export function seal(key: AeadKey, nonce: Uint8Array, plaintext: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(plaintext.length + TAG_BYTES);
  sealInto(key, nonce, plaintext, out, 0);
  return out;
}

/** ChaCha20-Poly1305 seal into `out` at `at`: ciphertext then tag. */
export function sealInto(
  key: AeadKey,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  out: Buffer,
  at: number,
): void {
  const sealed = out.subarray(at, at + plaintext.length + TAG_BYTES);
  sodium.crypto_aead_chacha20poly1305_ietf_encrypt(sealed, plaintext, null, null, nonce, key);
}

/**
 * ChaCha20-Poly1305 open of ciphertext || tag. Returns null when the tag does
 * not verify; libsodium checks the tag before it decrypts anything.
 */
export function open(key: AeadKey, nonce: Uint8Array, sealed: Uint8Array): Buffer | null {
  if (sealed.length < TAG_BYTES) return null;
  const out = Buffer.allocUnsafe(sealed.length - TAG_BYTES);
  return openInto(key, nonce, sealed, out, 0) ? out : null;
}

/**
 * ChaCha20-Poly1305 open of ciphertext || tag into `out` at `at`. Returns
 * false when the tag does not verify: libsodium checks the tag first and then
 * zeroes that part of `out`, so it never holds unauthenticated plaintext.
 */
export function openInto(
  key: AeadKey,
  nonce: Uint8Array,
  sealed: Uint8Array,
  out: Buffer,
  at: number,
): boolean {
  if (sealed.length < TAG_BYTES) return false;
  const plain = out.subarray(at, at + sealed.length - TAG_BYTES);
  try {
    sodium.crypto_aead_chacha20poly1305_ietf_decrypt(plain, null, sealed, null, nonce, key);
    return true;
  } catch {
    return false;
  }
}
