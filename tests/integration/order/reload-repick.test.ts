import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { parseIdentityFile } from '../../../services/age';
import { createHost, type Host } from '../../../services/host/create-host';
import { startLoopbackHost, type LoopbackHost } from '../../../services/loopback/server';
import { findProduct, parseCatalog } from '../../../src/catalog/catalog';
import { addAssets, framesOn, newBook, placePhoto } from '../../../src/model/commands';
import { applyChanges } from '../../../src/model/changes';
import type { HostEvent } from '../../../src/contract/host';
import catalogData from '../../../assets/catalog.json';
import { makePhoto } from '../../fixtures/photos';
import { connectNodeClient, type NodeLoopbackClient } from '../../support/node-loopback';
import { startMeteredLine, type MeteredLine } from '../../support/metered-line';
import { customer, makeLabKey, testId } from '../host/support';
import { freePort } from '../../support/free-port';
import { labAt } from '../../fixtures/labs';

/**
 * The app in a browser, reloaded while its order uploads: the page's files are gone with it.
 * The host (the loopback, as `photodose web` runs it) keeps the order, says which photos it
 * needs, the reloaded page picks them again (one wrong file among them), and the same order
 * goes on to the lab: one order, every file verified. The line is slowed to 1 MB/s so the
 * reload lands mid-order; the pages are the browser's own loopback client run under Node.
 */
let dir: string;
let receiver: Receiver;
let line: MeteredLine;
let identityFile: string;
let host: Host;
let loopback: LoopbackHost;
const pages: NodeLoopbackClient[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-reload-'));
  const key = await makeLabKey(dir);
  identityFile = key.identityFile;
  const port = await freePort();
  line = await startMeteredLine({ target: { host: '127.0.0.1', port }, bytesPerSecond: 1 << 20 });
  receiver = await createReceiver({ dataDir: join(dir, 'provider'), port, publicUrl: line.url });
  host = createHost({
    version: '0.0.0-test',
    transport: 'loopback',
    lab: labAt(key.recipient, line.url),
    uploadRetryDelaysMs: [0],
    orderRetryDelaysMs: [200],
    // A page that no longer holds a file never answers: the host stops waiting after this.
    browserFileLimits: { answerTimeoutMs: 3_000 },
  });
  loopback = await startLoopbackHost({ ...host });
}, 60_000);

afterAll(async () => {
  for (const page of pages) page.close();
  await loopback?.close();
  await line?.close();
  await receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

async function openPage(): Promise<NodeLoopbackClient> {
  const page = await connectNodeClient(loopback.origin, loopback.token);
  pages.push(page);
  return page;
}

describe('an order in a browser page that is reloaded mid-upload', () => {
  it('asks for the photos again and goes on with the same order', async () => {
    const photos = await Promise.all(
      [0, 1, 2].map(
        async (i) => new File([await makePhoto(2000, 1400, 70 + i)], `Deich ${i + 1}.jpg`),
      ),
    );

    // The first page imports, designs and orders.
    const first = await openPage();
    const progress: HostEvent<'order.progress'>[] = [];
    first.client.on('order.progress', (p) => progress.push(p));
    const imported = await first.client.invoke('photos.import', {
      importId: testId(),
      sources: first.client.sourcesFor(photos),
    });
    expect(imported.failures).toEqual([]);
    const product = findProduct(parseCatalog(catalogData), 'book-a4-hardcover', 'photoBook');
    let n = 0;
    let book = newBook(product, (prefix) => `${prefix}-${++n}`);
    const assets = imported.photos.map((p) => p.asset);
    book = applyChanges(book, addAssets(book, assets), 'forward');
    assets.forEach((asset, i) => {
      const [frame] = framesOn(book, book.pageIds[i]!);
      book = applyChanges(book, placePhoto(book, frame!.id, asset.id), 'forward');
    });
    const sending = first.client
      .invoke('order.submit', { design: { kind: 'photoBook', book }, customer })
      .catch((error: unknown) => error);

    // Reloaded once the photos upload: the page and its files are gone.
    await vi.waitFor(() => expect(progress.some((p) => p.phase === 'uploading')).toBe(true), {
      timeout: 60_000,
    });
    const orderId = progress.find((p) => p.orderId)!.orderId!;
    first.close();
    await sending;

    // The reloaded page joins the order: it waits for photos, named, not for a new order.
    const second = await openPage();
    const status = await vi.waitFor(
      async () => {
        const now = await second.client.invoke('order.status', {});
        if (now.state !== 'failed') throw new Error(`order is ${now.state}`);
        return now;
      },
      { timeout: 60_000, interval: 200 },
    );
    expect(status.orderId).toBe(orderId);
    const needed = status.needsPhotos ?? [];
    expect(needed.length).toBeGreaterThan(0);
    for (const photo of needed) {
      expect(photo).toMatchObject({
        name: expect.stringMatching(/^Deich \d\.jpg$/),
        problem: 'missing',
      });
    }

    // The customer picks the photos again, and one that belongs to no order.
    const stranger = new File([await makePhoto(800, 600, 99)], 'Katze.jpg');
    const done = new Promise<string>((resolve) =>
      second.client.on('order.progress', (p) => {
        if (p.phase === 'done') resolve(p.orderId!);
      }),
    );
    const supplied = await second.client.invoke('order.supplyPhotos', {
      sources: second.client.sourcesFor([...photos, stranger]),
    });
    expect(supplied.unmatched).toEqual(['Katze.jpg']);
    expect(supplied.matched).toEqual(expect.arrayContaining(needed.map((p) => p.assetId)));
    expect(supplied).toMatchObject({ needsPhotos: [], resumed: true });
    expect(await done).toBe(orderId);

    // One order at the provider, the one first opened; the lab pulls and verifies it.
    const orders = await readdir(join(dir, 'provider', 'orders'));
    expect(orders.filter((name) => name.endsWith('.json'))).toEqual([`${orderId}.json`]);
    const report = await pullOrders({
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identities: parseIdentityFile(await readFile(identityFile, 'utf8')),
      outDir: join(dir, 'lab-orders'),
    });
    expect(report.failed).toEqual([]);
    expect(report.pulled.map((p) => p.orderId)).toEqual([orderId]);
  }, 180_000);
});
