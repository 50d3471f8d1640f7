import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host } from '../../../services/host/create-host';
import { dispatch, type DispatchOutcome } from '../../../services/host/dispatch';
import { listOpenOrders, listOrders } from '../../../services/upload/lab-api';
import { SEALED_CHUNK_BYTES } from '../../../services/age';
import { findProduct, parseCatalog } from '../../../src/catalog/catalog';
import { addAssets, framesOn, newBook, placePhoto } from '../../../src/model/commands';
import { applyChanges } from '../../../src/model/changes';
import type { Book } from '../../../src/model/book';
import type { OrderProgress } from '../../../src/contract/host';
import catalogData from '../../../assets/catalog.json';
import { makePhoto } from '../../fixtures/photos';
import { runCli, startCli, type Running } from '../../e2e/support/processes';
import { startFaultProxy, type FaultProxy, type FaultProxyOptions } from '../receiver/fault-proxy';
import { customer, makeLabKey, testId } from '../host/support';
import { freePort } from '../../support/free-port';
import { labAt } from '../../fixtures/labs';

/**
 * One order through a line that fails, as the customer would meet it: a real receiver process
 * (`photodose receiver`), the fault proxy in front of it, the host sending a photo book of three
 * photos (about 6 MB of ciphertext), and the lab's own `photodose lab pull` at the end.
 */

/** "No more than one chunk sent twice": an age payload chunk, as it travels (64 KiB and tag). */
export const ONE_CHUNK = SEALED_CHUNK_BYTES;

/**
 * What a receiver killed with SIGKILL loses of what reached it: the bytes in its socket not yet
 * read, and those in @tus/server's stream pipeline on their way to the file (six stream buffers
 * of 16 KiB, more when a busy machine lets the process fall behind). The client must send them
 * again; measured 96 KiB and 288 KiB. Not one chunk, but far below a file sent again from the
 * start (every photo here is 0.5 MB or more).
 */
export const KILLED_RECEIVER_HELD_BYTES = 512 * 1024;

/** The photos of every fault's order: a JPEG, a large PNG and a large JPEG (about 6 MB). */
export function makeOrderPhotos(): Promise<Buffer[]> {
  return Promise.all([
    makePhoto(1600, 1000, 5),
    makePhoto(900, 1400, 9, 'png'),
    makePhoto(3000, 2000, 3),
  ]);
}

export interface FaultLab {
  dir: string;
  proxy: FaultProxy;
  /** The receiver's own address, past the proxy: what the lab uses. */
  receiverUrl: string;
  /** The receiver's data folder (its lab token is there). */
  dataDir: string;
  /** The lab's age identity (made by Debian's age-keygen). */
  identityFile: string;
  receiver: Running;
  host: Host;
  photos: Buffer[];
  book: Book;
  /** Every progress the host reported, in order. */
  progress: OrderProgress[];
  /** Starts the receiver process again on the same port and data (after a kill). */
  restartReceiver(): Promise<void>;
  stop(): Promise<void>;
}

/** Pauses short enough for a test, the order's own waiting included. */
const HOST_TIMINGS = {
  uploadRetryDelaysMs: [0, 200, 500, 1000, 2000],
  orderRetryDelaysMs: [500, 1000, 2000],
  /** The stall detector: a request with no progress for this long is aborted and resumed. */
  uploadStallMs: 2000,
};

/**
 * The set-up each fault test file shares: the order's photos, made once for the file, and per
 * test a temporary folder and the fault lab `start` starts in it, stopped and removed after the
 * test whatever its outcome.
 */
export function useFaultLabs(folderPrefix: string): {
  start(faults: Omit<FaultProxyOptions, 'target'>): Promise<FaultLab>;
} {
  let photos: Buffer[];
  let dir: string;
  let lab: FaultLab | undefined;
  beforeAll(async () => {
    photos = await makeOrderPhotos();
  }, 60_000);
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), folderPrefix));
  });
  afterEach(async () => {
    await lab?.stop();
    lab = undefined;
    await rm(dir, { recursive: true, force: true });
  });
  return { start: async (faults) => (lab = await startFaultLab(dir, photos, faults)) };
}

