import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReceiverConfig, resolveReference } from '../../../server/receiver/config';
import { startPostgres } from '../../support/postgres';
import type { TestPostgres } from '../../support/postgres';
import { meta, tus } from '../receiver/helpers';

const cli = resolve(import.meta.dirname, '../../../bin/photodose.js');
let dir: string;
let postgres: TestPostgres | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-config-'));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await postgres?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function configFile(name: string, config: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(config), { mode: 0o600 });
  return file;
}

/** `photodose receiver ARGS`; resolves with its URL, or rejects with what it wrote on exit. */
function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [cli, 'receiver', ...args], {
    stdio: 'pipe',
    env: { ...process.env, ...env },
  });
  children.push(child);
  let out = '';
  return new Promise((done, fail) => {
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Receiver running at (\S+)\n/.exec(out);
      if (match) done({ url: match[1]!, child });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => fail(new Error(`receiver exited (${code}): ${out}`)));
  });
}

describe('config file', { timeout: 180_000 }, () => {
  it('names every problem with its place, and asks shared receivers to share their secrets', async () => {
    const file = await configFile('bad.json', {
      records: { kind: 'postgres', url: 'env:PHOTODOSE_DATABASE_URL' },
      listen: { port: 70000 },
      bogus: true,
    });
    const error = await readReceiverConfig(file).then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(error).toContain(`config ${file} is not valid`);
    expect(error).toMatch(/listen\.port: .*65535/);
    expect(error).toMatch(/bogus/);
    expect(error).toMatch(/labToken: receivers sharing PostgreSQL must share the labToken/);
    expect(error).toMatch(/lookupSecret: receivers sharing PostgreSQL must share/);
  });

  it('reads env: and file: references and says which one is missing', async () => {
    await writeFile(join(dir, 'token.txt'), 'from-a-file-0123456789\n');
    const context = { env: { PHOTODOSE_X: 'from-env' }, baseDir: dir };
    expect(await resolveReference('env:PHOTODOSE_X', 'labToken', context)).toBe('from-env');
    expect(await resolveReference('file:token.txt', 'labToken', context)).toBe(
      'from-a-file-0123456789',
    );
    await expect(resolveReference('env:PHOTODOSE_NOPE', 'records.url', context)).rejects.toThrow(
      'records.url: the environment variable PHOTODOSE_NOPE is not set',
    );
  });

  it('the command refuses other options beside --config', async () => {
    const file = await configFile('plain.json', { dataDir: join(dir, 'plain') });
    await expect(startCli(['--config', file, '--port', '0'])).rejects.toThrow(
      /--config takes everything from the file: leave out --port/,
    );
  });

  it('runs the embedded default from a config file', async () => {
    const file = await configFile('files.json', {
      listen: { host: '127.0.0.1', port: 0 },
      dataDir: 'embedded',
    });
    const { url, child } = await startCli(['--config', file]);
    const created = await fetch(`${url}/api/v1/orders`, { method: 'POST' });
    expect(created.status).toBe(201);
    child.kill('SIGTERM');
  });
});

