import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders, type PullOptions } from '../../../server/lab/pull';
import { openLabStore } from '../../../server/lab/store/open';
import { generateIdentity } from '../../../services/age';
import { flipByte, sendOrder, type SealedOrder } from './support/lab-orders';

/**
 * `lab pull` as intake: a verified order is in its folder and recorded as received before the
 * provider deletes it; a damaged or tampered order is quarantined (its ciphertext in
 * quarantine/<id>/ with reason.txt, the state in the database), never half in the orders
 * folder, and left at the provider.
 */
let dir: string;
let receiver: Receiver;
let out: string;
const lab = generateIdentity();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-intake-'));
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
  out = join(dir, 'lab-orders');
});

afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

const pull = (extra: Partial<PullOptions> = {}) =>
  pullOrders({
    serverUrl: receiver.url,
    labToken: receiver.labToken,
    identities: [lab.identity],
    outDir: out,
    ...extra,
  });

/** The ciphertext files the provider still holds. */
async function atProvider(): Promise<Buffer[]> {
  const uploads = join(dir, 'provider', 'uploads');
  const names = (await readdir(uploads)).filter((n) => !n.endsWith('.json'));
  return Promise.all(names.map((n) => readFile(join(uploads, n))));
}

/** The provider's stored file holding `cipher`. */
async function storedPath(cipher: Buffer): Promise<string> {
  const uploads = join(dir, 'provider', 'uploads');
  for (const name of await readdir(uploads)) {
    if (name.endsWith('.json')) continue;
    if ((await readFile(join(uploads, name))).equals(cipher)) return join(uploads, name);
  }
  throw new Error('not stored');
}

async function stateOf(orderId: string) {
  const store = await openLabStore(out);
  try {
    return await store.get(orderId);
  } finally {
    await store.close();
  }
}

