import { access, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FILE_NAME, MAX_FILES_PER_ORDER, ORDER_ID, UPLOAD_ID } from '../../src/contract/receiver';
import { KeyedQueue, jsonFileIds, readJsonFile, writeJsonFileAtomic } from './json-files';

const fileEntry = z.object({
  name: z.string().regex(FILE_NAME),
  uploadId: z.string().regex(UPLOAD_ID),
  /** Upload-Length, for the per-order limit; records written before it have none. */
  size: z.number().int().nonnegative().optional(),
});

/** The order record's schema; every backend validates what it reads with it. */
export const orderRecord = z.object({
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

/** What the server keeps about one order (no personal data: ids, hashes, names and sizes). */
export type OrderRecord = z.infer<typeof orderRecord>;

/**
 * Where the receiver keeps its order records: files under the data folder by default
 * ({@link OrderStore}), or PostgreSQL when several receivers serve the same orders
 * (records/postgres-orders.ts).
 */
export interface OrderRecords {
  /** The record, or undefined if there is none. A corrupt record throws. */
  get(orderId: string): Promise<OrderRecord | undefined>;
  put(record: OrderRecord): Promise<void>;
  remove(orderId: string): Promise<void>;
  /** Ids of all stored orders, sorted. */
  ids(): Promise<string[]>;
  /**
   * Every readable record, in id order. One damaged record must not hide the others from the
   * lab: it is reported through `onUnreadable` (by order id) and skipped.
   */
  readable(onUnreadable: (orderId: string, err: Error) => void): AsyncGenerator<OrderRecord>;
  /**
   * Runs `fn` while no other `withOrder` call for the same order runs, in this receiver or
   * (for a shared backend) in any other.
   */
  withOrder<T>(orderId: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * Order records as JSON files in `dir`, one per order (`<orderId>.json`), written atomically;
 * `withOrder` serialises read-modify-write per order within this process.
 */
export class OrderStore implements OrderRecords {
  private readonly queue = new KeyedQueue();

  constructor(readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Throws unless the folder is there to read and write. */
  async ready(): Promise<void> {
    await access(this.dir).catch((err: Error) => {
      throw new Error(`order records folder ${this.dir} is not usable: ${err.message}`);
    });
  }

  private path(orderId: string): string {
    if (!ORDER_ID.test(orderId)) throw new Error(`not an order id: ${orderId}`);
    return join(this.dir, `${orderId}.json`);
  }

  get(orderId: string): Promise<OrderRecord | undefined> {
    return readJsonFile(this.path(orderId), orderRecord, `order record ${orderId} is corrupt`);
  }

  put(record: OrderRecord): Promise<void> {
    return writeJsonFileAtomic(this.path(record.orderId), record);
  }

  async remove(orderId: string): Promise<void> {
    await rm(this.path(orderId), { force: true });
  }

  ids(): Promise<string[]> {
    return jsonFileIds(this.dir, ORDER_ID);
  }

  readable(onUnreadable: (orderId: string, err: Error) => void): AsyncGenerator<OrderRecord> {
    return readEach(this, onUnreadable);
  }

  withOrder<T>(orderId: string, fn: () => Promise<T>): Promise<T> {
    return this.queue.run(orderId, fn);
  }
}

/** {@link OrderRecords.readable} over `ids` and `get`, for backends with no better way. */
export async function* readEach(
  records: Pick<OrderRecords, 'ids' | 'get'>,
  onUnreadable: (orderId: string, err: Error) => void,
): AsyncGenerator<OrderRecord> {
  for (const id of await records.ids()) {
    let order: OrderRecord | undefined;
    try {
      order = await records.get(id);
    } catch (err) {
      onUnreadable(id, err as Error);
      continue;
    }
    if (order) yield order;
  }
}
