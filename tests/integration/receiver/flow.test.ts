import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReceiver } from '../../../server/receiver/index';
import { deleteOrder, downloadFile, listOrders } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { cipherLike, opener, readAll, startTestReceiver } from './helpers';
import type { TestReceiver } from './helpers';

describe('receiver: a whole order from client to lab', () => {
  let receiver: TestReceiver;
  beforeEach(async () => {
    receiver = await startTestReceiver();
  });
  afterEach(async () => {
    await receiver.dispose();
  });

  it('uploads, commits, lists, downloads identical bytes and deletes the order', async () => {
    const order = await createOrder(receiver.url);
    expect(order.orderId).toMatch(/^PD-[A-Z2-7]{10}$/);
    expect(order.uploadUrl).toBe(`${receiver.url}/api/v1/uploads/`);

    const files = [
      { name: 'manifest.json.age', data: cipherLike(12_345) },
      { name: 'photo-0001.jpg.age', data: cipherLike(700_001) },
    ];
    for (const file of files) {
      let progress = 0;
      let created = '';
      await uploadResumable({
        endpoint: order.uploadUrl,
        token: order.uploadToken,
        metadata: { order: order.orderId, name: file.name },
        size: file.data.length,
        open: opener(file.data),
        onCreated: (url) => (created = url),
        onProgress: (sent) => (progress = sent),
      });
      expect(created).toMatch(/\/api\/v1\/uploads\/[0-9a-f]{32}$/);
      expect(progress).toBe(file.data.length);
    }

    const listing = files.map((f) => ({ name: f.name, size: f.data.length }));
    expect(await commitOrder(receiver.url, order.orderId, order.uploadToken, listing)).toEqual({
      orderId: order.orderId,
      state: 'complete',
    });

    const orders = await listOrders(receiver.url, receiver.labToken);
    expect(orders).toEqual([
      { orderId: order.orderId, committedAt: expect.any(String), files: listing },
    ]);
    for (const file of files) {
      const stream = await downloadFile(receiver.url, receiver.labToken, order.orderId, file.name);
      expect((await readAll(stream)).equals(file.data)).toBe(true);
    }

    await deleteOrder(receiver.url, receiver.labToken, order.orderId);
    expect(await listOrders(receiver.url, receiver.labToken)).toEqual([]);
    expect(await readdir(join(receiver.dataDir, 'uploads'))).toEqual([]);
    expect(await readdir(join(receiver.dataDir, 'orders'))).toEqual([]);
    await expect(
      downloadFile(receiver.url, receiver.labToken, order.orderId, files[0]!.name),
    ).rejects.toThrow(`HTTP 404: order ${order.orderId} not found`);

    // Rule 6 and the token rules: logs name the order, never a token.
    expect(receiver.logs.join('\n')).toContain(order.orderId);
    for (const line of receiver.logs) {
      expect(line).not.toContain(order.uploadToken);
      expect(line).not.toContain(receiver.labToken);
    }
  });

  it('stores no upload token, only its hash', async () => {
    const order = await createOrder(receiver.url);
    const record = await readFile(
      join(receiver.dataDir, 'orders', `${order.orderId}.json`),
      'utf8',
    );
    expect(record).not.toContain(order.uploadToken);
    expect(JSON.parse(record)).toMatchObject({ orderId: order.orderId, state: 'open' });
  });

  it('uploads an empty file without a PATCH and accepts it in the commit', async () => {
    const order = await createOrder(receiver.url);
    await uploadResumable({
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: 'empty.age' },
      size: 0,
      open: opener(Buffer.alloc(0)),
    });
    await commitOrder(receiver.url, order.orderId, order.uploadToken, [
      { name: 'empty.age', size: 0 },
    ]);
    const stream = await downloadFile(receiver.url, receiver.labToken, order.orderId, 'empty.age');
    expect((await readAll(stream)).length).toBe(0);
  });

  it('answers the health check', async () => {
    const res = await fetch(`${receiver.url}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('receiver: lab token', () => {
  it('creates the lab token file readable by the owner only and reuses it', async () => {
    const first = await startTestReceiver();
    try {
      const file = join(first.dataDir, 'lab-token');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await readFile(file, 'utf8')).trim()).toBe(first.labToken);
      await first.close();
      const again = await createReceiver({ dataDir: first.dataDir });
      expect(again.labToken).toBe(first.labToken);
      await again.close();
    } finally {
      await first.dispose().catch(() => undefined);
    }
  });
});
