import {
  CommitReply,
  CreateOrderReply,
  ORDERS_PATH,
  commitPath,
  lookupKeyPath,
} from '../../src/contract/receiver';
import type { CommitFile } from '../../src/contract/receiver';
import {
  ORDER_STATUS_PATH,
  OrderStatusReply,
  STATUS_NOT_FOUND,
} from '../../src/contract/order-status';
import { ApiError, apiUrl, call, callConfig, expectStatus, jsonHttp, parseReply } from './http';
import type { CallOptions } from './http';

/** A new order on the receiving server; keep `uploadToken` secret (keychain only). */
export type CreatedOrder = CreateOrderReply;

/** Opens a new order; the reply carries its id, upload token and tus endpoint. */
export async function createOrder(
  serverUrl: string,
  opts: CallOptions = {},
): Promise<CreatedOrder> {
  const what = 'creating the order';
  return call(what, async () => {
    const res = await jsonHttp.post(apiUrl(serverUrl, ORDERS_PATH), {}, callConfig(opts));
    expectStatus(res, 201, what);
    return parseReply(res, CreateOrderReply, what);
  });
}

/**
 * Gives the server the customer's status lookup key (services/order-status/lookup-key.ts) for
 * an order just opened; it keeps only a keyed hash. Sending it again is harmless.
 */
export async function registerLookupKey(
  serverUrl: string,
  orderId: string,
  uploadToken: string,
  lookupKey: string,
  opts: CallOptions = {},
): Promise<void> {
  const what = `opening the status lookup of order ${orderId}`;
  await call(what, async () => {
    const res = await jsonHttp.put(
      apiUrl(serverUrl, lookupKeyPath(orderId)),
      { lookupKey },
      { ...callConfig(opts), headers: { Authorization: `Bearer ${uploadToken}` } },
    );
    expectStatus(res, 204, what);
  });
}

/**
 * Marks the order complete once every file is uploaded. The server checks names and sizes and
 * refuses (quoting why) if anything is missing or incomplete. Calling it twice is harmless.
 */
export async function commitOrder(
  serverUrl: string,
  orderId: string,
  uploadToken: string,
  files: CommitFile[],
  opts: CallOptions = {},
): Promise<CommitReply> {
  const what = `committing order ${orderId}`;
  return call(what, async () => {
    const res = await jsonHttp.post(
      apiUrl(serverUrl, commitPath(orderId)),
      { files: files.map(({ name, size }) => ({ name, size })) },
      {
        ...callConfig(opts),
        headers: { Authorization: `Bearer ${uploadToken}` },
      },
    );
    expectStatus(res, 200, what);
    const reply = parseReply(res, CommitReply, what);
    if (reply.orderId !== orderId) {
      throw new Error(`${what}: the server confirmed a different order (${reply.orderId})`);
    }
    return reply;
  });
}

/** What the receiving server answers about an order: its status, or none for these details. */
export type StatusLookup =
  | { outcome: 'found'; status: OrderStatusReply }
  | { outcome: 'not-found' }
  | { outcome: 'too-many'; retryAfterS: number };

/**
 * Asks for an order's status with the customer's lookup key. An unknown order and a wrong key
 * get the same answer (`not-found`); too many questions get `too-many` with the wait.
 */
export async function lookupOrderStatus(
  serverUrl: string,
  orderId: string,
  lookupKey: string,
  opts: CallOptions = {},
): Promise<StatusLookup> {
  const what = `looking up the status of order ${orderId}`;
  return call(what, async () => {
    const res = await jsonHttp.post(
      apiUrl(serverUrl, ORDER_STATUS_PATH),
      { orderId, lookupKey },
      callConfig(opts),
    );
    if (res.status === 404 && String(res.data).includes(STATUS_NOT_FOUND))
      return { outcome: 'not-found' };
    if (res.status === 429) {
      const seconds = Math.ceil(Number(res.headers['retry-after']));
      return { outcome: 'too-many', retryAfterS: seconds > 0 ? seconds : 60 };
    }
    expectStatus(res, 200, what);
    const status = parseReply(res, OrderStatusReply, what);
    if (status.orderId !== orderId) {
      throw new ApiError(`${what}: the server answered for another order`, res.status);
    }
    return { outcome: 'found', status };
  });
}
