import type { Readable } from 'node:stream';
import type { z } from 'zod';
import {
  LAB_OPEN_ORDERS_PATH,
  LAB_ORDERS_PATH,
  LabOrderList,
  OpenOrderList,
  labFilePath,
  labOrderPath,
} from '../../src/contract/receiver';
import type { LabOrder, OpenOrder } from '../../src/contract/receiver';
import {
  LabStatusBody,
  OrderStatusReply,
  labOrderStatusPath,
} from '../../src/contract/order-status';
import type { LabOrderState, Shipment } from '../../src/contract/order-status';
import {
  ApiError,
  apiUrl,
  call,
  callConfig,
  expectStatus,
  jsonHttp,
  parseReply,
  serverMessage,
} from './http';
import type { CallOptions } from './http';

function auth(labToken: string): Record<string, string> {
  return { Authorization: `Bearer ${labToken}` };
}

/** The complete orders on the server, oldest commit first. */
export async function listOrders(
  serverUrl: string,
  labToken: string,
  opts: CallOptions = {},
): Promise<LabOrder[]> {
  return (
    await getLabJson(serverUrl, LAB_ORDERS_PATH, labToken, LabOrderList, 'listing orders', opts)
  ).orders;
}

/**
 * The open orders on the server, least recently active first, with when the server will
 * delete each unless it is committed or continued before.
 */
export async function listOpenOrders(
  serverUrl: string,
  labToken: string,
  opts: CallOptions = {},
): Promise<OpenOrder[]> {
  const what = 'listing open orders';
  return (await getLabJson(serverUrl, LAB_OPEN_ORDERS_PATH, labToken, OpenOrderList, what, opts))
    .orders;
}

/** GETs a lab API path and checks the reply against the wire contract's schema. */
function getLabJson<T>(
  serverUrl: string,
  path: string,
  labToken: string,
  schema: z.ZodType<T>,
  what: string,
  opts: CallOptions,
): Promise<T> {
  return call(what, async () => {
    const res = await jsonHttp.get(apiUrl(serverUrl, path), {
      ...callConfig(opts),
      headers: auth(labToken),
    });
    expectStatus(res, 200, what);
    return parseReply(res, schema, what);
  });
}

/**
 * Streams one stored file (ciphertext) of a complete order. The stream errors if the
 * connection breaks before Content-Length bytes arrived; `opts.signal` aborts it.
 */
export async function downloadFile(
  serverUrl: string,
  labToken: string,
  orderId: string,
  name: string,
  opts: CallOptions = {},
): Promise<Readable> {
  const what = `downloading ${name} of order ${orderId}`;
  return call(what, async () => {
    const res = await jsonHttp.get<Readable>(apiUrl(serverUrl, labFilePath(orderId, name)), {
      headers: { ...auth(labToken), 'Accept-Encoding': 'identity' },
      responseType: 'stream',
      // The bytes must arrive exactly as stored, and their size is unbounded.
      decompress: false,
      maxContentLength: -1,
      ...callConfig(opts),
    });
    if (res.status !== 200) {
      throw new ApiError(
        `${what} failed: HTTP ${res.status}: ${serverMessage(await readSmall(res.data))}`,
        res.status,
      );
    }
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('application/octet-stream')) {
      res.data.destroy();
      throw new ApiError(`${what}: unexpected content type "${type}"`, res.status);
    }
    return res.data;
  });
}

/** Removes the order from the server once the lab has it (privacy rule 5). */
export async function deleteOrder(
  serverUrl: string,
  labToken: string,
  orderId: string,
  opts: CallOptions = {},
): Promise<void> {
  const what = `deleting order ${orderId}`;
  await call(what, async () => {
    const res = await jsonHttp.delete(apiUrl(serverUrl, labOrderPath(orderId)), {
      ...callConfig(opts),
      headers: auth(labToken),
    });
    expectStatus(res, 204, what);
  });
}

/**
 * Tells the receiving server how far the lab is with an order, for the customer's status
 * lookup: `received`, `in-production`, or `shipped` with the parcel's tracking number and
 * carrier where known. No personal data travels. The server says 404 for an order it keeps no
 * status of (sent without a lookup key, or past its retention): the ApiError has `status` 404.
 * Returns the status as the customer now sees it.
 */
export async function reportOrderStatus(
  serverUrl: string,
  labToken: string,
  orderId: string,
  state: LabOrderState,
  opts: CallOptions & { shipment?: Shipment } = {},
): Promise<OrderStatusReply> {
  const what = `reporting order ${orderId} as ${state}`;
  // Checked here too, so a bad tracking number is the lab's clear error before any request.
  const body = LabStatusBody.parse(
    opts.shipment === undefined ? { state } : { state, shipment: opts.shipment },
  );
  return call(what, async () => {
    const res = await jsonHttp.put(apiUrl(serverUrl, labOrderStatusPath(orderId)), body, {
      ...callConfig(opts),
      headers: auth(labToken),
    });
    expectStatus(res, 200, what);
    return parseReply(res, OrderStatusReply, what);
  });
}

/** Reads at most 64 KiB of an error body, then drops the rest. */
async function readSmall(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    total += chunk.length;
    if (total >= 64 * 1024) break;
  }
  stream.destroy();
  return Buffer.concat(chunks);
}
