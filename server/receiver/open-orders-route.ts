import type { ServerResponse } from 'node:http';
import type { OpenOrder, OpenOrderList } from '../../src/contract/receiver';
import { lastActivity } from './expiry';
import { sendJson } from './http';
import { logUnreadable } from './lab-routes';
import type { OrderRecords } from './orders';
import type { Uploads } from './uploads';

/** What {@link listOpenOrdersRoute} needs from the server. */
export interface OpenOrdersDeps {
  orders: OrderRecords;
  uploads: Uploads;
  abandonedAfterMs: number;
  log: (line: string) => void;
}

/** `GET /api/v1/lab/open-orders`: orders created but not committed, least recently active first. */
export async function listOpenOrdersRoute(
  res: ServerResponse,
  { orders, uploads, abandonedAfterMs, log }: OpenOrdersDeps,
): Promise<void> {
  const open: OpenOrder[] = [];
  for await (const order of orders.readable(logUnreadable(log))) {
    if (order.state !== 'open') continue;
    const active = await lastActivity(order, uploads);
    let bytes = 0;
    for (const entry of order.uploads) {
      bytes += (await uploads.state(entry.uploadId))?.offset ?? 0;
    }
    open.push({
      orderId: order.orderId,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      lastActivityAt: new Date(active).toISOString(),
      expiresAt: new Date(active + abandonedAfterMs).toISOString(),
      files: order.uploads.length,
      bytes,
    });
  }
  open.sort((a, b) => a.lastActivityAt.localeCompare(b.lastActivityAt));
  sendJson(res, 200, { orders: open } satisfies OpenOrderList);
}
