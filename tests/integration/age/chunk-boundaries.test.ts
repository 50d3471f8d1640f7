/**
 * Our streams seal and open many 64 KiB chunks per write and gather small
 * writes first; the reference `age` tool must see exactly the file the
 * format prescribes whatever the sizes of the writes, and a resumed upload
 * (ciphertext from any offset, made afresh) must join the bytes already sent
 * into a file `age -d` opens.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, type Transform } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  createAgeEncryptor,
  createDecryptStream,
  decryptBuffer,
  parseIdentityFile,
} from '../../../services/age/index.js';
import { openCiphertext } from '../../../services/order/cipher-source.js';

const run = promisify(execFile);
const KiB64 = CHUNK_BYTES;
const MiB = 1024 * 1024;
/** Chunk edges, and the edges of the 16-chunk batches our streams gather. */
const sizes = [
  0,
  1,
  KiB64 - 1,
  KiB64,
  KiB64 + 1,
  3 * KiB64,
  16 * KiB64 - 1,
  16 * KiB64,
  16 * KiB64 + 1,
  33 * KiB64 + 5,
];
/** How the input arrives: byte-sized crumbs, uneven pieces, 1 MiB reads, one buffer. */
const writePatterns: Record<string, number[]> = {
  uneven: [1, 7, KiB64 - 1, KiB64 + 1, 100_000, 3],
  'read-sized': [MiB],
  'just under a batch': [16 * KiB64 - 1],
  whole: [Number.MAX_SAFE_INTEGER],
};

let dir = '';
let keyFile = '';
let identity = '';
let recipient = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'age-chunks-'));
  keyFile = join(dir, 'key.txt');
  await run('age-keygen', ['-o', keyFile]);
  recipient = (await run('age-keygen', ['-y', keyFile])).stdout.trim();
  [identity = ''] = parseIdentityFile(await readFile(keyFile, 'utf8'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function* cut(data: Buffer, pattern: number[]): Generator<Buffer> {
  let off = 0;
  for (let i = 0; off < data.length; i++) {
    const n = Math.min(pattern[i % pattern.length] ?? 1, data.length - off);
    yield data.subarray(off, off + n);
    off += n;
  }
}

async function through(stream: Transform, data: Buffer, pattern: number[]): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(cut(data, pattern)),
    stream,
    async (source: AsyncIterable<Buffer>) => {
      for await (const part of source) out.push(part);
    },
  );
  return Buffer.concat(out);
}

async function ageDecrypt(sealed: Buffer, name: string): Promise<Buffer> {
  const file = join(dir, name);
  await writeFile(file, sealed);
  const { stdout } = await run('age', ['-d', '-i', keyFile, file], {
    encoding: 'buffer',
    maxBuffer: 64 * MiB,
  });
  return stdout;
}

describe('chunk and batch boundaries against the age command line', () => {
  it.each(sizes)('age -d opens our %i-byte file, however the input is written', async (size) => {
    const plain = randomBytes(size);
    const enc = createAgeEncryptor([recipient]);
    let first: Buffer | null = null;
    for (const [name, pattern] of Object.entries(writePatterns)) {
      const sealed = await through(enc.encryptStream(size), plain, pattern);
      expect(sealed.length, name).toBe(enc.encryptedLength(size));
      // Same key and nonce: the bytes must not depend on how the input came.
      if (first) expect(sealed.equals(first), name).toBe(true);
      first ??= sealed;
    }
    expect((await ageDecrypt(first!, `ours-${size}.age`)).equals(plain)).toBe(true);
  });

  it.each(sizes)('we open a %i-byte file from age -r, however it is written', async (size) => {
    const plain = randomBytes(size);
    const input = join(dir, `plain-${size}`);
    const output = join(dir, `ref-${size}.age`);
    await writeFile(input, plain);
    await run('age', ['-r', recipient, '-o', output, input]);
    const sealed = await readFile(output);
    for (const [name, pattern] of Object.entries(writePatterns)) {
      const opened = await through(createDecryptStream([identity]), sealed, pattern);
      expect(opened.equals(plain), name).toBe(true);
    }
    expect(decryptBuffer(sealed, [identity]).equals(plain)).toBe(true);
  });
});

describe('a resumed upload joins into a file age -d opens', () => {
  const size = 40 * KiB64 + 123;

  it('from offsets in the header, at and inside chunks and batches', async () => {
    const plain = randomBytes(size);
    const enc = createAgeEncryptor([recipient]);
    // The photo store's reads (64 KiB) and 1 MiB reads must give the same bytes.
    const openPlain = (pattern: number[]) => (start: number) =>
      Readable.from(cut(plain.subarray(start), pattern));
    const whole = await buffer(openCiphertext(enc, size, openPlain([KiB64]), 0));
    expect(whole.length).toBe(enc.encryptedLength(size));
    const offsets = [
      1,
      enc.header.length - 1,
      enc.chunkOffset(0),
      enc.chunkOffset(1),
      enc.chunkOffset(1) + 1,
      enc.chunkOffset(16) - 1,
      enc.chunkOffset(16),
      enc.chunkOffset(17) + 5000,
      enc.chunkOffset(40),
      enc.chunkOffset(40) + 100,
      whole.length - 1,
    ];
    for (const offset of offsets) {
      for (const pattern of [[KiB64], [MiB], [3, 70_000]]) {
        const tail = await buffer(openCiphertext(enc, size, openPlain(pattern), offset));
        expect(tail.equals(whole.subarray(offset)), `offset ${offset}`).toBe(true);
      }
    }
    // What the lab receives after a resume: the bytes sent before, then the new ones.
    const at = enc.chunkOffset(17) + 5000;
    const tail = await buffer(openCiphertext(enc, size, openPlain([MiB]), at));
    const joined = Buffer.concat([whole.subarray(0, at), tail]);
    expect((await ageDecrypt(joined, 'resumed.age')).equals(plain)).toBe(true);
  });
});
