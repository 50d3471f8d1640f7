import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAgeEncryptor as create } from '../../../services/age/encrypt.js';
import { buildHeader, type Stanza } from '../../../services/age/format.js';
import {
  AgeError,
  CHUNK_BYTES,
  ChunkAuthError,
  createDecryptStream,
  decryptBuffer,
  encryptBuffer,
  generateIdentity,
  HeaderMacError,
  NoIdentityMatchError,
  NotAgeFileError,
  TruncatedError,
} from '../../../services/age/index.js';
import { parseRecipient } from '../../../services/age/keys.js';
import { payloadKey, sealChunk } from '../../../services/age/payload.js';
import { wrapFileKey } from '../../../services/age/x25519.js';
import { randomData, runUntilError } from './streams.js';

const lab = generateIdentity();
const plain = randomData(3 * CHUNK_BYTES + 500);
const sealed = encryptBuffer(plain, [lab.recipient]);
const headerEnd = sealed.indexOf('\n', sealed.indexOf('\n---') + 1) + 1;

/** Assembles a file from hand-made stanzas, to reach header paths our encryptor never writes. */
function craft(stanzas: (fileKey: Buffer) => Stanza[], data = Buffer.from('hello')): Buffer {
  const fileKey = randomBytes(16);
  const nonce = randomBytes(16);
  return Buffer.concat([
    buildHeader(fileKey, stanzas(fileKey)),
    nonce,
    sealChunk(payloadKey(fileKey, nonce), 0, data, true),
  ]);
}
const ours = (fileKey: Buffer): Stanza => wrapFileKey(fileKey, parseRecipient(lab.recipient));

function decrypt(data: Uint8Array): Buffer {
  return decryptBuffer(data, [lab.identity]);
}

describe('age decryption rejects damaged files', () => {
  it('rejects every single-bit change in the header', () => {
    for (let i = 0; i < headerEnd; i++) {
      const bad = Buffer.from(sealed);
      bad[i] = (bad[i] ?? 0) ^ 0x01;
      expect(() => decrypt(bad), `byte ${i}`).toThrow(AgeError);
    }
  });

  it('names a header MAC mismatch', () => {
    const bad = Buffer.from(sealed);
    bad[headerEnd - 5] = bad[headerEnd - 5] === 0x41 ? 0x42 : 0x41;
    expect(() => decrypt(bad)).toThrow(HeaderMacError);
    expect(() => decrypt(bad)).toThrow('header MAC mismatch: file damaged or tampered');
  });

  it('names the damaged chunk and emits nothing of it', async () => {
    const bad = Buffer.from(sealed);
    const chunk1 = headerEnd + 16 + (CHUNK_BYTES + 16) + 100;
    bad[chunk1] = (bad[chunk1] ?? 0) ^ 0x80;
    expect(() => decrypt(bad)).toThrow('chunk 1 failed authentication: file damaged');
    const { emitted, error } = await runUntilError(createDecryptStream([lab.identity]), bad);
    expect(error).toBeInstanceOf(ChunkAuthError);
    // Chunk 0 was verified and released; not one byte of chunk 1 was.
    expect(emitted.equals(plain.subarray(0, CHUNK_BYTES))).toBe(true);
  });

  it('detects truncation at a chunk boundary', async () => {
    const cut = sealed.subarray(0, headerEnd + 16 + 3 * (CHUNK_BYTES + 16));
    expect(() => decrypt(cut)).toThrow(TruncatedError);
    expect(() => decrypt(cut)).toThrow(/file truncated/);
    const { emitted, error } = await runUntilError(createDecryptStream([lab.identity]), cut);
    expect(error).toBeInstanceOf(TruncatedError);
    expect(emitted.length).toBeLessThan(plain.length);
  });

  it('detects other truncations', () => {
    expect(() => decrypt(sealed.subarray(0, sealed.length - 1))).toThrow(
      /chunk 3 failed authentication: file damaged, truncated/,
    );
    expect(() => decrypt(sealed.subarray(0, headerEnd + 16))).toThrow(/final chunk missing/);
    expect(() => decrypt(sealed.subarray(0, headerEnd + 8))).toThrow(/nonce missing/);
    expect(() => decrypt(sealed.subarray(0, headerEnd - 3))).toThrow(/header incomplete/);
    expect(() => decrypt(sealed.subarray(0, headerEnd + 16 + 10))).toThrow(/cut short/);
  });

  it('rejects data appended after the final chunk', async () => {
    // After a full final chunk the end is known, so the error says so.
    const full = encryptBuffer(randomData(2 * CHUNK_BYTES), [lab.recipient]);
    for (const extra of [1, 5000, CHUNK_BYTES + 16]) {
      const long = Buffer.concat([full, randomData(extra)]);
      expect(() => decrypt(long), `${extra} bytes`).toThrow(/after the end/);
    }
    const { error } = await runUntilError(
      createDecryptStream([lab.identity]),
      Buffer.concat([full, Buffer.from('x')]),
    );
    expect((error as AgeError).code).toBe('TRAILING_DATA');
    // After a short final chunk the tag position is unknown: it fails authentication.
    expect(() => decrypt(Buffer.concat([sealed, Buffer.from('x')]))).toThrow(
      /chunk 3 failed authentication: .*data appended/,
    );
  });

  it('rejects files that are not age files', () => {
    expect(() => decrypt(Buffer.from('%PDF-1.7\n'))).toThrow(NotAgeFileError);
    expect(() => decrypt(Buffer.alloc(0))).toThrow(/not an age file/);
    const armored = Buffer.from('-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n');
    expect(() => decrypt(armored)).toThrow(/armored/);
  });

  it('says when the file is for another key', () => {
    const other = generateIdentity();
    expect(() => decryptBuffer(sealed, [other.identity])).toThrow(NoIdentityMatchError);
    expect(() => decryptBuffer(sealed, [other.identity])).toThrow(
      'no identity matches this file (encrypted to another lab key?)',
    );
  });
});

