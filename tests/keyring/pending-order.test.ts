import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { createReceiver, type Receiver } from '../../server/receiver';
import { createHost, type Host } from '../../services/host/create-host';
import { dispatch } from '../../services/host/dispatch';
import { osKeychain } from '../../services/keychain/secret-store';
import { findProduct, parseCatalog } from '../../src/catalog/catalog';
import { addAssets, framesOn, newBook, placePhoto } from '../../src/model/commands';
import { applyChanges } from '../../src/model/changes';
import type { Book } from '../../src/model/book';
import type { HostEvent } from '../../src/contract/host';
import catalogData from '../../assets/catalog.json';
import { makePhoto } from '../fixtures/photos';
import { customer as invoiceCustomer, makeLabKey } from '../integration/host/support';
import { startMeteredLine, type MeteredLine } from '../support/metered-line';
import { freePort } from '../support/free-port';

/**
 * The running order's resume secrets in the real OS keychain (gnome-keyring over D-Bus, npm run
 * test:keyring), read from outside with libsecret's secret-tool: written when the order is
 * opened, holding nothing personal (no name, address, email, IBAN, no capture date), and gone
 * once the order is through or the customer lets a failed one go.
 */
const run = promisify(execFile);
const service = `de.photodose.test-pending-${randomBytes(4).toString('hex')}`;
const customer = {
  ...invoiceCustomer,
  phone: '+49 421 5550123',
  payment: {
    method: 'sepa' as const,
    holder: 'Jorinde Vahlenkamp',
    iban: 'DE89370400440532013000',
    mandate: {
      accepted: true as const,
      reference: 'PD-MANDAT-4711',
      acceptedAt: '2026-11-26T09:00:00.000Z',
    },
  },
};
const personal = [
  customer.shippingAddress.firstName,
  customer.shippingAddress.lastName,
  customer.shippingAddress.street,
  customer.email,
  customer.phone,
  customer.payment.iban,
  'PD-MANDAT-4711',
];

let dir: string;
let receiver: Receiver;
let line: MeteredLine;
let recipient: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-pending-'));
  recipient = (await makeLabKey(dir)).recipient;
  const port = await freePort();
  line = await startMeteredLine({ target: { host: '127.0.0.1', port }, bytesPerSecond: 2 << 20 });
  receiver = await createReceiver({ dataDir: join(dir, 'provider'), port, publicUrl: line.url });
}, 60_000);

afterAll(async () => {
  await line?.close();
  await receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every entry the app keeps under the test's service name, as secret-tool sees them. */
async function keychainEntries(): Promise<Map<string, string>> {
  const { stdout, stderr } = await run('secret-tool', [
    'search',
    '--all',
    '--unlock',
    'service',
    service,
  ]);
  // secret-tool prints attributes on stderr and secrets on stdout, one block per entry.
  const names = [...stderr.matchAll(/attribute\.username = (.*)/g)].map((m) => m[1]!);
  const secrets = [...stdout.matchAll(/secret = (.*)/g)].map((m) => m[1]!);
  return new Map(names.map((name, i) => [name, secrets[i] ?? '']));
}

/** The record's text: its pieces put together and inflated, as the app reads it. */
function recordText(entries: Map<string, string>): string {
  const head = JSON.parse(entries.get('pending-order')!) as { pieces: number };
  let text = '';
  for (let i = 1; i <= head.pieces; i++) text += entries.get(`pending-order.${i}`)!;
  return inflateRawSync(Buffer.from(text, 'base64url')).toString('utf8');
}

async function orderWithPhotos(
  host: Host,
  count: number,
): Promise<{ book: Book; paths: string[] }> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `Strand ${i + 1} ${randomBytes(3).toString('hex')}.jpg`);
    await writeFile(path, await makePhoto(1800, 1200, 40 + i));
    paths.push(path);
  }
  const imported = await host.services['photos.import']({
    importId: randomBytes(18).toString('base64url'),
    sources: paths.map((path) => ({ kind: 'path' as const, path })),
  });
  expect(imported.failures).toEqual([]);
  const product = findProduct(parseCatalog(catalogData), 'book-a4-hardcover', 'photoBook');
  let n = 0;
  let book = newBook(product, (prefix) => `${prefix}-${++n}`);
  const assets = imported.photos.map((p) => ({ ...p.asset, takenAt: '2019-07-14T16:03:11' }));
  book = applyChanges(book, addAssets(book, assets), 'forward');
  assets.forEach((asset, i) => {
    const [frame] = framesOn(book, book.pageIds[i]!);
    book = applyChanges(book, placePhoto(book, frame!.id, asset.id), 'forward');
  });
  return { book, paths };
}

