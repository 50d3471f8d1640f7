import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLabStore } from '../../../server/lab/store/open';
import { LAB_DB_FILE } from '../../../server/lab/store/sqlite-store';
import { MIGRATIONS } from '../../../server/lab/store/migrations';
import { OrderStateError, type LabStore } from '../../../server/lab/store/lab-store';

/**
 * The lab database (SQLite through better-sqlite3): every state change an order can make and
 * the ones it cannot, its history on a clock the test moves, schema migrations, and the
 * invoice counter: consecutive, never repeated or skipped, across restarts and processes.
 */
let dir: string;
let now: Date;
const clock = () => now;
let store: LabStore;
const DAY = 24 * 60 * 60 * 1000;
const A = 'PD-AAAAAAAAAA';
const B = 'PD-BBBBBBBBBB';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-lab-store-'));
  now = new Date('2026-12-01T09:00:00.000Z');
  store = await openLabStore(dir, clock);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const later = (days: number) => {
  now = new Date(now.getTime() + days * DAY);
};

describe('order states at the lab', () => {
  it('goes received, in production, shipped, purged, erased, each at the clock time', async () => {
    await store.recordReceived(A, { source: 'pull', photos: 3 });
    later(1);
    await store.markInProduction(A);
    later(2);
    await store.markShipped(A, { trackingNumber: '00340434161094042557' });
    expect(await store.get(A)).toMatchObject({
      state: 'shipped',
      source: 'pull',
      photos: 3,
      receivedAt: new Date('2026-12-01T09:00:00.000Z'),
      productionAt: new Date('2026-12-02T09:00:00.000Z'),
      shippedAt: new Date('2026-12-04T09:00:00.000Z'),
      trackingNumber: '00340434161094042557',
    });
    later(14);
    await store.markPurged(A);
    later(30);
    const erasure = await store.recordErasure([A]);
    const record = await store.get(A);
    expect(record).toMatchObject({
      state: 'erased',
      erasedAt: new Date('2027-01-17T09:00:00.000Z'),
    });
    expect(record!.trackingNumber).toBeUndefined();
    expect((await store.history(A)).map((e) => [e.state, e.at.toISOString()])).toEqual([
      ['received', '2026-12-01T09:00:00.000Z'],
      ['in-production', '2026-12-02T09:00:00.000Z'],
      ['shipped', '2026-12-04T09:00:00.000Z'],
      ['purged', '2026-12-18T09:00:00.000Z'],
      ['erased', '2027-01-17T09:00:00.000Z'],
    ]);
    expect(erasure).toEqual({
      id: 1,
      erasedAt: new Date('2027-01-17T09:00:00.000Z'),
      orderIds: [A],
    });
    expect(await store.erasures()).toEqual([erasure]);
  });

  it('ships straight from received, without a tracking number', async () => {
    await store.recordReceived(A, { source: 'medium', photos: 1 });
    await store.markShipped(A, {});
    expect(await store.get(A)).toMatchObject({ state: 'shipped', source: 'medium' });
    expect((await store.get(A))!.trackingNumber).toBeUndefined();
  });

  it('quarantines, quarantines again, then receives at a second try', async () => {
    await store.recordQuarantined(A, 'pull', 'photo-0001.age: chunk 0 failed authentication');
    later(1);
    await store.recordQuarantined(A, 'pull', 'manifest.age: no identity matches');
    expect(await store.get(A)).toMatchObject({
      state: 'quarantined',
      quarantineReason: 'manifest.age: no identity matches',
      quarantinedAt: new Date('2026-12-02T09:00:00.000Z'),
    });
    await store.recordReceived(A, { source: 'pull', photos: 2 });
    const record = await store.get(A);
    expect(record).toMatchObject({ state: 'received', photos: 2 });
    expect(record!.quarantineReason).toBeUndefined();
    expect((await store.history(A)).map((e) => e.state)).toEqual([
      'quarantined',
      'quarantined',
      'received',
    ]);
  });

  it.each([
    ['ship an order the lab does not know', (s: LabStore) => s.markShipped(B, {}), /not known/],
    [
      'receive an order twice',
      (s: LabStore) => s.recordReceived(A, { source: 'pull', photos: 1 }),
      /is received: it cannot become received/,
    ],
    [
      'quarantine an order the lab has',
      (s: LabStore) => s.recordQuarantined(A, 'pull', 'x'),
      /is received: it cannot become quarantined/,
    ],
    [
      'purge an order not shipped',
      (s: LabStore) => s.markPurged(A),
      /is received: it cannot become purged/,
    ],
  ])('refuses to %s', async (_what, change, message) => {
    await store.recordReceived(A, { source: 'pull', photos: 1 });
    const before = await store.get(A);
    await expect(change(store)).rejects.toThrow(OrderStateError);
    await expect(change(store)).rejects.toThrow(message);
    expect(await store.get(A)).toEqual(before);
  });

  it('refuses production, shipping and purging once shipped or erased', async () => {
    await store.recordReceived(A, { source: 'pull', photos: 1 });
    await store.markShipped(A, {});
    await expect(store.markInProduction(A)).rejects.toThrow(
      /is shipped: it cannot become in-production/,
    );
    await expect(store.markShipped(A, {})).rejects.toThrow(/is shipped: it cannot become shipped/);
    await store.recordErasure([A]);
    await expect(store.markPurged(A)).rejects.toThrow(/is erased: it cannot become purged/);
  });

  it('finds the orders shipped before a moment, for the purge', async () => {
    await store.recordReceived(A, { source: 'pull', photos: 1 });
    await store.recordReceived(B, { source: 'pull', photos: 1 });
    await store.markShipped(A, {});
    later(2);
    await store.markShipped(B, {});
    later(13);
    expect(
      (await store.shippedBefore(new Date(now.getTime() - 14 * DAY))).map((o) => o.orderId),
    ).toEqual([A]);
  });
});

