import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { shipOrder, startProduction } from '../../../server/lab/production';
import { serverStatusReporter } from '../../../server/lab/status-report';
import { openLabStore } from '../../../server/lab/store/open';
import { generateIdentity } from '../../../services/age';
import { deriveLookupKey } from '../../../services/order-status/lookup-key';
import { lookupOrderStatus } from '../../../services/upload/receiver-api';
import { JORINDE, sendOrder } from './support/lab-orders';

/**
 * The customer's status lookup follows the lab: received once pulled, in production, shipped
 * with the tracking number, through the real receiving server; an order without a lookup
 * counts as told (the server has nobody to tell).
 */
let dir: string;
let receiver: Receiver;
const lab = generateIdentity();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-status-report-'));
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
});

afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the lab's states at the customer's status lookup", () => {
  it('shows received, in production, then shipped with the tracking number', async () => {
    const order = await sendOrder(receiver.url, lab.recipient, { withStatusLookup: true });
    const key = await deriveLookupKey(JORINDE.email, order.orderId);
    const lookup = async () => {
      const found = await lookupOrderStatus(receiver.url, order.orderId, key);
      if (found.outcome !== 'found') throw new Error(`lookup: ${found.outcome}`);
      return found.status;
    };
    expect((await lookup()).state).toBe('submitted');
    const out = join(dir, 'lab-orders');
    const report = await pullOrders({
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identities: [lab.identity],
      outDir: out,
    });
    expect(report.pulled).toHaveLength(1);
    expect((await lookup()).state).toBe('received');

    const store = await openLabStore(out);
    try {
      const reporter = serverStatusReporter({
        serverUrl: receiver.url,
        labToken: receiver.labToken,
      });
      const ctx = { store, reporter, log: () => {} };
      await startProduction(ctx, order.orderId);
      expect((await lookup()).state).toBe('in-production');
      await shipOrder(ctx, order.orderId, { trackingNumber: '00340434161094042557' });
      expect(await lookup()).toMatchObject({
        state: 'shipped',
        shipment: { trackingNumber: '00340434161094042557' },
      });
      expect(await store.get(order.orderId)).toMatchObject({ reportedState: 'shipped' });
    } finally {
      await store.close();
    }
  });

  it('counts an order without a status lookup as told', async () => {
    const order = await sendOrder(receiver.url, lab.recipient);
    const out = join(dir, 'lab-orders');
    await pullOrders({
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identities: [lab.identity],
      outDir: out,
    });
    const store = await openLabStore(out);
    try {
      const reporter = serverStatusReporter({
        serverUrl: receiver.url,
        labToken: receiver.labToken,
      });
      await shipOrder({ store, reporter, log: () => {} }, order.orderId, {});
      expect(await store.get(order.orderId)).toMatchObject({ reportedState: 'shipped' });
    } finally {
      await store.close();
    }
  });
});
