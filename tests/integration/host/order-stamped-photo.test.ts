import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { parseIdentityFile } from '../../../services/age';
import { makeLabKey, prepareOrder, submit } from './support';

/**
 * A photo file imported a while after its last change keeps its stamp (size, times, inode):
 * while the stamp is the same, its upload sends the bytes as read, without hashing them again;
 * a file whose stamp changed is hashed as it uploads, so an edit is still caught and a mere
 * touch is not mistaken for one.
 */
let dir: string;
let receiver: Receiver;
let lab: { identityFile: string; recipient: string };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-stamped-'));
  lab = await makeLabKey(dir);
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
});

afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

async function pull() {
  return pullOrders({
    serverUrl: receiver.url,
    labToken: receiver.labToken,
    identities: parseIdentityFile(await readFile(lab.identityFile, 'utf8')),
    outDir: join(dir, 'lab-orders'),
  });
}

const prepare = () =>
  prepareOrder(dir, { recipient: lab.recipient, serverUrl: receiver.url }, undefined, undefined, {
    settled: true,
  });

describe('a photo whose stamp stands for its hash', () => {
  it('reaches the lab byte for byte when untouched', async () => {
    const order = await prepare();
    const outcome = await submit(order);
    expect(outcome).toMatchObject({ ok: true });
    const report = await pull();
    expect(report.failed).toEqual([]);
    expect(report.pulled).toHaveLength(1);
    const orderDir = report.pulled[0]!.dir;
    expect((await readFile(join(orderDir, 'photo-0001.jpg'))).equals(order.photos[0]!)).toBe(true);
  });

  it('still fails the order naming the photo when it was edited since', async () => {
    const order = await prepare();
    const onDisk = join(dir, 'Hafen.jpg');
    const edited = Buffer.from(await readFile(onDisk));
    edited[edited.length - 100]! ^= 0xff;
    await writeFile(onDisk, edited);
    expect(await submit(order)).toMatchObject({
      ok: false,
      error: { code: 'photo-missing', message: expect.stringMatching(/Hafen\.jpg changed/) },
    });
    expect((await pull()).pulled).toEqual([]);
  });

  it('goes through when the file was only touched: its bytes are checked and found the same', async () => {
    const order = await prepare();
    const later = new Date(Date.now() + 60_000);
    await utimes(join(dir, 'Hafen.jpg'), later, later);
    expect(await submit(order)).toMatchObject({ ok: true });
    const report = await pull();
    expect(report.pulled).toHaveLength(1);
    expect(
      (await readFile(join(report.pulled[0]!.dir, 'photo-0001.jpg'))).equals(order.photos[0]!),
    ).toBe(true);
  });
});
