import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { fillAutomatically, startBookWithPhotos } from './support/assistant';
import { fillCheckout, pulledManifest, sendOriginals } from './support/order-flow';
import { makeControlNeedle, plantControlNeedle, scanClientMachine } from './support/privacy';
import { runCli } from './support/processes';
import { scanForNeedles } from './support/scan';
import { startStack, type Stack } from './support/stack';

/**
 * Orders on a medium (issue 9, privacy statement: USB stick, disk, DVD): at checkout the customer
 * saves the order to a folder instead of sending it. The folder holds ciphertext only (no byte
 * of a photo, no name, street or email: the scan proves first that it finds a planted needle),
 * and the lab's `photodose lab import DIR` takes it in like an upload, the photos byte for byte.
 */
let stack: Stack;

test.beforeEach(async () => {
  stack = await startStack();
});

test.afterEach(() => stack.stop());

const customer = {
  name: 'Frauke Meyerhoff',
  street: 'Böttcherstraße 6',
  postalCode: '28195',
  city: 'Bremen',
  email: 'frauke.meyerhoff@example.org',
};

test('an order saved to a USB stick holds only ciphertext and the lab imports it', async () => {
  test.setTimeout(240_000);
  const { root } = stack;
  const client = await makeClientMachine(join(root, 'client'));
  const { appUrl } = await stack.startClient(client);
  const photos = [await makePhoto(1800, 1200, 81), await makePhoto(1200, 1600, 82)];
  const files = ['Roland.jpg', 'Rathaus.jpg'].map((name) => join(root, name));
  await Promise.all(files.map((file, i) => writeFile(file, photos[i]!)));
  const stick = join(root, 'media', 'USB-STICK');
  await mkdir(stick, { recursive: true });

  const controlNeedle = makeControlNeedle();
  const browser = await launchChromium(client.profile, client.env);
  let orderId: string;
  try {
    const page = await startBookWithPhotos(browser, appUrl, files);
    await plantControlNeedle(page, controlNeedle);
    await fillAutomatically(page, 2);
    await page.getByRole('button', { name: 'Zur Kasse' }).click();
    await sendOriginals(page);
    const medium = page.getByTestId('medium-export');
    const save = medium.getByRole('button', { name: 'Auf USB-Stick/Datenträger speichern' });
    // Nothing to save before the customer's details are complete.
    await expect(medium).toContainText('Fülle zuerst deine Angaben aus.');
    await fillCheckout(page, customer);
    // In a browser the host runs on this computer: the customer names the folder by its path.
    await medium.getByLabel('Ordner auf diesem Computer').fill(stick);
    await save.click();
    // Saved is ordered: the form gives way to the success screen, with no upload left to click
    // (that would make the lab produce the order twice) and no status lookup (the provider's
    // server never sees it).
    const saved = page.getByTestId('medium-saved');
    await expect(saved).toBeVisible({ timeout: 60_000 });
    await expect(
      page.getByRole('heading', { name: 'Deine Bestellung ist gespeichert' }),
    ).toBeVisible();
    orderId = (await saved.textContent())!.match(/Bestellung (PD-[A-Z0-9]+) gespeichert/)![1]!;
    await expect(saved).toContainText(join(stick, `photodose-order-${orderId}`));
    await expect(page.getByText(/Erst dort geht die Bestellung ein/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Zahlungspflichtig bestellen' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Status/ })).toHaveCount(0);
    await page.screenshot({ path: join('test-results', 'screens', 'medium-export-saved.png') });
  } finally {
    await browser.close();
  }

  // The stick holds the package and nothing else; no half-written `.partial` is left.
  const packageDir = join(stick, `photodose-order-${orderId}`);
  expect(await readdir(stick)).toEqual([`photodose-order-${orderId}`]);
  const names = (await readdir(packageDir)).sort();
  expect(names).toEqual(['manifest.age', 'order-package.json', 'photo-0001.age', 'photo-0002.age']);
  // Every file but the index is age ciphertext to the lab's key ...
  for (const name of names.filter((n) => n.endsWith('.age'))) {
    const head = (await readFile(join(packageDir, name))).subarray(0, 64).toString('latin1');
    expect(head, name).toMatch(/^age-encryption\.org\/v1\n-> X25519 /);
  }
  // ... and the index names the files by their opaque names, sizes and ciphertext hashes.
  const index = JSON.parse(await readFile(join(packageDir, 'order-package.json'), 'utf8')) as {
    orderId: string;
    files: { name: string; byteSize: number; sha256: string }[];
  };
  expect(index.orderId).toBe(orderId);
  for (const file of index.files) {
    const bytes = await readFile(join(packageDir, file.name));
    expect(bytes.length).toBe(file.byteSize);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
  }

  // No plaintext on the stick. The scan proves first that it would find it: a control file
  // beside the package holds every needle, and is the only place any of them is found.
  const needles = {
    name: 'Meyerhoff',
    street: 'Böttcherstraße 6',
    email: customer.email,
    'photo 1': photos[0]!.subarray(6000, 6064),
    'photo 2': photos[1]!.subarray(6000, 6064),
    'photo 1 start': photos[0]!.subarray(0, 64),
  };
  const control = join(stick, 'kontrolle.bin');
  await writeFile(
    control,
    Buffer.concat(Object.values(needles).map((n) => Buffer.from(n as string | Buffer))),
  );
  const hits = await scanForNeedles([stick], needles);
  expect(hits.filter((hit) => hit.file === control).map((hit) => hit.what)).toEqual(
    Object.keys(needles),
  );
  expect(hits.filter((hit) => hit.file !== control)).toEqual([]);
  await rm(control);

  // The lab takes the stick's folder in, verified, and holds the customer's very photos.
  const labOrders = join(root, 'lab', 'orders');
  const output = await runCli([
    'lab',
    'import',
    packageDir,
    '--identity',
    stack.identityFile,
    '--out',
    labOrders,
  ]);
  expect(output).toContain(`${orderId}: 2 photos verified`);
  expect(output).toContain('1 orders imported');
  const orderDir = join(labOrders, orderId);
  const manifest = (await pulledManifest(orderDir)) as {
    customer: { email: string; shippingAddress: { lastName: string } };
  };
  expect(manifest.customer.email).toBe(customer.email);
  expect(manifest.customer.shippingAddress.lastName).toBe('Meyerhoff');
  const received = (await readdir(orderDir)).filter((n) => n.startsWith('photo-')).sort();
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const got = await Promise.all(received.map((n) => readFile(join(orderDir, n))));
  expect(got.map(sha).sort()).toEqual(photos.map(sha).sort());
  // The lab's status lists it as come on a medium.
  expect(await runCli(['lab', 'status', '--orders', labOrders])).toContain(orderId);

  // And the customer's machine kept nothing of it.
  const leaks = await scanClientMachine(client, controlNeedle, needles);
  expect(leaks).toEqual([]);
});
