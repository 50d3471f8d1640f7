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
  sealChunkInto,
  sealedPayloadLength,
} from './payload.js';
import { wrapFileKey } from './x25519.js';
import { giveBack, LendingPool, shelve, takeMemory } from '../streams/lent-buffers.js';

const FILE_KEY_BYTES = 16;
/**
 * Plaintext gathered before sealing when the input comes in small pieces, so
 * each push downstream carries many chunks (one write, not two per chunk).
 */
const BATCH_BYTES = 16 * CHUNK_BYTES;
/**
 * Room for the header in front of the first sealed batch, so it goes out in the same buffer:
 * pushed alone, it sat in the stream beside that batch, and a reader taking everything waiting
 * (Readable's async iterator) got both joined into a fresh buffer, the lent one never given back.
 */
const HEADER_ROOM = 1024;

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
    const out = Buffer.allocUnsafe(plain.length + SEALED_CHUNK_BYTES - CHUNK_BYTES);
    this.#sealInto(index, plain, isLast, out, 0);
    return out;
  }

  #sealInto(index: number, plain: Uint8Array, isLast: boolean, out: Buffer, at: number): void {
    const ok = isLast
      ? plain.length <= CHUNK_BYTES && (plain.length > 0 || index === 0)
      : plain.length === CHUNK_BYTES;
    if (!ok) {
      throw new RangeError(`chunk ${index}: ${plain.length} bytes is invalid (last: ${isLast})`);
    }
    sealChunkInto(this.#key, index, plain, isLast, out, at);
  }

  encryptStream(plainLength: number, options: EncryptStreamOptions = {}): Transform {
    checkLength(plainLength);
    const fromChunk = options.fromChunk ?? 0;
    if (!Number.isSafeInteger(fromChunk) || fromChunk < 0 || fromChunk >= chunkCount(plainLength)) {
      throw new RangeError(`fromChunk ${fromChunk} is outside the file`);
    }
    return new EncryptTransform(
      (index, plain, isLast, out, at) => this.#sealInto(index, plain, isLast, out, at),
      fromChunk === 0 ? this.#prefix : null,
      fromChunk,
      chunkCount(plainLength) - 1,
      plainLength - fromChunk * CHUNK_BYTES,
    );
  }
}

type SealInto = (
  index: number,
  plain: Uint8Array,
  isLast: boolean,
  out: Buffer,
  at: number,
) => void;

/**
 * Cuts the plaintext into 64 KiB chunks and seals all the chunks one input
 * holds into one output buffer, pushed once. Small inputs are gathered up to
 * {@link BATCH_BYTES} first; large ones are sealed straight from the input.
 * The final chunk is sealed only in _flush, once the length is confirmed.
 */
class EncryptTransform extends Transform {
  /** Plaintext not sealed yet, starting at chunk `index`. */
  readonly #pending = takeMemory(BATCH_BYTES);
  readonly #outputs = new LendingPool(
    (BATCH_BYTES / CHUNK_BYTES) * SEALED_CHUNK_BYTES + HEADER_ROOM,
  );
  #fill = 0;
  #seen = 0;
  #released = false;

  constructor(
    private readonly sealInto: SealInto,
    private prefix: Buffer | null,
    private index: number,
    private readonly lastIndex: number,
    private readonly expected: number,
  ) {
    super();
  }

  /**
   * A buffer for `chunks` sealed chunks of `plainBytes`, after the header if not yet sent. The
   * file goes out in lent buffers: a consumer that gives them back spares fresh pages.
   */
  #output(plainBytes: number, chunks: number): { out: Buffer; at: number } {
    const sealed = plainBytes + chunks * (SEALED_CHUNK_BYTES - CHUNK_BYTES);
    const prefix = this.prefix;
    this.prefix = null;
    // The header goes out in front of the first sealed chunks; alone only if it is very large.
    if (prefix && prefix.length + sealed <= this.#outputs.bytes) {
      const out = this.#outputs.take(prefix.length + sealed);
      return { out, at: prefix.copy(out, 0) };
    }
    if (prefix) this.push(prefix);
    return { out: this.#outputs.take(sealed), at: 0 };
  }

  override _transform(data: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.#seen += data.length;
    if (this.#seen > this.expected) {
      done(new AgeError('LENGTH_MISMATCH', `input is longer than the declared length`));
      return;
    }
    const total = this.#fill + data.length;
    if (total < BATCH_BYTES) {
      data.copy(this.#pending, this.#fill);
      giveBack(data);
      this.#fill = total;
      done();
      return;
    }
    // Every full chunk but the file's last one, which waits for _flush.
    const count = Math.min(Math.floor(total / CHUNK_BYTES), this.lastIndex - this.index);
    const output = this.#output(count * CHUNK_BYTES, count);
    let at = output.at;
    let off = 0;
    let from = 0;
    for (let i = 0; i < count; i++) {
      let plain: Buffer;
      if (from + CHUNK_BYTES <= this.#fill) {
        plain = this.#pending.subarray(from, from + CHUNK_BYTES);
        from += CHUNK_BYTES;
      } else if (from < this.#fill) {
        // A chunk begun in an earlier input: complete it from this one.
        const need = from + CHUNK_BYTES - this.#fill;
        data.copy(this.#pending, this.#fill, 0, need);
        off = need;
        plain = this.#pending.subarray(from, from + CHUNK_BYTES);
        from = this.#fill = 0;
      } else {
        plain = data.subarray(off, off + CHUNK_BYTES);
        off += CHUNK_BYTES;
      }
      this.sealInto(this.index++, plain, false, output.out, at);
      at += SEALED_CHUNK_BYTES;
    }
    // Keep the rest: less than a chunk, or the file's final chunk.
    this.#pending.copyWithin(0, from, Math.max(from, this.#fill));
    this.#fill = Math.max(0, this.#fill - from);
    this.#fill += data.copy(this.#pending, this.#fill, off);
    giveBack(data);
    if (output.out.length > 0) this.push(output.out);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.#seen !== this.expected) {
      done(
        new AgeError(
          'LENGTH_MISMATCH',
          `input ended after ${this.#seen} of ${this.expected} declared bytes`,
        ),
      );
      return;
    }
    // What is left is the rest of the file: whole chunks, then the final one.
    const count = this.lastIndex - this.index + 1;
    const output = this.#output(this.#fill, count);
    let at = output.at;
    for (let i = 0; i < count; i++) {
      const last = i === count - 1;
      const start = i * CHUNK_BYTES;
      const plain = this.#pending.subarray(start, last ? this.#fill : start + CHUNK_BYTES);
      this.sealInto(this.index++, plain, last, output.out, at);
      at += plain.length + SEALED_CHUNK_BYTES - CHUNK_BYTES;
    }
    this.push(output.out);
    this.#releasePending();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.#releasePending();
    done(error);
  }

  /**
   * Shelves the staging memory once no input can come any more. Only once: the stream is
   * destroyed after its flush too, and by then another stream may have taken the memory.
   */
  #releasePending(): void {
    if (this.#released) return;
    this.#released = true;
    shelve(this.#pending);
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
