import { expect, type Page } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './processes';
import type { Stack } from './stack';
import { orderAnywayIfAsked } from './preflight';

/**
 * The steps every ordering test shares: photos where a customer keeps them, checkout, and the
 * lab's pull. Each does what the customer or the lab does and checks what they would see.
 */

export interface TestCustomer {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  email: string;
}

/** Writes the photos into the customer's photo folder and returns their paths. */
export async function customerPhotos(
  stack: Stack,
  files: Record<string, Buffer>,
): Promise<string[]> {
  const dir = join(stack.root, 'customer-photos');
  await mkdir(dir, { recursive: true });
  return Promise.all(
    Object.entries(files).map(async ([name, bytes]) => {
      const path = join(dir, name);
      await writeFile(path, bytes);
      return path;
    }),
  );
}

/**
 * Fills checkout, orders (confirming the pre-order check if it asks), and returns the order id
 * the app reports once the lab has it.
 */
export async function checkOut(
  page: Page,
  customer: TestCustomer,
  options: { send?: 'originals' } = {},
): Promise<string> {
  // The customer's own files instead of print-ready images: for tests that follow those bytes.
  if (options.send === 'originals') await sendOriginals(page);
  await page.getByLabel('Name').fill(customer.name);
  await page.getByLabel('Straße und Hausnummer').fill(customer.street);
  await page.getByLabel('PLZ').fill(customer.postalCode);
  await page.getByLabel('Ort').fill(customer.city);
  await page.getByLabel('E-Mail').fill(customer.email);
  await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
  await orderAnywayIfAsked(page);
  const done = page.getByText(/Deine Bestellung (PD-[A-Z0-9]+) ist beim Labor angekommen/);
  await expect(done).toBeVisible({ timeout: 60_000 });
  return (await done.textContent())!.match(/PD-[A-Z0-9]+/)![0];
}

/**
 * Chooses at checkout to send the original photos; print-ready images are the default. Both
 * choices show their size once the host has worked it out, the print-ready one as "about".
 */
export async function sendOriginals(page: Page): Promise<void> {
  const choice = page.getByRole('group', { name: 'Was gesendet wird' });
  await expect(choice.getByRole('radio', { name: /Druckfertige Bilder/ })).toBeChecked();
  await expect(choice.getByTestId('upload-size-print-ready')).toHaveText(/^etwa \d/);
  await expect(choice.getByTestId('upload-size-originals')).toHaveText(/^\d/);
  await choice.getByRole('radio', { name: /Originalfotos/ }).check();
}

/** The lab pulls with its command line; returns the decrypted order's folder. */
export async function labPulls(stack: Stack, orderId: string, photoCount: number) {
  const orders = join(stack.root, 'lab', 'orders');
  const pulled = await runCli([
    'lab',
    'pull',
    '--server',
    stack.serverUrl,
    '--lab-token-file',
    join(stack.providerData, 'lab-token'),
    '--identity',
    stack.identityFile,
    '--out',
    orders,
  ]);
  expect(pulled).toContain(`${orderId}: ${photoCount} photos verified`);
  return join(orders, orderId);
}

/** The decrypted manifest of a pulled order, as the lab reads it. */
export async function pulledManifest(orderDir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(orderDir, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}
