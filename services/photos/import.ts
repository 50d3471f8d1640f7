import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { ImportFailure, ImportedPhoto, PhotoSource } from '../../src/contract/host';
import { assetIdFor, type PhotoAsset } from '../../src/model/book';
import { FileUnavailable, type BrowserFiles } from '../host/browser-files';
import { decodePhoto, PhotoRefused } from './decode';
import { nowNs, stampOfRead, type FileStamp } from './file-stamp';
import type { PhotoStore } from './photo-store';

/**
 * Photos in work at once. sharp runs each on libuv's thread pool (4 threads
 * unless UV_THREADPOOL_SIZE says otherwise): more lanes only queue there and
 * hold more file bytes. Measured on 24 photos of 12 MP, 2 cores: 1 lane 10,
 * 2 lanes 15, 4 lanes 21, 8 lanes 12 photos/s (vipsthumbnail: 8.5/s).
 */
export const IMPORT_CONCURRENCY = 4;

export interface ImportResult {
  photos: ImportedPhoto[];
  failures: ImportFailure[];
  /** Files that were the same photo as another file of the same import. */
  duplicates: number;
  cancelled: boolean;
}

export interface ImportDeps {
  store: PhotoStore;
  /** A browser's files, asked for one by one (the loopback host); absent in the desktop app. */
  browser?: Pick<BrowserFiles, 'ask' | 'limits'>;
  /** The largest photo in bytes, whoever reads it. */
  maxBytes: number;
  /** Each photo as it is ready, in the order they finish: the tray shows it at once. */
  onPhoto?: (photo: ImportedPhoto) => void;
  onProgress?: (done: number, total: number) => void;
  /** Aborted by `photos.cancel`: no new photo starts; those in work finish. */
  signal?: AbortSignal;
  /** A bound for tests; the default otherwise. */
  maxPixels?: number;
  /** Photos read at once; `IMPORT_CONCURRENCY` when absent. */
  concurrency?: number;
}

/**
 * Reads photos, hashes them, and makes thumbnails, all in memory. Each file
 * fails on its own with a reason; one bad photo never stops the rest. The
 * same photo twice (same bytes) comes back once.
 */
export async function importPhotos(
  sources: readonly PhotoSource[],
  deps: ImportDeps,
): Promise<ImportResult> {
  const outcomes: (Outcome | undefined)[] = new Array(sources.length);
  const announced = new Set<string>();
  let next = 0;
  let done = 0;
  let nextToAnnounce = 0;
  // Photos are announced in the customer's order: one that finishes early waits for those before
  // it (at most the photos in work), so the tray and the prints list fill in order, not jumping.
  const announceReady = () => {
    for (; outcomes[nextToAnnounce] !== undefined; nextToAnnounce++) {
      const outcome = outcomes[nextToAnnounce]!;
      // The first file of a photo shows it; a second copy only counts as a duplicate.
      if ('photo' in outcome && !announced.has(outcome.photo.asset.id)) {
        announced.add(outcome.photo.asset.id);
        deps.onPhoto?.(outcome.photo);
      }
    }
  };
  // A few photos at a time: libvips decodes on its own threads while this one waits.
  const lane = async () => {
    const memory = new ReadMemory();
    try {
      while (next < sources.length && !deps.signal?.aborted) {
        const index = next++;
        outcomes[index] = await importOne(sources[index]!, deps, memory);
        announceReady();
        deps.onProgress?.(++done, sources.length);
      }
    } finally {
      memory.release();
    }
  };
  const lanes = Math.max(1, Math.min(deps.concurrency ?? IMPORT_CONCURRENCY, sources.length));
  await Promise.all(Array.from({ length: lanes }, lane));

  // Results in the order the customer chose the files, whichever finished first.
  const photos: ImportedPhoto[] = [];
  const failures: ImportFailure[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const outcome of outcomes) {
    if (!outcome) continue; // not started: the import was cancelled
    if ('failure' in outcome) failures.push(outcome.failure);
    else if (seen.has(outcome.photo.asset.id)) duplicates++;
    else {
      seen.add(outcome.photo.asset.id);
      photos.push(outcome.photo);
    }
  }
  return { photos, failures, duplicates, cancelled: outcomes.includes(undefined) };
}

type Outcome = { photo: ImportedPhoto } | { failure: ImportFailure };

/**
 * One lane's memory for the files it reads, kept from photo to photo. A fresh buffer for each
 * photo is freed only at a later garbage collection: dozens of megabytes of read photos waited
 * for it, and every new one took fresh pages (measured on 85 photos of 12 MiB: peak RSS
 * 321 to 331 MB, after the import 245 to 308 MB).
 */
export class ReadMemory {
  #memory: Buffer | null = null;

  /** `size` bytes to read a file into; valid until the next call. */
  take(size: number): Buffer {
    if (!this.#memory || this.#memory.length < size) {
      // Room for a slightly larger photo next time, rather than growing by a few bytes each time.
      this.#memory = Buffer.allocUnsafeSlow(Math.ceil((size * 1.25) / 65_536) * 65_536);
    }
    return this.#memory.subarray(0, size);
  }

