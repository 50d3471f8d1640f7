import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { deleteOrder, reportOrderStatus } from '../../../services/upload/lab-api';
import { dispatch } from '../../../services/host/dispatch';
import { customer, makeLabKey, prepareOrder, submit, type PreparedOrder } from './support';

/**
 * `order.lookupStatus` through the host's dispatch, as both transports call it: the order sent
 * by the host itself opens its status lookup; the customer asks with the email they gave.
 */
let dir: string;
let receiver: Receiver;
let order: PreparedOrder;
let orderId: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-status-'));
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
  const { recipient } = await makeLabKey(dir);
  order = await prepareOrder(dir, { recipient, serverUrl: receiver.url });
  const outcome = await submit(order);
  if (!outcome.ok) throw new Error(outcome.error.message);
  ({ orderId } = outcome.result as { orderId: string });
});

afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

const lookup = (args: { orderId: string; email: string }) =>
  dispatch(order.host.services, 'order.lookupStatus', args);

describe('the order status lookup of the host', () => {
  it('finds the order it sent by number and email, as the lab moves it on', async () => {
    expect(await lookup({ orderId, email: customer.email })).toEqual({
      ok: true,
      result: {
        outcome: 'found',
        status: { orderId, state: 'submitted', updatedAt: expect.any(String) },
      },
    });
    await deleteOrder(receiver.url, receiver.labToken, orderId);
    await reportOrderStatus(receiver.url, receiver.labToken, orderId, 'shipped', {
      shipment: { trackingNumber: 'JJD000390007882381', carrier: 'Deutsche Post' },
    });
    // Typed as customers type: lower case, no "PD-", the email in capitals with spaces.
    const typed = {
      orderId: orderId.slice(3).toLowerCase(),
      email: ` ${customer.email.toUpperCase()} `,
    };
    expect(await lookup(typed)).toMatchObject({
      ok: true,
      result: {
        outcome: 'found',
        status: {
          state: 'shipped',
          shipment: { trackingNumber: 'JJD000390007882381', carrier: 'Deutsche Post' },
        },
      },
    });
  });

  it('says not found for another email or a number that is no order, and unreachable without a server', async () => {
    const notFound = { ok: true, result: { outcome: 'not-found' } };
    expect(await lookup({ orderId, email: 'jorinde@example.org' })).toEqual(notFound);
    expect(await lookup({ orderId: 'PD-1', email: customer.email })).toEqual(notFound);
    await receiver.close();
    const gone = await lookup({ orderId, email: customer.email });
    expect(gone).toMatchObject({ ok: true, result: { outcome: 'unreachable' } });
    expect(JSON.stringify(gone)).toContain('ECONNREFUSED');
    // Restarted on the same data, for afterEach to close.
    receiver = await createReceiver({ dataDir: join(dir, 'provider') });
  });

  it('refuses arguments outside the contract before any work', async () => {
    const long = await lookup({ orderId, email: `${'x'.repeat(320)}@example.org` });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const extra = await dispatch(order.host.services, 'order.lookupStatus', {
      orderId,
      email: customer.email,
      name: 'Jorinde',
    });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