/** Starts the receiver process behind the proxy and a host with the photo book placed. */
export async function startFaultLab(
  dir: string,
  photos: Buffer[],
  faults: Omit<FaultProxyOptions, 'target'>,
): Promise<FaultLab> {
  const lab = await makeLabKey(dir);
  const port = await freePort();
  const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port }, ...faults });
  const dataDir = join(dir, 'provider');
  // Upload locations the receiver hands out point at the proxy: every byte goes through it.
  const args = ['receiver', '--port', String(port), '--data', dataDir, '--public-url', proxy.url];
  // A minute on a busy machine is possible: tsx compiles the receiver at each start.
  const start = () => startCli(args, /Receiver running at (\S+)\n/, process.env, 120_000);
  let receiver = await start();
  const host = createHost({
    version: '0.0.0-test',
    transport: 'electron',
    lab: labAt(lab.recipient, proxy.url),
    ...HOST_TIMINGS,
  });
  const progress: OrderProgress[] = [];
  host.events.subscribe((name, payload) => {
    if (name === 'order.progress') progress.push(payload as OrderProgress);
  });
  const book = await placePhotos(host, dir, photos);
  return {
    dir,
    proxy,
    receiverUrl: `http://127.0.0.1:${port}`,
    dataDir,
    identityFile: lab.identityFile,
    get receiver() {
      return receiver;
    },
    host,
    photos,
    book,
    progress,
    restartReceiver: async () => {
      receiver = await start();
    },
    stop: async () => {
      await receiver.stop();
      await proxy.close();
    },
  };
}

/** Imports the photos from files on disk and places each on its own page of an A4 book. */
export async function placePhotos(host: Host, dir: string, photos: Buffer[]): Promise<Book> {
  const sources = await Promise.all(
    photos.map(async (bytes, i) => {
      const path = join(dir, `Foto-${i + 1}.${bytes[0] === 0x89 ? 'png' : 'jpg'}`);
      await writeFile(path, bytes);
      return { kind: 'path' as const, path };
    }),
  );
  const imported = await host.services['photos.import']({ importId: testId(), sources });
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
  return book;
}

/** Orders the book with its originals, through the dispatch both transports use. */
export function order(lab: FaultLab): Promise<DispatchOutcome> {
  return dispatch(lab.host.services, 'order.submit', {
    design: { kind: 'photoBook', book: lab.book },
    customer,
    send: 'originals',
  });
}

/**
 * What the lab has in the end, checked as the issue asks: exactly one complete order and no
 * open one at the server; its photos, pulled and decrypted by `photodose lab pull`, are the
 * customer's files byte for byte. Returns the upload bytes the server received beyond the
 * order's size: what was sent twice.
 */
export async function expectOneOrderAtTheLab(lab: FaultLab): Promise<{ sentTwice: number }> {
  const { dataDir, identityFile } = lab;
  const labToken = (await readFile(join(dataDir, 'lab-token'), 'utf8')).trim();
  const complete = await listOrders(lab.receiverUrl, labToken);
  expect(complete).toHaveLength(1);
  expect(await listOpenOrders(lab.receiverUrl, labToken)).toEqual([]);
  const orderSize = complete[0]!.files.reduce((sum, f) => sum + f.size, 0);

  const out = join(lab.dir, 'lab-orders');
  const pulled = await runCli([
    'lab', 'pull', '--server', lab.receiverUrl, '--out', out,
    '--lab-token-file', join(dataDir, 'lab-token'), '--identity', identityFile,
  ]); // prettier-ignore
  expect(pulled).toContain(`1 orders pulled into ${out}, 0 failed`);
  const orderDir = join(out, complete[0]!.orderId);
  const files = await readdir(orderDir);
  const received = await Promise.all(
    files.filter((f) => /^photo-/.test(f)).map((f) => readFile(join(orderDir, f))),
  );
  expect(received).toHaveLength(lab.photos.length);
  for (const photo of lab.photos) {
    expect(received.filter((r) => r.equals(photo))).toHaveLength(1);
  }
  return { sentTwice: lab.proxy.uploadBytes - orderSize };
}
