import { stat } from 'node:fs/promises';
import type { OrderStore } from './orders';
import type { Uploads } from './uploads';

/**
 * Removes open orders untouched for `maxAgeMs` (with all their uploads) and uploads that
 * belong to no order. Committed orders stay until the lab deletes them.
 *
 * Why not @tus/server's cleanUpExpiredUploads: @tus/file-store decides "incomplete" from the
 * offset saved at creation (always 0), so it would also delete finished uploads of committed
 * orders that the lab has not fetched within the expiry period.
 */
export async function sweepExpired(
  orders: OrderStore,
  uploads: Uploads,
  maxAgeMs: number,
  log: (line: string) => void,
): Promise<void> {
  const cutoff = Date.now() - maxAgeMs;
  const referenced = new Set<string>();
  for (const orderId of await orders.ids()) {
    await orders.withOrder(orderId, async () => {
      const order = await orders.get(orderId).catch(() => undefined);
      if (!order) return;
      if (order.state === 'open' && Date.parse(order.updatedAt) < cutoff) {
        for (const entry of order.uploads) await uploads.remove(entry.uploadId);
        await orders.remove(orderId);
        log(`order ${orderId}: expired (open and unchanged for too long)`);
        return;
      }
      for (const entry of order.uploads) referenced.add(entry.uploadId);
    });
  }
  for (const uploadId of await uploads.ids()) {
    if (referenced.has(uploadId)) continue;
    // The age check keeps an upload whose order reservation is being written right now.
    const info = await stat(uploads.path(uploadId)).catch(() => undefined);
    if (info && info.mtimeMs < cutoff) await uploads.remove(uploadId);
  }
}
