import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPackages } from '../../../server/lab/import';
import { decryptedName } from '../../../src/order/decrypted-name';
import { openLabStore } from '../../../server/lab/store/open';
import { parseIdentityFile } from '../../../services/age';
import { dispatch } from '../../../services/host/dispatch';
import { parseManifest } from '../../../src/order/manifest';
import { customer, makeLabKey, prepareOrder, type PreparedOrder } from '../host/support';

/**
 * The whole medium path: the app's host exports an order to a folder (a USB stick), and the
 * lab's `lab import` takes that very folder in, verified, as the customer ordered it.
 */
let dir: string;
let stick: string;
let lab: { identityFile: string; recipient: string };
let order: PreparedOrder;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-client-export-'));
  stick = join(dir, 'USB-STICK');
  await mkdir(stick);
  lab = await makeLabKey(dir);
  // An order on a medium never goes near a server.
  order = await prepareOrder(dir, { recipient: lab.recipient, serverUrl: 'http://127.0.0.1:9' });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("lab import of the app's own export", { timeout: 120_000 }, () => {
  it.each(['print-ready', 'originals'] as const)(
    'takes in the package the app wrote (%s), verified and recorded',
    async (send) => {
      const exported = await dispatch(order.host.services, 'order.export', {
        design: { kind: 'photoBook', book: order.book },
        customer,
        send,
        folder: stick,
      });
      if (!exported.ok) throw new Error(exported.error.message);
      const { orderId } = exported.result as { orderId: string };

      const out = join(dir, 'lab-orders');
      const report = await importPackages({
        source: stick,
        identities: parseIdentityFile(await readFile(lab.identityFile, 'utf8')),
        outDir: out,
      });
      expect(report.failed).toEqual([]);
      expect(report.imported.map((i) => i.orderId)).toEqual([orderId]);

      const manifest = parseManifest(
        JSON.parse(await readFile(join(out, orderId, 'manifest.json'), 'utf8')),
      );
      expect(manifest.customer).toEqual(customer);
      for (const file of manifest.files) {
        const bytes = await readFile(join(out, orderId, decryptedName(file.name, file.mime)));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      }
      if (send === 'originals') {
        const photos = await Promise.all(
          manifest.files.map((f) => readFile(join(out, orderId, decryptedName(f.name, f.mime)))),
        );
        expect(photos.map((p) => p.length).sort()).toEqual(
          order.photos.map((p) => p.length).sort(),
        );
      }
      const store = await openLabStore(out);
      expect(await store.get(orderId)).toMatchObject({ state: 'received', source: 'medium' });
      await store.close();
      // The stick keeps the package as it was written.
      expect(await readdir(stick)).toEqual([`photodose-order-${orderId}`]);
    },
  );
});
