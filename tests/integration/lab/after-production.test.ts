import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPackages } from '../../../server/lab/import';
import { shipOrder, startProduction } from '../../../server/lab/production';
import { purgeImageData } from '../../../server/lab/purge';
import { renderOrder } from '../../../server/lab/render/order';
import { openLabStore } from '../../../server/lab/store/open';
import type { LabStore } from '../../../server/lab/store/lab-store';
import { reportPendingStatuses, type StatusUpdate } from '../../../server/lab/status-report';
import { generateIdentity } from '../../../services/age';
import { runCli } from '../../e2e/support/processes';
import { flipByte, sealedOrder, writePackage } from './support/lab-orders';

/**
 * After production: an order goes into production and ships (with its tracking number, told to
 * the customer's status lookup); its image data (photos, print files) goes 14 days after it
 * shipped, not a day sooner, while the manifest (the address) and the documents stay.
 */
let dir: string;
let out: string;
let now: Date;
const clock = () => now;
let store: LabStore;
const lab = generateIdentity();
const DAY = 24 * 60 * 60 * 1000;
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-after-'));
  out = join(dir, 'lab-orders');
  now = new Date('2026-12-01T08:00:00.000Z');
  store = await openLabStore(out, clock);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** An order taken in (from a medium: no server needed), as the lab has it. */
async function receivedOrder(): Promise<string> {
  const order = await sealedOrder(lab.recipient);
  const report = await importPackages({
    source: await writePackage(join(dir, 'medium'), order),
    identities: [lab.identity],
    outDir: out,
    store,
    clock,
  });
  expect(report.imported).toHaveLength(1);
  return order.orderId;
}

describe('production and shipping', () => {
  it('tells the status lookup each state of a pulled order, with the tracking number', async () => {
    const orderId = 'PD-PULLEDAAAA';
    await store.recordReceived(orderId, { source: 'pull', photos: 2 });
    const told: [string, StatusUpdate][] = [];
    let serverDown = true;
    const reporter = async (id: string, update: StatusUpdate) => {
      if (serverDown) throw new Error('connect ECONNREFUSED');
      told.push([id, update]);
    };
    const log: string[] = [];
    const ctx = { store, reporter, log: (line: string) => void log.push(line) };
    await startProduction(ctx, orderId);
    // The server could not be told: the state stays pending, the change itself stands.
    expect(log).toContain(
      `${orderId}: state in-production not reported to the server yet (connect ECONNREFUSED)`,
    );
    expect((await store.get(orderId))!.reportedState).toBeUndefined();
    serverDown = false;
    await shipOrder(ctx, orderId, { trackingNumber: '00340434161094042557' });
    expect(told).toEqual([
      [orderId, { state: 'shipped', shipment: { trackingNumber: '00340434161094042557' } }],
    ]);
    expect(await store.get(orderId)).toMatchObject({
      state: 'shipped',
      trackingNumber: '00340434161094042557',
      reportedState: 'shipped',
    });
    expect((await store.history(orderId)).map((e) => e.state)).toEqual([
      'received',
      'in-production',
      'shipped',
    ]);
    // Told once: nothing pending any more.
    await reportPendingStatuses(store, reporter, () => {});
    expect(told).toHaveLength(1);
  });

  it('tells nothing of an order from a medium (the server never had it)', async () => {
    const orderId = await receivedOrder();
    const told: string[] = [];
    const ctx = { store, reporter: async (id: string) => void told.push(id), log: () => {} };
    await startProduction(ctx, orderId);
    await shipOrder(ctx, orderId, {});
    await reportPendingStatuses(store, ctx.reporter, () => {});
    expect(told).toEqual([]);
  });

  it('refuses a tracking number that is none, and shipping twice', async () => {
    const orderId = await receivedOrder();
    const ctx = { store, log: () => {} };
    await expect(shipOrder(ctx, orderId, { trackingNumber: 'Jorinde V.' })).rejects.toThrow(
      /--tracking must be 4-40 letters, digits or dashes/,
    );
    await shipOrder(ctx, orderId, {});
    await expect(shipOrder(ctx, orderId, {})).rejects.toThrow(
      /is shipped: it cannot become shipped/,
    );
  });
});

