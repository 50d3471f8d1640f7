import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { eraseCustomer } from '../../../server/lab/erase';
import { importPackages } from '../../../server/lab/import';
import { shipOrder } from '../../../server/lab/production';
import { purgeImageData } from '../../../server/lab/purge';
import { openLabStore } from '../../../server/lab/store/open';
import type { LabStore } from '../../../server/lab/store/lab-store';
import { generateIdentity } from '../../../services/age';
import { runCli } from '../../e2e/support/processes';
import {
  JORINDE,
  KASIMIR,
  flipByte,
  sealedOrder,
  writePackage,
  type SealedOrder,
  type TestCustomer,
  twoPhotos,
} from './support/lab-orders';

/**
 * `lab erase-customer`: after it, a scan of every file of the lab's stores (the orders folder
 * with its order folders, documents, quarantine and staging, and the database, read both as raw
 * bytes and as rows) finds the customer's name, street, email, tracking number and photos
 * nowhere but in the invoice, which the law makes the lab keep (§ 147 AO): the one exception,
 * named here. The scan proves itself on the same stores before the erasure, and fails on a
 * file it cannot read. Another customer's order is left whole.
 */
const run = promisify(execFile);
let dir: string;
let out: string;
let now: Date;
const clock = () => now;
let store: LabStore;
const lab = generateIdentity();
const DAY = 24 * 60 * 60 * 1000;
const TRACKING = 'JJD00099887766';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-erase-'));
  out = join(dir, 'lab-orders');
  now = new Date('2026-12-01T08:00:00.000Z');
  store = await openLabStore(out, clock);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function takeIn(order: SealedOrder): Promise<void> {
  const report = await importPackages({
    source: await writePackage(join(dir, 'medium'), order),
    identities: [lab.identity],
    outDir: out,
    store,
    clock,
  });
  expect(report.imported.length + report.failed.length).toBe(1);
}

/** A PDF with the customer's details as text (fonts compress nothing here, poppler reads it). */
async function pdfNaming(customer: TestCustomer, title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  const lines = [title, customer.name, customer.street, `${customer.postalCode} ${customer.city}`];
  lines.push(customer.email);
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 12, font }));
  return pdf.save();
}

/** Job sheet and invoice, where the documents helper writes them (ORDER/documents/). */
async function writeDocuments(orderId: string, customer: TestCustomer, invoice: number) {
  const docs = join(out, orderId, 'documents');
  await mkdir(docs, { recursive: true });
  await writeFile(join(docs, 'job-sheet.pdf'), await pdfNaming(customer, `Auftrag ${orderId}`));
  await writeFile(
    join(docs, `invoice-${invoice}.pdf`),
    await pdfNaming(customer, `Rechnung ${invoice}`),
  );
  await writeFile(
    join(docs, 'invoice-issue.json'),
    JSON.stringify({
      orderId,
      number: invoice,
      invoiceDate: '2026-12-01',
      deliveryDate: '2026-12-01',
    }),
  );
}

interface Hit {
  file: string;
  needle: string;
}

/**
 * Every file under the orders folder, searched for each needle: raw bytes, the text poppler
 * extracts from a PDF, and every row of an SQLite database. A file it cannot read fails.
 */
async function scan(root: string, needles: (string | Buffer)[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        await walk(path);
        continue;
      }
      const bytes = await readFile(path);
      const texts = [bytes];
      if (entry.name.endsWith('.pdf')) {
        texts.push(Buffer.from((await run('pdftotext', [path, '-'])).stdout));
      }
      if (bytes.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') {
        const db = new Database(path, { readonly: true });
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[];
        for (const { name } of tables) {
          texts.push(Buffer.from(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())));
        }
        db.close();
      }
      for (const needle of needles) {
        if (texts.some((t) => t.includes(needle))) {
          hits.push({
            file: relative(root, path),
            needle: typeof needle === 'string' ? needle : 'photo',
          });
        }
      }
    }
  };
  await walk(root);
  return hits;
}

const needlesOf = (customer: TestCustomer, photos: Buffer[]) => [
  customer.name,
  customer.street,
  customer.email,
  TRACKING,
  // A run of each photo's bytes from its middle: a copy of the photo, wherever it lies.
  ...photos.map((p) => p.subarray(p.length >> 1, (p.length >> 1) + 64)),
];

