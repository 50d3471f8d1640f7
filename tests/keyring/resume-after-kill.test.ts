import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../server/receiver';
import { pullOrders } from '../../server/lab/pull';
import { parseIdentityFile } from '../../services/age';
import { osKeychain } from '../../services/keychain/secret-store';
import { PendingOrderStore } from '../../services/order/pending-order';
import { customer, makeLabKey, run } from '../integration/host/support';
import { makePhoto } from '../fixtures/photos';
import { startMeteredLine, type MeteredLine } from '../support/metered-line';
import { killClients, startClient, type ClientMessage } from './support/client-process';
import { freePort } from '../support/free-port';

/**
 * The desktop app killed (SIGKILL, no chance to clean up) in the middle of an upload and
 * started again: the host finds the order in the OS keychain (gnome-keyring, npm run
 * test:keyring) and finishes the same order from where the server stopped. The client is a
 * process of its own (support/client-host.ts) on a line slowed to 1 MB/s, so the kill lands
 * mid-upload; the line counts every byte the client sent.
 */
const SEALED_CHUNK = 64 * 1024 + 16;
const service = `de.photodose.test-kill-${randomBytes(4).toString('hex')}`;

let dir: string;
let receiver: Receiver;
let line: MeteredLine;
let lab: { identityFile: string; recipient: string };
let photoPaths: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-kill-'));
  lab = await makeLabKey(dir);
  const port = await freePort();
  line = await startMeteredLine({ target: { host: '127.0.0.1', port }, bytesPerSecond: 1 << 20 });
  receiver = await createReceiver({ dataDir: join(dir, 'provider'), port, publicUrl: line.url });
  photoPaths = [];
  for (const [i, size] of [
    [2400, 1600],
    [1800, 2400],
    [2200, 1500],
  ].entries()) {
    const path = join(dir, `Urlaub ${i + 1}.jpg`);
    await writeFile(path, await makePhoto(size[0]!, size[1]!, 11 + i));
    photoPaths.push(path);
  }
}, 120_000);

afterAll(async () => {
  killClients();
  await new PendingOrderStore(osKeychain(service)).remove().catch(() => {});
  await line?.close();
  await receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('an order when the app is killed mid-upload and started again', () => {
  it('reaches the lab once, byte for byte, with at most one chunk sent twice', async () => {
    const config = JSON.stringify({
      service,
      serverUrl: line.url,
      recipient: lab.recipient,
      photos: photoPaths,
      customer,
    });

    // First run: order, and be killed once 40 % of the order went down the line; the line
    // drops what was still on its way, as if the machine lost power.
    const first = startClient('order', config);
    let total = 0;
    let orderId = '';
    await first.until((msg) => {
      const p = msg.event === 'order.progress' ? (msg.payload as Progress) : undefined;
      if (!p || p.phase !== 'uploading') return false;
      total = p.totalBytes;
      orderId = p.orderId ?? orderId;
      return true;
    });
    await vi.waitFor(() => expect(line.sentBytes).toBeGreaterThan(total * 0.4), {
      timeout: 60_000,
      interval: 20,
    });
    first.child.kill('SIGKILL');
    line.cutAll();
    await first.exited;
    expect(first.seen.some((m) => m.event === 'order.progress' && isDone(m))).toBe(false);

    // The keychain kept the order; the server has it open, not complete.
    const kept = await new PendingOrderStore(osKeychain(service)).load();
    expect(kept).toMatchObject({ state: 'found', order: { orderId } });
    const sentBeforeKill = line.sentBytes;
    expect(sentBeforeKill).toBeLessThan(total);

    // Second run: nothing but starting the app again.
    const second = startClient('resume', config);
    await second.until((msg) => isDone(msg));
    expect(await second.exited).toBe(0);
    expect(second.seen.some((m) => m.log === `order ${orderId}: resuming after a restart`)).toBe(
      true,
    );
    const resumedFrom = second.seen
      .filter((m) => m.event === 'order.progress')
      .map((m) => m.payload as Progress)
      .find((p) => p.phase === 'uploading');
    // It went on from what the server had, not from zero.
    expect(resumedFrom!.sentBytes).toBeGreaterThan(total * 0.3);

    // Exactly one order at the provider, complete, and no second one opened.
    const orders = await readdir(join(dir, 'provider', 'orders'));
    expect(orders.filter((name) => name.endsWith('.json'))).toEqual([`${orderId}.json`]);

    // Every byte sent once, but for at most one chunk around the kill (plus HTTP heads).
    const heads = line.connections * 1024;
    console.log(
      JSON.stringify({
        orderBytes: total,
        sentBeforeKill,
        sent: line.sentBytes,
        heads,
        connections: line.connections,
      }),
    );
    expect(line.sentBytes - total).toBeLessThanOrEqual(SEALED_CHUNK + heads);

    // Byte for byte, by Debian's age: every stored file decrypts, and each photo file's hash is
    // the one the manifest (sent by the first run) names.
    const uploads = join(dir, 'provider', 'uploads');
    const plaintexts: Buffer[] = [];
    for (const name of (await readdir(uploads)).filter((n) => !n.endsWith('.json'))) {
      const { stdout } = await run('age', ['-d', '-i', lab.identityFile, join(uploads, name)], {
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
      });
      plaintexts.push(stdout);
    }
    const manifestText = plaintexts.find((p) => p[0] === 0x7b);
    const manifest = JSON.parse(manifestText!.toString()) as {
      orderId: string;
      files: { sha256: string }[];
    };
    expect(manifest.orderId).toBe(orderId);
    expect(plaintexts).toHaveLength(manifest.files.length + 1);
    const hashes = plaintexts
      .filter((p) => p !== manifestText)
      .map((p) => createHash('sha256').update(p).digest('hex'));
    expect(hashes.sort()).toEqual(manifest.files.map((f) => f.sha256).sort());

    // The lab pulls exactly that one order and verifies every file.
    const report = await pullOrders({
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identities: parseIdentityFile(await readFile(lab.identityFile, 'utf8')),
      outDir: join(dir, 'lab-orders'),
    });
    expect(report.failed).toEqual([]);
    expect(report.pulled.map((p) => p.orderId)).toEqual([orderId]);

    // Through: the keychain holds nothing of it any more.
    expect(await new PendingOrderStore(osKeychain(service)).load()).toEqual({ state: 'none' });
  }, 240_000);
});

interface Progress {
  phase: string;
  sentBytes: number;
  totalBytes: number;
  orderId?: string;
}
function isDone(msg: ClientMessage): boolean {
  return msg.event === 'order.progress' && (msg.payload as Progress).phase === 'done';
}