describe('age header limits', () => {
  it('accepts 20 stanzas and refuses 21', () => {
    const others = (n: number, fileKey: Buffer) =>
      Array.from({ length: n }, () =>
        wrapFileKey(fileKey, parseRecipient(generateIdentity().recipient)),
      );
    const twenty = craft((k) => [...others(19, k), ours(k)]);
    expect(decrypt(twenty).toString()).toBe('hello');
    const many = craft((k) => [...others(20, k), ours(k)]);
    expect(() => decrypt(many)).toThrow('too many recipients in header (more than 20)');
  });

  it('skips unknown stanza types, including bodies with an empty last line', () => {
    const file = craft((k) => [
      { type: 'x-grease', args: ['a', 'b'], body: randomBytes(48) },
      ours(k),
      { type: 'another-one', args: [], body: Buffer.alloc(0) },
    ]);
    expect(file.toString('latin1')).toMatch(/-> x-grease a b\n[A-Za-z0-9+/]{64}\n\n-> X25519/);
    expect(decrypt(file).toString()).toBe('hello');
  });

  it('refuses passphrase (scrypt) files with a clear message', () => {
    const file = craft(() => [
      { type: 'scrypt', args: ['c2FsdHNhbHRzYWx0c2FsdA', '18'], body: randomBytes(32) },
    ]);
    expect(() => decrypt(file)).toThrow(/scrypt\) are not supported/);
  });

  it('rejects a low-order ephemeral share (all-zero shared secret)', () => {
    const file = craft(() => [
      {
        type: 'X25519',
        args: ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
        body: randomBytes(32),
      },
    ]);
    expect(() => decrypt(file)).toThrow(/all-zero shared secret/);
  });

  it('rejects malformed X25519 stanzas', () => {
    const share = ours(randomBytes(16)).args[0] ?? '';
    const extraArg = craft(() => [{ type: 'X25519', args: [share, 'x'], body: randomBytes(32) }]);
    expect(() => decrypt(extraArg)).toThrow(/invalid X25519 stanza/);
    const shortBody = craft(() => [{ type: 'X25519', args: [share], body: randomBytes(31) }]);
    expect(() => decrypt(shortBody)).toThrow(/invalid X25519 stanza/);
  });

  it('rejects non-canonical base64 and oversized headers', () => {
    const text = sealed.subarray(0, headerEnd).toString('latin1');
    const padded = Buffer.concat([
      Buffer.from(text.replace(/\n--- (\S+)\n$/, '\n--- $1=\n'), 'latin1'),
      sealed.subarray(headerEnd),
    ]);
    expect(() => decrypt(padded)).toThrow(/canonical unpadded base64/);
    const huge = Buffer.from(
      'age-encryption.org/v1\n-> x-big\n' + `${'A'.repeat(64)}\n`.repeat(1100),
    );
    expect(() => decrypt(huge)).toThrow(/header larger than 65536 bytes/);
  });

  it('builds headers from the public encryptor that parse back', () => {
    const enc = create([lab.recipient, generateIdentity().recipient]);
    expect(enc.header.toString('latin1')).toMatch(
      /^age-encryption\.org\/v1\n(-> X25519 [A-Za-z0-9+/]{43}\n[A-Za-z0-9+/]{43}\n){2}--- [A-Za-z0-9+/]{43}\n$/,
    );
  });
});