describe('lab purge', () => {
  it('deletes photos and print files 14 days after shipping, keeping manifest and documents', async () => {
    const orderId = await receivedOrder();
    const orderDir = join(out, orderId);
    const rendered = await renderOrder(orderDir);
    expect(rendered.files.length).toBeGreaterThan(0);
    await mkdir(join(orderDir, 'documents'));
    await writeFile(join(orderDir, 'documents', 'job-sheet.pdf'), '%PDF-1.7 job sheet');
    await shipOrder({ store, log: () => {} }, orderId, {});
    const before = (await readdir(orderDir)).sort();
    expect(before).toEqual([
      'documents',
      'manifest.json',
      'photo-0001.jpg',
      'photo-0002.jpg',
      'print',
    ]);

    later(14 * DAY - 1000);
    expect(await purgeImageData({ ordersDir: out, store, clock })).toEqual([]);
    expect((await readdir(orderDir)).sort()).toEqual(before);
    expect(await store.get(orderId)).toMatchObject({ state: 'shipped' });

    later(1000);
    expect(await purgeImageData({ ordersDir: out, store, clock })).toEqual([orderId]);
    expect((await readdir(orderDir)).sort()).toEqual(['documents', 'manifest.json']);
    expect(await readdir(join(orderDir, 'documents'))).toEqual(['job-sheet.pdf']);
    expect(await store.get(orderId)).toMatchObject({
      state: 'purged',
      purgedAt: new Date('2026-12-15T08:00:00.000Z'),
    });
    // Done once: the next daily run finds nothing.
    later(DAY);
    expect(await purgeImageData({ ordersDir: out, store, clock })).toEqual([]);
  });

  it('deletes a quarantined order 30 days after its quarantine, and only then', async () => {
    const order = await sealedOrder(lab.recipient, {
      alter: (files) =>
        files.map((f) => (f.name === 'photo-0001.age' ? { ...f, cipher: flipByte(f.cipher) } : f)),
    });
    const report = await importPackages({
      source: await writePackage(join(dir, 'medium'), order),
      identities: [lab.identity],
      outDir: out,
      store,
      clock,
    });
    const quarantined = join(out, 'quarantine', order.orderId);
    expect(report.failed).toMatchObject([{ quarantined }]);
    expect(await readFile(join(quarantined, 'reason.txt'), 'utf8')).toMatch(/30 days after/);

    later(30 * DAY - 1000);
    expect(await purgeImageData({ ordersDir: out, store, clock })).toEqual([]);
    expect(await readdir(quarantined)).toContain('manifest.age');

    later(1000);
    expect(await purgeImageData({ ordersDir: out, store, clock })).toEqual([order.orderId]);
    expect(await readdir(join(out, 'quarantine'))).toEqual([]);
    expect(await store.get(order.orderId)).toMatchObject({
      state: 'purged',
      purgedAt: new Date('2026-12-31T08:00:00.000Z'),
    });
    later(DAY);
    expect(await purgeImageData({ ordersDir: out, store, clock })).toEqual([]);
  });

  it('leaves orders not shipped alone however old they are', async () => {
    const orderId = await receivedOrder();
    later(400 * DAY);
    expect(await purgeImageData({ ordersDir: out, store, clock })).toEqual([]);
    expect(await readdir(join(out, orderId))).toContain('photo-0001.jpg');
  });
});

describe('the commands', () => {
  it('produce, ship and status from the command line', { timeout: 180_000 }, async () => {
    const orderId = await receivedOrder();
    await store.close();
    const produced = await runCli(['lab', 'produce', orderId, '--orders', out]);
    expect(produced).toContain(`${orderId}: in production`);
    const shipped = await runCli([
      'lab',
      'ship',
      orderId,
      '--tracking',
      'JJD0001',
      '--orders',
      out,
    ]);
    expect(shipped).toContain(`${orderId}: shipped (tracking JJD0001)`);
    const status = await runCli(['lab', 'status', '--orders', out]);
    expect(status).toMatch(
      new RegExp(`${orderId}\\s+shipped\\s+\\S+\\s+medium\\s+tracking JJD0001`),
    );
    const purge = await runCli(['lab', 'purge', '--orders', out, '--dry-run']);
    expect(purge).toContain('0 orders due for purging');
    store = await openLabStore(out, clock);
  });
});
