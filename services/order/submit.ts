import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Customer } from '../../src/order/customer';
import { designAssets, type Design } from '../../src/model/design';
import {
  MANIFEST_FILE,
  MANIFEST_VERSION,
  photoFileName,
  type OrderFile,
  type OrderManifest,
} from '../../src/order/manifest';
import { HostError, type HostEvent, type SendChoice } from '../../src/contract/host';
import catalogData from '../../assets/catalog.json';
import { parseCatalog, type Catalog } from '../../src/catalog/catalog';
import type { PhotoAsset } from '../../src/model/book';
import { planPrintReady, regionNeeds, type PrintReadyPiece } from '../../src/order/print-regions';
import { estimatePrintReadyBytes } from '../../src/order/upload-estimate';
import { makePrintReady } from '../photos/print-ready';
import { createAgeEncryptor, type AgeEncryptor } from '../age';
import { commitOrder, createOrder } from '../upload/receiver-api';
import { OrderLookup } from '../order-status/order-lookup';
import { uploadResumable } from '../upload/tus-client';
import type { ServerTrust } from '../upload/server-trust';
import type { PhotoStore } from '../photos/photo-store';
import { openCiphertext } from './cipher-source';
import { manifestTotals, placeholderTotals } from './order-totals';
import type { LabCheckout } from '../../src/lab/checkout-config';

export type { SendChoice };

export interface SubmitDeps {
  store: PhotoStore;
  /** `checkout`: the lab's shipping prices for the totals (Photo Dose's when absent). */
  lab: { id: string; recipient: string; serverUrl: string; checkout?: LabCheckout };
  client: { app: string; version: string };
  /** The catalog whose products the design is printed as; the app's own when absent. */
  catalog?: Catalog;
  onProgress?: (progress: HostEvent<'order.progress'>) => void;
  log?: (line: string) => void;
  /** Pauses between upload retries; the tus client's own default when absent. */
  retryDelaysMs?: number[];
  /** The lab's pins of its server's key (TLS is verified with or without them). */
  trust?: ServerTrust;
  /** A request that makes no progress this long is aborted and resumed (tests shorten it). */
  stallTimeoutMs?: number;
}

const PROGRESS_INTERVAL_MS = 100;

/** One file of an order as it is sent: its encryption is fixed once, so a resend is identical. */
interface RunFile {
  encryptor: AgeEncryptor;
  /** The tus upload on the server, once created: a resend continues it. */
  uploadUrl?: string;
  /** What the file is, once made; a resend must make the very same file. */
  file?: OrderFile;
  size?: number;
  done: boolean;
}

/**
 * An order on its way: its number and upload rights from the first attempt to the lab, and what
 * each file's upload has reached. Sending it again continues it: never a second order, no file
 * sent twice. Held in memory only (it holds the customer's data until the manifest is sent).
 */
export interface OrderRun {
  orderId: string;
  uploadUrl: string;
  uploadToken: string;
  createdAt: string;
  design: Design;
  customer: Customer;
  send: SendChoice;
  parts: OrderPart[];
  files: RunFile[];
  manifest?: { bytes: Buffer; run: RunFile };
  committed: boolean;
  /** The customer's status lookup on its way to the server (none for an order resumed after a restart). */
  lookup?: OrderLookup;
}

/**
 * Sends an order: the photos the design prints (a book's placed photos, the prints' photos, the
 * canvas's photo) and the manifest, each encrypted to the lab's key as it streams out, uploaded
 * with tus, then committed. Nothing is written to disk on the way; the customer's data exists
 * only inside the encrypted manifest.
 *
 * `send` says what goes for the photos: print-ready images (the default: the parts printed at
 * print resolution, each made just before its upload and held only while it uploads), or the
 * customer's originals as they are.
 */
export async function submitOrder(
  design: Design,
  customer: Customer,
  deps: SubmitDeps,
  send: SendChoice = 'print-ready',
): Promise<{ orderId: string }> {
  return sendOrderRun(await openOrderRun(design, customer, deps, send), deps);
}

