import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { parseIdentityFile } from '../../../services/age';
import { customer, makeLabKey, prepareOrder, run, submit } from './support';
import { startRequestLog } from '../../support/request-log';

let dir: string;
let receiver: Receiver;
let identityFile: string;
let recipient: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-flow-'));
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
  ({ identityFile, recipient } = await makeLabKey(dir));
});

afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

/** Two photos placed and submitted; fails the test when the order does not go through. */
async function placeOrder() {
  const order = await prepareOrder(dir, { recipient, serverUrl: receiver.url });
  const outcome = await submit(order);
  if (!outcome.ok) throw new Error(outcome.error.message);
  const { orderId } = outcome.result as { orderId: string };
  return { orderId, photos: order.photos, progress: order.progress };
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
      expect(bytes.includes(Buffer.from(customer.shippingAddress.lastName))).toBe(false);
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

  it("creates each file's upload while the file before it is still sending", async () => {
    // A receiver that names the proxy as its address, so the uploads go through it too.
    const line = await startRequestLog();
    const behind = await createReceiver({
      dataDir: join(dir, 'provider-behind'),
      publicUrl: line.url,
    });
    line.upstream = behind.url;
    try {
      const order = await prepareOrder(dir, { recipient, serverUrl: line.url });
      const outcome = await submit(order);
      expect(outcome.ok).toBe(true);
    } finally {
      await line.close();
      await behind.close();
    }
    const { events } = line;
    const at = (event: 'request' | 'reply', method: string, target: string) =>
      events.findIndex((e) => e.event === event && e.method === method && e.target === target);
    const created = events.filter((e) => e.event === 'reply' && e.method === 'POST' && e.location);
    const order = ['manifest.age', 'photo-0001.age', 'photo-0002.age'];
    expect(created.map((e) => e.target).sort()).toEqual(order);
    const pathOf = (name: string) =>
      new URL(created.find((e) => e.target === name)!.location!, line.url).pathname;
    for (const [before, next] of [order.slice(0, 2), order.slice(1, 3)] as [string, string][]) {
      // The next creation was asked for before the file before it was through.
      expect(at('request', 'POST', next)).toBeLessThan(at('reply', 'PATCH', pathOf(before)));
    }
    // A fresh upload starts at 0: nobody asks the server for an offset.
    expect(events.filter((e) => e.method === 'HEAD')).toEqual([]);
    expect(events.filter((e) => e.event === 'request' && e.method === 'PATCH')).toHaveLength(3);
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
    // Quarantined (ciphertext and reason), never an order folder.
    expect((await readdir(join(dir, 'lab-orders'))).sort()).toEqual(['lab.sqlite', 'quarantine']);
  });
});
