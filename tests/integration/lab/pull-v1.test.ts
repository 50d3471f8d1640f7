import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import bookV1 from '../../fixtures/book-v1.json';
import { makePhoto } from '../../fixtures/photos';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { encryptBuffer, generateIdentity } from '../../../services/age';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { visibleRegion } from '../../../src/model/crop';
import { MANIFEST_FILE, parseManifest, photoFileName } from '../../../src/order/manifest';

/**
 * Orders sent by the version 1 app (manifest version 1, book format 1) may still sit at the
 * provider when the lab updates: the lab pulls them like any other and reads their book as
 * version 2.
 */
let dir: string;
let receiver: Receiver;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-pull-v1-'));
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
});

afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Sends an order as the version 1 app did: asks the server for an order id, puts it into the
 * manifest, encrypts each photo and the manifest to the lab, uploads them and commits.
 */
async function sendOrder(
  recipient: string,
  manifest: Record<string, unknown>,
  photos: Buffer[],
): Promise<string> {
  const order = await createOrder(receiver.url);
  const manifestBytes = Buffer.from(JSON.stringify({ ...manifest, orderId: order.orderId }));
  const plain = [
    ...photos.map((bytes, i) => ({ name: photoFileName(i + 1), bytes })),
    { name: MANIFEST_FILE, bytes: manifestBytes },
  ];
  const sealed = plain.map((f) => ({ name: f.name, bytes: encryptBuffer(f.bytes, [recipient]) }));
  for (const file of sealed) {
    await uploadResumable({
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: file.name },
      size: file.bytes.length,
      open: (offset) => Readable.from([file.bytes.subarray(offset)]),
    });
  }
  const sizes = sealed.map((f) => ({ name: f.name, size: f.bytes.length }));
  await commitOrder(receiver.url, order.orderId, order.uploadToken, sizes);
  return order.orderId;
}

describe('the lab pulling an order of the version 1 app', () => {
  it('verifies it and reads its book as version 2 in a version 3 manifest, the same crops kept', async () => {
    const lab = generateIdentity();
    const photos = [await makePhoto(600, 400, 3), await makePhoto(300, 450, 4)];
    const book = structuredClone(bookV1);
    const placed = [
      book.assets['photo-01010101010101010101010101010101'],
      book.assets['photo-02020202020202020202020202020202'],
    ];
    // The fixture's photos stand for these two: same ids and sizes, the real bytes' hashes.
    const files = placed.map((asset, i) => {
      asset.sha256 = createHash('sha256').update(photos[i]!).digest('hex');
      asset.byteSize = photos[i]!.length;
      return {
        name: photoFileName(i + 1),
        role: 'photo',
        assetId: asset.id,
        sha256: asset.sha256,
        byteSize: asset.byteSize,
        mime: 'image/jpeg',
      };
    });
    const manifestV1 = {
      manifestVersion: 1,
      createdAt: '2026-11-20T09:30:00.000Z',
      client: { app: 'photodose', version: '0.1.0' },
      lab: { id: 'photodose-bremen' },
      book,
      customer: {
        name: 'Jorinde Vahlenkamp',
        street: 'Ostertorsteinweg 5',
        postalCode: '28203',
        city: 'Bremen',
        country: 'DE',
        email: 'jorinde.vahlenkamp@example.org',
      },
      files,
    };
    const orderId = await sendOrder(lab.recipient, manifestV1, photos);

    const out = join(dir, 'lab-orders');
    const report = await pullOrders({
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identities: [lab.identity],
      outDir: out,
    });
    expect(report.failed).toEqual([]);
    expect(report.pulled).toEqual([{ orderId, dir: join(out, orderId), photos: 2 }]);

    const stored = JSON.parse(await readFile(join(out, orderId, 'manifest.json'), 'utf8'));
    expect(stored.manifestVersion).toBe(1);
    const read = parseManifest(stored);
    expect(read.manifestVersion).toBe(3);
    if (read.design.kind !== 'photoBook') throw new Error('a version 1 order is a photo book');
    expect(read.design.book.formatVersion).toBe(2);
    expect(read.design.book.pageIds).toEqual(bookV1.pageIds);
    const frame = read.design.book.frames['slot-0012']!;
    expect(frame).toMatchObject({ pageId: 'page-0011', assetId: placed[1]!.id });
    if (frame.kind !== 'photo') throw new Error('slot-0012 is not a photo frame');
    expect(visibleRegion(frame.crop, placed[1]!, frame)).toEqual(
      bookV1.pages['page-0011'].slots[0]!.crop,
    );
  });
});
