import { HttpError } from './http';
import type { OrderRecord } from './orders';

/**
 * Throws 413 when adding a file `name` of `size` bytes would take the order's declared total
 * over `maxOrderBytes`. An unfinished upload of the same name is being replaced, so it does
 * not count. `sizeOf` answers for records written before entries kept their size.
 */
export async function ensureOrderFits(
  order: OrderRecord,
  name: string,
  size: number,
  maxOrderBytes: number,
  sizeOf: (uploadId: string) => Promise<number | undefined>,
): Promise<void> {
  let total = size;
  for (const entry of order.uploads) {
    if (entry.name === name) continue;
    total += entry.size ?? (await sizeOf(entry.uploadId)) ?? 0;
  }
  if (total > maxOrderBytes) {
    throw new HttpError(
      413,
      `order ${order.orderId} would hold ${total} bytes with file "${name}", more than the limit of ${maxOrderBytes} bytes per order`,
    );
  }
}
