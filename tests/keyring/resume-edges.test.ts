import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../server/receiver';
import { osKeychain } from '../../services/keychain/secret-store';
import { PendingOrderStore } from '../../services/order/pending-order';
import { deriveLookupKey } from '../../services/order-status/lookup-key';
import { lookupStatus } from '../../services/order-status/lookup';
import { TUS_PATH } from '../../src/contract/receiver';
import { customer, makeLabKey } from '../integration/host/support';
import { makePhoto } from '../fixtures/photos';
import { startHoldingProxy, type HoldingProxy } from '../support/holding-proxy';
import { killClients, startClient, type ClientMessage } from './support/client-process';
import { freePort } from '../support/free-port';

/**
 * Two edges of an order resumed after the desktop app was killed (SIGKILL), against the real OS
 * keychain (gnome-keyring, npm run test:keyring) and a client host in a process of its own:
 *
 * - killed after the order started but before the status lookup's key reached the server: the
 *   keychain's record keeps the key (never the email), the resumed order sends it, and the
 *   customer's lookup by order number and email finds the order; the record goes at the end.
 * - killed before the manifest got through: nothing can be resumed (the customer's details were
 *   never kept), and the next start says so instead of showing nothing.
 *
 * An HTTP proxy in front of the receiver holds the one kind of request the case is about, so
 * the kill lands exactly there.
 */
const services: string[] = [];
let dir: string;
const receivers: Receiver[] = [];
let recipient: string;
let photoPaths: string[];
const proxies: HoldingProxy[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-resume-edges-'));
  recipient = (await makeLabKey(dir)).recipient;
  photoPaths = [];
  for (const [i, size] of [
    [1600, 1100],
    [1200, 1700],
  ].entries()) {
    const path = join(dir, `Kohlfahrt ${i + 1}.jpg`);
    await writeFile(path, await makePhoto(size[0]!, size[1]!, 31 + i));
    photoPaths.push(path);
  }
}, 60_000);

afterAll(async () => {
  killClients();
  for (const service of services) {
    await new PendingOrderStore(osKeychain(service)).remove().catch(() => {});
  }
  for (const proxy of proxies) await proxy.close();
  for (const receiver of receivers) await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

/** A receiver behind a proxy that holds what `hold` picks; the client's config for it. */
async function setUp(hold: Parameters<typeof startHoldingProxy>[0]['hold']) {
  // The proxy must know the receiver's port, and the receiver the proxy's address (its upload
  // locations point there): a port the OS says is free.
  const port = await freePort();
  const proxy = await startHoldingProxy({ target: { host: '127.0.0.1', port }, hold });
  proxies.push(proxy);
  const data = join(dir, `provider-${proxies.length}`);
  const receiver = await createReceiver({ dataDir: data, port, publicUrl: proxy.url });
  receivers.push(receiver);
  const service = `de.photodose.test-edges-${randomBytes(4).toString('hex')}`;
  services.push(service);
  const config = JSON.stringify({
    service,
    serverUrl: proxy.url,
    recipient,
    photos: photoPaths,
    customer,
  });
  return { proxy, config, receiver, data, keychain: new PendingOrderStore(osKeychain(service)) };
}

const progressOf = (m: ClientMessage) =>
  m.event === 'order.progress' ? (m.payload as { phase: string; orderId?: string }) : undefined;

describe('an order whose app was killed and started again', () => {
  it('keeps its status lookup when the key had not reached the server', async () => {
    // Every lookup key PUT is held: the first run can upload all, but not commit.
    const { proxy, config, receiver, data, keychain } = await setUp(
      (req) => req.method === 'PUT' && (req.url ?? '').endsWith('/lookup-key'),
    );
    const first = startClient('order', config);
    // Files through, the commit waiting for the lookup key the server never got.
    await first.until((m) => progressOf(m)?.phase === 'committing');
    const orderId = first.seen.map(progressOf).find((p) => p?.orderId)!.orderId!;
    expect(proxy.held).toBeGreaterThanOrEqual(1);

    // The keychain's record holds the key made from the email, and not the email.
    const kept = await keychain.load();
    if (kept.state !== 'found') throw new Error(`no pending order: ${kept.state}`);
    expect(kept.order.lookupKey).toBe(await deriveLookupKey(customer.email, orderId));
    expect(JSON.stringify(kept)).not.toContain(customer.email);

    first.child.kill('SIGKILL');
    await first.exited;
    proxy.release();

    const second = startClient('resume', config);
    await second.until((m) => progressOf(m)?.phase === 'done');
    expect(await second.exited).toBe(0);
    const orders = await readdir(join(data, 'orders'));
    expect(orders.filter((n) => n.startsWith(orderId))).toEqual([`${orderId}.json`]);

    // The customer asks where the order is, with its number and their email, as at the start
    // screen: the server knows it.
    const status = await lookupStatus(
      { orderId, email: customer.email },
      { serverUrl: receiver.url },
    );
    expect(status).toMatchObject({ outcome: 'found', status: { state: 'submitted' } });
    // Through: the record, key included, is gone.
    expect(await keychain.load()).toEqual({ state: 'none' });
  }, 180_000);

  it('tells the customer on the next start that an order stopped before its manifest did not go out', async () => {
    // Every upload is held: the order is opened, its manifest never gets through.
    const { proxy, config, data, keychain } = await setUp((req) =>
      (req.url ?? '').startsWith(`${TUS_PATH}/`),
    );
    const first = startClient('order', config);
    // Opened: the record is in the keychain, the manifest's upload held on its way.
    const orderId = await vi.waitFor(
      async () => {
        expect(proxy.held).toBeGreaterThanOrEqual(1);
        const kept = await keychain.load();
        if (kept.state !== 'found') throw new Error(`no pending order yet: ${kept.state}`);
        expect(kept.progress.manifestDone).toBe(false);
        return kept.order.orderId;
      },
      { timeout: 60_000, interval: 100 },
    );
    first.child.kill('SIGKILL');
    await first.exited;
    proxy.release();

    // Started again: nothing to send, and a window opening now is told why.
    const second = startClient('resume', config);
    await second.until((m) => m.status !== undefined);
    expect(second.seen.find((m) => m.status)!.status).toEqual({
      state: 'idle',
      notSent: { orderId, reason: 'closed-early' },
    });
    expect(await second.exited).toBe(0);
    // The order can't be finished, so nothing of it is kept; no order reached the lab.
    expect(await keychain.load()).toEqual({ state: 'none' });
    const orders = await readdir(join(data, 'orders'));
    const record = orders.find((n) => n.startsWith(orderId));
    if (record) {
      const text = await readFile(join(data, 'orders', record), 'utf8');
      const { state } = JSON.parse(text) as { state: string };
      expect(state).not.toBe('complete');
    }
  }, 180_000);
});
