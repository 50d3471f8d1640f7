import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteOrder, reportOrderStatus } from '../../../services/upload/lab-api';
import {
  commitOrder,
  createOrder,
  lookupOrderStatus,
  registerLookupKey,
} from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { deriveLookupKey } from '../../../services/order-status/lookup-key';
import { OrderLookup } from '../../../services/order-status/order-lookup';
import { ORDER_STATUS_PATH, labOrderStatusPath } from '../../../src/contract/order-status';
import { listFiles, scanForNeedles } from '../../e2e/support/scan';
import { cipherLike, opener, startTestReceiver } from './helpers';
import type { TestReceiver } from './helpers';

/**
 * The customer's status lookup against the real receiver: what it answers, to whom, how often,
 * for how long, and that its data folder never holds the email, in plain or as the key.
 */
const EMAIL = 'Hannelore.Quistorp@example.org';
const DAY = 24 * 60 * 60 * 1000;

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.dispose();
  receiver = undefined;
});

/** An order opened with the lookup key of `email`, one file uploaded, committed. */
async function committedOrder(r: TestReceiver, email = EMAIL) {
  const order = await createOrder(r.url);
  // As the app does it: the key made from the email right after the order is opened.
  const lookupKey = await deriveLookupKey(email, order.orderId);
  await registerLookupKey(r.url, order.orderId, order.uploadToken, lookupKey);
  const data = cipherLike(2048);
  await uploadResumable({
    endpoint: order.uploadUrl,
    token: order.uploadToken,
    metadata: { order: order.orderId, name: 'manifest.age' },
    size: data.length,
    open: opener(data),
  });
  await commitOrder(r.url, order.orderId, order.uploadToken, [
    { name: 'manifest.age', size: 2048 },
  ]);
  return { ...order, lookupKey };
}

