import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { HttpError, bearerToken, sendJson, unauthorized } from './http';
import { FILE_NAME, ORDER_ID } from '../../src/contract/receiver';
import type { LabOrder, LabOrderList } from '../../src/contract/receiver';
import type { OrderRecord, OrderRecords } from './orders';
import type { StatusStore } from './status-store';
import { hashToken, tokenMatchesHash } from './secrets';
import type { Uploads } from './uploads';

/** What the lab routes need from the server. */
export interface LabRoutesDeps {
  orders: OrderRecords;
  uploads: Uploads;
  labToken: string;
  /** The customer's status lookup, which outlives the order's files. */
  statuses: StatusStore;
  log: (line: string) => void;
}

/** Throws 401 unless the request carries the lab's token (compared in constant time). */
export function requireLab(req: IncomingMessage, labToken: string): void {
  const token = bearerToken(req);
  if (!token) throw unauthorized('missing lab token: send Authorization: Bearer <labToken>');
  if (!tokenMatchesHash(token, hashToken(labToken))) throw unauthorized('invalid lab token');
}

/** `GET /api/v1/lab/orders`: the complete orders, oldest commit first. */
export async function listOrdersRoute(
  res: ServerResponse,
  { orders, log }: LabRoutesDeps,
): Promise<void> {
  const complete: LabOrder[] = [];
  for await (const order of orders.readable(logUnreadable(log))) {
    if (order.state !== 'complete' || !order.committedAt) continue;
    const { orderId, committedAt } = order;
    complete.push({ orderId, committedAt, files: order.files ?? [] });
  }
  complete.sort((a, b) => a.committedAt.localeCompare(b.committedAt));
  sendJson(res, 200, { orders: complete } satisfies LabOrderList);
}

async function completeOrder(orders: OrderRecords, orderId: string): Promise<OrderRecord> {
  const order = ORDER_ID.test(orderId) ? await orders.get(orderId) : undefined;
  if (!order) throw new HttpError(404, `order ${orderId.slice(0, 40)} not found`);
  if (order.state !== 'complete') throw new HttpError(409, `order ${orderId} is not committed yet`);
  return order;
}

/**
 * `GET /api/v1/lab/orders/:orderId/files/:name`: the stored ciphertext, streamed from the upload
 * storage (a file, or an object in S3) with no copy in memory or on disk.
 */
export async function downloadFileRoute(
  res: ServerResponse,
  orderId: string,
  name: string,
  { orders, uploads }: LabRoutesDeps,
): Promise<void> {
  const order = await completeOrder(orders, orderId);
  const entry = FILE_NAME.test(name) ? order.uploads.find((u) => u.name === name) : undefined;
  if (!entry)
    throw new HttpError(404, `order ${orderId} has no file ${JSON.stringify(name.slice(0, 80))}`);
  const { size, stream } = await uploads.read(entry.uploadId);
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': 'no-store',
  });
  // A lab that disconnects mid-download rejects the pipeline; that is not a server error.
  await pipeline(stream, res).catch(() => res.destroy());
}

/**
 * `DELETE /api/v1/lab/orders/:orderId`: removes the order's files and record (privacy rule 5).
 * The lab deletes an order once it has it verified, so its status becomes `received`.
 */
export async function deleteOrderRoute(
  res: ServerResponse,
  orderId: string,
  { orders, uploads, statuses, log }: LabRoutesDeps,
): Promise<void> {
  if (!ORDER_ID.test(orderId)) throw new HttpError(404, `order ${orderId.slice(0, 40)} not found`);
  await orders.withOrder(orderId, async () => {
    const order = await orders.get(orderId);
    if (!order) throw new HttpError(404, `order ${orderId} not found`);
    for (const entry of order.uploads) await uploads.remove(entry.uploadId);
    await orders.remove(orderId);
    await statuses.markReceived(orderId);
  });
  log(`order ${orderId}: deleted by the lab`);
  sendJson(res, 204);
}

/** Logs a damaged order record by id while a listing goes on with the others. */
export function logUnreadable(log: (line: string) => void): (orderId: string, err: Error) => void {
  return (orderId, err) => log(`order ${orderId}: record unreadable (${err.message})`);
}
