import { z } from 'zod';
import { apiUrl, call, expectStatus, jsonHttp, parseReply } from './http';
import type { CallOptions } from './http';

const createdOrder = z.object({
  orderId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  uploadToken: z.string().min(16).max(512),
  uploadUrl: z.url({ protocol: /^https?$/ }),
});

/** A new order on the receiving server; keep `uploadToken` secret (keychain only). */
export type CreatedOrder = z.infer<typeof createdOrder>;

const committed = z.object({ orderId: z.string(), state: z.literal('complete') });

/** One file of a commit: its name within the order and its size in bytes. */
export interface CommitFile {
  name: string;
  size: number;
}

/** Opens a new order; the reply carries its id, upload token and tus endpoint. */
export async function createOrder(
  serverUrl: string,
  opts: CallOptions = {},
): Promise<CreatedOrder> {
  const what = 'creating the order';
  return call(what, async () => {
    const res = await jsonHttp.post(
      apiUrl(serverUrl, '/api/v1/orders'),
      {},
      {
        signal: opts.signal,
        timeout: opts.timeoutMs,
      },
    );
    expectStatus(res, 201, what);
    return parseReply(res, createdOrder, what);
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
): Promise<{ orderId: string; state: 'complete' }> {
  const what = `committing order ${orderId}`;
  return call(what, async () => {
    const res = await jsonHttp.post(
      apiUrl(serverUrl, `/api/v1/orders/${encodeURIComponent(orderId)}/commit`),
      { files: files.map(({ name, size }) => ({ name, size })) },
      {
        headers: { Authorization: `Bearer ${uploadToken}` },
        signal: opts.signal,
        timeout: opts.timeoutMs,
      },
    );
    expectStatus(res, 200, what);
    const reply = parseReply(res, committed, what);
    if (reply.orderId !== orderId) {
      throw new Error(`${what}: the server confirmed a different order (${reply.orderId})`);
    }
    return reply;
  });
}