/** A PATCH from offset 0 that sends `first` and then holds its body open, as a slow customer's does. */
function stalledPatch(uploadUrl: string, token: string, total: number, first: Buffer) {
  const req = request(uploadUrl, {
    method: 'PATCH',
    headers: {
      ...tus(token),
      'Upload-Offset': '0',
      'Content-Type': 'application/offset+octet-stream',
      'Content-Length': String(total),
    },
  });
  const answered = new Promise<number | 'cut'>((done) => {
    req.on('response', (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', () => done('cut'));
  });
  req.write(first);
  return { answered, destroy: () => req.destroy() };
}

// Starting two receiver processes (tsx compiles each) takes a minute on a busy machine.
describe('several receivers on one PostgreSQL', { timeout: 300_000 }, () => {
  it('share orders, rate limits and upload locks, and a killed one lets go of its upload', async () => {
    postgres = await startPostgres();
    const env = {
      PHOTODOSE_DATABASE_URL: await postgres.newDatabase(),
      PHOTODOSE_LAB_TOKEN: 'lab-token-of-the-test-0123456789',
      PHOTODOSE_LOOKUP_SECRET: randomBytes(32).toString('base64url'),
    };
    const config = {
      listen: { host: '127.0.0.1', port: 0 },
      // One uploads folder for both stands in for shared storage (an S3 store in production).
      dataDir: 'shared',
      records: { kind: 'postgres', url: 'env:PHOTODOSE_DATABASE_URL' },
      labToken: 'env:PHOTODOSE_LAB_TOKEN',
      lookupSecret: 'env:PHOTODOSE_LOOKUP_SECRET',
      limits: { orderBurst: 3, ordersPerHour: 1 },
    };
    const file = await configFile('scaled.json', config);
    const [one, two] = await Promise.all([
      startCli(['--config', file], env),
      startCli(['--config', file], env),
    ]);

    // Three new orders from this address in all, however they are spread.
    const newOrder = (url: string) => fetch(`${url}/api/v1/orders`, { method: 'POST' });
    const replies = [
      await newOrder(one.url),
      await newOrder(two.url),
      await newOrder(one.url),
      await newOrder(two.url),
    ];
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 429]);
    const order = (await replies[0]!.json()) as { orderId: string; uploadToken: string };

    // An upload created through receiver one is known to receiver two.
    const data = randomBytes(256 * 1024);
    const created = await fetch(`${one.url}/api/v1/uploads/`, {
      method: 'POST',
      headers: tus(order.uploadToken, {
        'Upload-Length': String(data.length),
        'Upload-Metadata': meta({ order: order.orderId, name: 'photo.age' }),
      }),
    });
    expect(created.status).toBe(201);
    const path = new URL(created.headers.get('location')!, one.url).pathname;
    const head = async (url: string) => {
      const res = await fetch(`${url}${path}`, { method: 'HEAD', headers: tus(order.uploadToken) });
      expect(res.status).toBe(200);
      return Number(res.headers.get('upload-offset'));
    };

    // A PATCH stalled in receiver one holds the upload's lock; a HEAD through receiver two asks
    // receiver one to let go: the stalled PATCH gets its answer, and the offset is what it wrote.
    const first = stalledPatch(
      `${one.url}${path}`,
      order.uploadToken,
      data.length,
      data.subarray(0, 64 * 1024),
    );
    await new Promise((r) => setTimeout(r, 500));
    const offset = await head(two.url);
    const stillOpen = new Promise<'still open'>((r) => setTimeout(() => r('still open'), 10_000));
    expect(await Promise.race([first.answered, stillOpen])).toBe(204);
    first.destroy();
    expect(offset).toBe(64 * 1024);

    // Receiver one dies by SIGKILL in the middle of a PATCH: its lock goes with its session.
    const third = request(`${one.url}${path}`, {
      method: 'PATCH',
      headers: {
        ...tus(order.uploadToken),
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(data.length - offset),
      },
    });
    third.on('error', () => undefined);
    third.write(data.subarray(offset, offset + 64 * 1024));
    await new Promise((r) => setTimeout(r, 500));
    one.child.kill('SIGKILL');
    const resumeAt = await head(two.url);
    expect(resumeAt).toBeGreaterThanOrEqual(offset);
    const rest = await fetch(`${two.url}${path}`, {
      method: 'PATCH',
      headers: {
        ...tus(order.uploadToken),
        'Upload-Offset': String(resumeAt),
        'Content-Type': 'application/offset+octet-stream',
      },
      body: data.subarray(resumeAt),
    });
    expect(rest.status).toBe(204);
    const commit = await fetch(`${two.url}/api/v1/orders/${order.orderId}/commit`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${order.uploadToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [{ name: 'photo.age', size: data.length }] }),
    });
    expect(commit.status).toBe(200);
    const lab = await fetch(`${two.url}/api/v1/lab/orders/${order.orderId}/files/photo.age`, {
      headers: { Authorization: `Bearer ${env.PHOTODOSE_LAB_TOKEN}` },
    });
    expect(Buffer.from(await lab.arrayBuffer()).equals(data)).toBe(true);
    two.child.kill('SIGTERM');
  });
});
