/**
 * age encryption in constant memory with a length known before the first
 * byte: the upload must announce Upload-Length, and must be able to resume by
 * regenerating byte-identical ciphertext from any chunk.
 */
import { randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AgeError } from './errors.js';
import { buildHeader, MAX_STANZAS, parseHeader, verifyHeaderMac } from './format.js';
import { parseRecipient } from './keys.js';
import {
  CHUNK_BYTES,
  chunkCount,
  PAYLOAD_NONCE_BYTES,
  payloadKey,
  SEALED_CHUNK_BYTES,
  sealChunkParts,
  sealedPayloadLength,
} from './payload.js';
import { wrapFileKey } from './x25519.js';

const FILE_KEY_BYTES = 16;

/**
 * Everything needed to regenerate a file's ciphertext exactly. The file key
 * decrypts the file: keep these only where the plaintext may also be kept
 * (e.g. the OS keychain), and drop them once the upload is complete.
 */
export interface AgeSecrets {
  readonly fileKey: Buffer;
  readonly payloadNonce: Buffer;
  /** The complete header, MAC line included. */
  readonly header: Buffer;
}

/** Options for {@link AgeEncryptor.encryptStream}. */
export interface EncryptStreamOptions {
  /**
   * Resume at this chunk: the input is the plaintext from byte
   * `fromChunk * 65536` to the end, and the output is the ciphertext from
   * `chunkOffset(fromChunk)` to the end (no header or nonce unless 0).
   */
  readonly fromChunk?: number;
}

/** An encryption of one file, with its header and keys already fixed. */
export interface AgeEncryptor {
  /** The complete header, MAC line included. */
  readonly header: Buffer;
  /** See {@link AgeSecrets}; pass to {@link restoreAgeEncryptor} to resume. */
  readonly secrets: AgeSecrets;
  /** Total age file length for a plaintext of `plainLength` bytes. */
  encryptedLength(plainLength: number): number;
  /** Byte offset in the age file where chunk `index`'s ciphertext starts. */
  chunkOffset(index: number): number;
  /**
   * Transform: exactly `plainLength` plaintext bytes in, the age file out.
   * Errors if the input is longer or shorter, because the final chunk carries
   * the last-chunk flag and so must be known to be last.
   */
  encryptStream(plainLength: number, options?: EncryptStreamOptions): Transform;
  /**
   * Seals one payload chunk: `plain` is plaintext bytes
   * `[index * 65536, index * 65536 + plain.length)`; it must be 65536 bytes
   * unless `isLast`, and only chunk 0 of an empty file may be empty. Returns
   * the `plain.length + 16` bytes found at `chunkOffset(index)` in the file.
   */
  encryptChunk(index: number, plain: Uint8Array, isLast: boolean): Buffer;
}

