import { expect, type Page } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runCli } from './processes';
import type { Stack } from './stack';
import { orderAnywayIfAsked } from './preflight';

/**
 * The steps every ordering test shares: photos where a customer keeps them, checkout, and the
 * lab's pull. Each does what the customer or the lab does and checks what they would see.
 */

export interface TestCustomer {
  /** First and last name, split at the last space into the form's two fields. */
  name: string;
  street: string;
  postalCode: string;
  city: string;
  email: string;
}

/** A SEPA direct debit as the customer gives it at checkout. */
export interface TestSepa {
  holder: string;
  iban: string;
  bic?: string;
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

/** The delivery address part of the checkout form. */
export function deliveryAddress(page: Page) {
  return page.getByRole('group', { name: 'Lieferadresse' });
}

/**
 * Fills checkout as a customer does: delivery address, email, payment (invoice unless `sepa`
 * is given: then holder, IBAN, BIC and the mandate), and the terms. Does not order.
 */
export async function fillCheckout(
  page: Page,
  customer: TestCustomer,
  options: { sepa?: TestSepa } = {},
): Promise<void> {
  const at = customer.name.lastIndexOf(' ');
  const address = deliveryAddress(page);
  await address.getByLabel('Vorname', { exact: true }).fill(customer.name.slice(0, at));
  await address.getByLabel('Nachname', { exact: true }).fill(customer.name.slice(at + 1));
  await address.getByLabel('Straße und Hausnummer', { exact: true }).fill(customer.street);
  await address.getByLabel('PLZ', { exact: true }).fill(customer.postalCode);
  await address.getByLabel('Ort', { exact: true }).fill(customer.city);
  await page.getByLabel('E-Mail', { exact: true }).fill(customer.email);
  if (options.sepa) await paySepa(page, options.sepa);
  await agreeToTerms(page);
}

/** Chooses SEPA direct debit, enters the account and gives the mandate. */
export async function paySepa(page: Page, sepa: TestSepa): Promise<void> {
  await page.getByRole('radio', { name: /SEPA-Lastschrift/ }).check();
  await page.getByLabel('Kontoinhaber', { exact: true }).fill(sepa.holder);
  const iban = page.getByLabel('IBAN', { exact: true });
  const bic = page.getByLabel('BIC (freiwillig)', { exact: true });
  await iban.fill(sepa.iban);
  if (sepa.bic) await bic.fill(sepa.bic);
  // Straight from the field to the box, as a hurried customer does: a mistake named as the field
  // loses focus (on the press) must not move the box from under the click.
  await page.getByRole('checkbox', { name: 'Ich erteile dieses SEPA-Lastschriftmandat.' }).check();
}

/**
 * The shortest way to an order: a photo book with one photo (a file on disk) on its first page,
 * taken to checkout.
 */
export async function onePhotoBookToCheckout(page: Page, photo: string): Promise<void> {
  await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
  await page.getByTestId('photo-input').setInputFiles([photo]);
  await page.getByRole('button', { name: basename(photo) }).click();
  await page.getByRole('button', { name: /^Seite 1 · / }).click();
  await page.getByRole('button', { name: 'Zur Kasse' }).click();
}

/** Ticks the agreement to the lab's terms. */
export async function agreeToTerms(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: /Allgemeinen Geschäftsbedingungen/ }).check();
}

/**
 * Fills checkout, orders (confirming the pre-order check if it asks), and returns the order id
 * the app reports once the lab has it.
 */
export async function checkOut(
  page: Page,
  customer: TestCustomer,
  options: { send?: 'originals'; sepa?: TestSepa } = {},
): Promise<string> {
  // The customer's own files instead of print-ready images: for tests that follow those bytes.
  if (options.send === 'originals') await sendOriginals(page);
  await fillCheckout(page, customer, options);
  await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
  await orderAnywayIfAsked(page);
  return orderNumberShown(page);
}

/** The order number the success screen shows once the lab's server has the order. */
export async function orderNumberShown(page: Page): Promise<string> {
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
