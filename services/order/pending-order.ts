import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { PhotoAsset } from '../../src/model/book';
import { OrderFile } from '../../src/order/manifest';
import { SendChoice } from '../../src/contract/host';
import { LookupKey } from '../../src/contract/receiver';
import type { SecretStore } from '../keychain/secret-store';

/**
 * What resuming an order after the app was closed needs, and nothing personal: the order's number
 * and upload rights, the seed its files' encryptions derive from (services/age/derived.ts), what
 * each file is (its manifest entry, and the part of the photo a print-ready image cuts) and where
 * each photo was read from. The manifest, the only place the customer's name and address exist,
 * is uploaded first and never kept: a run whose manifest did not get through can't be resumed.
 * Kept only in the OS keychain (privacy rule 2), removed when the order is through or forgotten.
 */
export const PendingOrder = z.object({
  v: z.literal(1),
  orderId: z.string(),
  uploadUrl: z.string(),
  uploadToken: z.string(),
  createdAt: z.string(),
  /** The lab the order was opened with: resumed only against the same server and key. */
  lab: z.object({ id: z.string(), serverUrl: z.string(), recipient: z.string() }),
  send: SendChoice,
  /** base64url of the 32-byte seed of every file's encryption. */
  seed: z.string(),
  /** The photos the files are made from (no capture date); `path` where the desktop app read them. */
  photos: z.array(PhotoAsset.omit({ takenAt: true }).extend({ path: z.string().optional() })),
  files: z.array(
    z.object({
      file: OrderFile,
      /** A print-ready image: the part of the upright photo it cuts, at what size. */
      piece: z
        .object({
          photoPx: z.object({ width: z.number(), height: z.number() }),
          rect: z.object({
            left: z.number(),
            top: z.number(),
            width: z.number(),
            height: z.number(),
          }),
          covers: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
          px: z.object({ width: z.number(), height: z.number() }),
        })
        .optional(),
    }),
  ),
  /** Plain length of the manifest: its encrypted size is part of the commit. */
  manifestBytes: z.number().int().positive(),
  /**
   * The customer's status lookup key (scrypt of the email, never the email itself): sent again
   * on resume, so an order whose app was closed before the server had it keeps its lookup.
   */
  lookupKey: LookupKey.optional(),
});
export type PendingOrder = z.infer<typeof PendingOrder>;

/** How far the uploads got: what is through, and the server's upload of each file under way. */
export const PendingProgress = z.object({
  manifestDone: z.boolean(),
  /** base64url bitmap of the files (by index) whose upload is complete. */
  done: z.string(),
  /** Upload URLs of files started and not complete, by label (`manifest`, `f0`, `f1`...). */
  uploads: z.record(z.string(), z.string()),
});
export type PendingProgress = z.infer<typeof PendingProgress>;

/**
 * A Windows credential holds at most 2,560 bytes (1,280 UTF-16 characters), so the record is
 * compressed and spread over numbered entries; the head entry, written last and removed first,
 * says how many there are, so a record half written or half removed is never read.
 */
const PIECE_CHARS = 1_000;
const HEAD = 'pending-order';
const PROGRESS = 'pending-order.progress';
const piece = (n: number) => `pending-order.${n}`;

/**
 * The keychain entries of the pending order. Writes through `osKeychain` are made before `set`
 * returns (the keychain call is synchronous underneath), so an upload's URL is stored before its
 * first byte is sent, even if the process dies the next moment.
 */
export class PendingOrderStore {
  constructor(private readonly secrets: SecretStore) {}

  async save(order: PendingOrder, progress: PendingProgress): Promise<void> {
    const text = deflateRawSync(JSON.stringify(order)).toString('base64url');
    const count = Math.ceil(text.length / PIECE_CHARS);
    // The head goes first: a record is only read once every piece is in place again.
    await this.secrets.delete(HEAD);
    for (let i = 0; i < count; i++) {
      await this.secrets.set(piece(i + 1), text.slice(i * PIECE_CHARS, (i + 1) * PIECE_CHARS));
    }
    await this.removePieces(count + 1);
    await this.secrets.set(PROGRESS, JSON.stringify(progress));
    await this.secrets.set(HEAD, JSON.stringify({ v: 1, orderId: order.orderId, pieces: count }));
  }

  saveProgress(progress: PendingProgress): Promise<void> {
    return this.secrets.set(PROGRESS, JSON.stringify(progress));
  }

  /** The pending order, if one is stored whole; a damaged record is removed and reported. */
  async load(): Promise<
    | { state: 'none' }
    | { state: 'found'; order: PendingOrder; progress: PendingProgress }
    | { state: 'damaged'; why: string }
  > {
    const head = await this.secrets.get(HEAD);
    if (head === undefined) return { state: 'none' };
    try {
      const { pieces } = z.object({ pieces: z.number().int().positive() }).parse(JSON.parse(head));
      let text = '';
      for (let i = 1; i <= pieces; i++) {
        const part = await this.secrets.get(piece(i));
        if (part === undefined) throw new Error(`piece ${i} of ${pieces} is missing`);
        text += part;
      }
      const order = PendingOrder.parse(
        JSON.parse(inflateRawSync(Buffer.from(text, 'base64url')).toString('utf8')),
      );
      const progressText = await this.secrets.get(PROGRESS);
      const progress = PendingProgress.parse(
        progressText === undefined
          ? { manifestDone: false, done: '', uploads: {} }
          : JSON.parse(progressText),
      );
      return { state: 'found', order, progress };
    } catch (error) {
      await this.remove();
      return { state: 'damaged', why: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Removes every entry of the pending order (the head first). */
  async remove(): Promise<void> {
    await this.secrets.delete(HEAD);
    await this.removePieces(1);
    await this.secrets.delete(PROGRESS);
  }

  private async removePieces(from: number): Promise<void> {
    for (let i = from; await this.secrets.delete(piece(i)); i++);
  }
}

/** A set of file indexes as a compact bitmap (600 files: 100 characters). */
export function encodeDone(done: ReadonlySet<number>, count: number): string {
  const bits = Buffer.alloc(Math.ceil(count / 8));
  for (const i of done) bits[i >> 3]! |= 1 << (i & 7);
  return bits.toString('base64url');
}

export function decodeDone(text: string): Set<number> {
  const bits = Buffer.from(text, 'base64url');
  const done = new Set<number>();
  for (let i = 0; i < bits.length * 8; i++) if (bits[i >> 3]! & (1 << (i & 7))) done.add(i);
  return done;
}
