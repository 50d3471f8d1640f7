import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { cipherLike, opener, startTestReceiver } from './helpers';
import type { TestReceiver } from './helpers';

const DAY = 24 * 3600 * 1000;
const running: TestReceiver[] = [];
afterEach(async () => {
  for (const receiver of running.splice(0).reverse()) await receiver.dispose();
});

it('keeps the files of a committed order whose record is unreadable, and says so', async () => {
  const first = await startTestReceiver();
  const order = await createOrder(first.url);
  let uploadId = '';
  await uploadResumable({
    endpoint: order.uploadUrl,
    token: order.uploadToken,
    metadata: { order: order.orderId, name: 'book.pdf.age' },
    size: 1000,
    open: opener(cipherLike(1000)),
    onCreated: (url) => (uploadId = url.split('/').pop() ?? ''),
  });
  await commitOrder(first.url, order.orderId, order.uploadToken, [
    { name: 'book.pdf.age', size: 1000 },
  ]);
  await first.close();

  // A damaged record (a crash of the disk, a careless edit), and files far past any expiry.
  const uploads = join(first.dataDir, 'uploads');
  const record = join(first.dataDir, 'orders', `${order.orderId}.json`);
  await writeFile(record, '{"version":1,"orderId":');
  const longAgo = new Date(Date.now() - 60 * DAY);
  const info = JSON.parse(await readFile(join(uploads, `${uploadId}.json`), 'utf8')) as object;
  await writeFile(
    join(uploads, `${uploadId}.json`),
    JSON.stringify({ ...info, creation_date: longAgo.toISOString() }),
  );
  for (const file of [uploadId, `${uploadId}.json`]) {
    await utimes(join(uploads, file), longAgo, longAgo);
  }

  // The sweep runs at start; the clock is also moved past expiry.
  const later = await startTestReceiver({
    dataDir: first.dataDir,
    now: () => Date.now() + 60 * DAY,
  });
  running.push(later);

  expect((await readdir(uploads)).sort()).toEqual([uploadId, `${uploadId}.json`].sort());
  expect(await readFile(record, 'utf8')).toBe('{"version":1,"orderId":');
  expect(later.logs).toContainEqual(
    expect.stringMatching(
      new RegExp(`^order ${order.orderId}: record unreadable \\(.+\\); keeping its files`),
    ),
  );
  // The log names the order, never its token.
  expect(later.logs.join('\n')).not.toContain(order.uploadToken);
});
