import type { Lock, Locker, RequestRelease } from '@tus/server';
import { ERRORS } from '@tus/server';
import pg from 'pg';
import { LOCKS } from './postgres-db';

/** The channel on which receivers ask each other to let go of an upload ('release:<id>'). */
const CHANNEL = 'photodose_tus_locks';

/** Options of {@link PostgresLocker}. */
export interface PostgresLockerOptions {
  /** Connection settings of the lock session (not from the pool: its locks last for hours). */
  connection: pg.ClientConfig;
  /** How long a request waits for an upload's lock before tus answers it with an error. */
  acquireTimeoutMs?: number;
  /** How often a waiting request tries again when no release notice came. */
  retryMs?: number;
  log: (line: string) => void;
}

interface Holder {
  requestRelease: RequestRelease;
  /** True once the database lock is taken, not only the place in this process. */
  acquired: boolean;
}

/**
 * tus's upload locks across receivers, as PostgreSQL session advisory locks: a PATCH holds
 * its upload's lock in one receiver, and a request for the same upload in any other receiver
 * waits for it. The waiting receiver sends NOTIFY 'release:<id>' and the holding receiver
 * (LISTENing) asks its request to stop, as tus's own MemoryLocker does within one process.
 * All locks of one receiver live in one database session: when the receiver dies, the
 * session ends and PostgreSQL frees its locks, so no upload stays locked by a dead process.
 *
 * Session advisory locks are re-entrant within a session, so requests of this receiver
 * first take the upload's place in `holders`, and only one of them the database lock.
 */
export class PostgresLocker implements Locker {
  readonly holders = new Map<string, Holder>();
  private session: Promise<pg.Client> | undefined;
  private readonly waiters = new Map<string, Set<() => void>>();
  private closed = false;

  constructor(readonly opts: PostgresLockerOptions) {}

  newLock(id: string): Lock {
    return new PostgresLock(id, this);
  }

  /** The lock session, connected and listening (again, after it broke). */
  connection(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('the upload locker is closed'));
    this.session ??= this.connect().catch((err: unknown) => {
      this.session = undefined;
      throw err;
    });
    return this.session;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.opts.connection);
    client.on('notification', (msg) => {
      const [kind, id] = (msg.payload ?? '').split(':');
      if (!id) return;
      if (kind === 'release') {
        const holder = this.holders.get(id);
        if (holder?.acquired) void Promise.resolve(holder.requestRelease()).catch(() => undefined);
      } else if (kind === 'free') {
        for (const wake of this.waiters.get(id) ?? []) wake();
      }
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    return client;
  }

  /**
   * The session broke: PostgreSQL has freed its locks, so every upload this receiver was
   * writing is asked to stop (its client resumes, through any receiver).
   */
  private lost(client: pg.Client, err: Error): void {
    // A failed attempt's connection also ends, often while the next attempt is connecting:
    // that attempt's own caller hears of its failure, so here it is only not this session.
    void this.session?.then(
      (current) => {
        if (current !== client) return;
        this.session = undefined;
        if (this.closed) return;
        this.opts.log(`upload locks: database session lost (${err.message}); stopping writes`);
        for (const holder of this.holders.values()) {
          if (holder.acquired) void Promise.resolve(holder.requestRelease()).catch(() => undefined);
        }
      },
      () => undefined,
    );
  }

  /** Resolves on a 'free:<id>' notice or after `ms`, whichever comes first. */
  waitForFree(id: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(id) ?? new Set();
      this.waiters.set(id, set);
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        set.delete(done);
        if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      set.add(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = undefined;
    if (session) await (await session.catch(() => undefined))?.end().catch(() => undefined);
  }
}

class PostgresLock implements Lock {
  constructor(
    private readonly id: string,
    private readonly locker: PostgresLocker,
  ) {}

  async lock(stop: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const { acquireTimeoutMs = 30_000, retryMs = 200 } = this.locker.opts;
    const deadline = Date.now() + acquireTimeoutMs;
    const gaveUp = () => stop.aborted || Date.now() >= deadline;
    // First this receiver's place, as MemoryLocker does: ask the request holding it to stop.
    for (;;) {
      const holder = this.locker.holders.get(this.id);
      if (!holder) break;
      if (gaveUp()) throw ERRORS.ERR_LOCK_TIMEOUT;
      await holder.requestRelease();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const mine: Holder = { requestRelease, acquired: false };
    this.locker.holders.set(this.id, mine);
    try {
      let asked = false;
      for (;;) {
        const session = await this.locker.connection();
        const { rows } = await session.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok',
          [LOCKS.uploads, this.id],
        );
        if (rows[0]?.ok) {
          mine.acquired = true;
          return;
        }
        if (gaveUp()) throw ERRORS.ERR_LOCK_TIMEOUT;
        // Another receiver holds it: ask it to let go (again, now and then: a notice sent while
        // that receiver's session was reconnecting would be lost).
        if (!asked || Math.random() < 0.2) {
          await session.query('SELECT pg_notify($1, $2)', [CHANNEL, `release:${this.id}`]);
          asked = true;
        }
        await this.locker.waitForFree(this.id, retryMs, stop);
      }
    } catch (err) {
      if (this.locker.holders.get(this.id) === mine) this.locker.holders.delete(this.id);
      throw err;
    }
  }

  async unlock(): Promise<void> {
    const mine = this.locker.holders.get(this.id);
    if (!mine) throw new Error('Releasing an unlocked lock!');
    this.locker.holders.delete(this.id);
    if (!mine.acquired) return;
    try {
      const session = await this.locker.connection();
      await session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCKS.uploads, this.id]);
      await session.query('SELECT pg_notify($1, $2)', [CHANNEL, `free:${this.id}`]);
    } catch (err) {
      // A broken session took the lock with it; waiters find it free on their next try.
      this.locker.opts.log(`upload locks: unlock after a lost session (${(err as Error).message})`);
    }
  }
}
