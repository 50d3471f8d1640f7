import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { parseIdentityFile } from '../../../services/age';
import { createHost, type Host } from '../../../services/host/create-host';
import { dispatch } from '../../../services/host/dispatch';
import { findProduct, parseCatalog } from '../../../src/catalog/catalog';
import { editPrints, newPrints } from '../../../src/model/prints';
import { editCanvas, newCanvas } from '../../../src/model/canvas';
import type { Design } from '../../../src/model/design';
import { parseManifest } from '../../../src/order/manifest';
import type { PhotoAsset } from '../../../src/model/book';
import catalogData from '../../../assets/catalog.json';
import { makePhoto } from '../../fixtures/photos';
import { browserFile, customer, makeLabKey, testId } from './support';
import { labAt } from '../../fixtures/labs';

/**
 * Prints and a canvas sent through the host's own dispatch (as both transports do) to a real
 * receiving server, pulled by the lab: the manifest carries the design, and only the photos the
 * design prints travel, each verified.
 */
const catalog = parseCatalog(catalogData);
const printProduct = findProduct(catalog, 'prints', 'print');
const canvasProduct = findProduct(catalog, 'canvas', 'canvas');

let dir: string;
let receiver: Receiver;
let identityFile: string;
let host: Host;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-designs-'));
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
  const key = await makeLabKey(dir);
  identityFile = key.identityFile;
  host = createHost({
    version: '0.0.0-test',
    transport: 'loopback',
    lab: labAt(key.recipient, receiver.url),
  });
});

afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

/** Imports photos as a browser's files, the way the web app does. */
async function importPhotos(photos: Buffer[]): Promise<PhotoAsset[]> {
  const imported = await host.services['photos.import']({
    importId: testId(),
    sources: photos.map((bytes, i) => browserFile(host, bytes, `Foto ${i + 1}.jpg`)),
  });
  expect(imported.failures).toEqual([]);
  return imported.photos.map((p) => p.asset);
}

/** Sends the originals, so each file can be compared with the photo it came from. */
async function sendAndPull(design: Design) {
  const outcome = await dispatch(host.services, 'order.submit', {
    design,
    customer,
    send: 'originals',
  });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const { orderId } = outcome.result as { orderId: string };
  const out = join(dir, 'lab-orders');
  const report = await pullOrders({
    serverUrl: receiver.url,
    labToken: receiver.labToken,
    identities: parseIdentityFile(await readFile(identityFile, 'utf8')),
    outDir: out,
  });
  expect(report.failed).toEqual([]);
  const orderDir = join(out, orderId);
  const manifest = parseManifest(
    JSON.parse(await readFile(join(orderDir, 'manifest.json'), 'utf8')),
  );
  return { manifest, orderDir, report };
}

describe('prints and canvas from the host to the lab', () => {
  it('sends each printed photo once, and not the one left in the tray', async () => {
    const photos = [
      await makePhoto(1200, 800, 51),
      await makePhoto(800, 1200, 52),
      await makePhoto(900, 900, 53),
    ];
    const [beach, portrait, unused] = await importPhotos(photos);
    let prints = editPrints(
      newPrints(printProduct, (p) => `${p}-1`),
      {
        kind: 'addPhotos',
        assets: [beach!, portrait!, unused!],
      },
    );
    const add = (itemId: string, assetId: string) =>
      (prints = editPrints(prints, { kind: 'addPrint', itemId, assetId, product: printProduct }));
    add('a', beach!.id);
    add('b', portrait!.id);
    add('c', beach!.id);
    prints = editPrints(prints, { kind: 'setQuantity', itemId: 'a', quantity: 12 });
    prints = editPrints(prints, { kind: 'setPrint', itemId: 'c', patch: { sizeId: '20x30' } });

    const { manifest, orderDir, report } = await sendAndPull({ kind: 'prints', prints });
    expect(report.pulled[0]!.photos).toBe(2);
    expect(manifest.design).toEqual({ kind: 'prints', prints });
    expect(manifest.files.map((f) => f.assetId)).toEqual([beach!.id, portrait!.id]);
    expect((await readFile(join(orderDir, 'photo-0001.jpg'))).equals(photos[0]!)).toBe(true);
    expect((await readFile(join(orderDir, 'photo-0002.jpg'))).equals(photos[1]!)).toBe(true);
  });

  it('sends a canvas with its one photo', async () => {
    const photos = [await makePhoto(1500, 1000, 61), await makePhoto(1000, 1500, 62)];
    const [front, other] = await importPhotos(photos);
    let canvas = editCanvas(
      newCanvas(canvasProduct, (p) => `${p}-1`),
      {
        kind: 'addPhotos',
        assets: [other!, front!],
      },
    );
    canvas = editCanvas(canvas, { kind: 'placePhoto', assetId: front!.id });
    canvas = editCanvas(canvas, { kind: 'setSize', sizeId: '90x60' });
    canvas = editCanvas(canvas, { kind: 'setCrop', crop: { panX: -0.5, panY: 0, zoom: 1.2 } });

    const { manifest, orderDir } = await sendAndPull({ kind: 'canvas', canvas });
    expect(manifest.design).toEqual({ kind: 'canvas', canvas });
    expect(manifest.files).toHaveLength(1);
    expect((await readFile(join(orderDir, 'photo-0001.jpg'))).equals(photos[0]!)).toBe(true);
  });

  it('refuses a canvas without a photo before anything is sent', async () => {
    const canvas = newCanvas(canvasProduct, (p) => `${p}-1`);
    const outcome = await dispatch(host.services, 'order.submit', {
      design: { kind: 'canvas', canvas },
      customer,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({ code: 'invalid-request' });
    expect(outcome.error.message).toBe('the canvas order has no photo');
  });
});