/** Checks the order can be made, and opens it on the server: its number and upload rights. */
export async function openOrderRun(
  design: Design,
  customer: Customer,
  deps: SubmitDeps,
  send: SendChoice = 'print-ready',
): Promise<OrderRun> {
  const photos = designAssets(design);
  if (photos.length === 0) {
    throw new HostError(
      'invalid-request',
      design.kind === 'photoBook'
        ? 'the book has no photos placed'
        : `the ${design.kind} order has no photo`,
    );
  }
  for (const photo of photos) {
    const held = deps.store.get(photo.id);
    if (!held) {
      throw new HostError(
        'photo-missing',
        `photo ${photo.name} is no longer available; add it again`,
      );
    }
    if (held.bytes.kind === 'path')
      await checkUnchanged(deps.store, photo.id, photo.sha256, photo.name);
  }
  deps.onProgress?.({ phase: 'preparing', sentBytes: 0, totalBytes: 0 });
  const parts = orderParts(design, send, deps);
  const order = await wrapNetwork(() => createOrder(deps.lab.serverUrl, { trust: deps.trust }));
  // The customer's status lookup: its key made from the email and given to the server while
  // the files go (the server keeps its hash only); the commit waits for it.
  const lookup = OrderLookup.open(customer.email, {
    serverUrl: deps.lab.serverUrl,
    orderId: order.orderId,
    uploadToken: order.uploadToken,
    trust: deps.trust,
  });
  const newFile = (): RunFile => ({
    encryptor: createAgeEncryptor([deps.lab.recipient]),
    done: false,
  });
  return {
    ...order,
    createdAt: new Date().toISOString(),
    design,
    customer,
    send,
    parts,
    files: parts.map(newFile),
    committed: false,
    lookup,
  };
}

/**
 * Sends what is left of an order and commits it. Called again after a failure, it continues
 * each upload from what the server holds (tus), and makes each file again exactly as before
 * (print-ready images are the same bytes every time; each file keeps its encryption).
 */
