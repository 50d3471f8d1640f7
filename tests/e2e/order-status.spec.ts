import { test, expect, type Page } from '@playwright/test';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { makeControlNeedle, plantControlNeedle, scanClientMachine } from './support/privacy';
import { checkOut, labPulls, onePhotoBookToCheckout } from './support/order-flow';
import { runCli } from './support/processes';
import { expectNoSeriousViolations } from './support/axe';
import { scanForNeedles } from './support/scan';
import { startStack, type Stack } from './support/stack';

/**
 * After the order: the customer looks up where it is by its number and email, in the browser,
 * while the lab pulls it, makes it and ships it (with the lab's own status call). The receiving
 * server answers without holding the email, and the customer's machine keeps none of it.
 */
const customer = {
  name: 'Wiebke Ahlers-Tjaden',
  street: 'Ostertorsteinweg 41',
  postalCode: '28203',
  city: 'Bremen',
  email: 'wiebke.ahlers@example.org',
};
const TRACKING = '00340434161094042557';

let stack: Stack;

test.beforeEach(async () => {
  stack = await startStack();
});

test.afterEach(() => stack.stop());

const screen = (name: string) => join('test-results', 'screens', `status-${name}.png`);

/** Fills the status screen and asks; the answer replaces the one before. */
async function askStatus(page: Page, orderId: string, email: string): Promise<void> {
  await page.getByLabel('Bestellnummer').fill(orderId);
  await page.getByLabel('E-Mail-Adresse der Bestellung').fill(email);
  await page.getByRole('button', { name: 'Status abfragen' }).click();
  // The host derives the key (scrypt) before it asks: the button says so meanwhile.
  await expect(page.getByRole('button', { name: 'Status abfragen' })).toBeEnabled({
    timeout: 30_000,
  });
}

