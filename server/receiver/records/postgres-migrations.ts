import type { PgDatabase } from './postgres-db';
import { LOCKS } from './postgres-db';

/**
 * The receiver's schema, one numbered step at a time. A step, once released, is never edited:
 * a change is a new step. Every receiver migrates at start; the steps run in one transaction
 * under an advisory lock, so receivers starting together apply each step once.
 *
 * No personal data in any table: order ids, hashes of tokens and lookup keys, file names
 * the client chose from a fixed alphabet, sizes, states and times; rate limits by keyed hash.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'order and status records, rate limit buckets',
    sql: `
      CREATE TABLE receiver_orders (
        order_id text PRIMARY KEY,
        record_version integer NOT NULL,
        token_hash text NOT NULL,
        lookup_hmac text,
        state text NOT NULL CHECK (state IN ('open', 'complete')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        committed_at timestamptz,
        uploads jsonb NOT NULL,
        files jsonb
      );
      CREATE TABLE receiver_statuses (
        order_id text PRIMARY KEY,
        record_version integer NOT NULL,
        key_hmac text NOT NULL,
        state text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        shipped_at timestamptz,
        shipment jsonb
      );
      CREATE TABLE receiver_rate_buckets (
        limiter text NOT NULL,
        key_hash text NOT NULL,
        tokens double precision NOT NULL,
        at_ms bigint NOT NULL,
        -- when the bucket is full again: the row can go then, a fresh one is the same
        full_at_ms bigint NOT NULL,
        PRIMARY KEY (limiter, key_hash)
      );
      CREATE INDEX receiver_rate_buckets_full ON receiver_rate_buckets (full_at_ms);
      -- Refill and take one token under the row's lock, so two receivers never both take the
      -- last one. Time never runs backwards for a bucket (receivers' clocks differ a little).
      CREATE FUNCTION receiver_take_token(p_limiter text, p_key text, p_burst float8,
          p_now bigint, p_per_ms float8, OUT allowed boolean, OUT tokens float8)
      LANGUAGE plpgsql AS $$
      DECLARE
        b receiver_rate_buckets%ROWTYPE;
        t float8;
      BEGIN
        INSERT INTO receiver_rate_buckets (limiter, key_hash, tokens, at_ms, full_at_ms)
          VALUES (p_limiter, p_key, p_burst, p_now, p_now) ON CONFLICT DO NOTHING;
        SELECT * INTO b FROM receiver_rate_buckets
          WHERE limiter = p_limiter AND key_hash = p_key FOR UPDATE;
        t := LEAST(p_burst, b.tokens + GREATEST(0, p_now - b.at_ms) * p_per_ms);
        allowed := t >= 1;
        IF allowed THEN t := t - 1; END IF;
        tokens := t;
        UPDATE receiver_rate_buckets SET tokens = t, at_ms = GREATEST(b.at_ms, p_now),
            full_at_ms = CASE WHEN p_per_ms > 0
              THEN GREATEST(b.at_ms, p_now) + ceil((p_burst - t) / p_per_ms)::bigint
              ELSE 9223372036854775807 END
          WHERE limiter = p_limiter AND key_hash = p_key;
      END $$;
    `,
  },
];

/** Applies the steps this database lacks; returns the versions applied now. */
export async function migrate(db: PgDatabase): Promise<number[]> {
  return db.locked(LOCKS.migrations, 'schema', async () => {
    await db.query(`CREATE TABLE IF NOT EXISTS receiver_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await db.query<{ version: number }>(
      'SELECT version FROM receiver_schema_migrations',
    );
    const have = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...have);
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    if (newest > known) {
      // A newer receiver migrated this database; this older one must not write to it.
      throw new Error(
        `the database has schema version ${newest}, newer than this receiver knows (${known}): update the receiver`,
      );
    }
    const applied: number[] = [];
    for (const step of MIGRATIONS) {
      if (have.has(step.version)) continue;
      await db.query(step.sql);
      await db.query('INSERT INTO receiver_schema_migrations (version, name) VALUES ($1, $2)', [
        step.version,
        step.name,
      ]);
      applied.push(step.version);
    }
    return applied;
  });
}
