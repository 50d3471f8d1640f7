/**
 * The age streams lend their output buffers and take them again once given
 * back (services/streams/lent-buffers.ts); FileWriter gives each buffer back
 * once it is written. The bytes must stay right either way: a consumer that
 * keeps its buffers never sees one refilled.
 */
import { randomBytes } from 'node:crypto';
import { open, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgeEncryptor,
  createDecryptStream,
  decryptBuffer,
  generateIdentity,
} from '../../../services/age/index.js';
import { FileReader } from '../../../services/streams/file-reader.js';
import { FileWriter } from '../../../services/streams/file-writer.js';

const lab = generateIdentity();
/** 20 MiB and a bit: twenty-odd pushes of each stream. */
const plain = randomBytes(20 * 1024 * 1024 + 4321);
let dir = '';
let plainFile = '';
let sealedFile = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-writer-'));
  plainFile = join(dir, 'photo.jpg');
  sealedFile = join(dir, 'photo.jpg.age');
  await writeFile(plainFile, plain);
  const enc = createAgeEncryptor([lab.recipient]);
  await pipeline(
    new FileReader(plainFile),
    enc.encryptStream(plain.length),
    new FileWriter(sealedFile),
  );
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Passes every buffer on unchanged, noting the memory behind it. */
function memoryOf(seen: Set<ArrayBufferLike>): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen.add(chunk.buffer);
      done(null, chunk);
    },
  });
}

/** Keeps every buffer as it came (no copy), as a consumer that never gives back. */
function keeper(kept: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      kept.push(chunk);
      done();
    },
  });
}

describe('FileWriter and lent buffers', () => {
  it('writes what the encryptor sealed, and the encryptor reuses what it gave back', async () => {
    const seen = new Set<ArrayBufferLike>();
    const out = join(dir, 'again.age');
    const enc = createAgeEncryptor([lab.recipient]);
    await pipeline(
      new FileReader(plainFile),
      enc.encryptStream(plain.length),
      memoryOf(seen),
      new FileWriter(out),
    );
    expect(decryptBuffer(await readFile(out), [lab.identity]).equals(plain)).toBe(true);
    // About 21 pushes of 1 MiB: given back, a handful of buffers carry them all.
    expect(seen.size).toBeLessThan(8);
  });

  it('never refills a buffer a consumer kept', async () => {
    const kept: Buffer[] = [];
    const enc = createAgeEncryptor([lab.recipient]);
    await pipeline(new FileReader(plainFile), enc.encryptStream(plain.length), keeper(kept));
    expect(new Set(kept.map((b) => b.buffer)).size).toBeGreaterThan(20);
    expect(decryptBuffer(Buffer.concat(kept), [lab.identity]).equals(plain)).toBe(true);

    const opened: Buffer[] = [];
    await pipeline(new FileReader(sealedFile), createDecryptStream([lab.identity]), keeper(opened));
    expect(Buffer.concat(opened).equals(plain)).toBe(true);
  });

  it('decrypts into a file, the decryptor reusing what was given back', async () => {
    const seen = new Set<ArrayBufferLike>();
    const out = join(dir, 'opened.jpg');
    await pipeline(
      new FileReader(sealedFile),
      createDecryptStream([lab.identity]),
      memoryOf(seen),
      new FileWriter(out, 0o600),
    );
    expect((await readFile(out)).equals(plain)).toBe(true);
    expect(seen.size).toBeLessThan(8);
  });

  it('writes to a descriptor it was given and leaves it open', async () => {
    const handle = await open(join(dir, 'by-fd.bin'), 'w');
    try {
      const parts = [
        plain.subarray(0, 10),
        plain.subarray(10, 3_000_000),
        plain.subarray(3_000_000),
      ];
      await pipeline(Readable.from(parts), new FileWriter(handle.fd));
      await handle.write(Buffer.from('end'));
    } finally {
      await handle.close();
    }
    const written = await readFile(join(dir, 'by-fd.bin'));
    expect(written.equals(Buffer.concat([plain, Buffer.from('end')]))).toBe(true);
  });
});
