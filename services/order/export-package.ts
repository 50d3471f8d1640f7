import { createHash, randomInt } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline as pipe, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HostError, type SendChoice } from '../../src/contract/host';
import { parseCatalog, type Catalog } from '../../src/catalog/catalog';
import type { LabCheckout } from '../../src/lab/checkout-config';
import catalogData from '../../assets/catalog.json';
import { designAssets, type Design } from '../../src/model/design';
import type { Customer } from '../../src/order/customer';
import {
  MANIFEST_FILE,
  MANIFEST_VERSION,
  OrderManifest,
  type OrderFile,
} from '../../src/order/manifest';
import {
  PACKAGE_FORMAT,
  PACKAGE_INDEX_FILE,
  PACKAGE_VERSION,
  packageDirName,
  parsePackageIndex,
  partialDirName,
  type PackageFile,
} from '../../src/order/package-index';
import { parseOrThrow } from '../../src/validation';
import { createAgeEncryptor } from '../age';
import type { PhotoStore } from '../photos/photo-store';
import { openCiphertext } from './cipher-source';
import { orderParts } from './submit';
import { manifestTotals } from './order-totals';

export interface ExportDeps {
  store: PhotoStore;
  /** `checkout`: the lab's shipping prices for the totals (Photo Dose's when absent). */
  lab: { id: string; recipient: string; checkout?: LabCheckout };
  client: { app: string; version: string };
  /** The catalog whose products the design is printed as; the app's own when absent. */
  catalog?: Catalog;
  /** Bytes written so far and about how many in all (print-ready sizes are known as made). */
  onProgress?: (progress: { writtenBytes: number; totalBytes: number }) => void;
  log?: (line: string) => void;
}

const PROGRESS_INTERVAL_MS = 100;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The order's number, made here: no server is asked for an order on a medium. Same shape as
 * the server's (`PD-` and 10 base32 characters, 50 random bits), so the lab files it alike.
 */
function newOrderId(): string {
  let id = 'PD-';
  for (let i = 0; i < 10; i++) id += BASE32[randomInt(32)];
  return id;
}

/**
 * Writes an order as the encrypted package of src/order/package-index.ts into a new folder
 * `photodose-order-<id>` inside `parentDir`: the photo files and the manifest encrypted to the
 * lab's key exactly as an upload sends them, then `order-package.json`. Everything goes into
 * `<name>.partial` first, each file is flushed to the medium, and only the complete folder gets
 * its real name, so a stick pulled out mid-write never holds something a lab could take for an
 * order. Nothing but ciphertext and the index reaches the medium; a failure removes the partial
 * folder.
 */
export async function exportOrderPackage(
  design: Design,
  customer: Customer,
  parentDir: string,
  deps: ExportDeps,
  send: SendChoice = 'print-ready',
): Promise<{ orderId: string; dir: string; bytes: number }> {
  const photos = designAssets(design);
  if (photos.length === 0) throw new HostError('invalid-request', 'the order has no photo');
  for (const photo of photos) {
    if (!deps.store.get(photo.id)) {
      throw new HostError('photo-missing', `photo ${photo.name} is no longer available`, {
        assetId: photo.id,
        problem: 'missing',
      });
    }
  }
  await checkFolder(parentDir);
  const orderId = newOrderId();
  const name = packageDirName(orderId);
  const finalDir = join(parentDir, name);
  const partial = join(parentDir, partialDirName(name));
  try {
    await mkdir(partial);
  } catch (error) {
    throw exportFailure(error);
  }
  try {
    const bytes = await writePackage(design, customer, send, orderId, partial, deps);
    await syncDir(partial);
    // Never over something already there (rename would replace an empty folder).
    if (await exists(finalDir)) {
      throw new HostError('export-failed', `${name} exists already`, { problem: 'io' });
    }
    await rename(partial, finalDir);
    await syncDir(parentDir);
    deps.log?.(`order ${orderId}: written to a medium (${bytes} bytes)`);
    return { orderId, dir: finalDir, bytes };
  } catch (error) {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw exportFailure(error);
  }
}

