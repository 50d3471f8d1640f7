import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli, startCli, type Running } from '../../e2e/support/processes';
import { listOrders } from '../../../services/upload/lab-api';
import { makeTestPki, type TestPki } from './pki';

/**
 * The whole path over TLS, as shipped: `photodose receiver --tls-cert --tls-key`, the host
 * sending an order to a lab configuration with `serverPins`, and `photodose lab pull --pin`;
 * the test's CA is trusted the one way a release allows, NODE_EXTRA_CA_CERTS.
 */
const run = promisify(execFile);
let root: string;
let pki: TestPki;
let receiver: Running;
let serverUrl: string;
let identityFile: string;
let recipient: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'photodose-tls-host-'));
  pki = await makeTestPki(join(root));
  env = { ...process.env, NODE_EXTRA_CA_CERTS: pki.caFile };
  identityFile = join(root, 'lab-identity.txt');
  await run('age-keygen', ['-o', identityFile]);
  recipient = (await run('age-keygen', ['-y', identityFile])).stdout.trim();
  const args = ['receiver', '--port', '0', '--data', join(root, 'provider')];
  const tls = ['--tls-cert', pki.good.certFile, '--tls-key', pki.good.keyFile];
  const started = await startCli([...args, ...tls], /Receiver running at (https:\/\/\S+)\n/);
  receiver = started;
  serverUrl = started.match[1]!;
  // Key, certificates and a receiver process: slow on a busy machine.
}, 180_000);
afterAll(async () => {
  await receiver?.stop();
  await rm(root, { recursive: true, force: true });
});

async function sendThroughHost(pins: string[]) {
  const child = join(import.meta.dirname, 'host-order-child.ts');
  const { stdout } = await run('npx', ['tsx', child, serverUrl, recipient, JSON.stringify(pins)], {
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as {
    outcome: {
      ok: boolean;
      result?: { orderId: string };
      error?: { code: string; params?: unknown };
    };
    message?: string;
  };
}

const pull = (pins: string[], out: string) =>
  runCli(
    [
      'lab', 'pull', '--server', serverUrl, '--out', out, '--identity', identityFile,
      '--lab-token-file', join(root, 'provider', 'lab-token'),
      ...pins.flatMap((pin) => ['--pin', pin]),
    ], // prettier-ignore
    env,
  );

// Each child process starts tsx and the host: slow on a busy two-core machine.
describe('an order over TLS, end to end', { timeout: 240_000 }, () => {
  it('refuses a server whose key matches no pin of the lab configuration, sending nothing', async () => {
    const sent = await sendThroughHost([pki.backup.pin]);
    expect(sent.outcome.ok).toBe(false);
    expect(sent.outcome.error).toMatchObject({
      code: 'server-untrusted',
      params: { problem: 'pinMismatch' },
    });
    expect(sent.message).toContain('nicht mit dem Schlüssel deines Fotolabors ausgewiesen');
    // Not even an empty order was opened on the server.
    expect(await readdir(join(root, 'provider', 'orders'))).toEqual([]);
  });

  it('sends an order with the pinned key, and the lab pulls it with its pin', async () => {
    const sent = await sendThroughHost([pki.good.pin, pki.backup.pin]);
    expect(sent.outcome).toMatchObject({ ok: true });
    const orderId = sent.outcome.result!.orderId;
    const out = join(root, 'lab-orders');
    const output = await pull([pki.backup.pin, pki.good.pin], out);
    expect(output).toContain(`1 orders pulled into ${out}, 0 failed`);
    const manifest = JSON.parse(await readFile(join(out, orderId, 'manifest.json'), 'utf8'));
    expect(manifest.orderId).toBe(orderId);
  });

  it("the lab's pull refuses the server when its key matches none of the pins", async () => {
    const out = join(root, 'lab-orders-refused');
    await expect(pull([pki.backup.pin], out)).rejects.toThrow(/not trusted.*PIN_MISMATCH/);
    await expect(pull(['sha256//not-a-pin'], out)).rejects.toThrow(/--pin invalid/);
  });

  it('the receiver refuses a key that does not belong to its certificate', async () => {
    const args = ['receiver', '--port', '0', '--data', join(root, 'other')];
    const tls = ['--tls-cert', pki.good.certFile, '--tls-key', pki.backup.keyFile];
    await expect(runCli([...args, ...tls])).rejects.toThrow(/does not belong to the certificate/);
    await expect(runCli([...args, '--tls-cert', pki.good.certFile])).rejects.toThrow(
      /--tls-cert and --tls-key go together/,
    );
  });

  it('serves a renewed certificate after SIGHUP, without a restart', async () => {
    const certFile = join(root, 'live.pem');
    const keyFile = join(root, 'live.key');
    await copyFile(pki.good.certFile, certFile);
    await copyFile(pki.good.keyFile, keyFile);
    const args = ['receiver', '--port', '0', '--data', join(root, 'renewing')];
    const started = await startCli(
      [...args, '--tls-cert', certFile, '--tls-key', keyFile],
      /Receiver running at (https:\/\/\S+)\n/,
    );
    try {
      const url = started.match[1]!;
      const labToken = (await readFile(join(root, 'renewing', 'lab-token'), 'utf8')).trim();
      const pinned = (...pins: string[]) => ({ trust: { extraCa: [pki.ca], pins } });
      await expect(listOrders(url, labToken, pinned(pki.good.pin))).resolves.toEqual([]);
      await copyFile(pki.backup.certFile, certFile);
      await copyFile(pki.backup.keyFile, keyFile);
      started.child.kill('SIGHUP');
      await expect.poll(() => started.output(), { timeout: 30_000 }).toContain('SIGHUP: serving');
      await expect(listOrders(url, labToken, pinned(pki.backup.pin))).resolves.toEqual([]);
      // A client pinning only the old key (on a new connection: open ones keep their key).
      await expect(
        listOrders(url, labToken, pinned(pki.good.pin, pki.unknownCa.pin)),
      ).rejects.toThrow(/PIN_MISMATCH/);
    } finally {
      await started.stop();
    }
  });
});
