import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgeEncryptor, generateIdentity } from '../../../services/age/index.js';
import {
  stampedOpen,
  verifiedOpen,
  verifyFailure,
} from '../../../services/order/verified-plain.js';
import { currentStamp, type FileStamp } from '../../../services/photos/file-stamp.js';
import { FileReader } from '../../../services/streams/file-reader.js';

const lab = generateIdentity();
const photo = randomBytes(3 * 1024 * 1024 + 4321);
const expected = {
  sha256: createHash('sha256').update(photo).digest('hex'),
  byteSize: photo.length,
};
let dir = '';
let file = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verified-plain-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

class Changed extends Error {}
const open = () =>
  verifiedOpen(
    (start) => new FileReader(file, start),
    expected,
    () => new Changed(),
  );

async function drain(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        parts.push(Buffer.from(chunk));
        done();
      },
    }),
  );
  return Buffer.concat(parts);
}

describe('a photo file checked as its upload reads it', () => {
  it('passes the file through, whole and from any byte', async () => {
    file = join(dir, 'same.jpg');
    await writeFile(file, photo);
    const checked = open();
    expect((await drain(checked(0))).equals(photo)).toBe(true);
    for (const start of [1, 65536, 1024 * 1024 + 3, photo.length - 1]) {
      expect((await drain(checked(start))).equals(photo.subarray(start))).toBe(true);
    }
    expect(verifyFailure(checked)).toBeUndefined();
  });

  it('fails a file edited since it was added, and its ciphertext never gets its final chunk', async () => {
    file = join(dir, 'edited.jpg');
    const edited = Buffer.from(photo);
    edited[2_000_000] = edited[2_000_000]! ^ 1;
    await writeFile(file, edited);
    const checked = open();
    const encryptor = createAgeEncryptor([lab.recipient]);
    const sealed: Buffer[] = [];
    const sending = pipeline(
      checked(0),
      encryptor.encryptStream(photo.length),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          sealed.push(chunk);
          done();
        },
      }),
    );
    await expect(sending).rejects.toBeInstanceOf(Changed);
    expect(verifyFailure(checked)).toBeInstanceOf(Changed);
    const sent = sealed.reduce((n, b) => n + b.length, 0);
    expect(sent).toBeLessThan(encryptor.encryptedLength(photo.length));
  });

  it('fails a resumed read when the bytes before the resume point changed', async () => {
    file = join(dir, 'edited-early.jpg');
    const edited = Buffer.from(photo);
    edited[10] = edited[10]! ^ 1;
    await writeFile(file, edited);
    await expect(drain(open()(2 * 1024 * 1024))).rejects.toBeInstanceOf(Changed);
  });

  it('fails a file that grew or shrank', async () => {
    file = join(dir, 'longer.jpg');
    await writeFile(file, Buffer.concat([photo, Buffer.from('x')]));
    await expect(drain(open()(0))).rejects.toBeInstanceOf(Changed);
    file = join(dir, 'shorter.jpg');
    await writeFile(file, photo.subarray(0, photo.length - 1));
    await expect(drain(open()(0))).rejects.toBeInstanceOf(Changed);
  });
});

describe('a photo file whose stamp still stands for its hash', () => {
  /** The file's stamp now, as the order compared it before choosing this opener. */
  const stampNow = async (path: string) => (await currentStamp(path))!;
  const stamped = (path: string, stamp: FileStamp) =>
    stampedOpen(
      (start) => new FileReader(path, start),
      path,
      stamp,
      () => new Changed(),
    );

  it('passes the file through from any byte, reading only from there', async () => {
    const path = join(dir, 'stamped.jpg');
    await writeFile(path, photo);
    const checked = stamped(path, await stampNow(path));
    for (const start of [0, 65536, photo.length - 1]) {
      expect((await drain(checked(start))).equals(photo.subarray(start))).toBe(true);
    }
    expect(verifyFailure(checked)).toBeUndefined();
  });

  it('fails at its end when the file was written to while it was read', async () => {
    const path = join(dir, 'edited-meanwhile.jpg');
    await writeFile(path, photo);
    const checked = stamped(path, await stampNow(path));
    const stream = checked(0);
    // The first bytes are read; then the customer's editor saves the file (same size).
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    const edited = Buffer.from(photo);
    edited[photo.length - 10]! ^= 0xff;
    await writeFile(path, edited);
    await expect(drain(stream)).rejects.toBeInstanceOf(Changed);
    expect(verifyFailure(checked)).toBeInstanceOf(Changed);
  });

  it('fails at its end when the file is gone or another file took its name', async () => {
    const path = join(dir, 'replaced.jpg');
    await writeFile(path, photo);
    const checked = stamped(path, await stampNow(path));
    const other = join(dir, 'other.jpg');
    await writeFile(other, photo);
    const stream = checked(0);
    await new Promise((resolve) => stream.once('data', resolve));
    await rename(other, path);
    await expect(drain(stream)).rejects.toBeInstanceOf(Changed);
  });
});