/** The raw reply to a lookup, to compare answers byte for byte. */
async function rawLookup(r: TestReceiver, orderId: string, lookupKey: string, from?: string) {
  const res = await fetch(`${r.url}${ORDER_STATUS_PATH}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(from === undefined ? {} : { 'X-Forwarded-For': from }),
    },
    body: JSON.stringify({ orderId, lookupKey }),
  });
  return { status: res.status, body: await res.text(), retryAfter: res.headers.get('retry-after') };
}

describe('order status lookup', () => {
  it('answers the right email, and a wrong email exactly like an order that does not exist', async () => {
    receiver = await startTestReceiver();
    const order = await committedOrder(receiver);

    // Typed again months later, in other capitals: the same key.
    const again = await deriveLookupKey(' hannelore.quistorp@EXAMPLE.ORG', order.orderId);
    const found = await lookupOrderStatus(receiver.url, order.orderId, again);
    expect(found).toEqual({
      outcome: 'found',
      status: { orderId: order.orderId, state: 'submitted', updatedAt: expect.any(String) },
    });

    const wrongEmail = await rawLookup(
      receiver,
      order.orderId,
      await deriveLookupKey('hannelore@example.org', order.orderId),
    );
    const noSuchOrder = await rawLookup(
      receiver,
      'PD-ABCDEFGH23',
      await deriveLookupKey(EMAIL, 'PD-ABCDEFGH23'),
    );
    expect(wrongEmail).toEqual({
      status: 404,
      body: '{"error":"no order with this number and email"}',
      retryAfter: null,
    });
    expect(noSuchOrder).toEqual(wrongEmail);
    // One character off in the key: not found either.
    const tampered = `${order.lookupKey.startsWith('A') ? 'B' : 'A'}${order.lookupKey.slice(1)}`;
    expect(await lookupOrderStatus(receiver.url, order.orderId, tampered)).toEqual({
      outcome: 'not-found',
    });
    // Lookups are not logged with their keys; the order's lines name it by id only.
    for (const line of receiver.logs) expect(line).not.toContain(order.lookupKey);
  });

  it('follows the lab: received when it deletes the upload, in production, shipped with tracking', async () => {
    receiver = await startTestReceiver();
    const order = await committedOrder(receiver);
    const lookup = () => lookupOrderStatus(receiver!.url, order.orderId, order.lookupKey);

    await deleteOrder(receiver.url, receiver.labToken, order.orderId);
    // The order's upload and record are gone (privacy rule 5); its status stays.
    expect(await readdir(join(receiver.dataDir, 'uploads'))).toEqual([]);
    expect(await readdir(join(receiver.dataDir, 'orders'))).toEqual([]);
    expect(await lookup()).toMatchObject({ outcome: 'found', status: { state: 'received' } });

    await reportOrderStatus(receiver.url, receiver.labToken, order.orderId, 'in-production');
    expect(await lookup()).toMatchObject({ status: { state: 'in-production' } });

    const shipped = await reportOrderStatus(
      receiver.url,
      receiver.labToken,
      order.orderId,
      'shipped',
      { shipment: { trackingNumber: '00340434161094042557', carrier: 'DHL' } },
    );
    const expected = {
      orderId: order.orderId,
      state: 'shipped',
      updatedAt: expect.any(String),
      shipment: {
        trackingNumber: '00340434161094042557',
        carrier: 'DHL',
        shippedAt: expect.any(String),
      },
    };
    expect(shipped).toEqual(expected);
    expect(await lookup()).toEqual({ outcome: 'found', status: expected });
    expect(receiver.logs).toContain(`order ${order.orderId}: status shipped`);
  });

  it('has no status until the order is committed, and takes the key only with the upload token', async () => {
    receiver = await startTestReceiver();
    const order = await createOrder(receiver.url);
    const lookupKey = await deriveLookupKey(EMAIL, order.orderId);
    const other = await createOrder(receiver.url);
    await expect(
      registerLookupKey(receiver.url, order.orderId, other.uploadToken, lookupKey),
    ).rejects.toMatchObject({ status: 403 });
    await registerLookupKey(receiver.url, order.orderId, order.uploadToken, lookupKey);
    // Open: nothing to look up yet, and nothing in the status folder.
    expect(await lookupOrderStatus(receiver.url, order.orderId, lookupKey)).toEqual({
      outcome: 'not-found',
    });
    expect(await readdir(join(receiver.dataDir, 'status'))).toEqual([]);
    // The open order's record holds a keyed hash, not the key.
    const record = await readFile(
      join(receiver.dataDir, 'orders', `${order.orderId}.json`),
      'utf8',
    );
    expect(record).toMatch(/"lookupHmac":"[0-9a-f]{64}"/);
    expect(record).not.toContain(lookupKey);
    expect(record).not.toContain(Buffer.from(lookupKey, 'base64url').toString('hex'));
  });

  it('takes status changes only from the lab, for orders it keeps a status of', async () => {
    receiver = await startTestReceiver();
    const order = await committedOrder(receiver);
    const put = (orderId: string, body: unknown, token?: string) =>
      fetch(`${receiver!.url}${labOrderStatusPath(orderId)}`, {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    expect((await put(order.orderId, { state: 'shipped' })).status).toBe(401);
    expect((await put(order.orderId, { state: 'shipped' }, order.uploadToken)).status).toBe(401);
    const badTracking = await put(
      order.orderId,
      { state: 'shipped', shipment: { trackingNumber: '<script>' } },
      receiver.labToken,
    );
    expect(badTracking.status).toBe(400);
    expect(await badTracking.text()).toContain('shipment.trackingNumber');
    const unknown = await put('PD-ABCDEFGH23', { state: 'received' }, receiver.labToken);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('has no status record');
    await expect(
      reportOrderStatus(receiver.url, receiver.labToken, 'PD-ABCDEFGH23', 'received'),
    ).rejects.toMatchObject({ status: 404 });
    // Nothing of the refusals changed the order's status.
    expect(await lookupOrderStatus(receiver.url, order.orderId, order.lookupKey)).toMatchObject({
      status: { state: 'submitted' },
    });
  });

  it('limits lookups per address and per order, whether the order exists or not', async () => {
    receiver = await startTestReceiver({
      trustProxy: true,
      statusLookupLimits: {
        addressBurst: 3,
        perAddressPerHour: 1,
        orderBurst: 4,
        perOrderPerHour: 1,
      },
    });
    const order = await committedOrder(receiver);
    const wrong = await deriveLookupKey('someone@example.org', order.orderId);

    // One address: three questions, then 429 with the wait, even for the right email.
    for (let i = 0; i < 3; i++) {
      expect((await rawLookup(receiver, 'PD-ABCDEFGH23', wrong, '203.0.113.7')).status).toBe(404);
    }
    const limited = await rawLookup(receiver, order.orderId, order.lookupKey, '203.0.113.7');
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(limited.body).toContain('too many status lookups');

    // One order from many addresses: four guesses, then the right email waits too.
    for (let i = 0; i < 4; i++) {
      const guess = await rawLookup(receiver, order.orderId, wrong, `198.51.100.${i + 1}`);
      expect(guess.status).toBe(404);
    }
    const byOrder = await rawLookup(receiver, order.orderId, order.lookupKey, '198.51.100.99');
    expect(byOrder.status).toBe(429);
    // Another order from a fresh address is not held up by either.
    expect((await rawLookup(receiver, 'PD-ABCDEFGH24', wrong, '192.0.2.1')).status).toBe(404);
  });

  it('keeps a shipped order for 180 days and an unshipped one for 365, by the injected clock', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const clock = () => now;
    receiver = await startTestReceiver({ now: clock });
    const shipped = await committedOrder(receiver);
    const waiting = await committedOrder(receiver, 'other@example.org');
    await reportOrderStatus(receiver.url, receiver.labToken, shipped.orderId, 'shipped', {
      shipment: { trackingNumber: 'JJD000390007882381', carrier: 'DHL' },
    });
    const lookup = (o: { orderId: string; lookupKey: string }) =>
      lookupOrderStatus(receiver!.url, o.orderId, o.lookupKey);

    now += 180 * DAY - 1;
    expect(await lookup(shipped)).toMatchObject({ status: { state: 'shipped' } });
    now += 1;
    expect(await lookup(shipped)).toEqual({ outcome: 'not-found' });
    expect(await lookup(waiting)).toMatchObject({ status: { state: 'submitted' } });

    // A restart sweeps what is past its retention from the disk.
    const { dataDir } = receiver;
    await receiver.close();
    receiver = await startTestReceiver({ dataDir, now: clock });
    expect((await readdir(join(dataDir, 'status'))).sort()).toEqual([`${waiting.orderId}.json`]);
    expect(receiver.logs).toContain('status sweep: 1 status records past their retention deleted');

    now = Date.parse('2026-03-01T10:00:00Z') + 365 * DAY;
    expect(await lookup(waiting)).toEqual({ outcome: 'not-found' });
  });

  it('keeps neither the email nor the lookup key anywhere in its data folder', async () => {
    receiver = await startTestReceiver();
    const orders = [
      await committedOrder(receiver),
      await committedOrder(receiver, 'jürgen.öztürk@bäckerei.de'),
    ];
    await deleteOrder(receiver.url, receiver.labToken, orders[0]!.orderId);
    await reportOrderStatus(receiver.url, receiver.labToken, orders[0]!.orderId, 'shipped', {
      shipment: { trackingNumber: '1Z999AA10123456784', carrier: 'UPS' },
    });
    await lookupOrderStatus(receiver.url, orders[1]!.orderId, orders[1]!.lookupKey);

    const needles: Record<string, string> = {
      email: EMAIL,
      'email, lower case': EMAIL.toLowerCase(),
      'second email': 'jürgen.öztürk@bäckerei.de',
      'a name in an email': 'quistorp',
      'a domain': 'bäckerei',
    };
    orders.forEach((o, i) => {
      const bytes = Buffer.from(o.lookupKey, 'base64url');
      // The key as sent, and in the other spellings a store might use.
      needles[`lookup key ${i}`] = o.lookupKey;
      needles[`lookup key ${i}, hex`] = bytes.toString('hex');
      needles[`lookup key ${i}, base64`] = bytes.toString('base64');
    });
    // The scan proves it can find a needle: one planted in the folder is found.
    const planted = join(receiver.dataDir, 'planted-needle.txt');
    await writeFile(planted, `x ${EMAIL} x`);
    expect(await scanForNeedles([receiver.dataDir], needles)).toEqual([
      { file: planted, what: 'email' },
    ]);
    await rm(planted);

    const files = await listFiles(receiver.dataDir);
    expect(files).toContain(join(receiver.dataDir, 'status', `${orders[0]!.orderId}.json`));
    expect(await scanForNeedles([receiver.dataDir], needles)).toEqual([]);
    // What the status record holds: the order number, a keyed hash, the state and the parcel.
    const record = JSON.parse(
      await readFile(join(receiver.dataDir, 'status', `${orders[0]!.orderId}.json`), 'utf8'),
    ) as Record<string, unknown>;
    expect(Object.keys(record).sort()).toEqual(
      [
        'createdAt',
        'keyHmac',
        'orderId',
        'shipment',
        'shippedAt',
        'state',
        'updatedAt',
        'version',
      ].sort(),
    );
  });

  it('gives the key to the server in the background, and again before the commit if it failed', async () => {
    receiver = await startTestReceiver();
    const { dataDir } = receiver;
    const port = Number(new URL(receiver.url).port);
    const order = await createOrder(receiver.url);
    await receiver.close();
    // The server is gone just after the order was opened: the first attempt fails.
    const lookup = OrderLookup.open(EMAIL, { serverUrl: receiver.url, ...order });
    await expect(lookup.ready()).rejects.toThrow(/ECONNREFUSED/);
    receiver = await startTestReceiver({ dataDir, port });
    await lookup.ready();
    const key = await deriveLookupKey(EMAIL, order.orderId);
    const record = await readFile(join(dataDir, 'orders', `${order.orderId}.json`), 'utf8');
    expect(record).toMatch(/"lookupHmac":"[0-9a-f]{64}"/);
    expect(record).not.toContain(key);
  });
});
