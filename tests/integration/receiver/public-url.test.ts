import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReceiver } from '../../../server/receiver/index';
import { createOrder } from '../../../services/upload/receiver-api';
import { startTestReceiver } from './helpers';
import type { TestReceiver } from './helpers';

let dir: string;
let receiver: TestReceiver | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-public-url-'));
});
afterEach(async () => {
  await receiver?.dispose();
  receiver = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('receiver behind a TLS terminator: the public URL', () => {
  it('hands clients upload URLs under the public URL, not its bound address', async () => {
    receiver = await startTestReceiver({ publicUrl: 'https://orders.example.com/photodose/' });
    const order = await createOrder(receiver.url);
    expect(order.uploadUrl).toBe('https://orders.example.com/photodose/api/v1/uploads/');
    expect(receiver.uploadUrl).toBe(order.uploadUrl);
  });

  it.each([
    [
      'orders.example.com',
      'public URL "orders.example.com" is not a URL: give e.g. https://orders.example.com',
    ],
    [
      'ftp://orders.example.com',
      'public URL "ftp://orders.example.com" must start with https:// (or http://)',
    ],
    [
      'https://orders.example.com/?x=1',
      'public URL "https://orders.example.com/?x=1" must not have a query string',
    ],
    [
      'https://orders.example.com/?',
      'public URL "https://orders.example.com/?" must not have a query string',
    ],
    [
      'https://orders.example.com/#top',
      'public URL "https://orders.example.com/#top" must not have a fragment (#)',
    ],
    [
      'https://lab:secret@orders.example.com/',
      'public URL "orders.example.com" must not carry a user name or password',
    ],
  ])('refuses %j before creating anything', async (publicUrl, message) => {
    const dataDir = join(dir, 'data');
    await expect(createReceiver({ dataDir, publicUrl })).rejects.toThrow(message);
    await expect(readdir(dataDir)).rejects.toThrow('ENOENT');
  });

  it('refuses a public URL or a non-loopback address for a local-only receiver', async () => {
    const dataDir = join(dir, 'data');
    const message = 'a local-only receiver binds to 127.0.0.1 (or ::1) and has no public URL';
    await expect(
      createReceiver({ dataDir, localOnly: true, publicUrl: 'https://orders.example.com' }),
    ).rejects.toThrow(message);
    await expect(createReceiver({ dataDir, localOnly: true, host: '0.0.0.0' })).rejects.toThrow(
      message,
    );
  });
});

describe('photodose receiver --public-url', () => {
  const cli = resolve(import.meta.dirname, '../../../bin/photodose.js');

  /** Starts the command; `printed` resolves with its output once it matches, `exited` on exit. */
  function startCli(args: string[]) {
    const child = spawn(process.execPath, [cli, 'receiver', ...args], { stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<{ code: number | null; out: string; err: string }>((done) =>
      child.on('exit', (code) => done({ code, out, err })),
    );
    const printed = (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((done, fail) => {
        const look = () => {
          const match = pattern.exec(out);
          if (match) return done(match);
          if (child.exitCode !== null) return fail(new Error(`exited: ${out}${err}`));
          setTimeout(look, 20);
        };
        look();
      });
    return { child, printed, exited };
  }

  it('prints the public upload URL and hands it to clients', async () => {
    const run = startCli([
      '--port',
      '0',
      '--data',
      join(dir, 'data'),
      '--public-url',
      'https://orders.example.com',
    ]);
    try {
      const [, url] = await run.printed(/Receiver running at (http:\/\/127\.0\.0\.1:\d+)\n/);
      const [, printedUpload] = await run.printed(/Clients upload to (\S+)\n/);
      expect(printedUpload).toBe('https://orders.example.com/api/v1/uploads/');
      const order = await createOrder(url!);
      expect(order.uploadUrl).toBe('https://orders.example.com/api/v1/uploads/');
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });

  it('refuses a malformed --public-url with its reason', async () => {
    const run = startCli(['--port', '0', '--data', join(dir, 'data'), '--public-url', 'ftp://x']);
    const { code, err } = await run.exited;
    expect(code).toBe(1);
    expect(err).toBe('photodose: public URL "ftp://x" must start with https:// (or http://)\n');
  });
});
