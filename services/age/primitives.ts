/** Thin wrappers over node:crypto for the few primitives age uses. */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

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
export function seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Buffer {
  return Buffer.concat(sealParts(key, nonce, plaintext));
}

/**
 * ChaCha20-Poly1305 seal as [ciphertext, tag], uncopied: a stream can push
 * both, sparing a 64 KiB copy and allocation per chunk on the hot path.
 */
export function sealParts(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
): [Buffer, Buffer] {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
  const body = cipher.update(plaintext);
  cipher.final();
  return [body, cipher.getAuthTag()];
}

/**
 * ChaCha20-Poly1305 open of ciphertext || tag. Returns null when the tag does
 * not verify; the plaintext is only returned after `final()` has checked it.
 */
export function open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Buffer | null {
  if (sealed.length < TAG_BYTES) return null;
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const body = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  try {
    decipher.final();
  } catch {
    return null;
  }
  return body;
}
