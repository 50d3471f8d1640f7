import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createReceiver } from '../../../server/receiver/index';
import type { Receiver, ReceiverOptions } from '../../../server/receiver/index';
import { postgresRecords } from '../../../server/receiver/records/postgres';
import type { RecordsBackend } from '../../../server/receiver/records/backend';
import { listOpenOrders, reportOrderStatus } from '../../../services/upload/lab-api';
import {
  commitOrder,
  createOrder,
  lookupOrderStatus,
  registerLookupKey,
} from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { startPostgres } from '../../support/postgres';
import type { TestPostgres } from '../../support/postgres';
import { cipherLike, opener } from '../receiver/helpers';

// Receivers in this process on one real PostgreSQL, each with its own backend (pool and lock
// session), as separate receivers have them; one uploads folder stands in for shared storage.

let postgres: TestPostgres;
let dataDir: string;
const running: { receiver: Receiver; records: RecordsBackend }[] = [];
const lookupSecret = randomBytes(32);
const labToken = 'lab-token-of-the-shared-test-0123';

beforeAll(async () => {
  postgres = await startPostgres();
  dataDir = await mkdtemp(join(tmpdir(), 'photodose-shared-'));
}, 120_000);

afterAll(async () => {
  for (const { receiver, records } of running) {
    await receiver.close().catch(() => undefined);
    await records.close().catch(() => undefined);
  }
  await postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function startReceiver(url: string, extra: Partial<ReceiverOptions> = {}) {
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const records = await postgresRecords({ url, keySecret: lookupSecret, log });
  const receiver = await createReceiver({
    dataDir,
    labToken,
    lookupSecret,
    records,
    log,
    ...extra,
  });
  running.push({ receiver, records });
  return { receiver, logs };
}

it('an order opened through one receiver is committed, looked up and shipped through others', async () => {
  const url = await postgres.newDatabase();
  const [{ receiver: one }, { receiver: two }] = [
    await startReceiver(url),
    await startReceiver(url),
  ];
  const order = await createOrder(one.url);
  const lookupKey = randomBytes(32).toString('base64url');
  await registerLookupKey(two.url, order.orderId, order.uploadToken, lookupKey);
  const data = cipherLike(100_000);
  await uploadResumable({
    endpoint: order.uploadUrl,
    token: order.uploadToken,
    metadata: { order: order.orderId, name: 'photo.age' },
    size: data.length,
    open: opener(data),
  });
  await commitOrder(two.url, order.orderId, order.uploadToken, [
    { name: 'photo.age', size: data.length },
  ]);
  expect(await lookupOrderStatus(one.url, order.orderId, lookupKey)).toMatchObject({
    outcome: 'found',
    status: { state: 'submitted' },
  });
  await reportOrderStatus(two.url, labToken, order.orderId, 'shipped', {
    shipment: { trackingNumber: 'TRACK-0001' },
  });
  expect(await lookupOrderStatus(one.url, order.orderId, lookupKey)).toMatchObject({
    outcome: 'found',
    status: { state: 'shipped', shipment: { trackingNumber: 'TRACK-0001' } },
  });
  expect(
    await lookupOrderStatus(two.url, order.orderId, randomBytes(32).toString('base64url')),
  ).toEqual({
    outcome: 'not-found',
  });
  // Every row of every table, as a database dump would show it: no token, no lookup key, no
  // client address (needles checked against the dump's own order id first).
  const tables = await postgres.query<{ tablename: string }>(
    url,
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
  );
  let dump = '';
  for (const { tablename } of tables) {
    dump += JSON.stringify(await postgres.query(url, `SELECT * FROM ${tablename}`));
  }
  expect(dump).toContain(order.orderId);
  for (const needle of [order.uploadToken, lookupKey, labToken, '127.0.0.1']) {
    expect(dump).not.toContain(needle);
  }
});

it('a receiver sweeps the abandoned orders another one took', async () => {
  const url = await postgres.newDatabase();
  const { receiver: one } = await startReceiver(url);
  const abandoned = await createOrder(one.url);
  const fresh = await createOrder(one.url);
  expect((await listOpenOrders(one.url, labToken)).map((o) => o.orderId).sort()).toEqual(
    [abandoned.orderId, fresh.orderId].sort(),
  );
  // The second receiver's clock is eight days on: its start-up sweep finds both abandoned.
  const later = Date.now() + 8 * 24 * 3600 * 1000;
  const { receiver: two, logs } = await startReceiver(url, { now: () => later });
  expect(logs.filter((l) => l.includes('expired (open, no activity for 7 days)'))).toHaveLength(2);
  expect(await listOpenOrders(one.url, labToken)).toEqual([]);
  expect(await listOpenOrders(two.url, labToken)).toEqual([]);
});
