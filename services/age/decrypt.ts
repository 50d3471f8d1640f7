/**
 * age decryption in constant memory. Plaintext of a chunk is released only
 * after its tag verifies, and the end of input is checked against the
 * last-chunk flag, so truncation and appended data are both errors.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { AgeError, ChunkAuthError, NoIdentityMatchError, TruncatedError } from './errors.js';
import { findHeaderEnd, parseHeader, verifyHeaderMac } from './format.js';
import { parseIdentity, type X25519Identity } from './keys.js';
import {
  CHUNK_BYTES,
  openChunk,
  openChunkInto,
  PAYLOAD_NONCE_BYTES,
  payloadKey,
  SEALED_CHUNK_BYTES,
} from './payload.js';
import { TAG_BYTES } from './primitives.js';
import { unwrapFileKey } from './x25519.js';
import { giveBack, LendingPool } from '../streams/lent-buffers.js';

/** Finds the file key among the stanzas and authenticates the header with it. */
function unlockHeader(header: Buffer, identities: readonly X25519Identity[]): Buffer {
  const parsed = parseHeader(header);
  let fileKey: Buffer | null = null;
  for (const stanza of parsed.stanzas) {
    if (stanza.type === 'scrypt') {
      throw new AgeError(
        'UNSUPPORTED',
        'passphrase-encrypted age files (scrypt) are not supported; encrypt to an age1... key',
      );
    }
    // Other stanza types (plugins, post-quantum, "grease") are skipped, as the spec asks.
    if (stanza.type !== 'X25519' || fileKey) continue;
    for (const identity of identities) {
      fileKey = unwrapFileKey(stanza, identity);
      if (fileKey) break;
    }
  }
  if (!fileKey) throw new NoIdentityMatchError();
  verifyHeaderMac(fileKey, parsed);
  return fileKey;
}

/** Receives plaintext that has been authenticated. */
type Emit = (plain: Buffer) => void;

/**
 * Synchronous decryption state machine shared by the stream and the buffer
 * API. All the chunks one input completes are opened into one plaintext
 * buffer, emitted once (small inputs are not gathered first: a chunk is
 * released as soon as it is verified). The chunk that ends exactly where the
 * input so far ends is held back: it may be the last.
 */
class Decryptor {
  #state: 'header' | 'nonce' | 'payload' | 'done' = 'header';
  /** Header and nonce bytes, until the payload starts. */
  #head: Buffer[] = [];
  #headBytes = 0;
  /** Sealed payload bytes not opened yet (at most one chunk), starting at chunk `index`. */
  #pending: Buffer | null = null;
  #fill = 0;
  /** The file key, then (from the payload on) the payload key. */
  #key: Buffer | null = null;
  #index = 0;

  /** `output` gives the buffer each input's plaintext is opened into. */
  constructor(
    private readonly identities: readonly X25519Identity[],
    private readonly output: (bytes: number) => Buffer = (bytes) => Buffer.allocUnsafe(bytes),
  ) {}

  /** In the payload, each input is copied (or opened) before write returns; not so in the header. */
  get inPayload(): boolean {
    return this.#state === 'payload';
  }

