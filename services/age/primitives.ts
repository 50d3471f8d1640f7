/** Thin wrappers over node:crypto for the few primitives age uses. */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';

/**
 * A ChaCha20-Poly1305 key: raw bytes, or a KeyObject made once, which spares each of a file's
 * many cipher objects (one a chunk) from importing the key again.
 */
export type AeadKey = Uint8Array | KeyObject;

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

/**
 * ChaCha20-Poly1305 seal into `out` at `at`: ciphertext then tag. Streams seal
 * many chunks into one buffer, so each read becomes one write downstream.
 * node:crypto has no way to re-nonce a cipher, so each seal makes a cipher
 * object; measured, that costs a small part of the cipher work itself.
 */
export function sealInto(
  key: AeadKey,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  out: Buffer,
  at: number,
): void {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
  const body = cipher.update(plaintext);
  body.copy(out, at);
  cipher.final();
  cipher.getAuthTag().copy(out, at + body.length);
}

/**
 * ChaCha20-Poly1305 open of ciphertext || tag. Returns null when the tag does
 * not verify; the plaintext is only returned after `final()` has checked it.
 */
export function open(key: AeadKey, nonce: Uint8Array, sealed: Uint8Array): Buffer | null {
  if (sealed.length < TAG_BYTES) return null;
  const out = Buffer.allocUnsafe(sealed.length - TAG_BYTES);
  return openInto(key, nonce, sealed, out, 0) ? out : null;
}

/**
 * ChaCha20-Poly1305 open of ciphertext || tag into `out` at `at`. Returns
 * false when the tag does not verify; `out` is written only after `final()`
 * has checked the tag, so it never holds unauthenticated plaintext.
 */
export function openInto(
  key: AeadKey,
  nonce: Uint8Array,
  sealed: Uint8Array,
  out: Buffer,
  at: number,
): boolean {
  if (sealed.length < TAG_BYTES) return false;
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const body = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  try {
    decipher.final();
  } catch {
    return false;
  }
  body.copy(out, at);
  return true;
}