  /**
   * Hands the memory back to the system now, once no photo read into it is in work. Let go, it
   * would wait for V8's next full collection, which after an import may be minutes away: a
   * lane's memory is as large as its largest photo, four lanes often 50 MB and more. Moved
   * through a message port that is then closed, the memory is freed with the message.
   */
  release(): void {
    const memory = this.#memory;
    this.#memory = null;
    if (!memory) return;
    const { port1, port2 } = new MessageChannel();
    try {
      port1.postMessage(memory.buffer, [memory.buffer as ArrayBuffer]);
    } catch {
      // Memory that can't be moved (none here: allocUnsafeSlow's is its own) waits for the GC.
    }
    port1.close();
    port2.close();
  }
}

async function importOne(
  source: PhotoSource,
  deps: ImportDeps,
  memory: ReadMemory,
): Promise<Outcome> {
  const name = source.kind === 'path' ? basename(source.path) : source.name;
  const fail = (code: ImportFailure['code'], detail: string): Outcome => ({
    failure: { name, code, detail },
  });
  const { maxBytes } = deps;

  let bytes: Buffer;
  let stamp: FileStamp | undefined;
  if (source.kind === 'path') {
    const read = await readPhotoFile(source.path, maxBytes, memory);
    if ('code' in read) return fail(read.code, read.detail);
    bytes = read.bytes;
    stamp = read.stamp;
  } else {
    // What the page said the file holds is checked before asking for a byte of it.
    if (source.size === 0) return fail('empty', '0 bytes');
    if (source.size > maxBytes) return fail('too-large', `${source.size} bytes`);
    if (!deps.browser) return fail('missing', 'this host reads photos by path only');
    try {
      bytes = await deps.browser.ask(source.fileId);
    } catch (error) {
      if (error instanceof FileUnavailable) return fail(error.reason, error.message);
      throw error;
    }
  }
  if (bytes.length === 0) return fail('empty', '0 bytes');
  if (bytes.length > maxBytes) return fail('too-large', `${bytes.length} bytes`);

  try {
    const decoded = await decodePhoto(bytes, { name, maxPixels: deps.maxPixels });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const asset: PhotoAsset = {
      id: assetIdFor(sha256),
      sha256,
      name,
      mime: decoded.mime,
      widthPx: decoded.widthPx,
      heightPx: decoded.heightPx,
      byteSize: bytes.length,
      // The capture date travels with the book: the assistant fills pages in the order taken.
      ...(decoded.takenAt && { takenAt: decoded.takenAt }),
    };
    // Only where the bytes are is kept, never the bytes: the desktop's file, the page's file.
    deps.store.add(
      asset,
      source.kind === 'path'
        ? { kind: 'path', path: source.path, ...(stamp && { stamp }) }
        : { kind: 'browser', fileId: source.fileId },
      decoded.thumbnail.jpeg,
    );
    return {
      photo: {
        asset,
        thumbnail: { widthPx: decoded.thumbnail.widthPx, heightPx: decoded.thumbnail.heightPx },
        ...(decoded.takenAt && { takenAt: decoded.takenAt }),
        ...(decoded.camera && { camera: decoded.camera }),
      },
    };
  } catch (error) {
    if (error instanceof PhotoRefused) return fail(error.code, error.message);
    return fail('damaged', error instanceof Error ? error.message : String(error));
  }
}

/** Reads a customer's file, refusing folders and oversized files before reading a byte. */
async function readPhotoFile(
  path: string,
  maxBytes: number,
  memory: ReadMemory,
): Promise<{ bytes: Buffer; stamp?: FileStamp } | { code: ImportFailure['code']; detail: string }> {
  try {
    const file = await open(path, 'r');
    try {
      const before = await file.stat({ bigint: true });
      if (!before.isFile()) return { code: 'unreadable', detail: 'not a file' };
      const size = Number(before.size);
      if (size > maxBytes) return { code: 'too-large', detail: `${size} bytes` };
      // One read where the size is known: readFile asks in 512 KiB pieces, each a task that
      // waits in libuv's pool behind the photos sharp decodes there (bench:import).
      const bytes = size > 0 ? await readWhole(file, memory.take(size)) : await file.readFile();
      // The file as it was while read: an order sends it unhashed while it still looks so.
      const stamp = stampOfRead(before, await file.stat({ bigint: true }), nowNs());
      return { bytes, ...(stamp && { stamp }) };
    } finally {
      await file.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const gone = code === 'ENOENT' || code === 'ENOTDIR';
    return { code: gone ? 'missing' : 'unreadable', detail: code };
  }
}

/** A file's first bytes into `bytes` (fewer if it shrank meanwhile), mostly in one read. */
async function readWhole(file: FileHandle, bytes: Buffer): Promise<Buffer> {
  const size = bytes.length;
  let got = 0;
  while (got < size) {
    const { bytesRead } = await file.read(bytes, got, size - got, got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return bytes.subarray(0, got);
}
