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
import { FileReader, giveBack } from '../../../services/streams/file-reader.js';
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
  it('has file after file reuse the same memory, read chunk by chunk as the uploader reads', async () => {
    const seen = new Set<ArrayBufferLike>();
    for (let file = 0; file < 5; file++) {
      const enc = createAgeEncryptor([lab.recipient]);
      const sealed: Buffer[] = [];
      // As services/upload/tus-client.ts sends: Readable's async iterator, each chunk given back
      // once written. A header pushed apart from the first chunks came joined with them into a
      // fresh buffer, and the lent one never came back.
      const stream = new FileReader(plainFile).pipe(enc.encryptStream(plain.length));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        seen.add(chunk.buffer);
        sealed.push(Buffer.from(chunk));
        giveBack(chunk);
      }
      expect(sealed[0]!.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
      expect(decryptBuffer(Buffer.concat(sealed), [lab.identity]).equals(plain)).toBe(true);
    }
    // 5 files of 21 pushes each, in the memory of a few buffers.
    expect(seen.size).toBeLessThan(5);
  });

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
