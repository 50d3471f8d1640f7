import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { listOpenOrders, listOrders } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import type { CreatedOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { cipherLike, errorOf, meta, opener, startTestReceiver, tus } from './helpers';
import type { TestReceiver } from './helpers';

const MINUTE = 60 * 1000;
const running: TestReceiver[] = [];
afterEach(async () => {
  for (const receiver of running.splice(0).reverse()) await receiver.dispose();
});

async function uploadWhole(order: CreatedOrder, name: string, size: number): Promise<void> {
  await uploadResumable({
    endpoint: order.uploadUrl,
    token: order.uploadToken,
    metadata: { order: order.orderId, name },
    size,
    open: opener(cipherLike(size)),
  });
}

/** Creates an upload of `size` bytes and sends only the first `sent`. */
async function uploadPart(order: CreatedOrder, name: string, size: number, sent: number) {
  const created = await fetch(order.uploadUrl, {
    method: 'POST',
    headers: tus(order.uploadToken, {
      'Upload-Length': String(size),
      'Upload-Metadata': meta({ order: order.orderId, name }),
    }),
  });
  expect(created.status).toBe(201);
  const url = new URL(created.headers.get('location') ?? '', order.uploadUrl).href;
  const patch = await fetch(url, {
    method: 'PATCH',
    headers: tus(order.uploadToken, {
      'Upload-Offset': '0',
      'Content-Type': 'application/offset+octet-stream',
    }),
    body: cipherLike(sent),
  });
  expect(patch.status).toBe(204);
  return url.split('/').pop() ?? '';
}

/** Sets fields of an order record on disk, as if it had been written then. */
async function backdate(dataDir: string, orderId: string, when: Date): Promise<void> {
  const file = join(dataDir, 'orders', `${orderId}.json`);
  const record = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(
    file,
    JSON.stringify({ ...record, createdAt: when.toISOString(), updatedAt: when.toISOString() }),
  );
}

it('lists open orders to the lab and deletes them with their uploads once abandoned', async () => {
  let clock = Date.now();
  const options = { limits: { abandonedAfterMs: 30 * MINUTE }, now: () => clock };
  const first = await startTestReceiver(options);
  const { dataDir } = first;

  const idle = await createOrder(first.url);
  const partial = await createOrder(first.url);
  await uploadWhole(partial, 'a.age', 300);
  await uploadPart(partial, 'b.age', 1000, 400);
  const busy = await createOrder(first.url);
  const busyUpload = await uploadPart(busy, 'big.age', 5000, 100);
  const done = await createOrder(first.url);
  await uploadWhole(done, 'book.age', 500);
  await commitOrder(first.url, done.orderId, done.uploadToken, [{ name: 'book.age', size: 500 }]);

  // The lab sees the open orders, with counts and no personal data or tokens.
  const open = await listOpenOrders(first.url, first.labToken);
  expect(open.map((o) => o.orderId).sort()).toEqual(
    [idle.orderId, partial.orderId, busy.orderId].sort(),
  );
  const summary = open.find((o) => o.orderId === partial.orderId);
  expect(summary).toMatchObject({ files: 2, bytes: 700 });
  expect(Date.parse(summary?.expiresAt ?? '')).toBeGreaterThan(
    Date.parse(summary?.createdAt ?? ''),
  );
  expect(Object.keys(summary ?? {}).sort()).toEqual(
    ['bytes', 'createdAt', 'expiresAt', 'files', 'lastActivityAt', 'orderId', 'updatedAt'].sort(),
  );
  const anonymous = await fetch(`${first.url}/api/v1/lab/open-orders`);
  expect(anonymous.status).toBe(401);
  expect(await errorOf(anonymous)).toMatch(/^missing lab token/);
  await expect(listOpenOrders(first.url, partial.uploadToken)).rejects.toThrow(
    'HTTP 401: invalid lab token',
  );
  await first.close();

  // Within the period nothing goes; the sweep runs at every start.
  clock += 20 * MINUTE;
  const second = await startTestReceiver({ ...options, dataDir });
  await second.close();
  expect(await readdir(join(dataDir, 'orders'))).toHaveLength(4);

  clock += 20 * MINUTE;
  // The busy order's record is old, but bytes of its upload arrived just now (a long PATCH).
  await backdate(dataDir, busy.orderId, new Date(clock - 2 * 24 * 60 * MINUTE));
  const justNow = new Date(clock);
  await utimes(join(dataDir, 'uploads', busyUpload), justNow, justNow);
  const third = await startTestReceiver({ ...options, dataDir });
  running.push(third);
  expect((await readdir(join(dataDir, 'orders'))).sort()).toEqual(
    [`${done.orderId}.json`, `${busy.orderId}.json`].sort(),
  );
  // Only the committed and the busy order's uploads (data and info file each) are left.
  expect(await readdir(join(dataDir, 'uploads'))).toHaveLength(4);
  expect((await listOpenOrders(third.url, third.labToken)).map((o) => o.orderId)).toEqual([
    busy.orderId,
  ]);
  expect((await listOrders(third.url, third.labToken)).map((o) => o.orderId)).toEqual([
    done.orderId,
  ]);
  for (const order of [idle, partial]) {
    expect(third.logs).toContain(
      `order ${order.orderId}: expired (open, no activity for 30 minutes)`,
    );
  }
});