  /** Feeds input; emits the plaintext that is now authenticated, then throws if a chunk failed. */
  write(data: Buffer, emit: Emit): void {
    if (this.#state === 'done') throw new Error('write after end');
    if (this.#state === 'payload') return this.#payload(data, emit);
    if (data.length > 0) {
      this.#head.push(data);
      this.#headBytes += data.length;
    }
    let all =
      this.#head.length === 1 && this.#head[0]
        ? this.#head[0]
        : Buffer.concat(this.#head, this.#headBytes);
    if (this.#state === 'header') {
      const end = findHeaderEnd(all);
      if (end === null) {
        this.#head = [all];
        return;
      }
      this.#key = unlockHeader(all.subarray(0, end), this.identities);
      all = all.subarray(end);
      this.#state = 'nonce';
    }
    if (all.length < PAYLOAD_NONCE_BYTES || !this.#key) {
      this.#head = [all];
      this.#headBytes = all.length;
      return;
    }
    this.#key = payloadKey(this.#key, all.subarray(0, PAYLOAD_NONCE_BYTES));
    this.#head = [];
    this.#headBytes = 0;
    this.#state = 'payload';
    this.#pending = Buffer.allocUnsafe(SEALED_CHUNK_BYTES);
    this.#payload(all.subarray(PAYLOAD_NONCE_BYTES), emit);
  }

  #payload(data: Buffer, emit: Emit): void {
    const pending = this.#pending as Buffer;
    const total = this.#fill + data.length;
    // Full chunks followed by at least one more byte cannot be the last one.
    const count = Math.max(0, Math.floor((total - 1) / SEALED_CHUNK_BYTES));
    const out = this.output(count * CHUNK_BYTES);
    let off = 0;
    let from = 0;
    let opened = 0;
    try {
      for (; opened < count; opened++) {
        let sealed: Buffer;
        if (from + SEALED_CHUNK_BYTES <= this.#fill) {
          sealed = pending.subarray(from, from + SEALED_CHUNK_BYTES);
          from += SEALED_CHUNK_BYTES;
        } else if (from < this.#fill) {
          // A chunk begun in an earlier input: complete it from this one.
          const need = from + SEALED_CHUNK_BYTES - this.#fill;
          data.copy(pending, this.#fill, 0, need);
          off = need;
          sealed = pending.subarray(from, from + SEALED_CHUNK_BYTES);
          from = this.#fill = 0;
        } else {
          sealed = data.subarray(off, off + SEALED_CHUNK_BYTES);
          off += SEALED_CHUNK_BYTES;
        }
        this.#openMiddle(sealed, out, opened * CHUNK_BYTES);
      }
    } finally {
      // On a failed chunk the ones before it were verified: release them first.
      if (opened > 0) emit(opened === count ? out : out.subarray(0, opened * CHUNK_BYTES));
    }
    // Keep the rest: at most one chunk, which may be the last.
    pending.copyWithin(0, from, Math.max(from, this.#fill));
    this.#fill = Math.max(0, this.#fill - from);
    this.#fill += data.copy(pending, this.#fill, off);
  }

  #openMiddle(sealed: Buffer, out: Buffer, at: number): void {
    const key = this.#key as Buffer;
    if (openChunkInto(key, this.#index, sealed, false, out, at)) {
      this.#index++;
      return;
    }
    if (openChunk(key, this.#index, sealed, true)) {
      throw new AgeError('TRAILING_DATA', 'unexpected data after the end of the age file');
    }
    throw new ChunkAuthError(this.#index);
  }

  /** Signals end of input; emits the final plaintext or throws if the file is incomplete. */
  end(emit: Emit): void {
    const state = this.#state;
    this.#state = 'done';
    if (state === 'header') {
      if (this.#headBytes === 0) throw new AgeError('NOT_AGE_FILE', 'not an age file: empty');
      throw new TruncatedError('header incomplete');
    }
    if (state !== 'payload' || !this.#key || !this.#pending) {
      throw new TruncatedError('payload nonce missing');
    }
    const rest = this.#pending.subarray(0, this.#fill);
    // Only an empty file has an empty final chunk; otherwise it holds >= 1 byte.
    const minimum = this.#index === 0 ? TAG_BYTES : TAG_BYTES + 1;
    if (rest.length < minimum) {
      throw new TruncatedError(rest.length === 0 ? 'final chunk missing' : 'final chunk cut short');
    }
    const out = Buffer.allocUnsafe(rest.length - TAG_BYTES);
    if (openChunkInto(this.#key, this.#index, rest, true, out, 0)) {
      emit(out);
      return;
    }
    if (rest.length === SEALED_CHUNK_BYTES && openChunk(this.#key, this.#index, rest, false)) {
      throw new TruncatedError('final chunk missing');
    }
    // The final chunk's end is only known from the input's end, so a short
    // final chunk with bytes appended looks like a damaged one.
    throw new ChunkAuthError(this.#index, ', truncated or with data appended');
  }
}

function parseIdentities(identities: string[]): X25519Identity[] {
  if (identities.length === 0) throw new AgeError('INVALID_KEY', 'no identities given');
  return identities.map(parseIdentity);
}

/** Plaintext buffers a stream lends: an input of 1 MiB (a FileReader's) opens into one. */
const STREAM_OUTPUT_BYTES = 16 * CHUNK_BYTES;

/**
 * Transform: an age file in, its plaintext out. Errors are AgeError subclasses.
 * The plaintext comes in lent buffers (streams/lent-buffers.ts): a consumer that
 * gives them back spares fresh pages.
 */
export function createDecryptStream(identities: string[]): Transform {
  const outputs = new LendingPool(STREAM_OUTPUT_BYTES);
  const dec = new Decryptor(parseIdentities(identities), (bytes) => outputs.take(bytes));
  return new Transform({
    transform(this: Transform, data: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      try {
        const copied = dec.inPayload;
        dec.write(data, (plain) => this.push(plain));
        if (copied) giveBack(data);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(this: Transform, done: TransformCallback) {
      try {
        dec.end((plain) => this.push(plain));
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
}

/** Decrypts a whole age file held in memory. */
export function decryptBuffer(data: Uint8Array, identities: string[]): Buffer {
  const dec = new Decryptor(parseIdentities(identities));
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const parts: Buffer[] = [];
  const keep = (plain: Buffer) => void parts.push(plain);
  dec.write(buf, keep);
  dec.end(keep);
  return Buffer.concat(parts);
}
