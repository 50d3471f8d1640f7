import { describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  createAgeEncryptor,
  createDecryptStream,
  decryptBuffer,
  encryptBuffer,
  generateIdentity,
  restoreAgeEncryptor,
  SEALED_CHUNK_BYTES,
} from '../../../services/age/index.js';
import { randomData, runTransform } from './streams.js';

const lab = generateIdentity();
const sizes = [0, 1, 65535, 65536, 65537, 3 * 65536, 5 * 1024 * 1024 + 13];

describe('age round trip', () => {
  it.each(sizes)('streams %i bytes through encrypt and decrypt', async (size) => {
    const plain = randomData(size);
    const enc = createAgeEncryptor([lab.recipient]);
    const sealed = await runTransform(enc.encryptStream(size), plain);
    expect(sealed.length).toBe(enc.encryptedLength(size));
    expect(sealed.subarray(0, enc.header.length).equals(enc.header)).toBe(true);
    const chunks = Math.max(1, Math.ceil(size / CHUNK_BYTES));
    expect(sealed.length).toBe(enc.header.length + 16 + size + 16 * chunks);

    const viaStream = await runTransform(createDecryptStream([lab.identity]), sealed);
    expect(viaStream.equals(plain)).toBe(true);
    expect(decryptBuffer(sealed, [lab.identity]).equals(plain)).toBe(true);
  });

  it.each(sizes)('encryptBuffer of %i bytes decrypts', (size) => {
    const plain = randomData(size);
    const sealed = encryptBuffer(plain, [lab.recipient]);
    expect(decryptBuffer(sealed, [lab.identity]).equals(plain)).toBe(true);
  });

  it('encrypts to several recipients, each of which can decrypt', () => {
    const others = [generateIdentity(), generateIdentity()];
    const plain = randomData(1000);
    const sealed = encryptBuffer(plain, [lab.recipient, ...others.map((o) => o.recipient)]);
    for (const who of [lab, ...others]) {
      expect(decryptBuffer(sealed, [who.identity]).equals(plain)).toBe(true);
    }
    // A list of identities is tried in turn.
    const stranger = generateIdentity();
    expect(decryptBuffer(sealed, [stranger.identity, others[1]!.identity]).equals(plain)).toBe(
      true,
    );
  });

  it('uses a fresh file key and nonce per encryptor', () => {
    const a = createAgeEncryptor([lab.recipient]);
    const b = createAgeEncryptor([lab.recipient]);
    expect(a.secrets.fileKey.equals(b.secrets.fileKey)).toBe(false);
    expect(a.secrets.payloadNonce.equals(b.secrets.payloadNonce)).toBe(false);
  });

  it('rejects input longer or shorter than the declared length', async () => {
    const enc = createAgeEncryptor([lab.recipient]);
    await expect(runTransform(enc.encryptStream(100), randomData(101))).rejects.toThrow(
      /longer than the declared/,
    );
    await expect(runTransform(enc.encryptStream(70_000), randomData(69_999))).rejects.toThrow(
      /69999 of 70000/,
    );
    // Exactly one extra full chunk must fail too, not silently drop the last flag.
    await expect(
      runTransform(enc.encryptStream(CHUNK_BYTES), randomData(2 * CHUNK_BYTES)),
    ).rejects.toThrow(/longer/);
  });

  it('refuses more recipients than a decryptor accepts', () => {
    const many = Array.from({ length: 21 }, () => generateIdentity().recipient);
    expect(() => createAgeEncryptor(many)).toThrow(/at most 20 recipients/);
    expect(() => createAgeEncryptor([])).toThrow(/no recipients/);
  });
});

describe('resumable encryption', () => {
  const size = 4 * CHUNK_BYTES + 1234;
  const plain = randomData(size);

  it('regenerates identical ciphertext from saved secrets', async () => {
    const enc = createAgeEncryptor([lab.recipient]);
    const first = await runTransform(enc.encryptStream(size), plain);
    const restored = restoreAgeEncryptor(enc.secrets);
    const again = await runTransform(restored.encryptStream(size), plain);
    expect(again.equals(first)).toBe(true);
  });

  it('regenerates the tail from any chunk, matching the file at chunkOffset', async () => {
    const enc = createAgeEncryptor([lab.recipient]);
    const full = await runTransform(enc.encryptStream(size), plain);
    const restored = restoreAgeEncryptor(enc.secrets);
    for (const from of [1, 3, 4]) {
      const tail = await runTransform(
        restored.encryptStream(size, { fromChunk: from }),
        plain.subarray(from * CHUNK_BYTES),
      );
      expect(tail.equals(full.subarray(restored.chunkOffset(from)))).toBe(true);
    }
    expect(() => restored.encryptStream(size, { fromChunk: 5 })).toThrow(/outside the file/);
  });

  it('encryptChunk reproduces the bytes at chunkOffset', async () => {
    const enc = createAgeEncryptor([lab.recipient]);
    const full = await runTransform(enc.encryptStream(size), plain);
    const at = enc.chunkOffset(2);
    const chunk = enc.encryptChunk(2, plain.subarray(2 * CHUNK_BYTES, 3 * CHUNK_BYTES), false);
    expect(chunk.equals(full.subarray(at, at + SEALED_CHUNK_BYTES))).toBe(true);
    const last = enc.encryptChunk(4, plain.subarray(4 * CHUNK_BYTES), true);
    expect(last.equals(full.subarray(enc.chunkOffset(4)))).toBe(true);
  });

  it('encryptChunk rejects sizes that would break the STREAM rules', () => {
    const enc = createAgeEncryptor([lab.recipient]);
    expect(() => enc.encryptChunk(0, randomData(100), false)).toThrow(
      'chunk 0: 100 bytes is invalid (last: false)',
    );
    expect(() => enc.encryptChunk(1, randomData(0), true)).toThrow(
      'chunk 1: 0 bytes is invalid (last: true)',
    );
    expect(() => enc.encryptChunk(0, randomData(CHUNK_BYTES + 1), true)).toThrow(
      `chunk 0: ${CHUNK_BYTES + 1} bytes is invalid (last: true)`,
    );
    expect(enc.encryptChunk(0, randomData(0), true).length).toBe(16);
  });

  it('refuses secrets whose header does not belong to the file key', () => {
    const a = createAgeEncryptor([lab.recipient]);
    const b = createAgeEncryptor([lab.recipient]);
    expect(() => restoreAgeEncryptor({ ...a.secrets, header: b.secrets.header })).toThrow(
      /header MAC mismatch/,
    );
    expect(() => restoreAgeEncryptor({ ...a.secrets, payloadNonce: Buffer.alloc(12) })).toThrow(
      /16 bytes/,
    );
  });
});
