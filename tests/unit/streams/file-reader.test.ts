import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgeEncryptor,
  decryptBuffer,
  generateIdentity,
} from '../../../services/age/index.js';
import { FileReader, giveBack, READ_BYTES } from '../../../services/streams/file-reader.js';

const lab = generateIdentity();
const plain = randomBytes(5 * READ_BYTES + 12_345);
let dir = '';
let file = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-reader-'));
  file = join(dir, 'photo.jpg');
  await writeFile(file, plain);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Collects what a stream gives, keeping each buffer as it came (no copy). */
async function collect(reader: FileReader, hand = false): Promise<Buffer[]> {
  const kept: Buffer[] = [];
  await pipeline(
    reader,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        kept.push(hand ? Buffer.from(chunk) : chunk);
        if (hand) giveBack(chunk);
        done();
      },
    }),
  );
  return kept;
}

describe('FileReader', () => {
  it('reads a file whole and from an offset', async () => {
    expect(Buffer.concat(await collect(new FileReader(file))).equals(plain)).toBe(true);
    const from = 3 * READ_BYTES + 17;
    const tail = Buffer.concat(await collect(new FileReader(file, from)));
    expect(tail.equals(plain.subarray(from))).toBe(true);
  });

  it('never reuses a buffer its consumer kept', async () => {
    // Every buffer stays intact after later reads: none was refilled under the consumer.
    const kept = await collect(new FileReader(file));
    expect(kept.length).toBeGreaterThan(3);
    expect(Buffer.concat(kept).equals(plain)).toBe(true);
  });

  it('reuses what is given back, and the bytes stay right', async () => {
    expect(Buffer.concat(await collect(new FileReader(file), true)).equals(plain)).toBe(true);
  });

  it('feeds the age encryptor, which gives each buffer back after copying it', async () => {
    const enc = createAgeEncryptor([lab.recipient]);
    const sealed: Buffer[] = [];
    await pipeline(
      new FileReader(file),
      enc.encryptStream(plain.length),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          sealed.push(chunk);
          done();
        },
      }),
    );
    expect(decryptBuffer(Buffer.concat(sealed), [lab.identity]).equals(plain)).toBe(true);
  });

  it('fails as a stream when the file is gone', async () => {
    await expect(collect(new FileReader(join(dir, 'gone.jpg')))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
