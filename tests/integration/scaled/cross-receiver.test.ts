import { request, type IncomingMessage } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHost } from '../../../services/host/create-host';
import { dispatch } from '../../../services/host/dispatch';
import { downloadFile, listOpenOrders, listOrders } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import type { CreatedOrder } from '../../../services/upload/receiver-api';
import { TUS_PATH } from '../../../src/contract/receiver';
import type { OrderProgress } from '../../../src/contract/host';
import { runCli } from '../../e2e/support/processes';
import { makeOrderPhotos, placePhotos } from '../faults/fault-lab';
import { customer, makeLabKey } from '../host/support';
import { startFaultProxy } from '../receiver/fault-proxy';
import { cipherLike, meta, readAll, tus } from '../receiver/helpers';
import { metricValue, parseMetrics } from './metrics-text';
import {
  startEngines,
  startScaledCluster,
  type Engines,
  type ScaledCluster,
} from '../../support/scaled-engines';
import { labAt } from '../../fixtures/labs';

/**
 * Several receiver processes serving the same orders (issue 13, "Done when"): PostgreSQL for
 * the records and locks, radosgw for the uploads, the round-robin proxy in front. Requests
 * that must land on one receiver in particular go to that receiver's own address.
 */
const MiB = 1024 * 1024;
let engines: Engines;
let cluster: ScaledCluster | undefined;
let dir: string;

beforeAll(async () => {
  engines = await startEngines();
}, 180_000);

afterAll(async () => {
  await engines?.stop();
});

afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function newCluster(count: number, limits?: Record<string, number>) {
  dir = await mkdtemp(join(tmpdir(), 'photodose-scaled-'));
  cluster = await startScaledCluster(engines, { count, dir, limits });
  return cluster;
}

/** Creates an upload of `size` bytes on receiver `base`; its host-relative path. */
async function createUpload(base: string, order: CreatedOrder, name: string, size: number) {
  const res = await fetch(`${base}${TUS_PATH}/`, {
    method: 'POST',
    headers: tus(order.uploadToken, {
      'Upload-Length': String(size),
      'Upload-Metadata': meta({ order: order.orderId, name }),
    }),
  });
  expect(res.status).toBe(201);
  return new URL(res.headers.get('location')!, base).pathname;
}

async function patch(base: string, path: string, token: string, offset: number, body: Buffer) {
  return fetch(`${base}${path}`, {
    method: 'PATCH',
    headers: tus(token, {
      'Upload-Offset': String(offset),
      'Content-Type': 'application/offset+octet-stream',
    }),
    body,
  });
}

async function offsetAt(base: string, path: string, token: string): Promise<number> {
  const res = await fetch(`${base}${path}`, { method: 'HEAD', headers: tus(token) });
  expect(res.status).toBe(200);
  return Number(res.headers.get('upload-offset'));
}

async function scrape(c: ScaledCluster, index: number) {
  const res = await fetch(`${c.receivers[index]!.url}/metrics`, {
    headers: { Authorization: `Bearer ${c.metricsToken}` },
  });
  return parseMetrics(await res.text());
}