describe('lab erase-customer', () => {
  it("finds the customer's data nowhere but in the invoice the law keeps", async () => {
    // Jorinde: one order shipped and purged, one in the works (both with documents), one
    // quarantined; Kasimir: one order.
    const shipped = await sealedOrder(lab.recipient, {
      customer: JORINDE,
      photos: await twoPhotos(10),
    });
    const open = await sealedOrder(lab.recipient, {
      customer: { ...JORINDE, email: ' Jorinde.Vahlenkamp@EXAMPLE.org ' },
      photos: await twoPhotos(20),
    });
    const damaged = await sealedOrder(lab.recipient, {
      customer: JORINDE,
      photos: await twoPhotos(30),
      alter: (files) =>
        files.map((f) => (f.name === 'photo-0001.age' ? { ...f, cipher: flipByte(f.cipher) } : f)),
    });
    const other = await sealedOrder(lab.recipient, {
      customer: KASIMIR,
      photos: await twoPhotos(40),
    });
    for (const order of [shipped, open, damaged, other]) await takeIn(order);
    await writeDocuments(shipped.orderId, JORINDE, 1);
    await writeDocuments(open.orderId, JORINDE, 2);
    await writeDocuments(other.orderId, KASIMIR, 3);
    await shipOrder({ store, log: () => {} }, shipped.orderId, { trackingNumber: TRACKING });
    now = new Date(now.getTime() + 15 * DAY);
    expect(await purgeImageData({ ordersDir: out, store, clock })).toEqual([shipped.orderId]);
    expect(await store.get(damaged.orderId)).toMatchObject({ state: 'quarantined' });

    const needles = needlesOf(JORINDE, [...open.photos, ...damaged.photos]);
    // The scan proves itself: before the erasure it finds each needle in each store.
    const before = await scan(out, needles);
    const where = (needle: string) =>
      before
        .filter((h) => h.needle === needle)
        .map((h) => h.file)
        .sort();
    expect(where(JORINDE.name)).toEqual(
      [
        `${open.orderId}/documents/invoice-2.pdf`,
        `${open.orderId}/documents/job-sheet.pdf`,
        `${open.orderId}/manifest.json`,
        `${shipped.orderId}/documents/invoice-1.pdf`,
        `${shipped.orderId}/documents/job-sheet.pdf`,
        `${shipped.orderId}/manifest.json`,
      ].sort(),
    );
    expect(where(TRACKING)).toEqual(['lab.sqlite']);
    expect(where('photo').length).toBeGreaterThan(0);
    // (The quarantined order holds ciphertext only: its manifest is read with the lab key.)

    const dryRun = await eraseCustomer({
      ordersDir: out,
      store,
      clock,
      email: 'JORINDE.vahlenkamp@example.org',
      identities: [lab.identity],
      dryRun: true,
    });
    expect(dryRun.orderIds).toEqual([shipped.orderId, open.orderId, damaged.orderId].sort());
    expect(await scan(out, needles)).toEqual(before);

    now = new Date(now.getTime() + DAY);
    const report = await eraseCustomer({
      ordersDir: out,
      store,
      clock,
      email: 'JORINDE.vahlenkamp@example.org',
      identities: [lab.identity],
    });
    expect(report.orderIds).toEqual([shipped.orderId, open.orderId, damaged.orderId].sort());
    expect(report.uncheckedQuarantined).toEqual([]);
    await store.close();

    const after = await scan(out, needles);
    // The one exception: the invoices (§ 147 AO: ten years), and nothing else anywhere.
    expect(after.map((h) => h.file).sort()).toEqual(
      [
        ...[JORINDE.name, JORINDE.street, JORINDE.email].map(
          () => `${open.orderId}/documents/invoice-2.pdf`,
        ),
        ...[JORINDE.name, JORINDE.street, JORINDE.email].map(
          () => `${shipped.orderId}/documents/invoice-1.pdf`,
        ),
      ].sort(),
    );
    expect((await readdir(join(out, shipped.orderId, 'documents'))).sort()).toEqual([
      'invoice-1.pdf',
      'invoice-issue.json',
    ]);
    expect(await readdir(join(out, shipped.orderId))).toEqual(['documents']);
    expect(
      await stat(join(out, 'quarantine', damaged.orderId)).catch(() => undefined),
    ).toBeUndefined();

    // Kasimir's order is whole.
    expect((await readdir(join(out, other.orderId))).sort()).toEqual([
      'documents',
      'manifest.json',
      'photo-0001.jpg',
      'photo-0002.jpg',
    ]);
    expect(await readFile(join(out, other.orderId, 'manifest.json'), 'utf8')).toContain(
      KASIMIR.email,
    );

    // The database says an erasure happened, and which orders, with no personal data.
    store = await openLabStore(out, clock);
    const erasures = await store.erasures();
    expect(erasures).toEqual([
      {
        id: 1,
        erasedAt: new Date('2026-12-17T08:00:00.000Z'),
        orderIds: [shipped.orderId, open.orderId, damaged.orderId].sort(),
      },
    ]);
    for (const orderId of erasures[0]!.orderIds) {
      expect(await store.get(orderId)).toMatchObject({ state: 'erased' });
    }
    expect(await store.get(other.orderId)).toMatchObject({ state: 'received' });
  });
  it('lists first, erases with --yes, from the command line', { timeout: 180_000 }, async () => {
    const order = await sealedOrder(lab.recipient, { customer: JORINDE });
    await takeIn(order);
    await writeDocuments(order.orderId, JORINDE, 7);
    await store.close();
    const listed = await runCli([
      'lab',
      'erase-customer',
      '--email',
      JORINDE.email,
      '--orders',
      out,
    ]);
    expect(listed).toContain(`would erase orders: ${order.orderId} (run again with --yes)`);
    expect(await readdir(join(out, order.orderId))).toContain('manifest.json');
    const erased = await runCli([
      'lab',
      'erase-customer',
      '--email',
      JORINDE.email,
      '--orders',
      out,
      '--yes',
    ]);
    expect(erased).toContain(`erased orders: ${order.orderId}`);
    expect(erased).toContain(
      `kept by law (§ 147 AO): ${join(out, order.orderId, 'documents', 'invoice-7.pdf')}`,
    );
    expect(await readdir(join(out, order.orderId))).toEqual(['documents']);
    store = await openLabStore(out, clock);
  });
});
