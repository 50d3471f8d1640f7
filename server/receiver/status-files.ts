import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ORDER_ID } from '../../src/contract/receiver';
import { KeyedQueue, jsonFileIds, readJsonFile, writeJsonFileAtomic } from './json-files';
import { statusExpiresAt, statusRecord } from './status-store';
import type { StatusRecord, StatusRecords, StatusRetention } from './status-store';

/**
 * Status records as JSON files in `dir`, one per order (`<orderId>.json`), written atomically:
 * the embedded default. `withOrder` serialises per order within this process.
 */
export class StatusFiles implements StatusRecords {
  private readonly queue = new KeyedQueue();

  constructor(readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  get(orderId: string): Promise<StatusRecord | undefined> {
    return readJsonFile(this.path(orderId), statusRecord, `status record ${orderId} is corrupt`);
  }

  put(record: StatusRecord): Promise<void> {
    return writeJsonFileAtomic(this.path(record.orderId), record);
  }

  withOrder<T>(orderId: string, fn: () => Promise<T>): Promise<T> {
    return this.queue.run(orderId, fn);
  }

  async removeExpired(retention: StatusRetention, nowMs: number): Promise<number> {
    let removed = 0;
    for (const orderId of await jsonFileIds(this.dir, ORDER_ID)) {
      await this.withOrder(orderId, async () => {
        const record = await this.get(orderId).catch(() => undefined);
        if (record && statusExpiresAt(record, retention) <= nowMs) {
          await rm(this.path(orderId), { force: true });
          removed++;
        }
      });
    }
    return removed;
  }

  private path(orderId: string): string {
    if (!ORDER_ID.test(orderId)) throw new Error(`not an order id: ${orderId}`);
    return join(this.dir, `${orderId}.json`);
  }
}