export async function sendOrderRun(run: OrderRun, deps: SubmitDeps): Promise<{ orderId: string }> {
  const { orderId } = run;
  const sized = run.files[0]?.encryptor ?? createAgeEncryptor([deps.lab.recipient]);
  // Print-ready sizes are known once each image is made; until then the total is an estimate.
  const estimates = run.parts.map((part) => sized.encryptedLength(part.estimatedBytes));
  const manifestEstimate =
    run.manifest?.run.size ??
    sized.encryptedLength(
      manifestBytes(placeholderManifest(run.design, run.customer, deps, run.parts)).length,
    );
  const total = () =>
    run.files.reduce((sum, f, i) => sum + (f.size ?? estimates[i]!), 0) + manifestEstimate;
  const doneBytes = () =>
    run.files.reduce((sum, f) => sum + (f.done ? f.size! : 0), 0) +
    (run.manifest?.run.done ? run.manifest.run.size! : 0);
  // The tus client reports every chunk written; the screen needs a few updates a second.
  let lastReport = 0;
  const report = (phase: 'uploading' | 'committing' | 'done', sentBytes: number) => {
    const now = Date.now();
    const totalBytes = total();
    if (phase === 'uploading' && now - lastReport < PROGRESS_INTERVAL_MS && sentBytes < totalBytes)
      return;
    lastReport = now;
    deps.onProgress?.({ phase, sentBytes, totalBytes, orderId });
  };
  deps.log?.(`order ${orderId}: sending ${run.parts.length + 1} files (${run.send})`);

  const upload = async (target: RunFile, name: string, plainLength: number, open: OpenPlain) => {
    const size = target.encryptor.encryptedLength(plainLength);
    target.size = size;
    const before = doneBytes();
    const { uploadUrl } = await wrapNetwork(() =>
      uploadResumable({
        endpoint: run.uploadUrl,
        token: run.uploadToken,
        metadata: { order: orderId, name },
        size,
        uploadUrl: target.uploadUrl,
        onCreated: (url) => (target.uploadUrl = url),
        open: (offset) => openCiphertext(target.encryptor, plainLength, open, offset),
        onProgress: (sent) => report('uploading', before + sent),
        retryDelaysMs: deps.retryDelaysMs,
        timeoutMs: deps.stallTimeoutMs,
        trust: deps.trust,
      }),
    );
    target.uploadUrl = uploadUrl;
    target.done = true;
  };

  for (const [i, part] of run.parts.entries()) {
    const target = run.files[i]!;
    if (target.done) continue;
    // Made now and dropped when its upload is done: one print-ready image in memory at a time.
    const ready = await part.prepare();
    if (target.file && target.file.sha256 !== ready.file.sha256) {
      throw new HostError(
        'photo-missing',
        `a photo of ${ready.file.name} changed since the order started; add it again`,
      );
    }
    target.file = ready.file;
    await upload(target, ready.file.name, ready.file.byteSize, ready.openPlain);
  }

  if (!run.manifest) {
    const manifest: OrderManifest = {
      manifestVersion: MANIFEST_VERSION,
      orderId,
      createdAt: run.createdAt,
      client: deps.client,
      lab: { id: deps.lab.id },
      design: run.design,
      customer: run.customer,
      totals: manifestTotals(deps.catalog ?? appCatalog(), deps.lab, run.design, run.customer),
      files: run.files.map((f) => f.file!),
    };
    run.manifest = {
      bytes: manifestBytes(manifest),
      run: { encryptor: createAgeEncryptor([deps.lab.recipient]), done: false },
    };
  }
  const { manifest } = run;
  if (!manifest.run.done) {
    await upload(manifest.run, MANIFEST_FILE, manifest.bytes.length, (start) =>
      Readable.from([manifest.bytes.subarray(start)]),
    );
  }

  report('committing', total());
  const uploaded = [
    ...run.files.map((f) => ({ name: f.file!.name, size: f.size! })),
    { name: MANIFEST_FILE, size: manifest.run.size! },
  ];
  // The status lookup's key is at the server before the order is complete.
  if (run.lookup) await wrapNetwork(() => run.lookup!.ready());
  // Committing twice is harmless: a commit whose reply was lost is simply sent again.
  await wrapNetwork(() =>
    commitOrder(deps.lab.serverUrl, orderId, run.uploadToken, uploaded, { trust: deps.trust }),
  );
  run.committed = true;
  report('done', total());
  deps.log?.(`order ${orderId}: committed`);
  return { orderId };
}

type OpenPlain = (start: number) => Readable;

/** One photo file of an order: its size before it exists, and how it comes to be. */
export interface OrderPart {
  assetId: string;
  /** Exact for an original; about, for a print-ready image not made yet. */
  estimatedBytes: number;
  /** Its manifest entry without the hash and size a print-ready image only has once made. */
  draft: Omit<OrderFile, 'sha256' | 'byteSize'>;
  prepare: () => Promise<{ file: OrderFile; openPlain: OpenPlain }>;
}

/**
 * The photo files an order sends, in upload order: each original, or the print-ready images of
 * the order's plan (src/order/print-regions). A photo the plan has no part of (a background
 * entirely hidden behind the page's neighbour) goes as its original, so the lab has every photo
 * the design names.
 */
