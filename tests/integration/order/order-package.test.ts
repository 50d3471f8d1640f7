import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../../services/host/dispatch';
import { createOrderExport } from '../../../services/order/export-service';
import { parseManifest } from '../../../src/order/manifest';
import {
  PACKAGE_INDEX_FILE,
  packageDirName,
  parsePackageIndex,
} from '../../../src/order/package-index';
import type { HostEvent } from '../../../src/contract/host';
import { customer, makeLabKey, prepareOrder, run, type PreparedOrder } from '../host/support';
import { runCli } from '../../e2e/support/processes';

/**
 * Orders on a medium: the host writes the order's encrypted package into a folder (a USB stick
 * in real life), and the lab's key, through Debian's `age`, opens exactly the order and the
 * customer's photos. Nothing readable of the customer is on the medium.
 */
let dir: string;
let out: string;
let lab: { identityFile: string; recipient: string };
let order: PreparedOrder;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-package-'));
  out = join(dir, 'USB-STICK');
  await mkdir(out);
  lab = await makeLabKey(dir);
  // No server: an order on a medium never goes near one.
  order = await prepareOrder(dir, { recipient: lab.recipient, serverUrl: 'http://127.0.0.1:9' });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const design = () => ({ kind: 'photoBook' as const, book: order.book });

