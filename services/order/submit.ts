import { randomBytes } from 'node:crypto';
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
import type { AgeEncryptor } from '../age';
import { deriveAgeEncryptor, SEED_BYTES } from '../age/derived';
import { commitOrder, createOrder } from '../upload/receiver-api';
import { OrderLookup } from '../order-status/order-lookup';
import { createUpload, uploadResumable } from '../upload/tus-client';
import type { ServerTrust } from '../upload/server-trust';
import type { PhotoStore } from '../photos/photo-store';
import { openCiphertext } from './cipher-source';
import { verifyFailure } from './verified-plain';
import { manifestTotals, placeholderTotals } from './order-totals';
import type { LabCheckout } from '../../src/lab/checkout-config';
import {
  checkPresent,
  makePrintReadyFile,
  openPart,
  type OpenPlain,
  type RunPart,
  type RunPhoto,
} from './order-files';

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
  /** Keeps what resuming after a restart needs (the OS keychain); none: resumable while open. */
  journal?: OrderJournal;
}

/**
 * Where an order's resume secrets go as it is opened and sent (services/order/order-journal.ts:
 * the OS keychain). `uploadCreated` must have stored the URL when it returns: the upload's
 * first byte follows at once.
 */
export interface OrderJournal {
  opened(run: OrderRun): Promise<void>;
  uploadCreated(run: OrderRun, label: string, uploadUrl: string): void;
  uploadDone(run: OrderRun, label: string): void;
  finished(run: OrderRun): Promise<void>;
}

const PROGRESS_INTERVAL_MS = 100;

/** One file of an order as it is sent: its encryption is fixed once, so a resend is identical. */
export interface RunFile {
  /** Its name in the journal: `manifest`, `f0`, `f1`... (the seed's label for its encryption). */
  label: string;
  encryptor: AgeEncryptor;
  /** The tus upload on the server, once created: a resend continues it. */
  uploadUrl?: string;
  /** Encrypted size. */
  size: number;
  done: boolean;
}

/**
 * An order on its way: its number and upload rights from the first attempt to the lab, and what
 * each file's upload has reached. Sending it again continues it: never a second order, no file
 * sent twice. The manifest, the only place the customer's data is, goes first and is let go
 * once it is through; what is left (photos, hashes, upload rights) is what the journal keeps.
 */
export interface OrderRun {
  orderId: string;
  uploadUrl: string;
  uploadToken: string;
  createdAt: string;
  send: SendChoice;
  lab: { id: string; serverUrl: string; recipient: string };
  /** Every file's encryption derives from it (services/age/derived.ts). */
  seed: Buffer;
  /** The order's own photos (where their bytes are): a new book releasing others keeps them. */
  store: PhotoStore;
  photos: RunPhoto[];
  parts: RunPart[];
  files: RunFile[];
  manifest: RunFile & { plainLength: number; bytes?: Buffer };
  /** Photos on disk read through since the order was opened or resumed. */
  checked: Set<string>;
  committed: boolean;
  /**
   * The customer's status lookup on its way to the server; an order resumed after a restart
   * has it from the keychain's record (none for a record written before the key was kept).
   */
  lookup?: OrderLookup;
}

/**
 * Sends an order: the photos the design prints (a book's placed photos, the prints' photos, the
 * canvas's photo) and the manifest, each encrypted to the lab's key as it streams out, uploaded
 * with tus, then committed. Nothing is written to disk on the way; the customer's data exists
 * only inside the encrypted manifest.
 *
 * `send` says what goes for the photos: print-ready images (the default: the parts printed at
 * print resolution), or the customer's originals as they are.
 */
export async function submitOrder(
  design: Design,
  customer: Customer,
  deps: SubmitDeps,
  send: SendChoice = 'print-ready',
): Promise<{ orderId: string }> {
  return sendOrderRun(await openOrderRun(design, customer, deps, send), deps);
}

/**
 * An order checked and its files made once, not yet opened on the server: print-ready images
 * are rendered here to learn the hash and size the manifest names. Kept by the runner while the
 * server can't be reached, so waiting out an outage renders nothing again.
 */
export interface PreparedOrder {
  design: Design;
  customer: Customer;
  send: SendChoice;
  /** The order's own photos (a new book releasing others keeps them). */
  store: PhotoStore;
  photos: RunPhoto[];
  parts: RunPart[];
  /** Photos on disk looked at while preparing. */
  checked: Set<string>;
}

/**
 * Checks the order can be made, makes every file once to learn its hash and size (print-ready
 * images are made again as they upload: one in memory at a time), opens the order on the
 * server and writes its manifest, which is sent first.
 */
export async function openOrderRun(
  design: Design,
  customer: Customer,
  deps: SubmitDeps,
  send: SendChoice = 'print-ready',
): Promise<OrderRun> {
  return openPreparedOrder(await prepareOrder(design, customer, deps, send), deps);
}

