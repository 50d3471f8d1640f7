import { expect } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHost, type Host } from '../../../services/host/create-host';
import type { BrowserFileLimits } from '../../../services/host/browser-files';
import { generateIdentity } from '../../../services/age';
import { dispatch, type DispatchOutcome } from '../../../services/host/dispatch';
import { findProduct, parseCatalog } from '../../../src/catalog/catalog';
import { addAssets, framesOn, newBook, placePhoto } from '../../../src/model/commands';
import { applyChanges } from '../../../src/model/changes';
import type { Book } from '../../../src/model/book';
import type { HostEvent, PhotoSource } from '../../../src/contract/host';
import catalogData from '../../../assets/catalog.json';
import { makePhoto } from '../../fixtures/photos';

export const run = promisify(execFile);

/** A random id of the shape the contract wants for imports and files. */
export function testId(): string {
  return randomBytes(18).toString('base64url');
}

const pages = new WeakMap<Host, Map<string, { bytes: Buffer; after?: Promise<unknown> }>>();

/**
 * A browser page's file as the host sees it: the page keeps the bytes and streams them when the
 * host asks (`photos.bytesWanted`), through the same intake the loopback route uses. For service
 * tests without HTTP; tests of the transport use the real loopback client. With `after`, the page
 * answers only once that promise has settled (a page slow to read its file).
 */
export function browserFile(
  host: Host,
  bytes: Buffer,
  name: string,
  options: { after?: Promise<unknown> } = {},
): PhotoSource {
  let files = pages.get(host);
  if (!files) {
    const held = new Map<string, { bytes: Buffer; after?: Promise<unknown> }>();
    files = held;
    pages.set(host, held);
    host.events.subscribe((event, payload) => {
      if (event !== 'photos.bytesWanted') return;
      const { requestId, fileId } = payload as HostEvent<'photos.bytesWanted'>;
      const file = held.get(fileId);
      if (!file) return;
      // Later, as a page answers: the host is waiting for it by then.
      void Promise.allSettled([file.after]).then(() =>
        setImmediate(() => {
          const intake = host.browserFiles.receive(requestId, file.bytes.length);
          intake.write(file.bytes);
          intake.finish();
        }),
      );
    });
  }
  const fileId = testId();
  files.set(fileId, { bytes, after: options.after });
  return { kind: 'file', fileId, name, size: bytes.length };
}

/** A customer as checkout sends one: invoice, DHL, the bill to the delivery address. */
export const customer = {
  shippingAddress: {
    firstName: 'Jorinde',
    lastName: 'Vahlenkamp',
    street: 'Ostertorsteinweg 5',
    postalCode: '28203',
    city: 'Bremen',
    country: 'DE' as const,
  },
  billingAddress: null,
  email: 'jorinde.vahlenkamp@example.org',
  shippingMethodId: 'dhl-paket',
  payment: { method: 'invoice' as const },
  termsAcceptedAt: '2026-11-26T09:00:00.000Z',
};

/**
 * A host whose lab server is unreachable (port 9, discard): for tests that
 * never send an order, only import or talk to the transport.
 */
export function offlineHost(
  transport: 'electron' | 'loopback',
  browserFileLimits?: Partial<BrowserFileLimits>,
): Host {
  return createHost({
    version: '0.0.0-test',
    transport,
    browserFileLimits,
    lab: {
      id: 'test-lab',
      name: 'Test Lab',
      city: 'Bremen',
      recipient: generateIdentity().recipient,
      serverUrl: 'http://127.0.0.1:9',
    },
  });
}

/** The lab's key from Debian's age-keygen: the reference tool, not our own code. */
export async function makeLabKey(
  dir: string,
): Promise<{ identityFile: string; recipient: string }> {
  const identityFile = join(dir, 'lab-identity.txt');
  await run('age-keygen', ['-o', identityFile]);
  return { identityFile, recipient: (await run('age-keygen', ['-y', identityFile])).stdout.trim() };
}

export interface PreparedOrder {
  host: Host;
  book: Book;
  photos: Buffer[];
  progress: HostEvent<'order.progress'>[];
}

/** Time after a file's last change for its stamp to stand (RECENT_CHANGE_NS, and a margin). */
export const STAMP_SETTLE_MS = 3200;

/** A host with two imported photos (one by path, one a browser's file) placed on pages 1 and 2. */
export async function prepareOrder(
  dir: string,
  lab: { recipient: string; serverUrl: string },
  uploadRetryDelaysMs?: number[],
  /** Pauses before the order is sent again after the connection was lost. */
  orderRetryDelaysMs?: number[],
  /**
   * Waits after writing the photo file before importing it, so its stamp stands for its hash
   * (services/photos/file-stamp.ts: a file changed within 3 s gets none, and is hashed again).
   */
  { settled = false }: { settled?: boolean } = {},
): Promise<PreparedOrder> {
  const host = createHost({
    version: '0.0.0-test',
    transport: 'electron',
    lab: { id: 'photodose-bremen', name: 'Photo Dose', city: 'Bremen', ...lab },
    uploadRetryDelaysMs,
    orderRetryDelaysMs,
  });
  const photos = [await makePhoto(1600, 1000, 5), await makePhoto(900, 1400, 9, 'png')];
  const onDisk = join(dir, 'Hafen.jpg');
  await writeFile(onDisk, photos[0]!);
  if (settled) await new Promise((resolve) => setTimeout(resolve, STAMP_SETTLE_MS));
  const imported = await host.services['photos.import']({
    importId: testId(),
    sources: [{ kind: 'path', path: onDisk }, browserFile(host, photos[1]!, 'Deich.png')],
  });
  expect(imported.failures).toEqual([]);
  const product = findProduct(parseCatalog(catalogData), 'book-a4-hardcover', 'photoBook');
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
    const [frame] = framesOn(book, book.pageIds[i]!);
    book = applyChanges(book, placePhoto(book, frame!.id, photo.asset.id), 'forward');
  });
  const progress: HostEvent<'order.progress'>[] = [];
  host.events.subscribe((name, payload) => {
    if (name === 'order.progress') progress.push(payload as HostEvent<'order.progress'>);
  });
  return { host, book, photos, progress };
}

/**
 * Submits through the same dispatch the transports use, sending the originals: these tests follow
 * the customer's own bytes to the lab (print-ready images: tests/integration/order).
 */
export function submit(order: PreparedOrder): Promise<DispatchOutcome> {
  return dispatch(order.host.services, 'order.submit', {
    design: { kind: 'photoBook', book: order.book },
    customer,
    send: 'originals',
  });
}