/** Decrypts a package file with the lab's identity, through the reference tool. */
async function ageDecrypt(file: string): Promise<Buffer> {
  const { stdout } = await run('age', ['-d', '-i', lab.identityFile, file], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout as unknown as Buffer;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every string the customer gave, for the privacy scan. */
function customerStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.length >= 4 ? [value] : [];
  if (value && typeof value === 'object') return Object.values(value).flatMap(customerStrings);
  return [];
}

describe('an order saved to a medium', { timeout: 120_000 }, () => {
  it('writes the encrypted package: index, manifest and the photos, byte for byte', async () => {
    const progress: HostEvent<'order.exportProgress'>[] = [];
    order.host.events.subscribe((name, payload) => {
      if (name === 'order.exportProgress')
        progress.push(payload as HostEvent<'order.exportProgress'>);
    });
    const outcome = await dispatch(order.host.services, 'order.export', {
      design: design(),
      customer,
      send: 'originals',
      folder: out,
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const {
      orderId,
      dir: written,
      bytes,
    } = outcome.result as {
      orderId: string;
      dir: string;
      bytes: number;
    };
    expect(orderId).toMatch(/^PD-[A-Z2-7]{10}$/);
    expect(written).toBe(join(out, packageDirName(orderId)));
    // The finished folder only: its .partial twin was renamed, not left beside it.
    expect(await readdir(out)).toEqual([packageDirName(orderId)]);

    const index = parsePackageIndex(
      JSON.parse(await readFile(join(written, PACKAGE_INDEX_FILE), 'utf8')),
    );
    expect(index.orderId).toBe(orderId);
    const names = index.files.map((f) => f.name);
    expect(names).toEqual(['manifest.age', 'photo-0001.age', 'photo-0002.age']);
    expect((await readdir(written)).sort()).toEqual([...names, PACKAGE_INDEX_FILE].sort());
    for (const file of index.files) {
      const stored = await readFile(join(written, file.name));
      expect(stored.length).toBe(file.byteSize);
      expect(sha256(stored)).toBe(file.sha256);
    }
    expect(bytes).toBe(index.files.reduce((sum, f) => sum + f.byteSize, 0));
    expect(progress.at(-1)).toEqual({ writtenBytes: bytes, totalBytes: bytes });

    // The lab's key opens it: the order as placed, and the customer's own photos.
    const manifest = parseManifest(
      JSON.parse((await ageDecrypt(join(written, 'manifest.age'))).toString()),
    );
    expect(manifest.orderId).toBe(orderId);
    expect(manifest.customer).toEqual(customer);
    expect(manifest.design).toEqual(design());
    for (const [i, file] of manifest.files.entries()) {
      const photo = await ageDecrypt(join(written, file.name));
      expect(photo.equals(order.photos[i]!)).toBe(true);
      expect(sha256(photo)).toBe(file.sha256);
    }

    // Ciphertext and an index of names, sizes and hashes: nothing of the customer readable.
    const needles = customerStrings(customer);
    expect(needles.length).toBeGreaterThan(3);
    for (const name of [...names, PACKAGE_INDEX_FILE]) {
      const text = (await readFile(join(written, name))).toString('latin1');
      for (const needle of needles) expect(text).not.toContain(needle);
    }
  });

  it("is taken in by the lab's own 'photodose lab import', the photos byte for byte", async () => {
    const outcome = await dispatch(order.host.services, 'order.export', {
      design: design(),
      customer,
      send: 'originals',
      folder: out,
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    const { orderId, dir: written } = outcome.result as { orderId: string; dir: string };
    const labOut = join(dir, 'lab-orders');
    const said = await runCli([
      'lab', 'import', written, '--identity', lab.identityFile, '--out', labOut,
    ]); // prettier-ignore
    expect(said).toContain(`1 orders imported into ${labOut}, 0 failed`);
    const orderDir = join(labOut, orderId);
    const photos = (await readdir(orderDir)).filter((name) => name.startsWith('photo-'));
    const received = await Promise.all(photos.map((name) => readFile(join(orderDir, name))));
    expect(received).toHaveLength(order.photos.length);
    for (const photo of order.photos) expect(received.some((r) => r.equals(photo))).toBe(true);
  });

  it('sends print-ready images by default: each decrypts to the file the manifest names', async () => {
    const outcome = await dispatch(order.host.services, 'order.export', {
      design: design(),
      customer,
      folder: out,
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    const { dir: written } = outcome.result as { dir: string };
    const manifest = parseManifest(
      JSON.parse((await ageDecrypt(join(written, 'manifest.age'))).toString()),
    );
    expect(manifest.files.length).toBeGreaterThan(0);
    for (const file of manifest.files) {
      expect(file.printReady).toBeDefined();
      const image = await ageDecrypt(join(written, file.name));
      expect(image.length).toBe(file.byteSize);
      expect(sha256(image)).toBe(file.sha256);
    }
  });

  it('leaves nothing on the medium when a photo changed on disk since it was added', async () => {
    await writeFile(join(dir, 'Hafen.jpg'), Buffer.from('not the photo any more'));
    const outcome = await dispatch(order.host.services, 'order.export', {
      design: design(),
      customer,
      send: 'originals',
      folder: out,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'photo-missing' } });
    expect(await readdir(out)).toEqual([]);
  });

  it('says why when the folder is not one, or not a full path', async () => {
    const args = { design: design(), customer, send: 'originals' as const };
    const gone = await dispatch(order.host.services, 'order.export', {
      ...args,
      folder: join(dir, 'no-such-stick'),
    });
    expect(gone).toMatchObject({
      ok: false,
      error: { code: 'export-failed', params: { problem: 'not-a-folder' } },
    });
    const relative = await dispatch(order.host.services, 'order.export', {
      ...args,
      folder: 'USB-STICK',
    });
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it("asks with the desktop app's folder dialog; cancelled, nothing is written", async () => {
    // The customer cancels the dialog first, then picks the stick.
    const answers = [undefined, out];
    const exporter = createOrderExport({
      transport: 'electron',
      events: order.host.events,
      pickFolder: async () => answers.shift(),
      store: order.host.photos,
      lab: { id: 'photodose-bremen', recipient: lab.recipient },
      client: { app: 'photodose', version: '0.0.0-test' },
    });
    const args = { design: design(), customer, send: 'originals' as const };
    await expect(exporter['order.export'](args)).resolves.toBeNull();
    expect(await readdir(out)).toEqual([]);
    const saved = await exporter['order.export'](args);
    expect(saved?.dir).toBe(join(out, packageDirName(saved!.orderId)));
    expect((await stat(saved!.dir)).isDirectory()).toBe(true);
  });

  it('a browser page must name the folder: its host has no dialog', async () => {
    const exporter = createOrderExport({
      transport: 'loopback',
      events: order.host.events,
      store: order.host.photos,
      lab: { id: 'photodose-bremen', recipient: lab.recipient },
      client: { app: 'photodose', version: '0.0.0-test' },
    });
    await expect(
      exporter['order.export']({ design: design(), customer, send: 'originals' }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
  });
});
