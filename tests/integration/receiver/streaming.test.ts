import { Readable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { createOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { startTestReceiver } from './helpers';
import type { TestReceiver } from './helpers';

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.dispose();
});

/**
 * The client must stream: axios's default redirect transport (follow-redirects) keeps every
 * body chunk for a replay, which holds the whole file in memory (measured: +500 MB for
 * 512 MiB). Fresh chunks per read so retention would show in the RSS.
 */
it('uploads 256 MiB without holding the file in memory', async () => {
  receiver = await startTestReceiver();
  const order = await createOrder(receiver.url);
  const size = 256 * 1024 * 1024;
  const chunk = 1024 * 1024;
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    await uploadResumable({
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: 'big.age' },
      size,
      open: (offset) =>
        Readable.from(
          (function* () {
            for (let at = offset; at < size; at += chunk)
              yield Buffer.alloc(Math.min(chunk, size - at), 1);
          })(),
        ),
    });
  } finally {
    clearInterval(sampler);
  }
  expect((peak - before) / 2 ** 20).toBeLessThan(128);
});