function checkLength(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad plaintext length ${n}`);
}

class Encryptor implements AgeEncryptor {
  readonly #key: Buffer;
  readonly #prefix: Buffer;

  constructor(readonly secrets: AgeSecrets) {
    this.#key = payloadKey(secrets.fileKey, secrets.payloadNonce);
    this.#prefix = Buffer.concat([secrets.header, secrets.payloadNonce]);
  }

  get header(): Buffer {
    return this.secrets.header;
  }

  encryptedLength(plainLength: number): number {
    checkLength(plainLength);
    return this.#prefix.length + sealedPayloadLength(plainLength);
  }

  chunkOffset(index: number): number {
    checkLength(index);
    return this.#prefix.length + index * SEALED_CHUNK_BYTES;
  }

  encryptChunk(index: number, plain: Uint8Array, isLast: boolean): Buffer {
    return Buffer.concat(this.#chunkParts(index, plain, isLast));
  }

  #chunkParts(index: number, plain: Uint8Array, isLast: boolean): [Buffer, Buffer] {
    const ok = isLast
      ? plain.length <= CHUNK_BYTES && (plain.length > 0 || index === 0)
      : plain.length === CHUNK_BYTES;
    if (!ok) {
      throw new RangeError(`chunk ${index}: ${plain.length} bytes is invalid (last: ${isLast})`);
    }
    return sealChunkParts(this.#key, index, plain, isLast);
  }

  encryptStream(plainLength: number, options: EncryptStreamOptions = {}): Transform {
    checkLength(plainLength);
    const fromChunk = options.fromChunk ?? 0;
    if (!Number.isSafeInteger(fromChunk) || fromChunk < 0 || fromChunk >= chunkCount(plainLength)) {
      throw new RangeError(`fromChunk ${fromChunk} is outside the file`);
    }
    return new EncryptTransform(
      (index, plain, isLast) => this.#chunkParts(index, plain, isLast),
      fromChunk === 0 ? this.#prefix : null,
      fromChunk,
      chunkCount(plainLength) - 1,
      plainLength - fromChunk * CHUNK_BYTES,
    );
  }
}

/** Cuts the plaintext into 64 KiB chunks; holds at most one chunk. */
class EncryptTransform extends Transform {
  readonly #pending = Buffer.allocUnsafe(CHUNK_BYTES);
  #fill = 0;
  #seen = 0;

  constructor(
    private readonly sealChunk: (index: number, plain: Uint8Array, isLast: boolean) => Buffer[],
    private prefix: Buffer | null,
    private index: number,
    private readonly lastIndex: number,
    private readonly expected: number,
  ) {
    super();
  }

  #pushPrefix(): void {
    if (this.prefix) this.push(this.prefix);
    this.prefix = null;
  }

  #seal(plain: Buffer): void {
    // The final chunk is sealed only in _flush, once the length is confirmed.
    for (const part of this.sealChunk(this.index++, plain, false)) this.push(part);
  }

  override _transform(data: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.#pushPrefix();
    this.#seen += data.length;
    if (this.#seen > this.expected) {
      done(new AgeError('LENGTH_MISMATCH', `input is longer than the declared length`));
      return;
    }
    let off = 0;
    while (off < data.length) {
      const notLast = this.index !== this.lastIndex;
      if (this.#fill === 0 && notLast && data.length - off >= CHUNK_BYTES) {
        // Fast path: seal straight from the input without copying.
        this.#seal(data.subarray(off, off + CHUNK_BYTES));
        off += CHUNK_BYTES;
        continue;
      }
      const take = Math.min(CHUNK_BYTES - this.#fill, data.length - off);
      data.copy(this.#pending, this.#fill, off, off + take);
      this.#fill += take;
      off += take;
      if (this.#fill === CHUNK_BYTES && notLast) {
        this.#seal(this.#pending);
        this.#fill = 0;
      }
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.#pushPrefix();
    if (this.#seen !== this.expected) {
      done(
        new AgeError(
          'LENGTH_MISMATCH',
          `input ended after ${this.#seen} of ${this.expected} declared bytes`,
        ),
      );
      return;
    }
    const last = this.sealChunk(this.index, this.#pending.subarray(0, this.#fill), true);
    for (const part of last) this.push(part);
    done();
  }
}

/** Starts a new encryption to the given `age1...` recipients (fresh file key and nonce). */
export function createAgeEncryptor(recipients: string[]): AgeEncryptor {
  if (recipients.length === 0) throw new AgeError('INVALID_KEY', 'no recipients given');
  if (recipients.length > MAX_STANZAS) {
    // Decryptors (ours included) refuse headers with more stanzas.
    throw new AgeError('TOO_MANY_RECIPIENTS', `at most ${MAX_STANZAS} recipients`);
  }
  const publicKeys = recipients.map(parseRecipient);
  const fileKey = randomBytes(FILE_KEY_BYTES);
  const header = buildHeader(
    fileKey,
    publicKeys.map((pk) => wrapFileKey(fileKey, pk)),
  );
  return new Encryptor({ fileKey, payloadNonce: randomBytes(PAYLOAD_NONCE_BYTES), header });
}

/**
 * Recreates an encryptor from saved secrets so a resumed upload produces the
 * same bytes. Checks that the header's MAC matches the file key, so secrets
 * from two different files cannot be mixed into an undecryptable upload.
 */
export function restoreAgeEncryptor(secrets: AgeSecrets): AgeEncryptor {
  if (secrets.fileKey.length !== FILE_KEY_BYTES) throw new RangeError('file key must be 16 bytes');
  if (secrets.payloadNonce.length !== PAYLOAD_NONCE_BYTES) {
    throw new RangeError('payload nonce must be 16 bytes');
  }
  verifyHeaderMac(secrets.fileKey, parseHeader(secrets.header));
  return new Encryptor({
    fileKey: Buffer.from(secrets.fileKey),
    payloadNonce: Buffer.from(secrets.payloadNonce),
    header: Buffer.from(secrets.header),
  });
}

/** Encrypts a whole buffer in memory; for small data such as the order manifest. */
export function encryptBuffer(data: Uint8Array, recipients: string[]): Buffer {
  const enc = createAgeEncryptor(recipients);
  const count = chunkCount(data.length);
  const parts = [enc.header, enc.secrets.payloadNonce];
  for (let i = 0; i < count; i++) {
    const chunk = data.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES);
    parts.push(enc.encryptChunk(i, chunk, i === count - 1));
  }
  return Buffer.concat(parts);
}