describe('the database file', () => {
  it('keeps its records across a restart and starts at the newest schema', async () => {
    await store.recordReceived(A, { source: 'pull', photos: 2 });
    await store.close();
    store = await openLabStore(dir, clock);
    expect(await store.get(A)).toMatchObject({ state: 'received' });
    const db = new Database(join(dir, LAB_DB_FILE), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('migrates a database of an older schema, and refuses one of a newer photodose', async () => {
    await store.close();
    const path = join(dir, 'older', LAB_DB_FILE);
    await openLabStore(join(dir, 'older'), clock).then((s) => s.close());
    const db = new Database(path);
    db.exec('DROP TABLE orders; DROP TABLE order_events; DROP TABLE erasures; DROP TABLE invoices');
    db.pragma('user_version = 0');
    db.close();
    store = await openLabStore(join(dir, 'older'), clock);
    await store.recordReceived(A, { source: 'pull', photos: 1 });
    await store.close();

    const newer = new Database(path);
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    await expect(openLabStore(join(dir, 'older'), clock)).rejects.toThrow(
      /schema version 2, made by a newer photodose/,
    );
    store = await openLabStore(dir, clock);
  });
});

describe('invoice numbers', () => {
  it('counts 1, 2, 3 across orders and restarts; the same order keeps its number', async () => {
    expect(await store.nextInvoiceNumber(A)).toBe(1);
    expect(await store.nextInvoiceNumber(B)).toBe(2);
    expect(await store.nextInvoiceNumber(A)).toBe(1);
    await store.close();
    store = await openLabStore(dir, clock);
    expect(await store.invoiceNumberOf(B)).toBe(2);
    expect(await store.nextInvoiceNumber('PD-CCCCCCCCCC')).toBe(3);
  });

  it('never repeats or skips while several processes ask at once', async () => {
    await store.close();
    const script = `
      const { openLabStore } = await import(${JSON.stringify(join(import.meta.dirname, '../../../server/lab/store/open.ts'))});
      const store = await openLabStore(process.argv[1]);
      const got = [];
      for (let i = 0; i < 40; i++) got.push(await store.nextInvoiceNumber(process.argv[2] + i));
      await store.close();
      console.log(JSON.stringify(got));`;
    const run = (tag: string) =>
      new Promise<number[]>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', '--input-type=module', '-e', script, dir, tag],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString()));
        child
          .once('error', reject)
          .once('exit', (code) =>
            code === 0
              ? resolve(JSON.parse(output) as number[])
              : reject(new Error(`exit ${code}`)),
          );
      });
    const [first, second, third] = await Promise.all([run('PD-A'), run('PD-B'), run('PD-C')]);
    const all = [...first!, ...second!, ...third!].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    store = await openLabStore(dir, clock);
  });
});