describe('receivers sharing PostgreSQL and radosgw', { timeout: 300_000 }, () => {
  it('an upload begun through one receiver is finished through another', async () => {
    const c = await newCluster(3);
    const [r0, r1, r2] = c.receivers.map((r) => r.url);
    const order = await createOrder(c.url);
    // More than one multipart part (5 MiB), the first PATCH ending inside a part.
    const data = cipherLike(7 * MiB + 12_345);
    const first = 3 * MiB + 17;
    const path = await createUpload(r0!, order, 'photo-0001.jpg.age', data.length);

    const begun = await patch(r0!, path, order.uploadToken, 0, data.subarray(0, first));
    expect(begun.status).toBe(204);
    expect(await offsetAt(r1!, path, order.uploadToken)).toBe(first);
    const finished = await patch(r1!, path, order.uploadToken, first, data.subarray(first));
    expect(finished.status).toBe(204);
    expect(Number(finished.headers.get('upload-offset'))).toBe(data.length);
    expect(await offsetAt(r2!, path, order.uploadToken)).toBe(data.length);

    const files = [{ name: 'photo-0001.jpg.age', size: data.length }];
    await commitOrder(r2!, order.orderId, order.uploadToken, files);
    for (const base of [r0!, r1!, r2!]) {
      expect(await listOrders(base, c.labToken)).toEqual([
        { orderId: order.orderId, committedAt: expect.any(String), files },
      ]);
    }
    const stream = await downloadFile(r0!, c.labToken, order.orderId, 'photo-0001.jpg.age');
    expect((await readAll(stream)).equals(data)).toBe(true);
  });

  it('two receivers never write the same upload at once: the second waits for the first to let go', async () => {
    const c = await newCluster(2);
    const [r0, r1] = c.receivers.map((r) => r.url);
    const order = await createOrder(c.url);
    const data = cipherLike(2 * MiB);
    const half = MiB;
    const path = await createUpload(r0!, order, 'photo-0001.jpg.age', data.length);

    // A PATCH on receiver 0 that sends half its body, then holds the connection open.
    const held = request(`${r0}${path}`, {
      method: 'PATCH',
      headers: {
        ...tus(order.uploadToken),
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(data.length),
      },
    });
    const events: string[] = [];
    const heldAnswer = new Promise<IncomingMessage>((resolve) => held.on('response', resolve));
    void heldAnswer.then(() => events.push('receiver 0 answered'));
    held.on('error', () => undefined);
    held.write(data.subarray(0, half));
    await vi.waitFor(
      async () => {
        const samples = await scrape(c, 0);
        expect(metricValue(samples, 'photodose_receiver_uploads_in_flight')).toBe(1);
        expect(metricValue(samples, 'photodose_receiver_upload_received_bytes_total')).toBe(half);
      },
      { timeout: 20_000, interval: 100 },
    );

    // The same upload through receiver 1, from the start, while receiver 0 holds it.
    const second = await patch(r1!, path, order.uploadToken, 0, data);
    events.push(`receiver 1 answered ${second.status}`);
    // Receiver 0 was asked to let go and answered first; only then did receiver 1 act, and it
    // found the upload moved on (409): it wrote nothing over receiver 0's bytes.
    expect(events).toEqual(['receiver 0 answered', 'receiver 1 answered 409']);
    held.destroy();

    const offset = await offsetAt(r1!, path, order.uploadToken);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(half);
    const rest = await patch(r1!, path, order.uploadToken, offset, data.subarray(offset));
    expect(rest.status).toBe(204);
    await commitOrder(c.url, order.orderId, order.uploadToken, [
      { name: 'photo-0001.jpg.age', size: data.length },
    ]);
    const stream = await downloadFile(c.url, c.labToken, order.orderId, 'photo-0001.jpg.age');
    expect((await readAll(stream)).equals(data)).toBe(true);
  });

  it('rate limits hold across receivers: the burst is shared, not one per receiver', async () => {
    const c = await newCluster(3, { ordersPerHour: 1, orderBurst: 3 });
    for (let i = 0; i < 3; i++) await createOrder(c.url);
    const creating = c.proxy.served.filter(
      (s) => s.method === 'POST' && s.path === '/api/v1/orders',
    );
    // One order on each receiver: each of them alone would allow three.
    expect(new Set(creating.map((s) => s.backend)).size).toBe(3);
    for (const r of c.receivers) {
      const res = await fetch(`${r.url}/api/v1/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('expiry holds across receivers: an order abandoned on one is swept by another', async () => {
    const c = await newCluster(2, { abandonedAfterMs: 2000 });
    const [r0] = c.receivers.map((r) => r.url);
    const order = await createOrder(r0!);
    const path = await createUpload(r0!, order, 'photo-0001.jpg.age', 6 * MiB);
    expect((await patch(r0!, path, order.uploadToken, 0, cipherLike(MiB + 5))).status).toBe(204);
    expect(await listOpenOrders(c.url, c.labToken)).toHaveLength(1);
    const before = await engines.ceph.contents(c.bucket);
    expect(before.objects.length + before.multipartUploads.length).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, 3000));
    // Receiver 1 starts again: its start-up sweep finds the order receiver 0 took.
    await c.receivers[1]!.restart();
    await vi.waitFor(
      async () => expect(await listOpenOrders(c.receivers[1]!.url, c.labToken)).toEqual([]),
      { timeout: 20_000, interval: 200 },
    );
    const head = await fetch(`${r0}${path}`, { method: 'HEAD', headers: tus(order.uploadToken) });
    expect(head.status).toBe(404);
    expect(await engines.ceph.contents(c.bucket)).toEqual({ objects: [], multipartUploads: [] });
  });
});

describe('a receiver killed mid-upload', { timeout: 300_000 }, () => {
  it("the customer's app goes on through the others: the lab gets exactly one order, byte for byte", async () => {
    dir = await mkdtemp(join(tmpdir(), 'photodose-scaled-kill-'));
    const photos = await makeOrderPhotos();
    const lab = await makeLabKey(dir);
    // A line of 2 MB/s in front of the proxy, so the kill falls in the middle of the order.
    let line: Awaited<ReturnType<typeof startFaultProxy>> | undefined;
    const c = (cluster = await startScaledCluster(engines, {
      count: 3,
      dir,
      front: async (proxyUrl) => {
        const { hostname, port } = new URL(proxyUrl);
        line = await startFaultProxy({
          target: { host: hostname, port: Number(port) },
          bytesPerSecond: 2_000_000,
        });
        return line;
      },
    }));
    const host = createHost({
      version: '0.0.0-test',
      transport: 'electron',
      lab: labAt(lab.recipient, c.url),
      uploadRetryDelaysMs: [0, 200, 500, 1000, 2000],
      orderRetryDelaysMs: [500, 1000, 2000],
      uploadStallMs: 2000,
    });
    const progress: OrderProgress[] = [];
    host.events.subscribe((name, payload) => {
      if (name === 'order.progress') progress.push(payload as OrderProgress);
    });
    const book = await placePhotos(host, dir, photos);
    const sending = dispatch(host.services, 'order.submit', {
      design: { kind: 'photoBook', book },
      customer,
      send: 'originals',
    });

    // Kill the receiver that is taking the upload right now.
    await vi.waitFor(() => expect(line!.uploadBytes).toBeGreaterThan(2_500_000), {
      timeout: 60_000,
      interval: 10,
    });
    const patching = c.proxy.served.filter((s) => s.method === 'PATCH').at(-1)!;
    const victim = c.receivers.find((r) => r.url === patching.backend)!;
    expect(victim).toBeDefined();
    await victim.kill();

    expect(await sending).toMatchObject({ ok: true });
    const afterKill = c.proxy.served.slice(c.proxy.served.indexOf(patching) + 1);
    expect(afterKill.some((s) => s.method === 'PATCH' && s.status === 204)).toBe(true);
    expect(afterKill.every((s) => s.backend !== victim.url)).toBe(true);

    const complete = await listOrders(c.url, c.labToken);
    expect(complete).toHaveLength(1);
    expect(await listOpenOrders(c.url, c.labToken)).toEqual([]);
    const tokenFile = join(dir, 'lab-token');
    await writeFile(tokenFile, c.labToken, { mode: 0o600 });
    const out = join(dir, 'lab-orders');
    const pulled = await runCli([
      'lab', 'pull', '--server', c.proxy.url, '--out', out,
      '--lab-token-file', tokenFile, '--identity', lab.identityFile,
    ]); // prettier-ignore
    expect(pulled).toContain(`1 orders pulled into ${out}, 0 failed`);
    const orderDir = join(out, complete[0]!.orderId);
    const received = await Promise.all(
      (await readdir(orderDir))
        .filter((f) => /^photo-/.test(f))
        .map((f) => readFile(join(orderDir, f))),
    );
    expect(received).toHaveLength(photos.length);
    for (const photo of photos) expect(received.filter((r) => r.equals(photo))).toHaveLength(1);
    const orderSize = complete[0]!.files.reduce((sum, f) => sum + f.size, 0);
    const sentTwice = line!.uploadBytes - orderSize;
    if (process.env['FAULTS_REPORT']) console.info(`scaled kill: sent twice ${sentTwice} B`);
    // At most what the dead receiver held: the multipart part it was filling (5 MiB) and its
    // stream buffers; never the whole order again.
    expect(sentTwice).toBeLessThanOrEqual(5 * MiB + 512 * 1024);
  });
});
