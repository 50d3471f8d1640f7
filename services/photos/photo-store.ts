import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { PhotoAsset } from '../../src/model/book';
import { FileReader } from '../streams/file-reader';
import type { FileStamp } from './file-stamp';

/**
 * Where the bytes of an imported photo are: the customer's own file (the desktop app), or a file
 * a browser page holds and sends when asked. The host keeps neither the bytes nor a copy.
 */
export type PhotoBytes =
  | {
      kind: 'path';
      path: string;
      /** The file as it was when its bytes were hashed, where that can stand for them. */
      stamp?: FileStamp;
    }
  | { kind: 'browser'; fileId: string };

interface Entry {
  asset: PhotoAsset;
  bytes: PhotoBytes;
  /** The small JPEG the tray shows, made at import and held in memory only. */
  thumbnail: Buffer;
}

/** How the store gets a browser's file: BrowserFiles.ask in the host. */
export type AskBrowser = (fileId: string) => Promise<Buffer>;

/**
 * The host's memory of imported photos, keyed by asset id. Nothing here is ever written to disk,
 * and no photo's bytes are kept: a path points at the customer's original file, a browser's file
 * is asked for whenever it is needed.
 */
export class PhotoStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly askBrowser: AskBrowser = refuseBrowser) {}

  add(asset: PhotoAsset, bytes: PhotoBytes, thumbnail: Buffer): void {
    this.entries.set(asset.id, { asset, bytes, thumbnail });
  }

  get(assetId: string): Entry | undefined {
    return this.entries.get(assetId);
  }

  has(assetId: string): boolean {
    return this.entries.has(assetId);
  }

  thumbnail(assetId: string): Buffer | undefined {
    return this.entries.get(assetId)?.thumbnail;
  }

  release(assetIds: readonly string[]): number {
    let released = 0;
    for (const id of assetIds) if (this.entries.delete(id)) released++;
    return released;
  }

  /** The photo's whole bytes, for work that needs all of them at once (a print-ready image). */
  async read(assetId: string): Promise<Buffer> {
    const { bytes } = this.entry(assetId);
    return bytes.kind === 'path' ? readFile(bytes.path) : this.askBrowser(bytes.fileId);
  }

  /**
   * A fresh stream of the photo's bytes from `start` on (for encryption and resume). A file is
   * read 1 MiB at a time into buffers the encryptor hands back (services/streams/file-reader).
   */
  open(assetId: string, start = 0): Readable {
    const { bytes } = this.entry(assetId);
    if (bytes.kind === 'path') return new FileReader(bytes.path, start);
    const ask = this.askBrowser;
    // Asked for when the stream is first read, not when it is made: one photo in memory at a time.
    return Readable.from(
      (async function* () {
        yield (await ask(bytes.fileId)).subarray(start);
      })(),
    );
  }

  /**
   * A store of its own with these photos (where their bytes are, no thumbnails), asking a browser
   * the same way: a running order keeps its photos even when a new book lets the others go.
   */
  keep(assetIds: readonly string[]): PhotoStore {
    const kept = new PhotoStore(this.askBrowser);
    for (const id of assetIds) {
      const entry = this.entries.get(id);
      if (entry) kept.add(entry.asset, entry.bytes, EMPTY);
    }
    return kept;
  }

  private entry(assetId: string): Entry {
    const entry = this.entries.get(assetId);
    if (!entry) throw new Error(`photo ${assetId} is no longer in memory`);
    return entry;
  }
}

const EMPTY = Buffer.alloc(0);

function refuseBrowser(): Promise<Buffer> {
  return Promise.reject(new Error('this host reads photos by path only'));
}
