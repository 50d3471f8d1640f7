import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createOrder } from '../../../services/upload/receiver-api';
import { errorOf, meta, tus } from './helpers';

const cli = resolve(import.meta.dirname, '../../../bin/photodose.js');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** Starts `photodose receiver` with `args` and resolves with the URL it prints. */
async function startCli(args: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'photodose-cli-limits-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [cli, 'receiver', '--port', '0', '--data', dir, ...args], {
    stdio: 'pipe',
  });
  const exited = new Promise((done) => child.on('exit', done));
  cleanup.push(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  let out = '';
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Receiver running at (http:\/\/\S+)\n/.exec(out);
      if (match?.[1]) done(match[1]);
    });
    child.on('exit', () => fail(new Error(`receiver exited: ${out}`)));
  });
}

it('applies the limit and proxy flags of photodose receiver', async () => {
  const url = await startCli([
    '--order-burst',
    '1',
    '--orders-per-hour',
    '2',
    '--max-order-size',
    '1K',
    '--disk-reserve',
    '0',
    '--trust-proxy',
  ]);
  const order = await createOrder(url);
  const second = await fetch(`${url}/api/v1/orders`, { method: 'POST' });
  expect(second.status).toBe(429);
  expect(second.headers.get('retry-after')).toBe('1800');
  // With --trust-proxy, the address the proxy forwarded is another client.
  const forwarded = await fetch(`${url}/api/v1/orders`, {
    method: 'POST',
    headers: { 'X-Forwarded-For': '198.51.100.7' },
  });
  expect(forwarded.status).toBe(201);

  const upload = await fetch(order.uploadUrl, {
    method: 'POST',
    headers: tus(order.uploadToken, {
      'Upload-Length': '1025',
      'Upload-Metadata': meta({ order: order.orderId, name: 'a.age' }),
    }),
  });
  expect(upload.status).toBe(413);
  expect(await errorOf(upload)).toMatch(/more than the limit of 1024 bytes per order$/);
});