/** The first half of {@link openOrderRun}: everything that needs no server. */
export async function prepareOrder(
  design: Design,
  customer: Customer,
  deps: SubmitDeps,
  send: SendChoice = 'print-ready',
): Promise<PreparedOrder> {
  const photos = designAssets(design);
  if (photos.length === 0) {
    throw new HostError(
      'invalid-request',
      design.kind === 'photoBook'
        ? 'the book has no photos placed'
        : `the ${design.kind} order has no photo`,
    );
  }
  const checked = new Set<string>();
  for (const photo of photos) {
    const held = deps.store.get(photo.id);
    if (!held) {
      throw new HostError(
        'photo-missing',
        `photo ${photo.name} is no longer available; add it again`,
        { assetId: photo.id, problem: 'missing' },
      );
    }
    if (held.bytes.kind === 'path') {
      await checkPresent(deps.store, photo);
      checked.add(photo.id);
    }
  }
  deps.onProgress?.({ phase: 'preparing', sentBytes: 0, totalBytes: 0 });
  const store = deps.store.keep(photos.map((p) => p.id));
  // The manifest names every file's hash and size, and it goes first: print-ready images are
  // made once here to learn them, and again as each uploads.
  const parts: RunPart[] = [];
  for (const part of orderParts(design, send, { ...deps, store })) {
    parts.push({ file: (await part.prepare()).file, piece: part.piece });
  }
  return {
    design,
    customer,
    send,
    store,
    photos: photos.map(({ takenAt: _when, ...photo }) => photo),
    parts,
    checked,
  };
}

/** The second half of {@link openOrderRun}: the order opened on the server, its manifest written. */
export async function openPreparedOrder(
  prepared: PreparedOrder,
  deps: SubmitDeps,
): Promise<OrderRun> {
  const { design, customer, send, store, parts } = prepared;
  const order = await wrapNetwork(() => createOrder(deps.lab.serverUrl, { trust: deps.trust }));
  // The customer's status lookup: its key made from the email and given to the server while
  // the files go (the server keeps its hash only); the commit waits for it.
  const lookup = OrderLookup.open(customer.email, {
    serverUrl: deps.lab.serverUrl,
    orderId: order.orderId,
    uploadToken: order.uploadToken,
    trust: deps.trust,
  });
  const seed = randomBytes(SEED_BYTES);
  const { recipient } = deps.lab;
  const createdAt = new Date().toISOString();
  const manifest: OrderManifest = {
    manifestVersion: MANIFEST_VERSION,
    orderId: order.orderId,
    createdAt,
    client: deps.client,
    lab: { id: deps.lab.id },
    design,
    customer,
    totals: manifestTotals(deps.catalog ?? appCatalog(), deps.lab, design, customer),
    files: parts.map((p) => p.file),
  };
  const bytes = manifestBytes(manifest);
  const run: OrderRun = {
    ...order,
    createdAt,
    send,
    lab: { id: deps.lab.id, serverUrl: deps.lab.serverUrl, recipient },
    seed,
    store,
    photos: prepared.photos,
    parts,
    files: parts.map((part, i) => runFile(seed, `f${i}`, recipient, part.file.byteSize)),
    manifest: {
      ...runFile(seed, 'manifest', recipient, bytes.length),
      plainLength: bytes.length,
      bytes,
    },
    checked: new Set(prepared.checked),
    committed: false,
    lookup,
  };
  if (deps.journal) {
    // The resume record keeps the lookup key (never the email): an app closed before the
    // server had it still gives the resumed order its status lookup. About 0.1 s of scrypt.
    await lookup.keyMade();
    await deps.journal.opened(run);
  }
  return run;
}

/** A file of the run, its encryption derived from the order's seed and its label. */
export function runFile(
  seed: Buffer,
  label: string,
  recipient: string,
  plainLength: number,
): RunFile {
  const encryptor = deriveAgeEncryptor(seed, label, recipient);
  return { label, encryptor, size: encryptor.encryptedLength(plainLength), done: false };
}

/**
 * Sends what is left of an order and commits it: the manifest first, then each photo file.
 * Called again after a failure, it continues each upload from what the server holds (tus), and
 * makes each file again exactly as before (each file keeps its encryption).
 */
