import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import { KeyedQueue } from '../json-files';

/**
 * Advisory lock namespaces (the first key of PostgreSQL's two-key advisory locks), so the
 * receiver's locks can't meet another application's in the same database. The second key is
 * hashtext() of the id: a collision only makes two ids wait for each other.
 */
export const LOCKS = {
  orders: 0x50440001,
  statuses: 0x50440002,
  uploads: 0x50440003,
  jobs: 0x50440004,
  migrations: 0x50440005,
} as const;

/** The transaction a `locked` call runs in, while it lasts. */
interface Transaction {
  client: pg.PoolClient;
  open: boolean;
}

/**
 * A connection pool whose `locked` runs a function in one transaction holding an advisory
 * lock; every `query` made inside it (also by other stores on the same database, such as the
 * status record written at commit) goes to that transaction, so nested locks never need a
 * second connection from the pool.
 */
export class PgDatabase {
  private readonly current = new AsyncLocalStorage<Transaction>();
  /** Waiters for one key in this process queue here, not each on a connection of their own. */
  private readonly queue = new KeyedQueue();

  constructor(readonly pool: pg.Pool) {}

  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>> {
    const tx = this.current.getStore();
    return tx?.open ? tx.client.query<R>(sql, params) : this.pool.query<R>(sql, params);
  }

  /**
   * Runs `fn` in a transaction holding the advisory lock (`space`, `key`): no other receiver on
   * this database runs a `locked` call with the same lock meanwhile. A throw rolls back what
   * `fn` wrote. Nested calls join the transaction that is already open.
   */
  async locked<T>(space: number, key: string, fn: () => Promise<T>): Promise<T> {
    const tx = this.current.getStore();
    if (tx?.open) {
      await tx.client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [space, key]);
      return fn();
    }
    return this.queue.run(`${space}:${key}`, async () => {
      const client = await this.pool.connect();
      const own: Transaction = { client, open: true };
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [space, key]);
        const result = await this.current.run(own, fn);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        // Work `fn` left running after it returned falls back to the pool.
        own.open = false;
        client.release(broken);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
