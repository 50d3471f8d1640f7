import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../../server/receiver/orders';
import type { RecordsBackend } from '../../../server/receiver/records/backend';
import { postgresRecords } from '../../../server/receiver/records/postgres';
import { PgDatabase } from '../../../server/receiver/records/postgres-db';
import { pruneRateBuckets } from '../../../server/receiver/records/postgres-limiter';
import { MIGRATIONS, migrate } from '../../../server/receiver/records/postgres-migrations';
import { StatusStore } from '../../../server/receiver/status-store';
import { startPostgres } from '../../support/postgres';
import type { TestPostgres } from '../../support/postgres';

// Real PostgreSQL (scripts/postgres-start.sh), one server for the file, a database per test.
// Two backends on one database stand for two receivers: separate pools and lock sessions.

let postgres: TestPostgres;
const opened: RecordsBackend[] = [];
const secret = randomBytes(32);

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);

afterAll(async () => {
  for (const backend of opened) await backend.close().catch(() => undefined);
  await postgres?.stop();
});

/** A backend on `url`, as one receiver has it; closed after the file. */
async function receiverRecords(url: string, lockTimeoutMs?: number): Promise<RecordsBackend> {
  const backend = await postgresRecords({ url, keySecret: secret, lockTimeoutMs, log: () => {} });
  opened.push(backend);
  return backend;
}

