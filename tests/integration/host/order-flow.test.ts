import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { createHost } from '../../../services/host/create-host';
import { dispatch } from '../../../services/host/dispatch';
import { parseIdentityFile } from '../../../services/age';
import { findProduct, parseCatalog } from '../../../src/catalog/catalog';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { applyChanges } from '../../../src/model/changes';
import type { HostEvent } from '../../../src/contract/host';
import catalogData from '../../../assets/catalog.json';
import { makePhoto } from '../../fixtures/photos';

const run = promisify(execFile);
const customer = {
  name: 'Jorinde Vahlenkamp',
  street: 'Ostertorsteinweg 5',
  postalCode: '28203',
  city: 'Bremen',
  country: 'DE' as const,
  email: 'jorinde.vahlenkamp@example.org',
};

let dir: string;
let receiver: Receiver;
let identityFile: string;
let recipient: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-flow-'));
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
  // The lab's key comes from Debian's age-keygen: the reference tool, not our own code.
  identityFile = join(dir, 'lab-identity.txt');
  await run('age-keygen', ['-o', identityFile]);
  recipient = (await run('age-keygen', ['-y', identityFile])).stdout.trim();
});

afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

/** Imports two photos (one by path, one as browser bytes), places them, and submits. */
async function placeOrder() {
  const host = createHost({
    version: '0.0.0-test',
    transport: 'electron',
    lab: {
      id: 'photodose-bremen',
      name: 'Photo Dose',
      city: 'Bremen',
      recipient,
      serverUrl: receiver.url,
    },
  });
  const photos = [await makePhoto(1600, 1000, 5), await makePhoto(900, 1400, 9, 'png')];
  const onDisk = join(dir, 'Hafen.jpg');
  await writeFile(onDisk, photos[0]!);
  const blobId = host.blobs.put(photos[1]!);
  const imported = await host.services['photos.import']({
    sources: [
      { kind: 'path', path: onDisk },
      { kind: 'blob', blobId, name: 'Deich.png' },
    ],
  });
  expect(imported.failures).toEqual([]);
  const product = findProduct(parseCatalog(catalogData), 'book-a4-hardcover');
  let n = 0;
  let book = newBook(product, (prefix) => `${prefix}-${++n}`);
  book = applyChanges(
    book,
    addAssets(
      book,
      imported.photos.map((p) => p.asset),
    ),
    'forward',
  );
  imported.photos.forEach((photo, i) => {
    const pageId = book.pageIds[i]!;
    const slotId = book.pages[pageId]!.slots[0]!.id;
    book = applyChanges(book, placePhoto(book, pageId, slotId, photo.asset.id), 'forward');
  });
  const progress: HostEvent<'order.progress'>[] = [];
  host.events.subscribe((name, payload) => {
    if (name === 'order.progress') progress.push(payload as HostEvent<'order.progress'>);
  });
  const outcome = await dispatch(host.services, 'order.submit', { book, customer });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const { orderId } = outcome.result as { orderId: string };
  return { orderId, photos, progress };
}

/** The files the receiving server stored: tus data files, not their .json info files. */
async function storedFiles(): Promise<string[]> {
  const uploads = join(dir, 'provider', 'uploads');
  const names = await readdir(uploads);
  return names.filter((name) => !name.endsWith('.json')).map((name) => join(uploads, name));
}

describe('an order from the host to the lab', () => {
  it('stores only ciphertext at the provider', async () => {
    const { photos } = await placeOrder();
    const files = await storedFiles();
    expect(files).toHaveLength(3);
    for (const file of files) {
      const bytes = await readFile(file);
      expect(bytes.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
      // No piece of either photo: not its header (JPEG markers, PNG chunks), not its middle.
      for (const photo of photos) {
        expect(bytes.includes(photo.subarray(0, 24))).toBe(false);
        expect(bytes.includes(photo.subarray(photo.length >> 1, (photo.length >> 1) + 32))).toBe(
          false,
        );
      }
      expect(bytes.includes(Buffer.from(customer.name))).toBe(false);
      expect(bytes.includes(Buffer.from(customer.email))).toBe(false);
    }
  });

  it('decrypts with Debian age to the very photos and the manifest', async () => {
    const { orderId, photos } = await placeOrder();
    const plaintexts: Buffer[] = [];
    for (const file of await storedFiles()) {
      const { stdout } = await run('age', ['-d', '-i', identityFile, file], {
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
      });
      plaintexts.push(stdout);
    }
    expect(plaintexts.some((p) => p.equals(photos[0]!))).toBe(true);
    expect(plaintexts.some((p) => p.equals(photos[1]!))).toBe(true);
    const manifest = plaintexts.find((p) => p[0] === 0x7b);
    expect(JSON.parse(manifest!.toString())).toMatchObject({ orderId, customer });
  });

  it('reports progress up to every byte sent', async () => {
    const { progress } = await placeOrder();
    expect(progress[0]?.phase).toBe('preparing');
    expect(progress.at(-1)).toMatchObject({ phase: 'done' });
    const uploading = progress.filter((p) => p.phase === 'uploading');
    expect(uploading.length).toBeGreaterThan(1);
    for (let i = 1; i < uploading.length; i++) {
      expect(uploading[i]!.sentBytes).toBeGreaterThanOrEqual(uploading[i - 1]!.sentBytes);
    }
    const total = progress.at(-1)!.totalBytes;
    const stored = await Promise.all((await storedFiles()).map((f) => readFile(f)));
    expect(total).toBe(stored.reduce((sum, b) => sum + b.length, 0));
  });

  it('is pulled, verified and then deleted at the provider', async () => {
    const { orderId, photos } = await placeOrder();
    const identities = parseIdentityFile(await readFile(identityFile, 'utf8'));
    const out = join(dir, 'lab-orders');
    const report = await pullOrders({
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identities,
      outDir: out,
    });
    expect(report.failed).toEqual([]);
    expect(report.pulled).toEqual([{ orderId, dir: join(out, orderId), photos: 2 }]);
    expect((await readFile(join(out, orderId, 'photo-0001.jpg'))).equals(photos[0]!)).toBe(true);
    expect((await readFile(join(out, orderId, 'photo-0002.png'))).equals(photos[1]!)).toBe(true);
    expect(await storedFiles()).toEqual([]);
  });

  it('leaves the order at the provider when the lab key does not fit', async () => {
    const { orderId } = await placeOrder();
    const { stdout } = await run('age-keygen');
    const report = await pullOrders({
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identities: parseIdentityFile(stdout),
      outDir: join(dir, 'lab-orders'),
    });
    expect(report.pulled).toEqual([]);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]!.orderId).toBe(orderId);
    expect(report.failed[0]!.reason).toMatch(/no identity matches/);
    expect(await storedFiles()).toHaveLength(3);
    expect(await readdir(join(dir, 'lab-orders'))).toEqual([]);
  });
});
