import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createReceiver } from '../../../server/receiver/index';
import { downloadFile, listOrders } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { cipherLike, opener, readAll, startTestReceiver } from './helpers';
import type { TestReceiver } from './helpers';

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.dispose();
});

/** Rewrites JSON fields of a file on disk, as if time had passed. */
async function age(file: string, fields: string[], when: string): Promise<void> {
  const value = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  for (const field of fields) value[field] = when;
  await writeFile(file, JSON.stringify(value));
}

it('removes stale open orders and orphans at startup, but keeps committed orders', async () => {
  receiver = await startTestReceiver();
  const { dataDir, url } = receiver;
  const upload = async (
    order: { orderId: string; uploadToken: string; uploadUrl: string },
    data: Buffer,
  ) => {
    let id = '';
    await uploadResumable({
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: 'file.age' },
      size: data.length,
      open: opener(data),
      onCreated: (u) => (id = u.split('/').pop() ?? ''),
    });
    return id;
  };
  const stale = await createOrder(url);
  const staleUpload = await upload(stale, cipherLike(1000));
  const kept = await createOrder(url);
  const keptData = cipherLike(2000);
  const keptUpload = await upload(kept, keptData);
  await commitOrder(url, kept.orderId, kept.uploadToken, [{ name: 'file.age', size: 2000 }]);
  await receiver.close();

  const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
  const orders = join(dataDir, 'orders');
  const uploads = join(dataDir, 'uploads');
  await age(
    join(orders, `${stale.orderId}.json`),
    ['createdAt', 'updatedAt'],
    eightDaysAgo.toISOString(),
  );
  // Bytes written count as activity too: the stale order's last ones were as long ago.
  await utimes(join(uploads, staleUpload), eightDaysAgo, eightDaysAgo);
  await age(
    join(orders, `${kept.orderId}.json`),
    ['createdAt', 'updatedAt', 'committedAt'],
    eightDaysAgo.toISOString(),
  );
  // @tus/file-store's own expiry judges by this date and would delete the committed file.
  await age(join(uploads, `${keptUpload}.json`), ['creation_date'], eightDaysAgo.toISOString());
  const orphan = 'ab'.repeat(16);
  await writeFile(join(uploads, orphan), 'x');
  await writeFile(
    join(uploads, `${orphan}.json`),
    JSON.stringify({ id: orphan, size: 1, offset: 0 }),
  );
  await utimes(join(uploads, orphan), eightDaysAgo, eightDaysAgo);

  const again = await createReceiver({ dataDir, port: Number(new URL(url).port) });
  try {
    expect((await readdir(orders)).sort()).toEqual([`${kept.orderId}.json`]);
    expect((await readdir(uploads)).sort()).toEqual([keptUpload, `${keptUpload}.json`]);
    expect(staleUpload).not.toBe('');
    expect((await listOrders(again.url, again.labToken)).map((o) => o.orderId)).toEqual([
      kept.orderId,
    ]);
    const stream = await downloadFile(again.url, again.labToken, kept.orderId, 'file.age');
    expect((await readAll(stream)).equals(keptData)).toBe(true);
  } finally {
    await again.close();
  }
});
