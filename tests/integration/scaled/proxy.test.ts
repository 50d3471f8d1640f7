import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listOrders } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../support/round-robin-proxy';
import { startReceiverCluster, type ReceiverCluster } from '../../support/receiver-cluster';
import { cipherLike, opener, startTestReceiver, type TestReceiver } from '../receiver/helpers';
import { metricValue, parseMetrics } from './metrics-text';

/**
 * The test parts of the scaled receiver: the round-robin proxy (a load balancer that reads
 * /readyz) and the harness that starts receiver processes behind it.
 */
let proxy: RoundRobinProxy | undefined;
let receivers: TestReceiver[] = [];
let cluster: ReceiverCluster | undefined;
let dir: string | undefined;

afterEach(async () => {
  await proxy?.close();
  await cluster?.stop();
  await Promise.all(receivers.map((r) => r.dispose()));
  if (dir) await rm(dir, { recursive: true, force: true });
  proxy = cluster = dir = undefined;
  receivers = [];
});

describe('the round-robin proxy', () => {
  it('sends each request to the next receiver, and none to one that is not ready', async () => {
    let secondReady = true;
    receivers = [
      await startTestReceiver(),
      await startTestReceiver({
        readinessChecks: [
          {
            name: 'records',
            ready: async () => {
              if (!secondReady) throw new Error('database down');
            },
          },
        ],
      }),
    ];
    const [a, b] = receivers.map((r) => new URL(r.url).origin);
    proxy = await startRoundRobinProxy({ backends: [a!, b!], pollMs: 50 });
    for (let i = 0; i < 4; i++) {
      expect((await fetch(`${proxy.url}/api/v1/health`)).status).toBe(200);
    }
    expect(proxy.served.map((s) => s.backend)).toEqual([a, b, a, b]);

    secondReady = false;
    const p = proxy;
    await vi.waitFor(() => expect(p.isUp(b!)).toBe(false), { timeout: 5000, interval: 20 });
    p.served.length = 0;
    for (let i = 0; i < 4; i++) expect((await fetch(`${p.url}/api/v1/health`)).status).toBe(200);
    expect(p.served.map((s) => s.backend)).toEqual([a, a, a, a]);

    secondReady = true;
    await vi.waitFor(() => expect(p.isUp(b!)).toBe(true), { timeout: 5000, interval: 20 });
    p.served.length = 0;
    for (let i = 0; i < 2; i++) expect((await fetch(`${p.url}/api/v1/health`)).status).toBe(200);
    expect(new Set(p.served.map((s) => s.backend))).toEqual(new Set([a, b]));
  });

  it('answers 502 for a receiver that is gone, and 503 when none is left', async () => {
    receivers = [await startTestReceiver()];
    const url = new URL(receivers[0]!.url).origin;
    proxy = await startRoundRobinProxy({ backends: [url], pollMs: 60_000 });
    await receivers[0]!.close();
    const gone = await fetch(`${proxy.url}/api/v1/health`);
    expect(gone.status).toBe(502);
    expect(proxy.isUp(url)).toBe(false);
    // Failing open: the only receiver is still tried, and still gone.
    expect((await fetch(`${proxy.url}/api/v1/health`)).status).toBe(502);
    proxy.remove(url);
    expect((await fetch(`${proxy.url}/api/v1/health`)).status).toBe(503);
  });

  it('fails open: with no receiver passing its probe, requests still go to them', async () => {
    receivers = [
      await startTestReceiver({
        readinessChecks: [{ name: 'records', ready: () => Promise.reject(new Error('busy')) }],
      }),
    ];
    const url = new URL(receivers[0]!.url).origin;
    proxy = await startRoundRobinProxy({ backends: [url], pollMs: 50 });
    const p = proxy;
    await vi.waitFor(() => expect(p.isUp(url)).toBe(false), { timeout: 5000, interval: 20 });
    expect((await fetch(`${p.url}/api/v1/health`)).status).toBe(200);
  });
});

describe('the receiver cluster harness', { timeout: 180_000 }, () => {
  it('starts a receiver process behind the proxy: an order through it, metrics and RSS from it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'photodose-cluster-'));
    cluster = await startReceiverCluster({ count: 1, dir });
    const [receiver] = cluster.receivers;
    const order = await createOrder(cluster.proxy.url);
    expect(order.uploadUrl.startsWith(`${cluster.proxy.url}/`)).toBe(true);
    const data = cipherLike(300_000);
    await uploadResumable({
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: 'photo-0001.jpg.age' },
      size: data.length,
      open: opener(data),
    });
    const files = [{ name: 'photo-0001.jpg.age', size: data.length }];
    await commitOrder(cluster.proxy.url, order.orderId, order.uploadToken, files);
    expect(await listOrders(cluster.proxy.url, cluster.labToken)).toEqual([
      { orderId: order.orderId, committedAt: expect.any(String), files },
    ]);
    const scraped = await fetch(`${receiver!.url}/metrics`, {
      headers: { Authorization: `Bearer ${cluster.metricsToken}` },
    });
    const samples = parseMetrics(await scraped.text());
    expect(metricValue(samples, 'photodose_receiver_upload_received_bytes_total')).toBe(
      data.length,
    );
    expect(await receiver!.peakRss()).toBeGreaterThan(10 * 1024 * 1024);
    await receiver!.kill();
    expect(await receiver!.peakRss()).toBeUndefined();
  });
});
