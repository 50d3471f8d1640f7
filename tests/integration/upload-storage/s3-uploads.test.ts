import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateMultipartUploadCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiver } from '../../../server/receiver/index';
import type { Receiver, ReceiverOptions } from '../../../server/receiver/index';
import { openUploadStorage } from '../../../server/receiver/upload-storage';
import type { S3UploadStorageConfig } from '../../../server/receiver/upload-storage';
import { deleteOrder, downloadFile, listOrders } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import type { CreatedOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { startCephS3 } from '../../support/ceph-s3';
import { startHoldingProxy } from '../../support/holding-proxy';
import type { CephS3 } from '../../support/ceph-s3';
import { meta, opener, readAll, tus } from '../receiver/helpers';

const MiB = 1024 * 1024;
const METRICS_TOKEN = 'metrics-token-for-the-s3-test';

/**
 * Uploads in Ceph's radosgw through @tus/s3-store: the scaled receiver's object storage, with a
 * real S3 server started on free ports for this file (scripts/ceph-s3-start.sh).
 */
describe('receiver with uploads in an S3 object store (radosgw)', () => {
  let ceph: CephS3;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    ceph = await startCephS3();
  }, 180_000);
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    await ceph?.stop();
  }, 60_000);

  /** A receiver on a free port with its records in a temp folder and uploads in `storage`. */
  async function start(
    storage: S3UploadStorageConfig,
    extra: Partial<ReceiverOptions> = {},
  ): Promise<Receiver & { dataDir: string; logs: string[] }> {
    const dataDir = extra.dataDir ?? (await mkdtemp(join(tmpdir(), 'photodose-s3-receiver-')));
    const logs: string[] = [];
    const receiver = await createReceiver({
      metricsToken: METRICS_TOKEN,
      ...extra,
      dataDir,
      uploadStorage: storage,
      log: (line) => logs.push(line),
    });
    cleanup.push(async () => {
      await receiver.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    return { ...receiver, dataDir, logs };
  }

  it('takes an order in chunks, resumes after a cut, streams it to the lab and deletes it', async () => {
    const storage = await ceph.newBucket();
    const receiver = await start(storage);
    const order = await createOrder(receiver.url);
    // 12 MiB and a bit: two full 5 MiB parts and a short last one; the chunks below end inside
    // parts, so each PATCH leaves an incomplete part that the next one must pick up.
    const big = randomBytes(12 * MiB + 12_345);
    const url = await createUpload(order, 'photo-0001.jpg.age', big.length);

    let offset = 0;
    for (const size of [3 * MiB, 4 * MiB]) {
      const reply = await patch(
        url,
        order.uploadToken,
        offset,
        big.subarray(offset, offset + size),
      );
      expect(reply.status).toBe(204);
      offset += size;
      expect(reply.headers.get('upload-offset')).toBe(String(offset));
      expect(await headOffset(url, order.uploadToken)).toBe(offset);
    }

    // The connection breaks 2 MiB into the next PATCH; HEAD tells where to go on.
    const received = await receivedBytes(receiver);
    await cutPatch(url, order.uploadToken, offset, big.subarray(offset), 2 * MiB, () =>
      waitForReceived(receiver, received + 2 * MiB),
    );
    const resumeAt = await headOffset(url, order.uploadToken);
    expect(resumeAt).toBeGreaterThanOrEqual(offset);
    expect(resumeAt).toBeLessThanOrEqual(offset + 2 * MiB);
    const last = await patch(url, order.uploadToken, resumeAt, big.subarray(resumeAt));
    expect(last.status).toBe(204);
    expect(last.headers.get('upload-offset')).toBe(String(big.length));

    // A second, small file through the customer's own client.
    const small = randomBytes(70_001);
    await uploadResumable({
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: 'manifest.json.age' },
      size: small.length,
      open: opener(small),
    });

    const listing = [
      { name: 'photo-0001.jpg.age', size: big.length },
      { name: 'manifest.json.age', size: small.length },
    ];
    await commitOrder(receiver.url, order.orderId, order.uploadToken, listing);
    expect(await listOrders(receiver.url, receiver.labToken)).toEqual([
      { orderId: order.orderId, committedAt: expect.any(String), files: listing },
    ]);
    // Finished uploads are one object each plus tus's info; nothing half-done is left.
    const stored = await ceph.contents(storage.bucket);
    expect(stored.multipartUploads).toEqual([]);
    expect(stored.objects).toHaveLength(4);
    expect(stored.objects.filter((key) => key.endsWith('.part'))).toEqual([]);

    for (const [name, data] of [
      ['photo-0001.jpg.age', big],
      ['manifest.json.age', small],
    ] as const) {
      const stream = await downloadFile(receiver.url, receiver.labToken, order.orderId, name);
      expect(sha256(await readAll(stream))).toBe(sha256(data));
    }

    await deleteOrder(receiver.url, receiver.labToken, order.orderId);
    expect(await ceph.contents(storage.bucket)).toEqual({ objects: [], multipartUploads: [] });
    expect(await listOrders(receiver.url, receiver.labToken)).toEqual([]);
    for (const line of receiver.logs) expect(line).not.toContain(order.uploadToken);
  });

  it('a receiver restarted mid-upload goes on where the bytes that arrived end', async () => {
    const storage = await ceph.newBucket();
    const first = await start(storage);
    const order = await createOrder(first.url);
    const data = randomBytes(9 * MiB + 777);
    const created = await createUpload(order, 'photo-0002.jpg.age', data.length);
    const uploadId = created.split('/').at(-1) ?? '';
    expect((await patch(created, order.uploadToken, 0, data.subarray(0, 6 * MiB))).status).toBe(
      204,
    );

    // 3 MiB of the next PATCH have reached the receiver when it is stopped.
    const before = await receivedBytes(first);
    const cut = cutPatch(created, order.uploadToken, 6 * MiB, data.subarray(6 * MiB), undefined);
    await waitForReceived(first, before + 3 * MiB);
    await first.close();
    // Every byte that arrived is stored once close returns (it waits for the store's writes).
    const stored = await openUploadStorage(storage, { expiryMs: 60_000 }).datastore.getUpload(
      uploadId,
    );
    expect(stored.offset).toBeGreaterThanOrEqual(6 * MiB + 3 * MiB);
    await cut;

    const second = await start(storage, { dataDir: first.dataDir, labToken: first.labToken });
    const url = `${second.uploadUrl}${uploadId}`;
    const offset = await headOffset(url, order.uploadToken);
    expect(offset).toBe(stored.offset);
    const rest = await patch(url, order.uploadToken, offset, data.subarray(offset));
    expect(rest.status).toBe(204);

    const listing = [{ name: 'photo-0002.jpg.age', size: data.length }];
    await commitOrder(second.url, order.orderId, order.uploadToken, listing);
    const stream = await downloadFile(second.url, second.labToken, order.orderId, listing[0]!.name);
    expect(sha256(await readAll(stream))).toBe(sha256(data));
  });

  it('expires abandoned uploads and orphans in the bucket, and keeps committed orders', async () => {
    const storage = await ceph.newBucket();
    const first = await start(storage, { limits: { abandonedAfterMs: 60 * 60 * 1000 } });

    const committed = await createOrder(first.url);
    const kept = randomBytes(6 * MiB);
    await uploadResumable({
      endpoint: committed.uploadUrl,
      token: committed.uploadToken,
      metadata: { order: committed.orderId, name: 'photo-0001.jpg.age' },
      size: kept.length,
      open: opener(kept),
    });
    await commitOrder(first.url, committed.orderId, committed.uploadToken, [
      { name: 'photo-0001.jpg.age', size: kept.length },
    ]);

    // An order left open with half an upload: a finished part, an incomplete part, tus's info.
    const abandoned = await createOrder(first.url);
    const url = await createUpload(abandoned, 'photo-0001.jpg.age', 8 * MiB);
    const half = randomBytes(6 * MiB);
    expect((await patch(url, abandoned.uploadToken, 0, half)).status).toBe(204);
    // Orphans no order knows: a multipart upload whose info was never written (a receiver
    // killed between the two) and a finished object whose info is lost.
    const orphanUpload = randomBytes(16).toString('hex');
    const orphanObject = randomBytes(16).toString('hex');
    await ceph.client.send(
      new CreateMultipartUploadCommand({ Bucket: storage.bucket, Key: orphanUpload }),
    );
    await ceph.client.send(
      new PutObjectCommand({ Bucket: storage.bucket, Key: orphanObject, Body: 'x' }),
    );
    // Not ours (no upload id): left alone.
    await ceph.client.send(
      new PutObjectCommand({ Bucket: storage.bucket, Key: 'README.txt', Body: 'x' }),
    );
    await first.close();

    // Two hours later a receiver starts and sweeps.
    const later = Date.now() + 2 * 60 * 60 * 1000;
    const second = await start(storage, {
      dataDir: first.dataDir,
      labToken: first.labToken,
      limits: { abandonedAfterMs: 60 * 60 * 1000 },
      now: () => later,
    });
    expect(second.logs.join('\n')).toContain(`order ${abandoned.orderId}: expired`);
    const stored = await ceph.contents(storage.bucket);
    expect(stored.multipartUploads).toEqual([]);
    const committedId = stored.objects.find((key) => /^[0-9a-f]{32}$/.test(key)) ?? '';
    expect(stored.objects).toEqual([committedId, `${committedId}.info`, 'README.txt'].sort());
    const stream = await downloadFile(
      second.url,
      second.labToken,
      committed.orderId,
      'photo-0001.jpg.age',
    );
    expect(sha256(await readAll(stream))).toBe(sha256(kept));
  });

  it('answers 503 when the store stops taking writes, keeps what it acknowledged, loses no slot, and goes on', async () => {
    const storage = await ceph.newBucket();
    const endpoint = new URL(storage.endpoint!);
    // A full Ceph cluster blocks writes: radosgw takes the part's request and never answers.
    let full = false;
    const store = await startHoldingProxy({
      target: { host: endpoint.hostname, port: Number(endpoint.port) },
      hold: (req) => full && req.method === 'PUT' && (req.url ?? '').includes('partNumber='),
    });
    cleanup.push(() => store.close());
    const receiver = await start({ ...storage, endpoint: store.url, stallMs: 1000, partSlots: 2 });
    const order = await createOrder(receiver.url);
    const files = [1, 2, 3, 4].map((n) => ({
      name: `photo-000${n}.jpg.age`,
      data: randomBytes(6 * MiB + n),
    }));

    // 3 MiB arrive and wait as the upload's incomplete part (below S3's 5 MiB part size).
    const data = files[0]!.data;
    const url = await createUpload(order, 'photo-0000.jpg.age', data.length);
    const begun = await patch(url, order.uploadToken, 0, data.subarray(0, 3 * MiB));
    expect(begun.status).toBe(204);

    // The rest fills a part with them, which the store does not take: after the stall time the
    // receiver answers 503, and the 3 MiB it acknowledged are still there to resume from.
    full = true;
    const reply = await patch(url, order.uploadToken, 3 * MiB, data.subarray(3 * MiB));
    expect(reply.status).toBe(503);
    expect(await reply.json()).toEqual({
      error: "the server's storage can't be reached right now; try again later",
    });
    expect(await headOffset(url, order.uploadToken)).toBe(3 * MiB);

    // Four customers' files on two slots while the store is stuck: requests waiting for a slot
    // are given up by their clients (no progress for 1 s) and sent again, again and again.
    const sending = files.map((file) =>
      uploadResumable({
        endpoint: order.uploadUrl,
        token: order.uploadToken,
        metadata: { order: order.orderId, name: file.name },
        size: file.data.length,
        open: opener(file.data),
        timeoutMs: 1000,
        retryDelaysMs: Array.from({ length: 100 }, () => 200),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(store.held).toBeGreaterThan(2);
    full = false;
    store.release();
    await Promise.all(sending);

    const listing = files.map((f) => ({ name: f.name, size: f.data.length }));
    await commitOrder(receiver.url, order.orderId, order.uploadToken, listing);
    for (const file of files) {
      const stream = await downloadFile(receiver.url, receiver.labToken, order.orderId, file.name);
      expect(sha256(await readAll(stream))).toBe(sha256(file.data));
    }
  }, 120_000);

  it('answers 503 and is not ready while the object store is unreachable', async () => {
    const storage = await ceph.newBucket();
    const receiver = await start({ ...storage, endpoint: await closedEndpoint() });
    const ready = await fetch(`${receiver.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, failing: ['uploads'] });
    const order = await createOrder(receiver.url);
    const created = await fetch(order.uploadUrl, {
      method: 'POST',
      headers: tus(order.uploadToken, {
        'Upload-Length': '1000',
        'Upload-Metadata': meta({ order: order.orderId, name: 'photo-0001.jpg.age' }),
      }),
    });
    expect(created.status).toBe(503);
    expect(await created.json()).toEqual({
      error: "the server's storage can't be reached right now; try again later",
    });

    // The same bucket through the right endpoint: ready.
    const working = await start(storage);
    expect((await fetch(`${working.url}/readyz`)).status).toBe(200);
  });
});

async function createUpload(order: CreatedOrder, name: string, length: number): Promise<string> {
  const created = await fetch(order.uploadUrl, {
    method: 'POST',
    headers: tus(order.uploadToken, {
      'Upload-Length': String(length),
      'Upload-Metadata': meta({ order: order.orderId, name }),
    }),
  });
  expect(created.status).toBe(201);
  return new URL(created.headers.get('location') ?? '', order.uploadUrl).href;
}

function patch(url: string, token: string, offset: number, body: Buffer): Promise<Response> {
  return fetch(url, {
    method: 'PATCH',
    headers: tus(token, {
      'Upload-Offset': String(offset),
      'Content-Type': 'application/offset+octet-stream',
    }),
    body,
  });
}

async function headOffset(url: string, token: string): Promise<number> {
  const reply = await fetch(url, { method: 'HEAD', headers: tus(token) });
  expect(reply.status).toBe(200);
  return Number(reply.headers.get('upload-offset'));
}

/**
 * A PATCH announcing all of `body` whose connection breaks: after `sendBytes` (once `arrived`
 * says the receiver has them), or, with no `sendBytes`, when the receiver closes it.
 */
function cutPatch(
  url: string,
  token: string,
  offset: number,
  body: Buffer,
  sendBytes: number | undefined,
  arrived?: () => Promise<void>,
): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, {
      method: 'PATCH',
      agent: false,
      headers: tus(token, {
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(body.length),
      }),
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.on('response', (res) => res.resume());
    if (sendBytes === undefined) {
      req.write(body.subarray(0, body.length - 1));
      return;
    }
    req.write(body.subarray(0, sendBytes), () => {
      void (arrived ?? (async () => undefined))().then(() => req.destroy());
    });
  });
}

/** Upload bytes the receiver has read off its connections (its /metrics). */
async function receivedBytes(receiver: Receiver): Promise<number> {
  const reply = await fetch(`${receiver.url}/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const line = (await reply.text())
    .split('\n')
    .find((l) => l.startsWith('photodose_receiver_upload_received_bytes_total'));
  return Number(line?.split(' ').at(-1) ?? NaN);
}

async function waitForReceived(receiver: Receiver, bytes: number): Promise<void> {
  while ((await receivedBytes(receiver)) < bytes) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An http endpoint nothing listens on. */
async function closedEndpoint(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
