import pg from 'pg';
import type { RecordsBackend } from './backend';
import { LOCKS, PgDatabase } from './postgres-db';
import { PostgresLocker } from './postgres-locker';
import { migrate } from './postgres-migrations';
import { PostgresOrders } from './postgres-orders';
import { PostgresRateLimiter, pruneRateBuckets } from './postgres-limiter';
import { PostgresStatuses } from './postgres-statuses';

/** Options of {@link postgresRecords}. */
export interface PostgresRecordsOptions {
  /** postgresql://user:password@host:port/database (password from the environment, see config.ts). */
  url: string;
  /**
   * Key of the HMAC under which rate limit keys (client addresses) are stored; every receiver
   * on the database must use the same one (config.ts passes the lookup secret).
   */
  keySecret: Buffer;
  /** Most connections in the pool; upload locks use one more of their own. Default 20. */
  poolSize?: number;
  /** How long an upload request waits for a lock another request holds; default 30 s. */
  lockTimeoutMs?: number;
  log: (line: string) => void;
}

const PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Records in PostgreSQL, for several receivers serving the same orders: order and status
 * records, rate limit buckets, tus upload locks (advisory locks, released through
 * LISTEN/NOTIFY and freed when a receiver dies) and the sweep's turn (pg_try_advisory_lock).
 * Migrates the schema before it resolves.
 */
export async function postgresRecords(opts: PostgresRecordsOptions): Promise<RecordsBackend> {
  const connection: pg.ClientConfig = {
    connectionString: opts.url,
    connectionTimeoutMillis: 10_000,
    application_name: 'photodose-receiver',
  };
  // A request waits up to 30 s for a pooled connection (pg-pool counts the wait for a free
  // one against connectionTimeoutMillis too) before it fails with 500 and its client retries.
  const pool = new pg.Pool({
    ...connection,
    connectionTimeoutMillis: 30_000,
    max: opts.poolSize ?? 20,
  });
  // An idle connection the server dropped must not take the process down.
  pool.on('error', (err) => opts.log(`database: idle connection lost (${err.message})`));
  const db = new PgDatabase(pool);
  try {
    const applied = await migrate(db);
    if (applied.length > 0) opts.log(`database: schema migrated to version ${applied.join(', ')}`);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`PostgreSQL at ${redact(opts.url)}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const locker = new PostgresLocker({
    connection,
    acquireTimeoutMs: opts.lockTimeoutMs,
    log: opts.log,
  });
  const exclusive: RecordsBackend['exclusive'] = async (name, fn) => {
    // A session lock on a connection of its own, held while `fn` runs; if this receiver dies
    // the session ends and another receiver's next sweep takes the turn.
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok',
        [LOCKS.jobs, name],
      );
      if (!rows[0]?.ok) return false;
      try {
        await fn();
      } finally {
        await client
          .query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCKS.jobs, name])
          .catch((e: Error) => (broken = e));
      }
      return true;
    } finally {
      client.release(broken);
    }
  };
  const prune = setInterval(() => {
    void exclusive('rate-prune', async () => {
      await pruneRateBuckets(db, Date.now());
    }).catch((err: unknown) => opts.log(`rate limit prune failed: ${(err as Error).message}`));
  }, PRUNE_INTERVAL_MS);
  prune.unref();
  return {
    kind: 'postgres',
    orders: new PostgresOrders(db),
    statuses: new PostgresStatuses(db),
    rateLimiter: (name, limiterOpts) =>
      new PostgresRateLimiter(db, name, limiterOpts, opts.keySecret),
    locker,
    exclusive,
    ready: async () => {
      try {
        // On the lock session, not the pool: a pool busy with orders must not look unready
        // (a load balancer would take a loaded receiver out, loading the others more).
        await (await locker.connection()).query('SELECT 1');
      } catch (err) {
        throw new Error(
          `PostgreSQL at ${redact(opts.url)} can't be reached: ${(err as Error).message}`,
          { cause: err },
        );
      }
    },
    close: async () => {
      clearInterval(prune);
      await locker.close();
      await db.close();
    },
  };
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured database';
  }
}
