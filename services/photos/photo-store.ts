import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { PhotoAsset } from '../../src/model/book';

/** Where the bytes of an imported photo are: the customer's own file, or memory. */
export type PhotoBytes = { kind: 'path'; path: string } | { kind: 'memory'; bytes: Buffer };

interface Entry {
  asset: PhotoAsset;
  bytes: PhotoBytes;
}

/**
 * The host's memory of imported photos, keyed by asset id. Nothing here is
 * ever written to disk: a path points at the customer's original file,
 * browser uploads stay as buffers.
 */
export class PhotoStore {
  private readonly entries = new Map<string, Entry>();

  add(asset: PhotoAsset, bytes: PhotoBytes): void {
    this.entries.set(asset.id, { asset, bytes });
  }

  get(assetId: string): Entry | undefined {
    return this.entries.get(assetId);
  }

  release(assetIds: readonly string[]): number {
    let released = 0;
    for (const id of assetIds) if (this.entries.delete(id)) released++;
    return released;
  }

  /** The photo's whole bytes, for work that needs all of them at once (a print-ready image). */
  async read(assetId: string): Promise<Buffer> {
    const entry = this.entries.get(assetId);
    if (!entry) throw new Error(`photo ${assetId} is no longer in memory`);
    return entry.bytes.kind === 'path' ? readFile(entry.bytes.path) : entry.bytes.bytes;
  }

  /** A fresh stream of the photo's bytes from `start` on (for encryption and resume). */
  open(assetId: string, start = 0): Readable {
    const entry = this.entries.get(assetId);
    if (!entry) throw new Error(`photo ${assetId} is no longer in memory`);
    return entry.bytes.kind === 'path'
      ? createReadStream(entry.bytes.path, { start })
      : Readable.from([entry.bytes.bytes.subarray(start)]);
  }
}