/** Pulls a damaged order and checks it is quarantined, whole, nowhere else, still at the provider. */
async function expectQuarantined(order: SealedOrder, reason: RegExp): Promise<void> {
  const report = await pull();
  expect(report.pulled).toEqual([]);
  expect(report.failed).toHaveLength(1);
  expect(report.failed[0]).toMatchObject({
    orderId: order.orderId,
    quarantined: join(out, 'quarantine', order.orderId),
  });
  expect(report.failed[0]!.reason).toMatch(reason);
  // Never half imported: no order folder, nothing being taken in, nothing decrypted anywhere.
  expect((await readdir(out)).sort()).toEqual(['lab.sqlite', 'quarantine']);
  const quarantined = join(out, 'quarantine', order.orderId);
  const held = (await readdir(quarantined)).sort();
  expect(held).toContain('reason.txt');
  expect(held.every((n) => n === 'reason.txt' || n.endsWith('.age'))).toBe(true);
  const reasonText = await readFile(join(quarantined, 'reason.txt'), 'utf8');
  expect(reasonText).toContain(`Order ${order.orderId} was not taken in`);
  expect(reasonText).toMatch(reason);
  for (const name of held.filter((n) => n.endsWith('.age'))) {
    const bytes = await readFile(join(quarantined, name));
    expect(bytes.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
  }
  const record = await stateOf(order.orderId);
  expect(record).toMatchObject({ state: 'quarantined', source: 'pull' });
  expect(record!.quarantineReason).toMatch(reason);
  // Not verified, so the provider keeps it (the customer may be asked to send it again).
  expect(await atProvider()).toHaveLength(order.files.length);
  // The next pull leaves it where it is, and says so.
  const again = await pull();
  expect(again.failed[0]!.reason).toMatch(/^quarantined earlier: /);
  expect(await atProvider()).toHaveLength(order.files.length);
}

describe('lab pull taking orders in', () => {
  it('records a verified order as received, then the provider deletes it', async () => {
    const order = await sendOrder(receiver.url, lab.recipient);
    const report = await pull();
    expect(report.failed).toEqual([]);
    expect(report.pulled).toEqual([
      { orderId: order.orderId, dir: join(out, order.orderId), photos: 2 },
    ]);
    expect(
      (await readFile(join(out, order.orderId, 'photo-0001.jpg'))).equals(order.photos[0]!),
    ).toBe(true);
    expect((await readdir(out)).sort()).toEqual([order.orderId, 'lab.sqlite']);
    expect(await stateOf(order.orderId)).toMatchObject({
      state: 'received',
      source: 'pull',
      photos: 2,
    });
    expect(await atProvider()).toEqual([]);
  });

  it('quarantines tampered ciphertext (a flipped byte in a photo)', async () => {
    const order = await sendOrder(receiver.url, lab.recipient, {
      alter: (files) =>
        files.map((f) => (f.name === 'photo-0002.age' ? { ...f, cipher: flipByte(f.cipher) } : f)),
    });
    await expectQuarantined(order, /photo-0002\.age: chunk 0 failed authentication/);
  });

  it('quarantines an order whose manifest names another hash for a photo', async () => {
    const order = await sendOrder(receiver.url, lab.recipient, {
      tamperManifest: (m) => {
        m.files[0]!.sha256 = 'f'.repeat(64);
      },
    });
    await expectQuarantined(order, /photo-0001\.age: SHA-256 differs from the manifest/);
  });

  it('quarantines a truncated file (an age file cut short, sent as such)', async () => {
    const order = await sendOrder(receiver.url, lab.recipient, {
      alter: (files) =>
        files.map((f) =>
          f.name === 'photo-0001.age'
            ? { ...f, cipher: f.cipher.subarray(0, f.cipher.length - 100) }
            : f,
        ),
    });
    await expectQuarantined(order, /photo-0001\.age: .*truncated/);
  });

  it('quarantines a file the provider holds shorter than the order lists', async () => {
    const order = await sendOrder(receiver.url, lab.recipient);
    const photo = order.files.find((f) => f.name === 'photo-0001.age')!;
    await truncate(await storedPath(photo.cipher), 1000);
    await expectQuarantined(
      order,
      new RegExp(`photo-0001\\.age: 1000 bytes arrived, the order lists ${photo.cipher.length}`),
    );
  });

  it('quarantines an order missing a file its manifest names', async () => {
    const order = await sendOrder(receiver.url, lab.recipient, {
      alter: (files) => files.filter((f) => f.name !== 'photo-0002.age'),
    });
    await expectQuarantined(order, /photo-0002\.age: in the manifest, missing from the order/);
  });

  it('quarantines an order whose manifest the lab key cannot open, and takes it in once retried', async () => {
    const order = await sendOrder(receiver.url, lab.recipient);
    const stranger = generateIdentity();
    const report = await pull({ identities: [stranger.identity] });
    expect(report.failed[0]!.reason).toMatch(/manifest\.age: no identity matches/);
    expect(await stateOf(order.orderId)).toMatchObject({ state: 'quarantined' });
    const retried = await pull({ retryQuarantined: true });
    expect(retried.pulled.map((p) => p.orderId)).toEqual([order.orderId]);
    expect(await stateOf(order.orderId)).toMatchObject({ state: 'received' });
    expect(await readdir(join(out, 'quarantine'))).toEqual([]);
    expect(await atProvider()).toEqual([]);
  });

  it('deletes at the provider an order it recorded before (a pull cut short after recording)', async () => {
    const order = await sendOrder(receiver.url, lab.recipient);
    await pull({ keep: true });
    expect(await atProvider()).toHaveLength(3);
    const report = await pull();
    expect(report.alreadyHad).toEqual([order.orderId]);
    expect(report.pulled).toEqual([]);
    expect(await atProvider()).toEqual([]);
    expect((await stat(join(out, order.orderId))).isDirectory()).toBe(true);
  });
  it('waits for no other pull: refuses while one runs, takes over a lock its dead owner left', async () => {
    const order = await sendOrder(receiver.url, lab.recipient);
    await mkdir(out, { recursive: true });
    // A pull running in this very process holds the folder.
    await writeFile(join(out, '.intake.lock'), `${process.pid}\n`);
    await expect(pull()).rejects.toThrow(
      `another lab pull or import (process ${process.pid}) is taking orders into ${out}`,
    );
    expect(await atProvider()).toHaveLength(3);
    // One whose process is gone (a power cut) is taken over.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(join(out, '.intake.lock'), `${gone}\n`);
    expect((await pull()).pulled.map((p) => p.orderId)).toEqual([order.orderId]);
    expect(await readdir(out)).not.toContain('.intake.lock');
  });
});