function order(orderId: string, extra: Partial<OrderRecord> = {}): OrderRecord {
  return {
    version: 1,
    orderId,
    tokenHash: 'a'.repeat(64),
    state: 'open',
    createdAt: '2026-11-26T06:00:00.123Z',
    updatedAt: '2026-11-26T06:00:00.123Z',
    uploads: [],
    ...extra,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('schema migrations', () => {
  it('apply once, also when receivers start together, and refuse a newer schema', async () => {
    const url = await postgres.newDatabase();
    const dbs = [1, 2, 3].map(() => new PgDatabase(new pg.Pool({ connectionString: url })));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(dbs[0]!)).toEqual([]);
      const rows = await postgres.query<{ version: number }>(
        url,
        'SELECT version FROM receiver_schema_migrations ORDER BY version',
      );
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      await postgres.query(url, "INSERT INTO receiver_schema_migrations VALUES (999, 'future')");
      await expect(migrate(dbs[0]!)).rejects.toThrow(
        /schema version 999, newer than this receiver knows/,
      );
    } finally {
      for (const db of dbs) await db.close();
    }
  });

  it('name the database (without password) when it cannot be reached', async () => {
    const url = postgres.url.replace('photodose@', 'photodose:hunter2@').replace(/:\d+\//, ':1/');
    const failure = postgresRecords({ url, keySecret: secret, log: () => {} });
    await expect(failure).rejects.toThrow(/PostgreSQL at postgresql:\/\/photodose:\*\*\*@127/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});

describe('readiness', () => {
  it('says the database cannot be reached while it refuses connections, and recovers', async () => {
    const url = await postgres.newDatabase();
    const name = new URL(url).pathname.slice(1);
    const backend = await receiverRecords(url);
    await backend.ready();
    await postgres.query(postgres.url, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await postgres.query(
      postgres.url,
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    await expect(backend.ready()).rejects.toThrow(
      new RegExp(
        `PostgreSQL at postgresql://photodose@127\\.0\\.0\\.1:\\d+/${name} can't be reached`,
      ),
    );
    await postgres.query(postgres.url, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await backend.ready();
    await backend.orders.put(order('PD-AAAAAAAAAA'));
  });

  it('asks again and again while connections are refused, and leaves no rejection unhandled', async () => {
    const url = await postgres.newDatabase();
    const name = new URL(url).pathname.slice(1);
    const backend = await receiverRecords(url);
    await backend.ready();
    const unhandled: unknown[] = [];
    const seeUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', seeUnhandled);
    try {
      await postgres.query(postgres.url, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await postgres.query(
        postgres.url,
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      // Each failed attempt's connection ends while the next attempt is under way, as when a
      // load balancer asks /readyz every few seconds through a database restart.
      for (let i = 0; i < 8; i++) {
        await expect(backend.ready()).rejects.toThrow(/can't be reached/);
      }
      await pause(300);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', seeUnhandled);
      await postgres.query(postgres.url, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }
    await backend.ready();
  });
});

describe('order records', () => {
  it('keep a record as written, list ids in order and report a damaged one by id', async () => {
    const url = await postgres.newDatabase();
    const { orders } = await receiverRecords(url);
    const complete = order('PD-BBBBBBBBBB', {
      state: 'complete',
      lookupHmac: 'b'.repeat(64),
      committedAt: '2026-11-26T06:01:02.003Z',
      uploads: [{ name: 'photo-1.age', uploadId: 'c'.repeat(32), size: 12 }],
      files: [{ name: 'photo-1.age', size: 12 }],
    });
    await orders.put(complete);
    await orders.put(order('PD-AAAAAAAAAA'));
    await orders.put(order('PD-CCCCCCCCCC'));
    expect(await orders.get('PD-BBBBBBBBBB')).toEqual(complete);
    expect(await orders.get('PD-DDDDDDDDDD')).toBeUndefined();
    await orders.remove('PD-AAAAAAAAAA');
    expect(await orders.ids()).toEqual(['PD-BBBBBBBBBB', 'PD-CCCCCCCCCC']);

    await postgres.query(url, "UPDATE receiver_orders SET token_hash = 'x' WHERE order_id = $1", [
      'PD-CCCCCCCCCC',
    ]);
    await expect(orders.get('PD-CCCCCCCCCC')).rejects.toThrow(/PD-CCCCCCCCCC is corrupt/);
    const damaged: string[] = [];
    const seen: string[] = [];
    for await (const r of orders.readable((id) => damaged.push(id))) seen.push(r.orderId);
    expect(seen).toEqual(['PD-BBBBBBBBBB']);
    expect(damaged).toEqual(['PD-CCCCCCCCCC']);
  });

  it('withOrder excludes the same order in another receiver: no update is lost', async () => {
    const url = await postgres.newDatabase();
    const [a, b] = [await receiverRecords(url), await receiverRecords(url)];
    await a.orders.put(order('PD-AAAAAAAAAA'));
    // Each turn reads the record, waits, and writes it back with one upload more: without the
    // lock, turns of the two receivers interleave and overwrite each other's upload.
    const turn = (records: RecordsBackend, i: number) =>
      records.orders.withOrder('PD-AAAAAAAAAA', async () => {
        const current = await records.orders.get('PD-AAAAAAAAAA');
        await pause(20);
        const uploadId = i.toString(16).padStart(32, '0');
        current!.uploads.push({ name: `f${i}.age`, uploadId, size: i });
        await records.orders.put(current!);
      });
    await Promise.all(Array.from({ length: 16 }, (_, i) => turn(i % 2 ? a : b, i)));
    const final = await a.orders.get('PD-AAAAAAAAAA');
    expect(final?.uploads.map((u) => u.size).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(
      Array.from({ length: 16 }, (_, i) => i),
    );
  });

  it('a withOrder that throws leaves the record as it was', async () => {
    const url = await postgres.newDatabase();
    const { orders } = await receiverRecords(url);
    await orders.put(order('PD-AAAAAAAAAA'));
    await expect(
      orders.withOrder('PD-AAAAAAAAAA', async () => {
        await orders.put(order('PD-AAAAAAAAAA', { state: 'complete' }));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await orders.get('PD-AAAAAAAAAA'))?.state).toBe('open');
  });
});

describe('status records', () => {
  it('answer lookups, take the lab state and go after their retention', async () => {
    const url = await postgres.newDatabase();
    const backend = await receiverRecords(url);
    let now = Date.parse('2026-11-26T06:00:00.000Z');
    const store = new StatusStore({ records: backend.statuses, secret, now: () => now });
    await store.open('PD-AAAAAAAAAA', store.keyHmac('key-a'));
    await store.open('PD-BBBBBBBBBB', store.keyHmac('key-b'));
    expect(await store.lookup('PD-AAAAAAAAAA', 'key-a')).toMatchObject({ state: 'submitted' });
    expect(await store.lookup('PD-AAAAAAAAAA', 'key-b')).toBeUndefined();
    now += 1000;
    await store.setState('PD-AAAAAAAAAA', {
      state: 'shipped',
      shipment: { trackingNumber: 'TRACK-1234' },
    });
    expect(await store.lookup('PD-AAAAAAAAAA', 'key-a')).toEqual({
      orderId: 'PD-AAAAAAAAAA',
      state: 'shipped',
      updatedAt: '2026-11-26T06:00:01.000Z',
      shipment: { trackingNumber: 'TRACK-1234', shippedAt: '2026-11-26T06:00:01.000Z' },
    });
    // Shipped: 180 days; never shipped: 365 days after the last change.
    now += 180 * 24 * 3600 * 1000;
    expect(await store.sweep()).toBe(1);
    expect(await postgres.query(url, 'SELECT order_id FROM receiver_statuses')).toEqual([
      { order_id: 'PD-BBBBBBBBBB' },
    ]);
    now += 185 * 24 * 3600 * 1000;
    expect(await store.sweep()).toBe(1);
    expect(await store.lookup('PD-BBBBBBBBBB', 'key-b')).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('count across receivers, also when they ask at once, and store no client address', async () => {
    const url = await postgres.newDatabase();
    const [a, b] = [await receiverRecords(url), await receiverRecords(url)];
    let now = 1_000_000;
    const opts = { burst: 3, perHour: 60, now: () => now };
    const limiters = [a.rateLimiter('orders', opts), b.rateLimiter('orders', opts)];
    const burst = (key: string) =>
      Promise.all(Array.from({ length: 100 }, (_, i) => limiters[i % 2]!.take(key)));
    // Once to open every pooled connection, so the next burst meets in the database at once.
    await burst('198.51.100.1');
    const decisions = await burst('203.0.113.7');
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
    const refused = decisions.find((d) => !d.allowed);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 60_000 });
    // Another address and another limiter have buckets of their own.
    expect(await limiters[1]!.take('203.0.113.8')).toEqual({ allowed: true });
    expect(await b.rateLimiter('lookup', opts).take('203.0.113.7')).toEqual({ allowed: true });
    // One a minute comes back.
    now += 60_000;
    expect(await limiters[1]!.take('203.0.113.7')).toEqual({ allowed: true });
    expect((await limiters[0]!.take('203.0.113.7')).allowed).toBe(false);
    const rows = await postgres.query(url, 'SELECT * FROM receiver_rate_buckets');
    expect(JSON.stringify(rows)).not.toContain('203.0.113');
  });

  it('forget a bucket once it is full again', async () => {
    const url = await postgres.newDatabase();
    const backend = await receiverRecords(url);
    const db = new PgDatabase(new pg.Pool({ connectionString: url }));
    try {
      let now = 5_000_000;
      const limiter = backend.rateLimiter('orders', { burst: 2, perHour: 60, now: () => now });
      await limiter.take('a');
      await limiter.take('a');
      await limiter.take('b');
      // 'a' is empty (full in 2 min), 'b' has one token left (full in 1 min).
      now += 60_000 - 1;
      expect(await pruneRateBuckets(db, now)).toBe(0);
      now += 1;
      expect(await pruneRateBuckets(db, now)).toBe(1);
      now += 60_000;
      expect(await pruneRateBuckets(db, now)).toBe(1);
      expect(await postgres.query(url, 'SELECT * FROM receiver_rate_buckets')).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('upload locks', () => {
  it('a request in one receiver asks the holder in another to let go, then gets the lock', async () => {
    const url = await postgres.newDatabase();
    const [a, b] = [await receiverRecords(url), await receiverRecords(url)];
    const held = a.locker.newLock('u1');
    let asked = 0;
    await held.lock(new AbortController().signal, async () => {
      asked++;
      await held.unlock();
    });
    const waiting = b.locker.newLock('u1');
    await waiting.lock(new AbortController().signal, () => undefined);
    expect(asked).toBe(1);
    // Now `a` must wait for `b`.
    const again = a.locker.newLock('u1');
    const later = again.lock(new AbortController().signal, () => undefined);
    let got = false;
    void later.then(() => (got = true));
    await pause(300);
    expect(got).toBe(false);
    await waiting.unlock();
    await later;
    await again.unlock();
  });

  it('a holder that does not let go makes the other wait until its timeout', async () => {
    const url = await postgres.newDatabase();
    const [a, b] = [await receiverRecords(url), await receiverRecords(url, 500)];
    const held = a.locker.newLock('u2');
    await held.lock(new AbortController().signal, () => undefined);
    await expect(
      b.locker.newLock('u2').lock(new AbortController().signal, () => undefined),
    ).rejects.toMatchObject({ status_code: 500, body: expect.stringMatching(/lock/i) });
    await held.unlock();
  });

  it('a holder whose lock session breaks is asked to stop, and the next lock works', async () => {
    const url = await postgres.newDatabase();
    const a = await receiverRecords(url);
    const held = a.locker.newLock('u4');
    let asked = 0;
    await held.lock(new AbortController().signal, () => {
      asked++;
    });
    await postgres.query(
      url,
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = hashtext('u4')::oid",
    );
    for (let i = 0; i < 50 && asked === 0; i++) await pause(100);
    expect(asked).toBe(1);
    await held.unlock();
    const again = a.locker.newLock('u4');
    await again.lock(new AbortController().signal, () => undefined);
    await again.unlock();
  });

  it('a receiver that dies frees its locks', async () => {
    const url = await postgres.newDatabase();
    const b = await receiverRecords(url, 20_000);
    // The dying receiver: a separate session holding the upload's lock, whose connection is
    // cut by the server (pg_terminate_backend), as the kernel cuts a SIGKILLed process's.
    const dying = await postgresRecords({ url, keySecret: secret, log: () => {} });
    const held = dying.locker.newLock('u3');
    await held.lock(new AbortController().signal, () => undefined);
    const waiting = b.locker.newLock('u3').lock(new AbortController().signal, () => undefined);
    await pause(300);
    await postgres.query(
      url,
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = hashtext('u3')::oid",
    );
    await waiting;
    await dying.close();
  });
});

describe('exclusive jobs', () => {
  it('run in one receiver at a time; the others skip their turn', async () => {
    const url = await postgres.newDatabase();
    const [a, b] = [await receiverRecords(url), await receiverRecords(url)];
    let release = () => {};
    const running = a.exclusive('expiry', () => new Promise<void>((r) => (release = r)));
    await pause(100);
    expect(await b.exclusive('expiry', async () => {})).toBe(false);
    expect(await b.exclusive('other-job', async () => {})).toBe(true);
    release();
    expect(await running).toBe(true);
    expect(await b.exclusive('expiry', async () => {})).toBe(true);
  });
});
