import {
  CommitReply,
  CreateOrderReply,
  ORDERS_PATH,
  commitPath,
} from '../../src/contract/receiver';
import type { CommitFile } from '../../src/contract/receiver';
import { apiUrl, call, callConfig, expectStatus, jsonHttp, parseReply } from './http';
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
