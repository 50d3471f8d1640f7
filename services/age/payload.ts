/**
 * The age payload: a 16-byte nonce, then ChaCha20-Poly1305 STREAM chunks of
 * 64 KiB plaintext each. The per-chunk nonce is an 11-byte big-endian counter
 * followed by a flag byte that is 1 only on the final chunk, which is what
 * makes truncation at a chunk boundary detectable.
 */
import { hkdf32, open, openInto, seal, sealInto, TAG_BYTES, type AeadKey } from './primitives.js';

/** Plaintext bytes per payload chunk. */
export const CHUNK_BYTES = 64 * 1024;
/** Ciphertext bytes of a full chunk (plaintext plus tag). */
export const SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES;
/** Length of the random nonce between header and payload. */
export const PAYLOAD_NONCE_BYTES = 16;

/** Number of chunks for a plaintext length; an empty file still has one (empty, final) chunk. */
export function chunkCount(plainLength: number): number {
  return Math.max(1, Math.ceil(plainLength / CHUNK_BYTES));
}

/** Payload bytes after the nonce: the plaintext plus one tag per chunk. */
export function sealedPayloadLength(plainLength: number): number {
  return plainLength + TAG_BYTES * chunkCount(plainLength);
}

/** The payload key: HKDF-SHA256(ikm = file key, salt = payload nonce, info = "payload"). */
export function payloadKey(fileKey: Uint8Array, payloadNonce: Uint8Array): Buffer {
  return hkdf32(fileKey, payloadNonce, 'payload');
}

function chunkNonce(index: number, last: boolean): Buffer {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`bad chunk index ${index}`);
  const nonce = Buffer.alloc(12);
  // Bytes 0..2 stay zero: a safe integer fits the low 8 of the 11 counter bytes.
  nonce.writeUInt32BE(Math.floor(index / 2 ** 32), 3);
  nonce.writeUInt32BE(index >>> 0, 7);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Seals chunk `index`; returns ciphertext || tag. */
export function sealChunk(key: AeadKey, index: number, plain: Uint8Array, last: boolean): Buffer {
  return seal(key, chunkNonce(index, last), plain);
}

/** Seals chunk `index` into `out` at `at` (`plain.length + 16` bytes). */
export function sealChunkInto(
  key: AeadKey,
  index: number,
  plain: Uint8Array,
  last: boolean,
  out: Buffer,
  at: number,
): void {
  sealInto(key, chunkNonce(index, last), plain, out, at);
}

/** Opens chunk `index`; null if the tag does not verify with this last flag. */
export function openChunk(
  key: AeadKey,
  index: number,
  sealed: Uint8Array,
  last: boolean,
): Buffer | null {
  return open(key, chunkNonce(index, last), sealed);
}

/** Opens chunk `index` into `out` at `at`; false (and `out` untouched) if the tag does not verify. */
export function openChunkInto(
  key: AeadKey,
  index: number,
  sealed: Uint8Array,
  last: boolean,
  out: Buffer,
  at: number,
): boolean {
  return openInto(key, chunkNonce(index, last), sealed, out, at);
}