test('the customer follows an order from sent to shipped with its tracking number', async () => {
  test.setTimeout(240_000);
  const { root } = stack;
  const client = await makeClientMachine(join(root, 'client'));
  const { appUrl } = await stack.startClient(client);
  const photo = join(root, 'Schnoor.jpg');
  const photoBytes = await makePhoto(1200, 900, 47);
  await writeFile(photo, photoBytes);
  const controlNeedle = makeControlNeedle();
  const browser = await launchChromium(client.profile, client.env);
  try {
    const page = await browser.newPage();
    await page.goto(appUrl);
    await plantControlNeedle(page, controlNeedle);
    await onePhotoBookToCheckout(page, photo);
    const orderId = await checkOut(page, customer);

    // The success screen leads to the order's status, its number filled in; back returns there.
    await page.getByRole('button', { name: 'Status dieser Bestellung verfolgen' }).click();
    await expect(page.getByRole('heading', { name: 'Bestellstatus' })).toBeVisible();
    await expect(page.getByLabel('Bestellnummer')).toHaveValue(orderId);
    await expect(page.getByLabel('E-Mail-Adresse der Bestellung')).toHaveValue('');
    await page.getByRole('button', { name: 'Zurück' }).click();

    // A new book; later, from the start screen, the customer asks where the order is.
    await page.getByRole('button', { name: 'Neues Buch' }).click();
    await page.getByRole('button', { name: 'Bestellstatus abfragen' }).click();
    await expect(page.getByRole('heading', { name: 'Bestellstatus' })).toBeVisible();
    await expect(page.getByLabel('Bestellnummer')).toHaveValue('');

    // Checked before asking: a number that can't be one, and no email.
    await page.getByLabel('Bestellnummer').fill('12345');
    await page.getByRole('button', { name: 'Status abfragen' }).click();
    await expect(page.getByText('Die Bestellnummer beginnt mit PD-')).toBeVisible();
    await expect(page.getByText('Bitte gib die E-Mail-Adresse ein')).toBeVisible();
    await expect(page.getByLabel('Bestellnummer')).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousViolations(page);

    // The wrong email: not found, in the same words as a number that does not exist.
    await askStatus(page, orderId, 'wiebke@example.org');
    const notFound = page.getByRole('alert').filter({ hasText: 'Keine Bestellung mit dieser' });
    await expect(notFound).toBeVisible();
    await page.screenshot({ path: screen('not-found') });

    // Sent, not yet fetched by the lab: no step reached. The number typed in lower case,
    // without "PD-", and the email in other capitals still find it.
    await askStatus(page, orderId.slice(3).toLowerCase(), customer.email.toUpperCase());
    const result = page.getByRole('status').filter({ hasText: `Bestellung ${orderId}` });
    await expect(result).toContainText('wartet darauf, dass das Labor sie abholt');
    await expect(result.locator('li.reached')).toHaveCount(0);

    // The lab pulls: its server deletes the upload and the order is received.
    await labPulls(stack, orderId, 1);
    await askStatus(page, orderId, customer.email);
    await expect(result).toContainText('Das Labor hat deine Bestellung erhalten');
    await expect(result.locator('li.reached')).toHaveText(['Beim Labor eingegangen(erreicht)']);
    await page.screenshot({ path: screen('received') });

    // The lab makes and ships it with its own commands, which tell the server (reportOrderStatus).
    const lab = [
      '--orders',
      join(root, 'lab', 'orders'),
      '--server',
      stack.serverUrl,
      '--lab-token-file',
      join(stack.providerData, 'lab-token'),
    ];
    expect(await runCli(['lab', 'produce', orderId, ...lab])).toContain(
      `${orderId}: in production`,
    );
    await askStatus(page, orderId, customer.email);
    await expect(result).toContainText('Deine Bestellung wird gerade hergestellt');
    await expect(result.locator('li.reached')).toHaveCount(2);
    const shipped = await runCli(['lab', 'ship', orderId, '--tracking', TRACKING, ...lab]);
    expect(shipped).toContain(`${orderId}: shipped (tracking ${TRACKING})`);
    expect(shipped).not.toContain('not reported');
    await askStatus(page, orderId, customer.email);
    await expect(result).toContainText('Deine Bestellung ist unterwegs zu dir');
    await expect(result.locator('li.reached')).toHaveCount(3);
    await expect(result.locator('li[aria-current="step"]')).toContainText('Versandt');
    await expect(result.getByTestId('status-tracking')).toHaveText(TRACKING);
    await page.screenshot({ path: screen('shipped') });
    await expectNoSeriousViolations(page);

    // In English too.
    await page.getByLabel('Sprache').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Order status' })).toBeVisible();
    await expect(page.getByText('Your order is on its way to you.')).toBeVisible();
    await expect(page.getByText('Tracking number')).toBeVisible();
    await page.screenshot({ path: screen('shipped-en') });
    await page.getByLabel('Language').selectOption('de');

    // The server gone: said so, not "not found".
    await stack.receiver.stop();
    await askStatus(page, orderId, customer.email);
    await expect(page.getByRole('alert')).toContainText(
      'Der Server des Labors ist gerade nicht erreichbar',
    );
    await page.screenshot({ path: screen('unreachable') });
    await expectNoSeriousViolations(page);
  } finally {
    await browser.close();
  }

  // The provider's data folder holds no email, in any case; the scan proves itself first.
  const needles = { email: customer.email, upper: customer.email.toUpperCase(), name: 'Ahlers' };
  const planted = join(stack.providerData, 'planted-needle.txt');
  await writeFile(planted, customer.email);
  expect(await scanForNeedles([stack.providerData], needles)).toEqual([
    { file: planted, what: 'email' },
  ]);
  await rm(planted);
  expect(await scanForNeedles([stack.providerData], needles)).toEqual([]);

  // Nor does the customer's machine keep what was typed into the status screen.
  const leaks = await scanClientMachine(client, controlNeedle, {
    name: customer.name,
    email: customer.email,
    emailUpper: customer.email.toUpperCase(),
    photo: photoBytes.subarray(4000, 4064),
  });
  expect(leaks).toEqual([]);
});
