import type { OrderRecord, OrderRecords } from './orders';
import type { Uploads } from './uploads';

/** Options of {@link sweepExpired}. */
export interface SweepOptions {
  /** Open orders, and uploads of no order, with no activity for this long are deleted. */
  abandonedAfterMs: number;
  /** Milliseconds since the epoch. */
  now: () => number;
  log: (line: string) => void;
}

/**
 * Removes open orders with no activity for `abandonedAfterMs` (with all their uploads) and
 * uploads that belong to no order. Committed orders stay until the lab deletes them, and so
 * does everything of an order whose record cannot be read: unknown is not the same as absent.
 *
 * Why not @tus/server's cleanUpExpiredUploads: @tus/file-store decides "incomplete" from the
 * offset saved at creation (always 0), so it would also delete finished uploads of committed
 * orders that the lab has not fetched within the expiry period.
 */
export async function sweepExpired(
  orders: OrderRecords,
  uploads: Uploads,
  { abandonedAfterMs, now, log }: SweepOptions,
): Promise<void> {
  const cutoff = now() - abandonedAfterMs;
  const referenced = new Set<string>();
  const unreadable = new Set<string>();
  for (const orderId of await orders.ids()) {
    await orders.withOrder(orderId, async () => {
      let order: OrderRecord | undefined;
      try {
        order = await orders.get(orderId);
      } catch (err) {
        unreadable.add(orderId);
        log(
          `order ${orderId}: record unreadable (${(err as Error).message}); keeping its files until the record is repaired or removed by hand`,
        );
        return;
      }
      if (!order) return;
      if (order.state === 'open' && (await lastActivity(order, uploads)) < cutoff) {
        for (const entry of order.uploads) await uploads.remove(entry.uploadId);
        await orders.remove(orderId);
        log(`order ${orderId}: expired (open, no activity for ${duration(abandonedAfterMs)})`);
        return;
      }
      for (const entry of order.uploads) referenced.add(entry.uploadId);
    });
  }
  for (const uploadId of await uploads.ids()) {
    if (referenced.has(uploadId)) continue;
    const owner = await uploads.orderOf(uploadId);
    if (owner !== undefined && unreadable.has(owner)) continue;
    // The age check keeps an upload whose order reservation is being written right now.
    const written = await uploads.lastWrite(uploadId);
    if (written !== undefined && written < cutoff) await uploads.remove(uploadId);
  }
}

/**
 * When an open order last changed: its record, or the latest byte written to one of its
 * uploads (a long PATCH does not touch the record, and must not count as inactivity).
 */
export async function lastActivity(order: OrderRecord, uploads: Uploads): Promise<number> {
  const changed = Date.parse(order.updatedAt);
  let latest = Number.isFinite(changed) ? changed : 0;
  for (const entry of order.uploads) {
    const written = await uploads.lastWrite(entry.uploadId);
    if (written !== undefined) latest = Math.max(latest, written);
  }
  return latest;
}

/** "7 days", "30 minutes": for log lines a person reads. */
function duration(ms: number): string {
  const units: [number, string][] = [
    [24 * 3600 * 1000, 'day'],
    [3600 * 1000, 'hour'],
    [60 * 1000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${name}${ms === size ? '' : 's'}`;
  }
  return `${ms} ms`;
}
