import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresRecords } from '../../../server/receiver/records/postgres';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../support/round-robin-proxy';
import { startTestReceiver, type TestReceiver } from '../receiver/helpers';

/**
 * /readyz asks the backends themselves: with its PostgreSQL gone a receiver says it is not
 * ready (naming the records, not the database's address), stays alive, and the load balancer
 * sends it no more requests.
 */
let postgres: TestPostgres | undefined;
let receivers: TestReceiver[] = [];
let proxy: RoundRobinProxy | undefined;

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all(receivers.map((r) => r.dispose()));
  await postgres?.stop();
});

describe('readiness of a receiver on PostgreSQL', () => {
  it('is ready while the database answers, and not ready once it is gone', async () => {
    const url = await postgres!.newDatabase();
    const logs: string[] = [];
    const records = await postgresRecords({
      url,
      keySecret: randomBytes(32),
      log: (line) => logs.push(line),
    });
    // The embedded receiver next to it keeps its records in files: it stays ready.
    receivers = [await startTestReceiver({ records }), await startTestReceiver()];
    const [onDatabase, onFiles] = receivers.map((r) => r.url);
    proxy = await startRoundRobinProxy({ backends: [onDatabase!, onFiles!], pollMs: 100 });

    const ready = await fetch(`${onDatabase}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });

    await postgres!.stop();
    const down = await fetch(`${onDatabase}/readyz`);
    expect(down.status).toBe(503);
    const body = await down.text();
    expect(JSON.parse(body)).toEqual({ ready: false, failing: ['records'] });
    expect(body).not.toContain('127.0.0.1');
    expect(receivers[0]!.logs.some((l) => l.startsWith('not ready: records: '))).toBe(true);
    expect((await fetch(`${onDatabase}/healthz`)).status).toBe(200);
    expect((await fetch(`${onFiles}/readyz`)).status).toBe(200);

    const p = proxy;
    await vi.waitFor(() => expect(p.isUp(onDatabase!)).toBe(false), { timeout: 15_000 });
    p.served.length = 0;
    for (let i = 0; i < 4; i++) expect((await fetch(`${p.url}/api/v1/health`)).status).toBe(200);
    expect(p.served.map((s) => s.backend)).toEqual(Array(4).fill(new URL(onFiles!).origin));
    await records.close().catch(() => undefined);
  }, 120_000);
});