export async function sendOrderRun(run: OrderRun, deps: SubmitDeps): Promise<{ orderId: string }> {
  const { orderId } = run;
  const total = run.files.reduce((sum, f) => sum + f.size, run.manifest.size);
  const doneBytes = () =>
    run.files.reduce((sum, f) => sum + (f.done ? f.size : 0), 0) +
    (run.manifest.done ? run.manifest.size : 0);
  // The tus client reports every chunk written; the screen needs a few updates a second.
  let lastReport = 0;
  const report = (phase: 'uploading' | 'committing' | 'done', sentBytes: number) => {
    const now = Date.now();
    if (phase === 'uploading' && now - lastReport < PROGRESS_INTERVAL_MS && sentBytes < total)
      return;
    lastReport = now;
    deps.onProgress?.({ phase, sentBytes, totalBytes: total, orderId });
  };
  deps.log?.(`order ${orderId}: sending ${run.parts.length + 1} files (${run.send})`);

  /**
   * Uploads made ahead: the next file's upload is created while the current file's bytes go out,
   * so the line never waits for a creation's round trip. Each resolves to its URL, or to nothing
   * where the creation failed (the upload is then created when its turn comes, with retries).
   */
  const createdAhead = new Map<RunFile, Promise<string | undefined>>();
  const createAhead = (next: { part: RunPart; target: RunFile } | undefined) => {
    const target = next?.target;
    if (!target || target.done || target.uploadUrl !== undefined || createdAhead.has(target))
      return;
    const metadata = { order: orderId, name: next.part.file.name };
    const { uploadUrl: endpoint, uploadToken: token } = run;
    const { trust, stallTimeoutMs: timeoutMs } = deps;
    const size = target.size;
    const creating = createUpload({ endpoint, token, metadata, size, trust, timeoutMs }).then(
      (url) => {
        target.uploadUrl = url;
        deps.journal?.uploadCreated(run, target.label, url);
        return url;
      },
      () => undefined,
    );
    createdAhead.set(target, creating);
  };

  const upload = async (target: RunFile, name: string, plainLength: number, open: OpenPlain) => {
    const before = doneBytes();
    const ahead = await createdAhead.get(target);
    createdAhead.delete(target);
    const { uploadUrl } = await wrapNetwork(() =>
      uploadResumable({
        endpoint: run.uploadUrl,
        token: run.uploadToken,
        metadata: { order: orderId, name },
        size: target.size,
        uploadUrl: target.uploadUrl,
        fresh: ahead !== undefined && ahead === target.uploadUrl,
        onCreated: (url) => {
          target.uploadUrl = url;
          deps.journal?.uploadCreated(run, target.label, url);
        },
        open: (offset) => openCiphertext(target.encryptor, plainLength, open, offset),
        onProgress: (sent) => report('uploading', before + sent),
        retryDelaysMs: deps.retryDelaysMs,
        timeoutMs: deps.stallTimeoutMs,
        trust: deps.trust,
      }),
    ).catch((error: unknown) => {
      // A photo file that changed fails its own stream: say that, not a network error.
      throw verifyFailure(open) ?? error;
    });
    target.uploadUrl = uploadUrl;
    target.done = true;
    deps.journal?.uploadDone(run, target.label);
  };

  const { manifest } = run;
  const pending = run.parts
    .map((part, i) => ({ part, target: run.files[i]! }))
    .filter(({ target }) => !target.done);
  try {
    if (!manifest.done) {
      const bytes = manifest.bytes;
      if (!bytes) {
        // Resumed after a restart before the manifest got through: its personal data is gone.
        throw new HostError('internal', `order ${orderId}: the manifest was not sent and is gone`);
      }
      createAhead(pending[0]);
      await upload(manifest, MANIFEST_FILE, bytes.length, (start) =>
        Readable.from([bytes.subarray(start)]),
      );
    }
    // Through: the customer's data leaves memory; the rest of the order is photos.
    manifest.bytes = undefined;

    for (const [i, { part, target }] of pending.entries()) {
      const photo = run.photos.find((p) => p.id === part.file.assetId)!;
      // Made now and dropped when its upload is done: one print-ready image in memory at a time.
      const open = await openPart(run.store, photo, part, run.checked);
      createAhead(pending[i + 1]);
      await upload(target, part.file.name, part.file.byteSize, open);
    }
  } finally {
    // A creation still on its way when an attempt fails is waited for: the next attempt must
    // not race it at the server (its upload would replace the one made there).
    await Promise.all(createdAhead.values());
  }

  report('committing', total);
  const uploaded = [
    { name: MANIFEST_FILE, size: manifest.size },
    ...run.files.map((f, i) => ({ name: run.parts[i]!.file.name, size: f.size })),
  ];
  // The status lookup's key is at the server before the order is complete.
  if (run.lookup) await wrapNetwork(() => run.lookup!.ready());
  // Committing twice is harmless: a commit whose reply was lost is simply sent again.
  await wrapNetwork(() =>
    commitOrder(deps.lab.serverUrl, orderId, run.uploadToken, uploaded, { trust: deps.trust }),
  );
  run.committed = true;
  await deps.journal?.finished(run);
  report('done', total);
  deps.log?.(`order ${orderId}: committed`);
  return { orderId };
}

/** One photo file of an order: its size before it exists, and how it comes to be. */
export interface OrderPart {
  assetId: string;
  /** Exact for an original; about, for a print-ready image not made yet. */
  estimatedBytes: number;
  /** Its manifest entry without the hash and size a print-ready image only has once made. */
  draft: Omit<OrderFile, 'sha256' | 'byteSize'>;
  /** The part of the photo a print-ready image cuts; none for an original. */
  piece?: PrintReadyPiece;
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
        piece,
        prepare: async () => {
          const { file, jpeg } = await makePrintReadyFile(deps.store, photo, piece, draft);
          return { file, openPlain: (start) => Readable.from([jpeg.subarray(start)]) };
        },
      });
    }
  }
  return parts;
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

/** Turns a network failure into the host's `upload-failed`, with the server's status if any. */
export async function wrapNetwork<T>(work: () => Promise<T>): Promise<T> {
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