/** Writes every file of the package into `dir`; returns the bytes written. */
async function writePackage(
  design: Design,
  customer: Customer,
  send: SendChoice,
  orderId: string,
  dir: string,
  deps: ExportDeps,
): Promise<number> {
  const { recipient } = deps.lab;
  // Priced by the host from the catalog and the lab's prices, as for an upload; checked first.
  const totals = manifestTotals(
    deps.catalog ?? parseCatalog(catalogData),
    deps.lab,
    design,
    customer,
  );
  const parts = orderParts(design, send, { store: deps.store, catalog: deps.catalog });
  const sizing = createAgeEncryptor([recipient]);
  // Until a print-ready image is made its size is an estimate, and the manifest's a guess.
  const estimates = parts.map((p) => sizing.encryptedLength(p.estimatedBytes));
  let manifestSize = sizing.encryptedLength(
    JSON.stringify({ design, customer }).length + 400 * parts.length,
  );
  let written = 0;
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    const totalBytes = estimates.reduce((a, b) => a + b, 0) + manifestSize;
    deps.onProgress?.({ writtenBytes: written, totalBytes: Math.max(totalBytes, written) });
  };
  const onBytes = (count: number) => {
    written += count;
    report();
  };
  report(true);

  const files: OrderFile[] = [];
  const index: PackageFile[] = [];
  for (const [i, part] of parts.entries()) {
    // Made now and let go once written: one print-ready image in memory at a time.
    const { file, openPlain } = await part.prepare();
    const encryptor = createAgeEncryptor([recipient]);
    estimates[i] = encryptor.encryptedLength(file.byteSize);
    const plain = plainCheck(file);
    const source = openCiphertext(
      encryptor,
      file.byteSize,
      // Errors travel on: a file that can't be read fails the export, never shortens it.
      (start) => {
        const read = openPlain(start);
        read.once('error', (error) => plain.fail(error));
        return pipe(read, plain.stream, () => undefined);
      },
      0,
    );
    try {
      index.push(await writeFileOf(dir, file.name, source, onBytes));
    } catch (error) {
      throw plain.problem() ?? error;
    }
    // An original is streamed from the customer's file: it must still be the photo they added.
    if (plain.digest() !== file.sha256) throw photoProblem(file, 'changed');
    files.push(file);
  }

  const createdAt = new Date().toISOString();
  const manifest = parseOrThrow(
    OrderManifest,
    {
      manifestVersion: MANIFEST_VERSION,
      orderId,
      createdAt,
      client: deps.client,
      lab: { id: deps.lab.id },
      design,
      customer,
      totals,
      files,
    },
    'order manifest',
  );
  const plainManifest = Buffer.from(JSON.stringify(manifest), 'utf8');
  const manifestEncryptor = createAgeEncryptor([recipient]);
  manifestSize = manifestEncryptor.encryptedLength(plainManifest.length);
  const manifestSource = openCiphertext(
    manifestEncryptor,
    plainManifest.length,
    (start) => Readable.from([plainManifest.subarray(start)]),
    0,
  );
  index.unshift(await writeFileOf(dir, MANIFEST_FILE, manifestSource, onBytes));

  const packageIndex = parsePackageIndex({
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    orderId,
    createdAt,
    files: index,
  });
  const indexPath = join(dir, PACKAGE_INDEX_FILE);
  await writeFile(indexPath, `${JSON.stringify(packageIndex, null, 2)}\n`, { flag: 'wx' });
  await syncFile(indexPath);
  report(true);
  return written;
}

/** Writes one ciphertext file, never over an existing one, flushed to the medium. */
async function writeFileOf(
  dir: string,
  name: string,
  source: Readable,
  onBytes: (count: number) => void,
): Promise<PackageFile> {
  const path = join(dir, name);
  const hash = sha256Counter(onBytes);
  await pipeline(source, hash.stream, createWriteStream(path, { flags: 'wx' }));
  await syncFile(path);
  return {
    name,
    byteSize: hash.bytes(),
    sha256: hash.digest(),
  };
}

/** A pass-through that hashes (SHA-256) and counts what flows through it. */
function sha256Counter(onBytes?: (count: number) => void) {
  const hash = createHash('sha256');
  let bytes = 0;
  let digest: string | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  return {
    stream,
    bytes: () => bytes,
    digest: () => (digest ??= hash.digest('hex')),
  };
}

/**
 * Watches a photo's plaintext as it is read: its hash, and whether it is still the file the
 * customer added (as long, readable). What went wrong there is the customer's to fix (pick the
 * photo again), not the medium's.
 */
function plainCheck(file: OrderFile) {
  const hash = createHash('sha256');
  let bytes = 0;
  let problem: HostError | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      if (bytes > file.byteSize) return done((problem ??= photoProblem(file, 'changed')));
      done(null, chunk);
    },
    flush(done) {
      if (bytes !== file.byteSize) return done((problem ??= photoProblem(file, 'changed')));
      done();
    },
  });
  return {
    stream,
    fail: (error: Error) => {
      const code = (error as { code?: unknown }).code;
      const gone = code === 'ENOENT' || code === 'ENOTDIR';
      problem ??=
        error instanceof HostError ? error : photoProblem(file, gone ? 'missing' : 'unreadable');
    },
    problem: () => problem,
    digest: () => hash.digest('hex'),
  };
}

function photoProblem(file: OrderFile, problem: 'missing' | 'unreadable' | 'changed'): HostError {
  const why = problem === 'changed' ? 'changed since it was added' : 'can no longer be read';
  return new HostError('photo-missing', `photo ${file.name} ${why}; add it again`, {
    assetId: file.assetId,
    problem,
  });
}

/** The chosen folder must be there and be a folder: the package is made inside it. */
async function checkFolder(dir: string): Promise<void> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    throw exportFailure(error);
  }
  if (!info.isDirectory()) {
    throw new HostError('export-failed', `${dir} is not a folder`, { problem: 'not-a-folder' });
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Flushes a file's bytes to the medium: a stick pulled out after "done" must hold them. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries; some systems (Windows) cannot open a folder, which is fine. */
async function syncDir(path: string): Promise<void> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** What went wrong, in terms the customer can act on (params.problem picks the words). */
function exportFailure(error: unknown): unknown {
  if (error instanceof HostError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const problem =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'no-space'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'not-writable'
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? 'not-a-folder'
          : 'io';
  return new HostError('export-failed', message, { problem });
}
