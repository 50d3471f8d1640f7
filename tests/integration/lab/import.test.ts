import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPackages } from '../../../server/lab/import';
import { openLabStore } from '../../../server/lab/store/open';
import { generateIdentity } from '../../../services/age';
import { runCli } from '../../e2e/support/processes';
import { flipByte, sealedOrder, writePackage, type SealedOrder } from './support/lab-orders';

/**
 * `lab import DIR`: an order package from a USB stick, disk or DVD, checked against its index
 * file by file, then decrypted and verified like a pulled order, with the same quarantine.
 * The packages here are written by a test helper in the shared format (the client's export
 * writes the same folder).
 */
let dir: string;
let medium: string;
let out: string;
const lab = generateIdentity();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-import-'));
  medium = join(dir, 'usb-stick');
  out = join(dir, 'lab-orders');
  await mkdir(medium);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const importFrom = (source: string) =>
  importPackages({ source, identities: [lab.identity], outDir: out });

async function stateOf(orderId: string) {
  const store = await openLabStore(out);
  try {
    return await store.get(orderId);
  } finally {
    await store.close();
  }
}

/** Imports a damaged package and checks it is quarantined with the reason, and nowhere else. */
async function expectQuarantined(order: SealedOrder, packageDir: string, reason: RegExp) {
  const report = await importFrom(packageDir);
  expect(report.imported).toEqual([]);
  expect(report.failed).toEqual([
    {
      package: packageDir,
      orderId: order.orderId,
      reason: expect.stringMatching(reason),
      quarantined: join(out, 'quarantine', order.orderId),
    },
  ]);
  expect((await readdir(out)).sort()).toEqual(['lab.sqlite', 'quarantine']);
  const reasonText = await readFile(join(out, 'quarantine', order.orderId, 'reason.txt'), 'utf8');
  expect(reasonText).toMatch(reason);
  expect(reasonText).toContain('lab import (a medium)');
  expect(await stateOf(order.orderId)).toMatchObject({ state: 'quarantined', source: 'medium' });
}

