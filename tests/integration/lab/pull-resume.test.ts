import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import type { IntakePoint } from '../../../server/lab/intake';
import { openLabStore } from '../../../server/lab/store/open';
import { generateIdentity } from '../../../services/age';
import { sendOrder, type SealedOrder } from './support/lab-orders';
import { startCuttingProxy } from './support/cutting-proxy';

/**
 * An interrupted pull resumes: a download cut by the network continues with the files that
 * did not arrive whole (those that did are not fetched again), and a pull killed at any step
 * of taking an order in leaves nothing that passes for a received order; the next pull ends
 * with exactly one received order, its photos intact, and the provider's copy deleted.
 */
let dir: string;
let receiver: Receiver;
let out: string;
const lab = generateIdentity();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-resume-'));
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
  out = join(dir, 'lab-orders');
});

afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

async function atProvider(): Promise<number> {
  const names = await readdir(join(dir, 'provider', 'uploads'));
  return names.filter((n) => !n.endsWith('.json')).length;
}

async function record(orderId: string) {
  const store = await openLabStore(out);
  try {
    return { record: await store.get(orderId), history: await store.history(orderId) };
  } finally {
    await store.close();
  }
}

const exists = async (path: string) => (await stat(path).catch(() => undefined)) !== undefined;

/** The order is received exactly once, whole, and gone from the provider. */
async function expectReceivedOnce(order: SealedOrder): Promise<void> {
  const { record: rec, history } = await record(order.orderId);
  expect(rec).toMatchObject({ state: 'received', photos: 2 });
  expect(history.map((e) => e.state)).toEqual(['received']);
  for (const [i, photo] of order.photos.entries()) {
    const name = `photo-000${i + 1}.jpg`;
    expect((await readFile(join(out, order.orderId, name))).equals(photo)).toBe(true);
  }
  expect(await exists(join(out, '.incoming'))).toBe(false);
  expect(await atProvider()).toBe(0);
}

describe('an interrupted lab pull', () => {
  it('continues a download cut by the network, fetching only what did not arrive whole', async () => {
    const order = await sendOrder(receiver.url, lab.recipient);
    const proxy = await startCuttingProxy(receiver.url);
    try {
      const pull = () =>
        pullOrders({
          serverUrl: proxy.url,
          labToken: receiver.labToken,
          identities: [lab.identity],
          outDir: out,
        });
      proxy.cutNext('photo-0002.age', 3000);
      const cut = await pull();
      expect(cut.pulled).toEqual([]);
      expect(cut.failed).toEqual([
        {
          orderId: order.orderId,
          reason: expect.stringMatching(/downloading photo-0002\.age was interrupted/),
        },
      ]);
      // Nothing received, nothing quarantined, the provider keeps the order.
      expect(await exists(join(out, order.orderId))).toBe(false);
      expect(await exists(join(out, 'quarantine'))).toBe(false);
      expect((await record(order.orderId)).record).toBeUndefined();
      expect(await atProvider()).toBe(3);
      expect(proxy.downloads).toEqual(['manifest.age', 'photo-0001.age', 'photo-0002.age']);

      proxy.downloads.length = 0;
      const resumed = await pull();
      expect(resumed.failed).toEqual([]);
      expect(resumed.pulled.map((p) => p.orderId)).toEqual([order.orderId]);
      // The two files that had arrived whole were not downloaded again.
      expect(proxy.downloads).toEqual(['photo-0002.age']);
      await expectReceivedOnce(order);
    } finally {
      await proxy.close();
    }
  });

  const points: IntakePoint[] = ['downloaded', 'decrypted', 'moved', 'recorded'];
  it.each(points)('ends with one received order after being killed once %s', async (point) => {
    const order = await sendOrder(receiver.url, lab.recipient);
    const settings = {
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identity: lab.identity,
      outDir: out,
      crashAt: point,
    };
    const killed = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'support', 'pull-then-crash.ts')],
        {
          env: { ...process.env, PHOTODOSE_CRASH_PULL: JSON.stringify(settings) },
          stdio: 'inherit',
        },
      );
      child.once('error', reject).once('exit', (_code, signal) => resolve(signal));
    });
    expect(killed).toBe('SIGKILL');

    // Killed before the record: whatever lies in the orders folder, the lab has no received order.
    const { record: rec } = await record(order.orderId);
    if (point === 'recorded') expect(rec).toMatchObject({ state: 'received' });
    else expect(rec).toBeUndefined();
    expect(await exists(join(out, order.orderId))).toBe(point === 'moved' || point === 'recorded');
    expect(await atProvider()).toBe(3);

    const report = await pullOrders({
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identities: [lab.identity],
      outDir: out,
    });
    expect(report.failed).toEqual([]);
    if (point === 'moved' || point === 'recorded') {
      // The folder was whole: found verified (or already recorded) and not taken in twice.
      expect(report.alreadyHad).toEqual([order.orderId]);
    } else {
      expect(report.pulled.map((p) => p.orderId)).toEqual([order.orderId]);
    }
    await expectReceivedOnce(order);
  });
});
