/**
 * The age payload: a 16-byte nonce, then ChaCha20-Poly1305 STREAM chunks of
 * 64 KiB plaintext each. The per-chunk nonce is an 11-byte big-endian counter
 * followed by a flag byte that is 1 only on the final chunk, which is what
 * makes truncation at a chunk boundary detectable.
 */
import { hkdf32, open, seal, sealParts, TAG_BYTES } from './primitives.js';

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
  nonce.writeBigUInt64BE(BigInt(index), 3);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Seals chunk `index`; returns ciphertext || tag. */
export function sealChunk(key: Buffer, index: number, plain: Uint8Array, last: boolean): Buffer {
  return seal(key, chunkNonce(index, last), plain);
}

/** Seals chunk `index` as [ciphertext, tag], for streams. */
export function sealChunkParts(
  key: Buffer,
  index: number,
  plain: Uint8Array,
  last: boolean,
): [Buffer, Buffer] {
  return sealParts(key, chunkNonce(index, last), plain);
}

/** Opens chunk `index`; null if the tag does not verify with this last flag. */
export function openChunk(
  key: Buffer,
  index: number,
  sealed: Uint8Array,
  last: boolean,
): Buffer | null {
  return open(key, chunkNonce(index, last), sealed);
}
