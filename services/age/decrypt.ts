/**
 * age decryption in constant memory. Plaintext of a chunk is released only
 * after its tag verifies, and the end of input is checked against the
 * last-chunk flag, so truncation and appended data are both errors.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { AgeError, ChunkAuthError, NoIdentityMatchError, TruncatedError } from './errors.js';
import { findHeaderEnd, parseHeader, verifyHeaderMac } from './format.js';
import { parseIdentity, type X25519Identity } from './keys.js';
import { openChunk, PAYLOAD_NONCE_BYTES, payloadKey, SEALED_CHUNK_BYTES } from './payload.js';
import { TAG_BYTES } from './primitives.js';
import { unwrapFileKey } from './x25519.js';

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

/**
 * Synchronous decryption state machine shared by the stream and the buffer
 * API. Holds at most one sealed chunk plus one input write.
 */
class Decryptor {
  #state: 'header' | 'nonce' | 'payload' | 'done' = 'header';
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #key: Buffer | null = null;
  #index = 0;

  constructor(private readonly identities: readonly X25519Identity[]) {}

  /** Removes and returns the next n pending bytes, copying only when they span writes. */
  #take(n: number): Buffer {
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0) {
      const first = this.#pending[0];
      if (!first) throw new Error('internal: take beyond pending input');
      if (first.length <= need) {
        parts.push(first);
        this.#pending.shift();
        need -= first.length;
      } else {
        parts.push(first.subarray(0, need));
        this.#pending[0] = first.subarray(need);
        need = 0;
      }
    }
    this.#pendingBytes -= n;
    return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts, n);
  }

  /** Feeds input; returns the plaintext that is now authenticated. */
  write(data: Buffer): Buffer[] {
    if (this.#state === 'done') throw new Error('write after end');
    if (data.length > 0) {
      this.#pending.push(data);
      this.#pendingBytes += data.length;
    }
    if (this.#state === 'header') {
      const all =
        this.#pending.length === 1 && this.#pending[0]
          ? this.#pending[0]
          : Buffer.concat(this.#pending, this.#pendingBytes);
      this.#pending = all.length > 0 ? [all] : [];
      const end = findHeaderEnd(all);
      if (end === null) return [];
      this.#key = unlockHeader(this.#take(end), this.identities);
      this.#state = 'nonce';
    }
    if (this.#state === 'nonce') {
      if (this.#pendingBytes < PAYLOAD_NONCE_BYTES || !this.#key) return [];
      this.#key = payloadKey(this.#key, this.#take(PAYLOAD_NONCE_BYTES));
      this.#state = 'payload';
    }
    const out: Buffer[] = [];
    // A full chunk followed by more data cannot be the last one. A chunk that
    // ends exactly at the current input end must wait: it may be the last.
    while (this.#pendingBytes > SEALED_CHUNK_BYTES) {
      out.push(this.#openMiddle(this.#take(SEALED_CHUNK_BYTES)));
    }
    return out;
  }

  #openMiddle(sealed: Buffer): Buffer {
    const key = this.#key as Buffer;
    const plain = openChunk(key, this.#index, sealed, false);
    if (plain) {
      this.#index++;
      return plain;
    }
    if (openChunk(key, this.#index, sealed, true)) {
      throw new AgeError('TRAILING_DATA', 'unexpected data after the end of the age file');
    }
    throw new ChunkAuthError(this.#index);
  }

  /** Signals end of input; returns the final plaintext or throws if the file is incomplete. */
  end(): Buffer[] {
    const state = this.#state;
    this.#state = 'done';
    if (state === 'header') {
      if (this.#pendingBytes === 0) throw new AgeError('NOT_AGE_FILE', 'not an age file: empty');
      throw new TruncatedError('header incomplete');
    }
    if (state !== 'payload' || !this.#key) throw new TruncatedError('payload nonce missing');
    const rest = this.#take(this.#pendingBytes);
    // Only an empty file has an empty final chunk; otherwise it holds >= 1 byte.
    const minimum = this.#index === 0 ? TAG_BYTES : TAG_BYTES + 1;
    if (rest.length < minimum) {
      throw new TruncatedError(rest.length === 0 ? 'final chunk missing' : 'final chunk cut short');
    }
    const plain = openChunk(this.#key, this.#index, rest, true);
    if (plain) return [plain];
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

/** Transform: an age file in, its plaintext out. Errors are AgeError subclasses. */
export function createDecryptStream(identities: string[]): Transform {
  const dec = new Decryptor(parseIdentities(identities));
  const emit = (stream: Transform, parts: Buffer[]): void => {
    for (const part of parts) stream.push(part);
  };
  return new Transform({
    transform(this: Transform, data: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      try {
        emit(this, dec.write(data));
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(this: Transform, done: TransformCallback) {
      try {
        emit(this, dec.end());
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
  return Buffer.concat([...dec.write(buf), ...dec.end()]);
}
