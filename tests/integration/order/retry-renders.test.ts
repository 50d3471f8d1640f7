import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { parseIdentityFile } from '../../../services/age';
import { dispatch } from '../../../services/host/dispatch';
import type * as PrintReady from '../../../services/photos/print-ready';
import { makePrintReady } from '../../../services/photos/print-ready';
import { customer, makeLabKey, prepareOrder } from '../host/support';
import { freePort } from '../../support/free-port';

// The real renderer, counted: every print-ready image made goes through it.
vi.mock('../../../services/photos/print-ready', async (importOriginal) => {
  const real = await importOriginal<typeof PrintReady>();
  return { ...real, makePrintReady: vi.fn(real.makePrintReady) };
});
const renders = () => vi.mocked(makePrintReady).mock.calls.length;

/**
 * An order placed while the lab's server can't be reached: the print-ready images are made once
 * to learn their hashes, and the attempts that follow while the server is still away make none
 * again, nor replace the waiting card with "preparing". Once the server is back each image is
 * made once more as it uploads (one in memory at a time), and the lab gets the order.
 */
let dir: string;
let receiver: Receiver | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-retry-renders-'));
});

afterAll(async () => {
  await receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('an order waiting for the server', () => {
  it('renders its print-ready images once, however many attempts it takes', async () => {
    const port = await freePort();
    const key = await makeLabKey(dir);
    // Nobody listens at the port yet: every attempt finds the server gone.
    const order = await prepareOrder(
      dir,
      { recipient: key.recipient, serverUrl: `http://127.0.0.1:${port}` },
      [0],
      [200],
    );
    const sending = dispatch(order.host.services, 'order.submit', {
      design: { kind: 'photoBook', book: order.book },
      customer,
    });
    const waits = () => order.progress.filter((p) => p.phase === 'waiting').length;
    await vi.waitFor(() => expect(waits()).toBeGreaterThanOrEqual(1), { timeout: 60_000 });
    const firstPass = renders();
    expect(firstPass).toBeGreaterThanOrEqual(2);
    // Two more attempts, both failed: nothing rendered again.
    await vi.waitFor(() => expect(waits()).toBeGreaterThanOrEqual(3), { timeout: 60_000 });
    expect(renders()).toBe(firstPass);
    // The waiting card stays between attempts: no "preparing" after the first wait.
    const firstWait = order.progress.findIndex((p) => p.phase === 'waiting');
    expect(order.progress.slice(firstWait).map((p) => p.phase)).not.toContain('preparing');

    receiver = await createReceiver({ dataDir: join(dir, 'provider'), port });
    const outcome = await sending;
    expect(outcome).toMatchObject({ ok: true });
    // Each image once more as it went up: two passes in all, not one per attempt.
    expect(renders()).toBe(2 * firstPass);

    const report = await pullOrders({
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identities: parseIdentityFile(await readFile(key.identityFile, 'utf8')),
      outDir: join(dir, 'lab-orders'),
    });
    expect(report.failed).toEqual([]);
    expect(report.pulled).toHaveLength(1);
  });
});
