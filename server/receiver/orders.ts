import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FILE_NAME, MAX_FILES_PER_ORDER, ORDER_ID, UPLOAD_ID } from '../../src/contract/receiver';

const fileEntry = z.object({
  name: z.string().regex(FILE_NAME),
  uploadId: z.string().regex(UPLOAD_ID),
  /** Upload-Length, for the per-order limit; records written before it have none. */
  size: z.number().int().nonnegative().optional(),
});

const orderRecord = z.object({
  version: z.literal(1),
  orderId: z.string().regex(ORDER_ID),
  /** SHA-256 (hex) of the upload token; the token itself is never stored. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * HMAC (hex) of the customer's status lookup key (status-store.ts), given when the order was
   * opened; it becomes the order's status record at commit, and goes with an abandoned order.
   */
  lookupHmac: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  state: z.enum(['open', 'complete']),
  createdAt: z.string(),
  /** Last change while open; stale open orders expire from here. */
  updatedAt: z.string(),
  committedAt: z.string().optional(),
  /** One upload per file name; reserved when the tus upload is created. */
  uploads: z.array(fileEntry).max(MAX_FILES_PER_ORDER),
  /** The committed file list (name and size), set with state 'complete'. */
  files: z.array(z.object({ name: z.string(), size: z.number().int().nonnegative() })).optional(),
});

/** What the server keeps about one order, in `orders/<orderId>.json`. */
export type OrderRecord = z.infer<typeof orderRecord>;

/**
 * Order records as JSON files, one per order, written atomically (temp file + rename) so a
 * crash never leaves half a record. `withOrder` serialises read-modify-write per order.
 */
export class OrderStore {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  private path(orderId: string): string {
    if (!ORDER_ID.test(orderId)) throw new Error(`not an order id: ${orderId}`);
    return join(this.dir, `${orderId}.json`);
  }

  /** The record, or undefined if there is none. A corrupt record throws. */
  async get(orderId: string): Promise<OrderRecord | undefined> {
    let text: string;
    try {
      text = await readFile(this.path(orderId), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const parsed = orderRecord.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`order record ${orderId} is corrupt`);
    return parsed.data;
  }

  async put(record: OrderRecord): Promise<void> {
    const target = this.path(record.orderId);
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(record), { mode: 0o600 });
      await rename(temp, target);
    } catch (err) {
      // A full disk leaves a cut-off temp file; nothing would ever remove it.
      await rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  async remove(orderId: string): Promise<void> {
    await rm(this.path(orderId), { force: true });
  }

  /** Ids of all stored orders (temp files of interrupted writes are skipped). */
  async ids(): Promise<string[]> {
    const names = await readdir(this.dir);
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .filter((id) => ORDER_ID.test(id))
      .sort();
  }

  /**
   * Every readable record, in id order. One damaged record must not hide the others from the
   * lab: it is reported through `onUnreadable` (by order id) and skipped.
   */
  async *readable(
    onUnreadable: (orderId: string, err: Error) => void,
  ): AsyncGenerator<OrderRecord> {
    for (const id of await this.ids()) {
      let order: OrderRecord | undefined;
      try {
        order = await this.get(id);
      } catch (err) {
        onUnreadable(id, err as Error);
        continue;
      }
      if (order) yield order;
    }
  }

  /** Runs `fn` while no other `withOrder` call for the same order runs. */
  async withOrder<T>(orderId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(orderId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    this.tails.set(orderId, run);
    try {
      return await run;
    } finally {
      // Forget the chain once it is idle, so the map does not grow with every order ever seen.
      if (this.tails.get(orderId) === run) this.tails.delete(orderId);
    }
  }
}
