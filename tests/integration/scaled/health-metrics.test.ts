import { request } from 'node:http';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { cipherLike, opener, startTestReceiver, tus } from '../receiver/helpers';
import type { TestReceiver } from '../receiver/helpers';
import { metricValue, parseMetrics } from './metrics-text';

/**
 * The probes a load balancer asks (/healthz, /readyz) and the metrics a provider's monitoring
 * scrapes (/metrics), on a real receiver over loopback.
 */
const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789';
let receiver: TestReceiver | undefined;

afterEach(async () => {
  await receiver?.dispose();
  receiver = undefined;
});

async function scrape(r: TestReceiver): Promise<string> {
  const res = await fetch(`${r.url}/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return res.text();
}

describe('health and readiness', () => {
  it('answers /healthz and /readyz while every backend answers', async () => {
    receiver = await startTestReceiver();
    const health = await fetch(`${receiver.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await fetch(`${receiver.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    expect((await fetch(`${receiver.url}/readyz`, { method: 'POST' })).status).toBe(405);
  });

  it('is not ready while a backend fails or stalls: names it, logs why, tells no details', async () => {
    let records: 'up' | 'down' | 'stalled' = 'up';
    receiver = await startTestReceiver({
      readinessChecks: [
        {
          name: 'records',
          ready: () =>
            records === 'up'
              ? Promise.resolve()
              : records === 'down'
                ? Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432'))
                : new Promise<void>(() => undefined),
        },
      ],
    });
    const url = `${receiver.url}/readyz`;
    expect((await fetch(url)).status).toBe(200);

    records = 'down';
    const down = await fetch(url);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ready: false, failing: ['records'] });
    await fetch(url);
    // Logged once when it changed, with the reason; not once per probe.
    expect(receiver.logs.filter((l) => l.startsWith('not ready'))).toEqual([
      'not ready: records: connect ECONNREFUSED 10.1.2.3:5432',
    ]);
    // Liveness is not readiness: a database outage must not get the receiver restarted.
    expect((await fetch(`${receiver.url}/healthz`)).status).toBe(200);

    records = 'stalled';
    const stalled = await fetch(url);
    expect(stalled.status).toBe(503);
    expect(await stalled.json()).toEqual({ ready: false, failing: ['records'] });

    records = 'up';
    expect((await fetch(url)).status).toBe(200);
    expect(receiver.logs).toContain('ready again: every backend answers');
  });

  it('the embedded default is not ready once its data folder is gone', async () => {
    receiver = await startTestReceiver();
    await rm(receiver.dataDir, { recursive: true, force: true });
    const res = await fetch(`${receiver.url}/readyz`);
    expect(res.status).toBe(503);
    // Records and uploads live in that folder too: they may fail with it.
    expect(await res.json()).toEqual({ ready: false, failing: expect.arrayContaining(['data']) });
  });
});

describe('metrics', () => {
  it('are off without a metrics token, and ask for that token (not the lab token)', async () => {
    receiver = await startTestReceiver();
    expect((await fetch(`${receiver.url}/metrics`)).status).toBe(404);
    await receiver.dispose();

    receiver = await startTestReceiver({ metricsToken: METRICS_TOKEN });
    const bare = await fetch(`${receiver.url}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer');
    const withLabToken = await fetch(`${receiver.url}/metrics`, {
      headers: { Authorization: `Bearer ${receiver.labToken}` },
    });
    expect(withLabToken.status).toBe(403);
    const res = await fetch(`${receiver.url}/metrics`, {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('count requests by route, the bytes received and errors, with no order, upload or token in them', async () => {
    receiver = await startTestReceiver({ metricsToken: METRICS_TOKEN });
    const order = await createOrder(receiver.url);
    const files = [
      { name: 'manifest.json.age', data: cipherLike(10_001) },
      { name: 'photo-0001.jpg.age', data: cipherLike(1_234_567) },
    ];
    const uploadUrls: string[] = [];
    for (const file of files) {
      const { uploadUrl } = await uploadResumable({
        endpoint: order.uploadUrl,
        token: order.uploadToken,
        metadata: { order: order.orderId, name: file.name },
        size: file.data.length,
        open: opener(file.data),
      });
      uploadUrls.push(uploadUrl);
    }
    const listing = files.map((f) => ({ name: f.name, size: f.data.length }));
    await commitOrder(receiver.url, order.orderId, order.uploadToken, listing);
    // A request for a path that is no route, and one refused.
    expect((await fetch(`${receiver.url}/api/v1/orders/${order.orderId}/nothing`)).status).toBe(
      404,
    );

    const text = await scrape(receiver);
    const samples = parseMetrics(text);
    const total = files.reduce((sum, f) => sum + f.data.length, 0);
    expect(metricValue(samples, 'photodose_receiver_upload_received_bytes_total')).toBe(total);
    expect(metricValue(samples, 'photodose_receiver_uploads_in_flight')).toBe(0);
    expect(
      metricValue(samples, 'photodose_receiver_http_requests_total', {
        route: '/api/v1/orders',
        method: 'POST',
        status: '201',
      }),
    ).toBe(1);
    expect(
      metricValue(samples, 'photodose_receiver_http_requests_total', {
        route: '/api/v1/uploads/',
        method: 'POST',
        status: '201',
      }),
    ).toBe(2);
    expect(
      metricValue(samples, 'photodose_receiver_http_requests_total', {
        route: '/api/v1/uploads/:upload',
        method: 'PATCH',
        status: '204',
      }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      metricValue(samples, 'photodose_receiver_http_requests_total', {
        route: '/api/v1/orders/:order/commit',
        method: 'POST',
        status: '200',
      }),
    ).toBe(1);
    expect(
      metricValue(samples, 'photodose_receiver_http_requests_total', {
        route: 'other',
        method: 'GET',
        status: '404',
      }),
    ).toBe(1);
    expect(metricValue(samples, 'photodose_receiver_errors_total', { kind: 'internal' })).toBe(0);
    expect(
      metricValue(samples, 'photodose_receiver_process_resident_memory_bytes'),
    ).toBeGreaterThan(0);

    // Privacy: nothing that names an order, an upload, a file or a secret.
    const secrets = [
      order.orderId,
      order.uploadToken,
      receiver.labToken,
      METRICS_TOKEN,
      ...uploadUrls.map((u) => u.split('/').pop()!),
      ...files.map((f) => f.name),
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
    // Every label value is one of a fixed set: routes are templates.
    const routes = new Set(samples.map((s) => s.labels['route']).filter((r) => r !== undefined));
    for (const route of routes) expect(route).toMatch(/^(\/[a-z0-9:./-]*|other)$/);
    for (const route of routes) expect(route).not.toMatch(/PD-|[0-9a-f]{32}/);
  });

  it('show an upload in flight while its PATCH runs', async () => {
    receiver = await startTestReceiver({ metricsToken: METRICS_TOKEN });
    const order = await createOrder(receiver.url);
    const size = 1_000_000;
    const created = await fetch(order.uploadUrl, {
      method: 'POST',
      headers: tus(order.uploadToken, {
        'Upload-Length': String(size),
        'Upload-Metadata': `order ${Buffer.from(order.orderId).toString('base64')},name ${Buffer.from('photo-0001.jpg.age').toString('base64')}`,
      }),
    });
    expect(created.status).toBe(201);
    const location = new URL(created.headers.get('location')!, receiver.url);
    // Half the body, then the request stays open: the upload is in flight.
    const patch = request(location, {
      method: 'PATCH',
      headers: {
        ...tus(order.uploadToken),
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(size),
      },
    });
    patch.on('error', () => undefined);
    patch.write(cipherLike(size / 2));
    const r = receiver;
    await vi.waitFor(
      async () => {
        const samples = parseMetrics(await scrape(r));
        expect(metricValue(samples, 'photodose_receiver_uploads_in_flight')).toBe(1);
        expect(metricValue(samples, 'photodose_receiver_upload_received_bytes_total')).toBe(
          size / 2,
        );
      },
      { timeout: 10_000, interval: 50 },
    );
    patch.destroy();
    await vi.waitFor(
      async () => {
        const samples = parseMetrics(await scrape(r));
        expect(metricValue(samples, 'photodose_receiver_uploads_in_flight')).toBe(0);
      },
      { timeout: 10_000, interval: 50 },
    );
  });
});
