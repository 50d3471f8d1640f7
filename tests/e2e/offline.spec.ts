import { test, expect } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { orderAnyway } from './support/preflight';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { makeControlNeedle, plantControlNeedle, scanClientMachine } from './support/privacy';
import { startStack, type Stack } from './support/stack';

/**
 * The lab's server is down at the moment of ordering: the customer loses
 * nothing, and the order waiting for its retry leaves nothing on disk.
 */
let stack: Stack;

test.beforeEach(async () => {
  stack = await startStack();
});

test.afterEach(() => stack.stop());

test('an order sent while the server is down goes through on retry', async () => {
  const { root } = stack;
  await stack.receiver.stop();
  const client = await makeClientMachine(join(root, 'client'));
  const { appUrl } = await stack.startClient(client);
  const photo = join(root, 'Bremer Stadtmusikanten.jpg');
  const photoBytes = await makePhoto(1200, 900, 31);
  await writeFile(photo, photoBytes);

  const controlNeedle = makeControlNeedle();
  const browser = await launchChromium(client.profile, client.env);
  try {
    const page = await browser.newPage();
    await page.goto(appUrl);
    await plantControlNeedle(page, controlNeedle);
    await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
    await page.getByTestId('photo-input').setInputFiles([photo]);
    await page.getByRole('button', { name: 'Bremer Stadtmusikanten.jpg' }).click();
    await page.getByRole('button', { name: /^Seite 1 · / }).click();
    await page.getByRole('button', { name: 'Zur Kasse' }).click();
    await page.getByLabel('Name').fill('Kai Lüders');
    await page.getByLabel('Straße und Hausnummer').fill('Am Markt 1');
    await page.getByLabel('PLZ').fill('28195');
    await page.getByLabel('Ort').fill('Bremen');
    await page.getByLabel('E-Mail').fill('kai@example.org');
    await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
    // 23 pages are still empty: the pre-order check names them, and the customer orders anyway.
    await orderAnyway(page);

    await expect(page.getByRole('alert')).toContainText(
      'Der Server des Labors ist gerade nicht erreichbar',
    );
    await expect(page.getByLabel('Name')).toHaveValue('Kai Lüders');
    await expect(page.getByLabel('E-Mail')).toHaveValue('kai@example.org');

    await stack.restartReceiver();
    await page.getByRole('button', { name: 'Erneut senden' }).click();
    await expect(
      page.getByText(/Deine Bestellung PD-[A-Z0-9]+ ist beim Labor angekommen/),
    ).toBeVisible({
      timeout: 60_000,
    });
  } finally {
    await browser.close();
  }
  const leaks = await scanClientMachine(client, controlNeedle, {
    name: 'Kai Lüders',
    street: 'Am Markt 1',
    email: 'kai@example.org',
    photo: photoBytes.subarray(4000, 4064),
  });
  expect(leaks).toEqual([]);
});
