import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { parseIdentityFile } from '../../../services/age';
import { startFaultProxy } from '../receiver/fault-proxy';
import type { OrderProgress } from '../../../src/contract/host';
import { makeLabKey, prepareOrder, submit, type PreparedOrder } from './support';
import { freePort } from '../../support/free-port';

/**
 * A whole order against a network that fails: the connection cut mid-upload,
 * and the server gone altogether. The customer loses nothing either way.
 */
let dir: string;
let lab: { identityFile: string; recipient: string };
const stoppers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-faults-'));
  lab = await makeLabKey(dir);
});

afterEach(async () => {
  for (const stop of stoppers.splice(0).reverse()) await stop();
  await rm(dir, { recursive: true, force: true });
});

async function startReceiver(port: number, publicUrl?: string): Promise<Receiver> {
  const receiver = await createReceiver({ dataDir: join(dir, 'provider'), port, publicUrl });
  stoppers.push(() => receiver.close());
  return receiver;
}

async function pull(receiver: Receiver) {
  return pullOrders({
    serverUrl: receiver.url,
    labToken: receiver.labToken,
    identities: parseIdentityFile(await readFile(lab.identityFile, 'utf8')),
    outDir: join(dir, 'lab-orders'),
  });
}

/** A receiver on a port of its own and an order prepared against it, with the given pauses. */
async function orderOnServer(uploadRetryDelaysMs: number[], orderRetryDelaysMs: number[]) {
  const port = await freePort();
  const receiver = await startReceiver(port);
  const order = await prepareOrder(
    dir,
    { recipient: lab.recipient, serverUrl: receiver.url },
    uploadRetryDelaysMs,
    orderRetryDelaysMs,
  );
  return { port, receiver, order };
}

/** Calls `each` with every progress of the order's sending; returns the unsubscribe. */
function onProgress(order: PreparedOrder, each: (progress: OrderProgress) => void): () => void {
  return order.host.events.subscribe((name, payload) => {
    if (name === 'order.progress') each(payload as OrderProgress);
  });
}

describe('an order on a failing network', () => {
  it('survives a connection cut in the middle of a photo', async () => {
    const port = await freePort();
    // The proxy cuts once, about half-way through the first photo's ciphertext.
    const proxy = await startFaultProxy({
      target: { host: '127.0.0.1', port },
      cutAfterBytes: 400_000,
    });
    stoppers.push(() => proxy.close());
    const receiver = await startReceiver(port, proxy.url);
    const order = await prepareOrder(
      dir,
      { recipient: lab.recipient, serverUrl: proxy.url },
      [0, 100],
    );

    const outcome = await submit(order);
    expect(outcome).toMatchObject({ ok: true });
    expect(proxy.cuts).toBe(1);

    const report = await pull(receiver);
    expect(report.failed).toEqual([]);
    const orderDir = report.pulled[0]!.dir;
    expect((await readFile(join(orderDir, 'photo-0001.jpg'))).equals(order.photos[0]!)).toBe(true);
    expect((await readFile(join(orderDir, 'photo-0002.png'))).equals(order.photos[1]!)).toBe(true);
  });

  it('waits while the server is gone and sends the same order once it is back: the lab gets one', async () => {
    const { port, order, ...first } = await orderOnServer([0, 50], [100]);
    let receiver = first.receiver;
    // The server goes away as soon as the first bytes are on their way.
    let closing: Promise<void> | undefined;
    const waits: OrderProgress[] = [];
    const off = onProgress(order, (progress) => {
      if (progress.phase === 'uploading') closing ??= receiver.close();
      if (progress.phase === 'waiting') waits.push(progress);
    });
    const sending = submit(order);
    // Several rounds of waiting: far longer than the upload's own quick retries.
    await vi.waitFor(() => expect(waits.length).toBeGreaterThanOrEqual(3), { timeout: 15_000 });
    await closing;
    const status = order.host.services['order.status']({});
    const { orderId } = waits[0]!;
    expect(orderId).toMatch(/^PD-/);
    await expect(status).resolves.toMatchObject({
      state: 'sending',
      progress: { phase: 'waiting', orderId, lastError: expect.stringMatching(/ECONNREFUSED/) },
    });
    // Waiting is not failing: the same order, the same number, every time.
    expect(new Set(waits.map((w) => w.orderId))).toEqual(new Set([orderId]));

    receiver = await startReceiver(port);
    const sent = await sending;
    off();
    expect(sent).toEqual({ ok: true, result: { orderId } });
    expect(await order.host.services['order.status']({})).toEqual({ state: 'done', orderId });

    const report = await pull(receiver);
    expect(report.failed).toEqual([]);
    expect(report.pulled.map((p) => p.orderId)).toEqual([orderId]);
    const orderDir = report.pulled[0]!.dir;
    expect((await readFile(join(orderDir, 'photo-0002.png'))).length).toBeGreaterThan(0);
  });

  it('sends at once when asked instead of waiting out the pause', async () => {
    // A pause of a minute: only the customer's "send now" can end it within the test.
    const { port, order, ...first } = await orderOnServer([0], [60_000]);
    let receiver = first.receiver;
    let closing: Promise<void> | undefined;
    let waiting = false;
    const off = onProgress(order, ({ phase }) => {
      if (phase === 'uploading') closing ??= receiver.close();
      if (phase === 'waiting') waiting = true;
    });
    const sending = submit(order);
    await vi.waitFor(() => expect(waiting).toBe(true), { timeout: 15_000 });
    await closing;
    receiver = await startReceiver(port);
    expect(await order.host.services['order.retry']({})).toEqual({ retrying: true });
    expect(await sending).toMatchObject({ ok: true });
    off();
    expect((await pull(receiver)).pulled).toHaveLength(1);
  });

  it('sends again at once when "send now" comes while an attempt is on its way', async () => {
    const { port, receiver, order } = await orderOnServer([0], [60_000]);
    await receiver.close();
    const waits: number[] = [];
    const off = onProgress(order, ({ phase }) => {
      if (phase === 'waiting') waits.push(Date.now());
    });
    const sending = submit(order);
    // The first attempt is still connecting: the customer's click must not be lost.
    expect(await order.host.services['order.retry']({})).toEqual({ retrying: true });
    // Its failure is followed by a second attempt at once, not after the minute's pause.
    await vi.waitFor(() => expect(waits.length).toBeGreaterThanOrEqual(2), { timeout: 20_000 });
    const again = await startReceiver(port);
    expect(await order.host.services['order.retry']({})).toEqual({ retrying: true });
    expect(await sending).toMatchObject({ ok: true });
    off();
    expect((await pull(again)).pulled).toHaveLength(1);
  });

  it('ends for good when the server refuses the order, and says why', async () => {
    const { port, receiver, order } = await orderOnServer([0], [50]);
    let closing: Promise<void> | undefined;
    const off = onProgress(order, ({ phase }) => {
      if (phase === 'uploading' || phase === 'waiting') closing ??= receiver.close();
    });
    const sending = submit(order);
    await vi.waitFor(() => expect(closing).toBeDefined());
    await closing;
    // Another provider's server on the same address: it has never heard of this order.
    const stranger = await createReceiver({ dataDir: join(dir, 'stranger'), port });
    stoppers.push(() => stranger.close());
    const failed = await sending;
    off();
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.code).toBe('upload-failed');
    expect(failed.error.params).toMatchObject({ status: expect.any(Number) });
    const status = await order.host.services['order.status']({});
    expect(status).toMatchObject({ state: 'failed', orderId: expect.stringMatching(/^PD-/) });
  });
});
