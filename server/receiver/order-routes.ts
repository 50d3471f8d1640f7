import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, bearerToken, readJson, sendJson, unauthorized } from './http';
import { CommitBody, LookupKeyBody, ORDER_ID } from '../../src/contract/receiver';
import type { CommitReply, CreateOrderReply } from '../../src/contract/receiver';
import type { OrderRecord, OrderRecords } from './orders';
import type { StatusStore } from './status-store';
import { hashToken, newOrderId, newToken, tokenMatchesHash } from './secrets';
import type { Uploads } from './uploads';

const emptyBody = z.object({}).strict();

/** What the order routes need from the server. */
export interface OrderRoutesDeps {
  orders: OrderRecords;
  uploads: Uploads;
  /** The customer's status lookup: its record is made at commit. */
  statuses: StatusStore;
  /** Absolute tus endpoint handed to clients. */
  uploadUrl: string;
  log: (line: string) => void;
}

/** `POST /api/v1/orders`: a new open order with its upload token (shown once, stored hashed). */
export async function createOrderRoute(
  req: IncomingMessage,
  res: ServerResponse,
  { orders, uploadUrl, log }: OrderRoutesDeps,
): Promise<void> {
  // The body is optional; if one is sent it must be an empty JSON object.
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'];
  if (hasBody) await readJson(req, emptyBody);
  const uploadToken = newToken();
  const now = new Date().toISOString();
  for (let attempt = 0; attempt < 5; attempt++) {
    const orderId = newOrderId();
    const created = await orders.withOrder(orderId, async () => {
      if (await orders.get(orderId)) return false;
      const record: OrderRecord = {
        version: 1,
        orderId,
        tokenHash: hashToken(uploadToken),
        state: 'open',
        createdAt: now,
        updatedAt: now,
        uploads: [],
      };
      await orders.put(record);
      return true;
    });
    if (created) {
      log(`order ${orderId}: created`);
      sendJson(res, 201, { orderId, uploadToken, uploadUrl } satisfies CreateOrderReply);
      return;
    }
  }
  throw new Error('could not find a free order id');
}

/**
 * `POST /api/v1/orders/:orderId/commit`: checks the listed files are complete with the listed
 * sizes, removes unlisted uploads, and marks the order complete. Repeating it is harmless.
 */
export async function commitOrderRoute(
  req: IncomingMessage,
  res: ServerResponse,
  orderId: string,
  { orders, uploads, statuses, log }: OrderRoutesDeps,
): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw unauthorized('missing upload token: send Authorization: Bearer <uploadToken>');
  if (!ORDER_ID.test(orderId)) throw new HttpError(404, `order ${orderId.slice(0, 40)} not found`);
  const body = await readJson(req, CommitBody);
  const result = await orders.withOrder(orderId, async () => {
    const order = await orders.get(orderId);
    if (!order) throw new HttpError(404, `order ${orderId} not found`);
    if (!tokenMatchesHash(token, order.tokenHash)) {
      throw new HttpError(403, `upload token is not valid for order ${orderId}`);
    }
    if (order.state === 'complete') {
      if (!sameFiles(order.files ?? [], body.files)) {
        throw new HttpError(
          409,
          `order ${orderId} was already committed with a different file list`,
        );
      }
      // A commit whose reply was lost comes again; its status record may be what failed.
      if (order.lookupHmac) await statuses.open(orderId, order.lookupHmac);
      return { order, fresh: false };
    }
    // Check everything before changing anything, so a refused commit leaves the order as it was.
    for (const file of body.files) {
      const entry = order.uploads.find((u) => u.name === file.name);
      const state = entry && (await uploads.state(entry.uploadId));
      if (!state)
        throw new HttpError(409, `file "${file.name}" was never uploaded to order ${orderId}`);
      if (state.size !== file.size) {
        throw new HttpError(
          409,
          `file "${file.name}" has ${state.size ?? 'an unknown number of'} bytes, not ${file.size}`,
        );
      }
      if (state.offset !== state.size) {
        throw new HttpError(
          409,
          `file "${file.name}" is incomplete: ${state.offset} of ${state.size} bytes received`,
        );
      }
    }
    const listed = new Set(body.files.map((f) => f.name));
    for (const entry of order.uploads.filter((u) => !listed.has(u.name))) {
      await uploads.remove(entry.uploadId);
    }
    // The status record first: an order the lab can fetch always has its lookup.
    if (order.lookupHmac) await statuses.open(orderId, order.lookupHmac);
    const now = new Date().toISOString();
    order.uploads = order.uploads.filter((u) => listed.has(u.name));
    order.files = body.files.map(({ name, size }) => ({ name, size }));
    order.state = 'complete';
    order.committedAt = now;
    order.updatedAt = now;
    await orders.put(order);
    return { order, fresh: true };
  });
  if (result.fresh) {
    const bytes = body.files.reduce((sum, f) => sum + f.size, 0);
    log(`order ${orderId}: committed (${body.files.length} files, ${bytes} bytes)`);
  }
  sendJson(res, 200, { orderId, state: 'complete' } satisfies CommitReply);
}

/**
 * `PUT /api/v1/orders/:orderId/lookup-key` (upload token): the customer's status lookup key,
 * kept as its HMAC only. Sent right after the order is opened; sending it again replaces it
 * (the same customer, the same key). A committed order gets its status record at once.
 */
export async function lookupKeyRoute(
  req: IncomingMessage,
  res: ServerResponse,
  orderId: string,
  { orders, statuses }: OrderRoutesDeps,
): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw unauthorized('missing upload token: send Authorization: Bearer <uploadToken>');
  if (!ORDER_ID.test(orderId)) throw new HttpError(404, `order ${orderId.slice(0, 40)} not found`);
  const { lookupKey } = await readJson(req, LookupKeyBody, 4096);
  await orders.withOrder(orderId, async () => {
    const order = await orders.get(orderId);
    if (!order) throw new HttpError(404, `order ${orderId} not found`);
    if (!tokenMatchesHash(token, order.tokenHash)) {
      throw new HttpError(403, `upload token is not valid for order ${orderId}`);
    }
    order.lookupHmac = statuses.keyHmac(lookupKey);
    await orders.put(order);
    if (order.state === 'complete') await statuses.open(orderId, order.lookupHmac);
  });
  sendJson(res, 204);
}

function sameFiles(
  a: { name: string; size: number }[],
  b: { name: string; size: number }[],
): boolean {
  const key = (files: { name: string; size: number }[]) =>
    files
      .map((f) => `${f.name}:${f.size}`)
      .sort()
      .join('/');
  return key(a) === key(b);
}
