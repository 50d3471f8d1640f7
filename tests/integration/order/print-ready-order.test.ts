import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { decryptedName } from '../../../src/order/decrypted-name';
import { renderOrder } from '../../../server/lab/render/order';
import { BOOK_FILES } from '../../../server/lab/render/book';
import { parseIdentityFile } from '../../../services/age';
import { dispatch } from '../../../services/host/dispatch';
import { srgbProfile } from '../../../server/lab/render/srgb';
import type { HostEvent } from '../../../src/contract/host';
import type { Book } from '../../../src/model/book';
import { applyChanges } from '../../../src/model/changes';
import { framesOn } from '../../../src/model/commands';
import { parseManifest, type OrderManifest } from '../../../src/order/manifest';
import { ssimOf } from '../../fixtures/ssim';
import { customer, makeLabKey, prepareOrder, run, type PreparedOrder } from '../host/support';

/**
 * One photo book ordered twice through the real host, its receiving server and the lab's pull
 * and render: once with print-ready images (the default), once with the originals. The
 * print-ready order uploads less, the lab verifies its files and prints from them, and its
 * pages look like the pages printed from the originals.
 */

let dir: string;
let receiver: Receiver;
let identityFile: string;
let order: PreparedOrder;
let book: Book;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-print-ready-order-'));
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
  const key = await makeLabKey(dir);
  identityFile = key.identityFile;
  order = await prepareOrder(dir, { recipient: key.recipient, serverUrl: receiver.url });
  // The first photo also in a second, small frame zoomed into its corner: one photo, two parts.
  book = order.book;
  const [first] = framesOn(book, book.pageIds[0]!);
  const [third] = framesOn(book, book.pageIds[2]!);
  if (first?.kind !== 'photo' || third?.kind !== 'photo') throw new Error('no photo frames');
  const corner = {
    ...third,
    widthMm: 60,
    heightMm: 40,
    xMm: 20,
    yMm: 20,
    assetId: first.assetId,
    crop: { panX: 1, panY: 1, zoom: 3 },
  };
  book = applyChanges(
    book,
    [{ kind: 'frame', id: third.id, before: third, after: corner }],
    'forward',
  );
});

afterAll(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends the book, pulls it as the lab, renders it; with the bytes the host said it sent. */
async function orderAndRender(send: 'print-ready' | 'originals') {
  const progress: HostEvent<'order.progress'>[] = [];
  const off = order.host.events.subscribe((name, payload) => {
    if (name === 'order.progress') progress.push(payload as HostEvent<'order.progress'>);
  });
  const outcome = await dispatch(order.host.services, 'order.submit', {
    design: { kind: 'photoBook', book },
    customer,
    send,
  });
  off();
  if (!outcome.ok) throw new Error(outcome.error.message);
  const { orderId } = outcome.result as { orderId: string };
  const out = join(dir, `lab-${send}`);
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
  const rendered = await renderOrder(orderDir);
  const sent = progress.at(-1)!;
  expect(sent.phase).toBe('done');
  return { manifest, orderDir, rendered, sentBytes: sent.sentBytes };
}

let printReady: Awaited<ReturnType<typeof orderAndRender>>;
let originals: Awaited<ReturnType<typeof orderAndRender>>;
let sizes: { 'print-ready': number; originals: number };

describe('an order of print-ready images', () => {
  beforeAll(async () => {
    const asked = await dispatch(order.host.services, 'order.uploadSize', {
      design: { kind: 'photoBook', book },
      customer,
    });
    if (!asked.ok) throw new Error(asked.error.message);
    sizes = asked.result as typeof sizes;
    printReady = await orderAndRender('print-ready');
    originals = await orderAndRender('originals');
  });

  it('sends one print-ready JPEG per part of each photo, verified by the lab', async () => {
    const files = printReady.manifest.files;
    const [jpeg, png] = order.book.pageIds
      .slice(0, 2)
      .map((id) => framesOn(order.book, id)[0]!)
      .map((f) => (f.kind === 'photo' ? f.assetId : null));
    // The first photo twice (its page and the zoomed corner, far apart: two images), the second once.
    expect(files.map((f) => f.assetId).sort()).toEqual([jpeg, jpeg, png].sort());
    for (const file of files) {
      expect(file.mime).toBe('image/jpeg');
      expect(file.printReady).toBeDefined();
      const bytes = await readFile(join(printReady.orderDir, decryptedName(file.name, file.mime)));
      const meta = await sharp(bytes).metadata();
      expect({ width: meta.width, height: meta.height }).toEqual({
        width: file.printReady!.widthPx,
        height: file.printReady!.heightPx,
      });
      expect(meta.icc?.equals(await srgbProfile())).toBe(true);
    }
  });

  it('uploads fewer bytes than the originals, as the host said beforehand', () => {
    expect(printReady.sentBytes).toBeLessThan(originals.sentBytes);
    // Originals: exact. Print-ready: an estimate, within a factor of 1.5 either way here.
    expect(sizes.originals).toBe(originals.sentBytes);
    const ratio = sizes['print-ready'] / printReady.sentBytes;
    expect(ratio).toBeGreaterThan(1 / 1.5);
    expect(ratio).toBeLessThan(1.5);
  });

  it('prints from the print-ready images, embedded as they came', async () => {
    const pdf = join(printReady.rendered.dir, BOOK_FILES.inner);
    const { stdout } = await run('pdfimages', ['-list', pdf]);
    const sizesInPdf = stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => line.trim().split(/\s+/))
      .map((cols) => `${cols[3]}x${cols[4]}`);
    const files = printReady.manifest.files.map(
      (f) => `${f.printReady!.widthPx}x${f.printReady!.heightPx}`,
    );
    // Each image on the pages is a print-ready file whole (passed through, not cut again).
    for (const size of sizesInPdf) expect(files).toContain(size);
  });

  it('gives pages that look like the pages printed from the originals', async () => {
    const page = async ({ rendered }: typeof printReady, n: number) => {
      const prefix = join(rendered.dir, `page-${n}`);
      await run('pdftoppm', [
        '-r',
        '50',
        '-f',
        String(n),
        '-l',
        String(n),
        '-singlefile',
        '-png',
        join(rendered.dir, BOOK_FILES.inner),
        prefix,
      ]);
      return readFile(`${prefix}.png`);
    };
    // The print-ready image covers whole pixels, so the grain of the photo lands a fraction of
    // a pixel apart on the two pages: compared slightly blurred, the pictures must agree.
    const blurred = async (rendered: typeof printReady, n: number) =>
      sharp(await page(rendered, n)).blur(1);
    for (const n of [1, 2, 3]) {
      const score = await ssimOf(await blurred(printReady, n), await blurred(originals, n));
      expect(score, `page ${n}`).toBeGreaterThan(0.97);
    }
  });

  it('still renders an order of originals only (orders from before)', () => {
    expect(
      originals.manifest.files.every((f: OrderManifest['files'][number]) => !f.printReady),
    ).toBe(true);
    expect(originals.rendered.files).toEqual([BOOK_FILES.inner, BOOK_FILES.cover]);
  });
});