describe('lab import of an order package', () => {
  it('takes in a whole package, verified, recorded as received from a medium', async () => {
    const order = await sealedOrder(lab.recipient);
    const packageDir = await writePackage(medium, order);
    const report = await importFrom(packageDir);
    expect(report.failed).toEqual([]);
    expect(report.imported).toEqual([
      { orderId: order.orderId, dir: join(out, order.orderId), photos: 2 },
    ]);
    for (const [i, photo] of order.photos.entries()) {
      expect(
        (await readFile(join(out, order.orderId, `photo-000${i + 1}.jpg`))).equals(photo),
      ).toBe(true);
    }
    expect(await stateOf(order.orderId)).toMatchObject({ state: 'received', source: 'medium' });
    // The medium is left as it was; the same package again is not taken in twice.
    expect((await readdir(packageDir)).sort()).toEqual([
      'manifest.age',
      'order-package.json',
      'photo-0001.age',
      'photo-0002.age',
    ]);
    const again = await importFrom(packageDir);
    expect(again).toEqual({ imported: [], failed: [], alreadyHad: [order.orderId] });
  });

  it('names each damaged file of a package: missing, cut short, altered, unlisted', async () => {
    const order = await sealedOrder(lab.recipient);
    const packageDir = await writePackage(medium, order);
    await rm(join(packageDir, 'photo-0001.age'));
    const manifest = order.files.find((f) => f.name === 'manifest.age')!;
    await truncate(join(packageDir, 'manifest.age'), manifest.cipher.length - 10);
    const photo2 = order.files.find((f) => f.name === 'photo-0002.age')!;
    await writeFile(join(packageDir, 'photo-0002.age'), flipByte(photo2.cipher));
    await writeFile(join(packageDir, 'photo-0003.age'), 'not in the index');
    // The medium's own files (macOS on FAT) are not the package's.
    await writeFile(join(packageDir, '._photo-0002.age'), 'AppleDouble');
    await expectQuarantined(
      order,
      packageDir,
      new RegExp(
        [
          'package damaged: photo-0003\\.age: in the folder, not in the package index',
          `manifest\\.age: ${manifest.cipher.length - 10} bytes, the index says ${manifest.cipher.length}`,
          'photo-0001\\.age: missing from the package',
          'photo-0002\\.age: SHA-256 differs from the index \\(damaged or altered\\)',
        ].join('; '),
      ),
    );
  });

  it('quarantines a package whose index agrees with its files but whose ciphertext was altered', async () => {
    const order = await sealedOrder(lab.recipient, {
      alter: (files) =>
        files.map((f) => (f.name === 'photo-0001.age' ? { ...f, cipher: flipByte(f.cipher) } : f)),
    });
    await expectQuarantined(
      order,
      await writePackage(medium, order),
      /photo-0001\.age: chunk 0 failed authentication/,
    );
  });

  it('quarantines a package whose manifest names another hash, or lacks a photo', async () => {
    const wrongHash = await sealedOrder(lab.recipient, {
      tamperManifest: (m) => {
        m.files[1]!.sha256 = '0'.repeat(64);
      },
    });
    await expectQuarantined(
      wrongHash,
      await writePackage(medium, wrongHash),
      /photo-0002\.age: SHA-256 differs from the manifest/,
    );
    const missing = await sealedOrder(lab.recipient, {
      alter: (files) => files.filter((f) => f.name !== 'photo-0002.age'),
    });
    const report = await importFrom(await writePackage(medium, missing));
    expect(report.failed[0]!.reason).toMatch(
      /photo-0002\.age: in the manifest, missing from the order/,
    );
  });

  it('refuses a package still being written, and finds the packages in a folder of several', async () => {
    const first = await sealedOrder(lab.recipient);
    const second = await sealedOrder(lab.recipient);
    const half = await sealedOrder(lab.recipient);
    await writePackage(medium, first);
    await writePackage(medium, second);
    const halfDir = await writePackage(medium, half);
    await rename(halfDir, `${halfDir}.partial`);
    const refused = await importFrom(`${halfDir}.partial`);
    expect(refused.failed).toEqual([
      {
        package: `${halfDir}.partial`,
        reason: expect.stringMatching(/the package is incomplete \(\.partial/),
      },
    ]);
    const report = await importFrom(medium);
    expect(report.imported.map((i) => i.orderId).sort()).toEqual(
      [first.orderId, second.orderId].sort(),
    );
    expect(report.failed).toEqual([
      { package: `${halfDir}.partial`, reason: expect.stringMatching(/incomplete/) },
    ]);
    expect(await stateOf(half.orderId)).toBeUndefined();
  });

  it('says what is wrong with an index that is not one', async () => {
    const order = await sealedOrder(lab.recipient);
    const packageDir = await writePackage(medium, order);
    await writeFile(
      join(packageDir, 'order-package.json'),
      '{"format": "photodose-order-package", "version": 1',
    );
    expect((await importFrom(packageDir)).failed[0]!.reason).toBe(
      'order-package.json is not valid JSON',
    );
    await writeFile(
      join(packageDir, 'order-package.json'),
      JSON.stringify({ format: 'photodose-order-package', version: 2 }),
    );
    expect((await importFrom(packageDir)).failed[0]!.reason).toMatch(
      /^order-package\.json invalid at version/,
    );
    expect(await readdir(out)).toEqual(['lab.sqlite']);
  });

  it('runs as photodose lab import DIR', { timeout: 180_000 }, async () => {
    const order = await sealedOrder(lab.recipient);
    const packageDir = await writePackage(medium, order);
    const identityFile = join(dir, 'identity.txt');
    await writeFile(identityFile, `${lab.identity}\n`);
    const output = await runCli([
      'lab',
      'import',
      packageDir,
      '--identity',
      identityFile,
      '--out',
      out,
    ]);
    expect(output).toContain(`${order.orderId}: 2 photos verified -> ${join(out, order.orderId)}`);
    expect(output).toContain(`1 orders imported into ${out}, 0 failed`);
    const status = await runCli(['lab', 'status', '--orders', out]);
    expect(status).toMatch(
      new RegExp(`${order.orderId}\\s+received\\s+\\S+\\s+medium\\s+2 photos`),
    );
  });
});
