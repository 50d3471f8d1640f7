import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import { CHUNK_BYTES, SEALED_CHUNK_BYTES, type AgeEncryptor } from '../age';

/**
 * The age ciphertext of a file from any byte offset on, made afresh from the
 * plaintext: nothing encrypted is ever kept, on disk or in memory, and a
 * resumed upload sends exactly the bytes it would have sent the first time.
 */
export function openCiphertext(
  encryptor: AgeEncryptor,
  plainLength: number,
  openPlain: (start: number) => Readable,
  cipherOffset: number,
): Readable {
  const total = encryptor.encryptedLength(plainLength);
  if (cipherOffset < 0 || cipherOffset > total) {
    throw new RangeError(`offset ${cipherOffset} outside the encrypted file (${total} bytes)`);
  }
  // Everything was sent already (the server holds the whole file): nothing left to make.
  if (cipherOffset === total) return Readable.from([]);
  const firstChunkAt = encryptor.chunkOffset(0);
  const fromChunk =
    cipherOffset < firstChunkAt
      ? 0
      : Math.floor((cipherOffset - firstChunkAt) / SEALED_CHUNK_BYTES);
  const streamStart = fromChunk === 0 ? 0 : encryptor.chunkOffset(fromChunk);
  const encrypt = encryptor.encryptStream(plainLength, { fromChunk });
  const skip = skipBytes(cipherOffset - streamStart);
  return pipeline(openPlain(fromChunk * CHUNK_BYTES), encrypt, skip, () => {});
}

/** Drops the first `count` bytes of a stream. */
function skipBytes(count: number): Transform {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // The very chunk, not a view of it: the uploader gives it back for reuse (lent-buffers.ts).
      if (left === 0) return done(null, chunk);
      if (left >= chunk.length) {
        left -= chunk.length;
        return done();
      }
      const rest = chunk.subarray(left);
      left = 0;
      done(null, rest);
    },
  });
}
