import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { parseIdentityFile } from '../../../services/age';
import { startFaultProxy } from '../receiver/fault-proxy';
import { makeLabKey, prepareOrder, submit } from './support';

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

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

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

  it('reports a vanished server clearly, keeps the book, and goes through once it is back', async () => {
    const port = await freePort();
    let receiver = await startReceiver(port);
    const order = await prepareOrder(
      dir,
      { recipient: lab.recipient, serverUrl: receiver.url },
      [0, 50],
    );
    // The server goes away as soon as the first bytes are on their way.
    let closing: Promise<void> | undefined;
    const off = order.host.events.subscribe((name, payload) => {
      if (name === 'order.progress' && (payload as { phase: string }).phase === 'uploading') {
        closing ??= receiver.close();
      }
    });
    const failed = await submit(order);
    off();
    await closing;
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.code).toBe('upload-failed');
    expect(failed.error.message).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up|network error/);

    receiver = await startReceiver(port);
    const retried = await submit(order);
    expect(retried).toMatchObject({ ok: true });

    // Only the complete order reaches the lab; the broken one stays open and expires.
    const report = await pull(receiver);
    expect(report.failed).toEqual([]);
    expect(report.pulled.map((p) => p.orderId)).toEqual([
      (retried as { result: { orderId: string } }).result.orderId,
    ]);
  });
});
