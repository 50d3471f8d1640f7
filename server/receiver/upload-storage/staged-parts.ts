import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';

/** One of the receiver's part slots: taken before a part's first byte is staged. */
export interface PartSlot {
  release(): unknown;
}

/** A part on disk, handed to `send` to go to the object store. */
export interface StagedPart {
  /** Counts from 0 within this call; the caller maps it to the store's part number. */
  index: number;
  size: number;
  /** A fresh read of the staged bytes. */
  open(): Readable;
}

export interface StagePartsOptions {
  /** Bytes per part: every part but the last of the stream has exactly this many. */
  partBytes: number;
  /** Temp folder for the staged parts. */
  dir: string;
  /** Waits for a free slot; bounds the parts one receiver stages and sends at once. */
  slot(): Promise<PartSlot>;
  /** Stores one part; a rejection stops the stream and is the call's result. */
  send(part: StagedPart): Promise<void>;
}

/**
 * Cuts `source` into parts staged in temp files and sends them in order, one at a time, while
 * the next one is staged: a stream holds at most two slots and reads no further while both are
 * taken (the rest waits in the client's TCP window). Resolves with the bytes stored.
 *
 * Written for the receiver's S3 uploads instead of @tus/s3-store's own: there, a PATCH that ended
 * while waiting for a slot took the slot when it came and never gave it back (nor its open temp
 * file), so after enough cut uploads no upload could be stored until a restart; and a part that
 * failed while the next one was stored left a gap in the parts, which the offset a client
 * resumes from does not see. Here each slot is released on every path, and the first part that
 * fails ends the stream, so what is stored is always a prefix of what arrived.
 */
export async function stageParts(source: Readable, opts: StagePartsOptions): Promise<number> {
  let stored = 0;
  let index = 0;
  let sending: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  let staging: PartFile | undefined;
  const body = chunksOf(source);

  const sendInTurn = async (part: PartFile) => {
    await part.seal();
    // The part before must be stored (or have failed) first: parts go in order.
    await sending;
    if (failure) {
      await part.discard();
      throw failure.error;
    }
    const staged: StagedPart = { index: index++, size: part.size, open: () => part.open() };
    sending = opts
      .send(staged)
      .then(() => {
        stored += staged.size;
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => part.discard());
  };

  try {
    for await (const chunk of body.chunks) {
      let rest = chunk;
      while (rest.length > 0) {
        if (failure) throw failure.error;
        staging ??= await PartFile.create(opts.dir, await opts.slot());
        rest = await staging.append(rest, opts.partBytes);
        if (staging.size === opts.partBytes) {
          const full = staging;
          staging = undefined;
          await sendInTurn(full);
        }
      }
    }
    if (staging) {
      const last = staging;
      staging = undefined;
      await sendInTurn(last);
    }
    await sending;
  } finally {
    body.detach();
    // Settled on every path: when this returns, every slot it took is free again.
    await sending;
    await staging?.discard();
  }
  if (failure) throw failure.error;
  return stored;
}

/**
 * The chunks of `source`, read through a pipe of our own, so that leaving the loop early (a part
 * failed) destroys neither: tus's pipeline would then report the early close (an AbortError,
 * answered with a 400 the client gives up on) instead of the part's error (a store timing out:
 * 503, and the client resumes). The pipe also serves sources that are not Node's own streams
 * (S3Store prepends an upload's incomplete part with the multistream package).
 */
function chunksOf(source: Readable): { chunks: AsyncIterable<Buffer>; detach(): void } {
  const pipe = new PassThrough();
  const forward = (err: Error) => pipe.destroy(err);
  source.on('error', forward);
  source.pipe(pipe);
  return {
    chunks: pipe.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>,
    detach: () => {
      source.off('error', forward);
      source.unpipe(pipe);
    },
  };
}

/** A part's temp file and the slot it holds, until it is discarded. */
class PartFile {
  size = 0;
  private handle: FileHandle | undefined;
  private discarded = false;

  private constructor(
    private readonly path: string,
    private readonly slot: PartSlot,
  ) {}

  static async create(dir: string, slot: PartSlot): Promise<PartFile> {
    const part = new PartFile(join(dir, `photodose-part-${randomUUID()}`), slot);
    try {
      part.handle = await open(part.path, 'wx', 0o600);
    } catch (err) {
      await part.discard();
      throw err;
    }
    return part;
  }

  /** Writes as much of `bytes` as fits below `limit`; returns what did not fit. */
  async append(bytes: Buffer, limit: number): Promise<Buffer> {
    const fits = bytes.subarray(0, limit - this.size);
    let written = 0;
    while (written < fits.length) {
      const { bytesWritten } = await this.handle!.write(fits, written);
      written += bytesWritten;
    }
    this.size += fits.length;
    return bytes.subarray(fits.length);
  }

  /** Done writing: the file is complete and closed. */
  async seal(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  open(): Readable {
    return createReadStream(this.path);
  }

  /** Closes and removes the file and gives the slot back; safe to call twice. */
  async discard(): Promise<void> {
    if (this.discarded) return;
    this.discarded = true;
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    await rm(this.path, { force: true }).catch(() => undefined);
    await Promise.resolve(this.slot.release()).catch(() => undefined);
  }
}
