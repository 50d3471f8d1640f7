import { afterEach, expect, it } from 'vitest';
import { downloadFile, listOrders } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { cipherLike, opener, readAll, startTestReceiver } from './helpers';
import type { TestReceiver } from './helpers';
import { startPrefixProxy } from './prefix-proxy';
import type { PrefixProxy } from './prefix-proxy';

let receiver: TestReceiver | undefined;
let proxy: PrefixProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await receiver?.dispose();
});

it('takes a whole order through a proxy that serves it under a path prefix', async () => {
  proxy = await startPrefixProxy('/photodose');
  const publicUrl = proxy.url;
  receiver = await startTestReceiver({ publicUrl });
  proxy.target = receiver.url;

  const order = await createOrder(publicUrl);
  expect(order.uploadUrl).toBe(`${publicUrl}/api/v1/uploads/`);
  const data = cipherLike(300_000);
  let created = '';
  await uploadResumable({
    endpoint: order.uploadUrl,
    token: order.uploadToken,
    metadata: { order: order.orderId, name: 'photo-0001.age' },
    size: data.length,
    open: opener(data),
    onCreated: (url) => (created = url),
    retryDelaysMs: [],
  });
  expect(created).toMatch(new RegExp(`^${publicUrl}/api/v1/uploads/[0-9a-f]{32}$`));
  await commitOrder(publicUrl, order.orderId, order.uploadToken, [
    { name: 'photo-0001.age', size: data.length },
  ]);
  const [listed] = await listOrders(publicUrl, receiver.labToken);
  expect(listed?.orderId).toBe(order.orderId);
  const stored = await readAll(
    await downloadFile(publicUrl, receiver.labToken, order.orderId, 'photo-0001.age'),
  );
  expect(stored.equals(data)).toBe(true);
});
