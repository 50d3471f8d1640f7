import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver } from '../../../server/receiver/index';
import { createOrder } from '../../../services/upload/receiver-api';
import { errorOf, postUpload, startTestReceiver } from './helpers';
import type { TestReceiver } from './helpers';

const MINUTE = 60 * 1000;
let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.dispose();
  receiver = undefined;
});

/** `POST /api/v1/orders` from the given local address (any of 127.0.0.0/8 works on Linux). */
function createFrom(
  url: string,
  localAddress: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; retryAfter?: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        localAddress,
        method: 'POST',
        path: '/api/v1/orders',
        headers,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            body,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('receiver: resource limits', () => {
  it('limits new orders per client address with 429 and Retry-After', async () => {
    let clock = Date.now();
    receiver = await startTestReceiver({
      limits: { orderBurst: 2, ordersPerHour: 6 },
      now: () => clock,
    });
    const { url } = receiver;
    expect((await createFrom(url, '127.0.0.1')).status).toBe(201);
    expect((await createFrom(url, '127.0.0.1')).status).toBe(201);
    const refused = await createFrom(url, '127.0.0.1');
    expect(refused.status).toBe(429);
    // Six an hour: the next one is due in ten minutes.
    expect(refused.retryAfter).toBe('600');
    expect(JSON.parse(refused.body)).toEqual({
      error: 'too many new orders from your address: try again in 600 seconds',
    });
    // Another address has its own allowance.
    expect((await createFrom(url, '127.0.0.2')).status).toBe(201);

    clock += 5 * MINUTE;
    const stillRefused = await createFrom(url, '127.0.0.1');
    expect(stillRefused.status).toBe(429);
    expect(stillRefused.retryAfter).toBe('300');
    clock += 5 * MINUTE;
    expect((await createFrom(url, '127.0.0.1')).status).toBe(201);
    expect((await createFrom(url, '127.0.0.1')).status).toBe(429);
  });

  it('behind a trusted proxy, limits by the address the proxy saw', async () => {
    receiver = await startTestReceiver({
      trustProxy: true,
      limits: { orderBurst: 1, ordersPerHour: 1 },
    });
    const via = (chain: string) =>
      createFrom(receiver!.url, '127.0.0.1', { 'X-Forwarded-For': chain });
    expect((await via('198.51.100.7')).status).toBe(201);
    expect((await via('198.51.100.7')).status).toBe(429);
    expect((await via('198.51.100.8')).status).toBe(201);
    // Only the proxy's own entry counts: a client can put anything in front of it.
    expect((await via('203.0.113.99, 198.51.100.7')).status).toBe(429);
  });

  it('ignores X-Forwarded-For unless told to trust a proxy', async () => {
    receiver = await startTestReceiver({ limits: { orderBurst: 1, ordersPerHour: 1 } });
    const via = (chain: string) =>
      createFrom(receiver!.url, '127.0.0.1', { 'X-Forwarded-For': chain });
    expect((await via('198.51.100.7')).status).toBe(201);
    expect((await via('198.51.100.8')).status).toBe(429);
  });

  it('refuses an upload that would take its order over maxOrderBytes (413)', async () => {
    receiver = await startTestReceiver({ limits: { maxOrderBytes: 1000 } });
    const order = await createOrder(receiver.url);
    expect((await postUpload(order, 'a.age', 600)).status).toBe(201);
    const over = await postUpload(order, 'b.age', 401);
    expect(over.status).toBe(413);
    expect(await errorOf(over)).toBe(
      `order ${order.orderId} would hold 1001 bytes with file "b.age", more than the limit of 1000 bytes per order`,
    );
    // Exactly the limit fits; a retried creation of an unfinished file replaces it, not adds.
    expect((await postUpload(order, 'b.age', 400)).status).toBe(201);
    expect((await postUpload(order, 'b.age', 400)).status).toBe(201);
    expect((await postUpload(order, 'c.age', 1)).status).toBe(413);
    // Another order has its own allowance.
    const other = await createOrder(receiver.url);
    expect((await postUpload(other, 'a.age', 1000)).status).toBe(201);
  });

  it('refuses an upload that does not fit on the disk with its reserve (507)', async () => {
    // A reserve no disk has: every upload's length is refused before anything is written.
    receiver = await startTestReceiver({ limits: { diskReserveBytes: Number.MAX_SAFE_INTEGER } });
    const order = await createOrder(receiver.url);
    const refused = await postUpload(order, 'a.age', 10);
    expect(refused.status).toBe(507);
    expect(await errorOf(refused)).toBe(
      'the server has no room for a file of 10 bytes right now; try again later',
    );
  });

  it('refuses limits that make no sense before creating anything', async () => {
    const dataDir = join(tmpdir(), `photodose-never-made-${process.pid}-${Date.now()}`);
    await expect(createReceiver({ dataDir, limits: { orderBurst: 0 } })).rejects.toThrow(
      'receiver limit orderBurst must be a whole number above 0, not 0',
    );
    await expect(
      createReceiver({ dataDir, limits: { requestTimeoutMs: 1000, headersTimeoutMs: 2000 } }),
    ).rejects.toThrow(
      'receiver limit headersTimeoutMs (2000) must not exceed requestTimeoutMs (1000)',
    );
    expect(existsSync(dataDir)).toBe(false);
  });
});