function keychainHost(): { host: Host; progress: HostEvent<'order.progress'>[] } {
  const host = createHost({
    version: '0.0.0-test',
    transport: 'electron',
    lab: {
      id: 'photodose-bremen',
      name: 'Photo Dose',
      city: 'Bremen',
      recipient,
      serverUrl: line.url,
    },
    keychain: osKeychain(service),
    uploadRetryDelaysMs: [0],
    orderRetryDelaysMs: [100],
  });
  const progress: HostEvent<'order.progress'>[] = [];
  host.events.subscribe((name, payload) => {
    if (name === 'order.progress') progress.push(payload as HostEvent<'order.progress'>);
  });
  return { host, progress };
}

describe('the running order in the OS keychain', () => {
  it('is kept while it uploads, without personal data, and removed once it is through', async () => {
    const { host, progress } = keychainHost();
    const { book } = await orderWithPhotos(host, 3);
    const sending = dispatch(host.services, 'order.submit', {
      design: { kind: 'photoBook', book },
      customer,
    });
    await vi.waitFor(() => expect(progress.some((p) => p.phase === 'uploading')).toBe(true), {
      timeout: 60_000,
    });

    const entries = await keychainEntries();
    const record = recordText(entries);
    const orderId = progress.find((p) => p.orderId)!.orderId!;
    // The needles that must be there prove the scan reads what the app wrote.
    expect(entries.get('pending-order')).toContain(orderId);
    expect(record).toContain(orderId);
    expect(record).toContain('"uploadToken"');
    const everything = [record, ...entries.values()].join('\n');
    for (const needle of personal) expect(everything).not.toContain(needle);
    // When a photo was taken says where the customer was when: not needed to resume, not kept.
    expect(everything).not.toContain('2019-07-14');
    // Small pieces: a Windows credential holds at most 1,280 characters.
    for (const value of entries.values()) expect(value.length).toBeLessThanOrEqual(1_280);

    const outcome = await sending;
    expect(outcome).toMatchObject({ ok: true, result: { orderId } });
    expect(await keychainEntries()).toEqual(new Map());
  }, 120_000);

  it('is removed when the customer lets a failed order go', async () => {
    const { host, progress } = keychainHost();
    const { book, paths } = await orderWithPhotos(host, 2);
    const sending = dispatch(host.services, 'order.submit', {
      design: { kind: 'photoBook', book },
      customer,
      send: 'originals',
    });
    // The second photo is gone before its turn: the order stops and names it.
    await vi.waitFor(() => expect(progress.some((p) => p.phase === 'uploading')).toBe(true), {
      timeout: 60_000,
    });
    await unlink(paths[1]!);
    const failed = await sending;
    expect(failed).toMatchObject({ ok: false, error: { code: 'photo-missing' } });
    const status = await host.services['order.status']({});
    expect(status).toMatchObject({
      state: 'failed',
      needsPhotos: [{ name: expect.stringMatching(/^Strand 2 /), problem: 'missing' }],
    });
    expect((await keychainEntries()).has('pending-order')).toBe(true);

    await host.services['order.forget']({});
    expect(await keychainEntries()).toEqual(new Map());
  }, 120_000);
});