export function orderParts(
  design: Design,
  send: SendChoice,
  deps: Pick<SubmitDeps, 'store' | 'catalog'>,
): OrderPart[] {
  const photos = designAssets(design);
  const original = (photo: PhotoAsset, name: string): OrderPart => {
    const file: OrderFile = {
      name,
      role: 'photo',
      assetId: photo.id,
      sha256: photo.sha256,
      byteSize: photo.byteSize,
      mime: photo.mime,
    };
    return {
      assetId: photo.id,
      estimatedBytes: photo.byteSize,
      draft: file,
      prepare: async () => ({
        file,
        openPlain: (start) => deps.store.open(photo.id, start),
      }),
    };
  };
  if (send === 'originals') return photos.map((p, i) => original(p, photoFileName(i + 1)));

  const catalog = deps.catalog ?? appCatalog();
  const pieces = planPrintReady(regionNeeds(design, catalog), photos);
  const byId = new Map(photos.map((p) => [p.id, p]));
  const parts: OrderPart[] = [];
  for (const photo of photos) {
    const own = pieces.filter((p) => p.assetId === photo.id);
    if (own.length === 0) parts.push(original(photo, photoFileName(parts.length + 1)));
    for (const piece of own) {
      const draft = {
        name: photoFileName(parts.length + 1),
        role: 'photo' as const,
        assetId: piece.assetId,
        mime: 'image/jpeg',
        printReady: { covers: piece.covers, widthPx: piece.px.width, heightPx: piece.px.height },
      };
      parts.push({
        assetId: piece.assetId,
        estimatedBytes: estimatePrintReadyBytes(piece, byId.get(piece.assetId)!),
        draft,
        prepare: async () => {
          const image = await makeOrRefuse(deps.store, piece, photo);
          const file = { ...draft, sha256: image.sha256, byteSize: image.jpeg.length };
          return { file, openPlain: (start) => Readable.from([image.jpeg.subarray(start)]) };
        },
      });
    }
  }
  return parts;
}

/**
 * The print-ready image of a piece from the photo's bytes as they are now, which must still be
 * the bytes the customer added (a file edited since would print something else).
 */
async function makeOrRefuse(store: PhotoStore, piece: PrintReadyPiece, photo: PhotoAsset) {
  let bytes: Buffer;
  try {
    bytes = await store.read(piece.assetId);
  } catch (error) {
    if (error instanceof HostError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new HostError(
      'photo-missing',
      `photo ${photo.name} can no longer be read (${detail}); add it again`,
    );
  }
  if (createHash('sha256').update(bytes).digest('hex') !== photo.sha256) {
    throw new HostError(
      'photo-missing',
      `photo ${photo.name} changed since it was added; add it again`,
    );
  }
  return makePrintReady(bytes, piece);
}

let catalog: Catalog | undefined;
function appCatalog(): Catalog {
  catalog ??= parseCatalog(catalogData);
  return catalog;
}

export function manifestBytes(manifest: OrderManifest): Buffer {
  return Buffer.from(JSON.stringify(manifest), 'utf8');
}

/**
 * The manifest as it will be, with stand-ins of the same length for what the server and the
 * clock give later (order id, date) and for what print-ready images say once made (hash, size).
 */
export function placeholderManifest(
  design: Design,
  customer: Customer,
  deps: Pick<SubmitDeps, 'lab' | 'client'>,
  parts: readonly OrderPart[],
): OrderManifest {
  return {
    manifestVersion: MANIFEST_VERSION,
    orderId: 'PD-AAAAAAAAAA',
    createdAt: new Date(0).toISOString(),
    client: deps.client,
    lab: { id: deps.lab.id },
    design,
    customer,
    totals: placeholderTotals(appCatalog(), deps.lab, design, customer),
    files: parts.map((part) => ({
      sha256: '0'.repeat(64),
      byteSize: part.estimatedBytes,
      ...part.draft,
    })),
  };
}

/** A photo on disk may have been edited since import; the lab must get what the customer saw. */
async function checkUnchanged(store: PhotoStore, assetId: string, sha256: string, name: string) {
  const hash = createHash('sha256');
  for await (const chunk of store.open(assetId)) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== sha256) {
    throw new HostError(
      'photo-missing',
      `photo ${name} changed on disk since it was added; add it again`,
    );
  }
}

async function wrapNetwork<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HostError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // The server's status, where it answered: a refusal (4xx) is not cured by sending again.
    const status = (error as { status?: unknown }).status;
    throw new HostError(
      'upload-failed',
      message,
      typeof status === 'number' ? { status } : undefined,
    );
  }
}
