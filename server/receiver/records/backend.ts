import type { Locker } from '@tus/server';
import type { OrderRecords } from '../orders';
import type { RateLimiter, TokenBucketOptions } from '../rate-limit';
import type { StatusRecords } from '../status-store';

/**
 * Everything a receiver keeps besides the uploads' bytes, behind one choice of engine: files
 * under the data folder for one receiver (the embedded default, records/files.ts), or
 * PostgreSQL when several receivers serve the same orders (records/postgres.ts). With the
 * shared engine, locks, rate limits and the expiry sweep hold across all receivers.
 */
export interface RecordsBackend {
  readonly kind: 'files' | 'postgres';
  orders: OrderRecords;
  statuses: StatusRecords;
  /**
   * A token-bucket limiter called `name` (e.g. 'orders', 'lookup-address'); receivers on the
   * same shared backend count together. Keys are stored hashed, never as client addresses.
   */
  rateLimiter(name: string, opts: TokenBucketOptions): RateLimiter;
  /** The tus upload locks: with a shared backend, a PATCH in one receiver excludes all others. */
  locker: Locker;
  /**
   * Runs `fn` unless another receiver is running the job called `name` right now (resolves
   * false then, without waiting): with several receivers, one sweeps at a time.
   */
  exclusive(name: string, fn: () => Promise<void>): Promise<boolean>;
  /** Resolves when the engine answers; throws with a clear message when it can't be reached. */
  ready(): Promise<void>;
  /** Lets go of connections and locks. */
  close(): Promise<void>;
}
