import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const SCRIPTS = join(import.meta.dirname, '..', '..', 'scripts');

/** A running throwaway PostgreSQL (scripts/postgres-start.sh) for one test file. */
export interface TestPostgres {
  /** URL of its `photodose` database. */
  url: string;
  /** A fresh, empty database on the same server, for one test; returns its URL. */
  newDatabase(): Promise<string>;
  /** Runs one statement as the superuser in database `url` (for the test's own look). */
  query<R extends pg.QueryResultRow>(url: string, sql: string, params?: unknown[]): Promise<R[]>;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL on a free loopback port in a temp folder (a few seconds): share one per
 * test file (beforeAll) and stop it in afterAll.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'photodose-pg-'));
  // As root the cluster belongs to `nobody`, who must be able to enter this folder.
  await chmod(dir, 0o711);
  const runDir = join(dir, 'run');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await run('sh', [join(SCRIPTS, 'postgres-stop.sh'), runDir]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  let output: string;
  for (let attempt = 0; ; attempt++) {
    try {
      // The port is free when asked; another process could take it before postgres binds.
      const port = await freePort();
      ({ stdout: output } = await run(
        'sh',
        [join(SCRIPTS, 'postgres-start.sh'), runDir, String(port)],
        { timeout: 120_000 },
      ));
      break;
    } catch (err) {
      await run('sh', [join(SCRIPTS, 'postgres-stop.sh'), runDir]).catch(() => undefined);
      await rm(runDir, { recursive: true, force: true });
      if (attempt < 2) continue;
      await stop();
      throw new Error(`PostgreSQL did not start: ${(err as Error).message}`, { cause: err });
    }
  }
  const line = output.split('\n').find((l) => l.startsWith('PHOTODOSE_DATABASE_URL='));
  if (!line) {
    await stop();
    throw new Error('postgres-start.sh printed no PHOTODOSE_DATABASE_URL');
  }
  const url = line.slice('PHOTODOSE_DATABASE_URL='.length);
  const query = async <R extends pg.QueryResultRow>(
    target: string,
    sql: string,
    params: unknown[] = [],
  ) => {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  let databases = 0;
  return {
    url,
    newDatabase: async () => {
      const name = `photodose_test_${++databases}`;
      await query(url, `CREATE DATABASE ${name}`);
      return url.replace(/\/photodose$/, `/${name}`);
    },
    query,
    stop,
  };
}

/** A port the OS says is free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
