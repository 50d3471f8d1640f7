import { createHmac } from 'node:crypto';
import type { RateDecision, RateLimiter, TokenBucketOptions } from '../rate-limit';
import type { PgDatabase } from './postgres-db';

const HOUR = 60 * 60 * 1000;

/**
 * A token bucket per key in PostgreSQL (table receiver_rate_buckets): every receiver on the
 * database counts into the same buckets, so a client spreading its requests over several
 * receivers behind a load balancer gets no more than from one. The database function
 * receiver_take_token (postgres-migrations.ts) refills and takes under the row's lock.
 *
 * Keys (client addresses, order ids) are stored as an HMAC under `keySecret`, never as such,
 * and a bucket's row goes once it would be full again (PostgresRecords' prune).
 */
export class PostgresRateLimiter implements RateLimiter {
  private readonly perMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: PgDatabase,
    private readonly name: string,
    private readonly opts: TokenBucketOptions,
    private readonly keySecret: Buffer,
  ) {
    this.perMs = opts.perHour / HOUR;
    this.now = opts.now ?? Date.now;
  }

  async take(key: string): Promise<RateDecision> {
    const keyHash = createHmac('sha256', this.keySecret)
      .update(`${this.name}\0${key}`, 'utf8')
      .digest('hex');
    const { rows } = await this.db.query<{ tokens: number; allowed: boolean }>(
      'SELECT allowed, tokens FROM receiver_take_token($1, $2, $3, $4, $5)',
      [this.name, keyHash, this.opts.burst, Math.round(this.now()), this.perMs],
    );
    const row = rows[0];
    if (!row) throw new Error(`rate limiter ${this.name}: no bucket row came back`);
    if (row.allowed) return { allowed: true };
    return { allowed: false, retryAfterMs: (1 - row.tokens) / this.perMs };
  }
}

/** Deletes the buckets that are full again by `nowMs` (a fresh bucket is the same); how many went. */
export async function pruneRateBuckets(db: PgDatabase, nowMs: number): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM receiver_rate_buckets WHERE full_at_ms <= $1', [
    nowMs,
  ]);
  return rowCount ?? 0;
}
