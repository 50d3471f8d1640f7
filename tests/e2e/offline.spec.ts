import { test, expect } from '@playwright/test';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { orderAnyway } from './support/preflight';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { makeControlNeedle, plantControlNeedle, scanClientMachine } from './support/privacy';
import { fillCheckout, labPulls, onePhotoBookToCheckout } from './support/order-flow';
import { startStack, type Stack } from './support/stack';

/**
 * The lab's server is down at the moment of ordering: the order waits for it instead of failing,
 * a window opened meanwhile (a second window, or the app opened again) shows the same order
 * waiting, and once the server is back the lab gets that one order, not a second. The waiting
 * order leaves nothing on disk.
 */
let stack: Stack;

test.beforeEach(async () => {
  stack = await startStack();
});

test.afterEach(() => stack.stop());

test('an order sent while the server is down waits, shows in a window opened meanwhile, and arrives once', async () => {
  // Two command-line servers start and stop on the way: slow on a busy machine.
  test.setTimeout(240_000);
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
    await onePhotoBookToCheckout(page, photo);
    await fillCheckout(page, {
      name: 'Kai Lüders',
      street: 'Am Markt 1',
      postalCode: '28195',
      city: 'Bremen',
      email: 'kai@example.org',
    });
    await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
    // 23 pages are still empty: the pre-order check names them, and the customer orders anyway.
    await orderAnyway(page);

    // Not a failure: the host keeps the order and tries again by itself.
    const waiting = page.getByRole('status').filter({ hasText: 'Keine Verbindung zum Server' });
    await expect(waiting).toContainText(
      /Neuer Versuch in \d+ Sekunden?: deine Bestellung geht nicht verloren/,
    );
    await expect(page.getByText('Lass Photo Dose geöffnet')).toBeVisible();
    await page.screenshot({ path: join('test-results', 'screens', 'order-waiting.png') });

    // The app opened again meanwhile: the host owns the order, so this window shows it too.
    const other = await browser.newPage();
    await other.goto(appUrl);
    const waitingThere = other
      .getByRole('status')
      .filter({ hasText: 'Keine Verbindung zum Server' });
    await expect(waitingThere).toBeVisible();

    await stack.restartReceiver();
    await waiting.getByRole('button', { name: 'Jetzt erneut versuchen' }).click();
    const done = page.getByText(/Deine Bestellung (PD-[A-Z0-9]+) ist beim Labor angekommen/);
    await expect(done).toBeVisible({ timeout: 60_000 });
    const orderId = (await done.textContent())!.match(/PD-[A-Z0-9]+/)![0];
    await expect(
      other.getByText(`Deine Bestellung ${orderId} ist beim Labor angekommen`),
    ).toBeVisible();
    // The lab gets exactly this one order.
    await labPulls(stack, orderId, 1);
    // Beside it: the lab's database (lab.sqlite) and nothing else that looks like an order.
    const orders = (await readdir(join(root, 'lab', 'orders'))).filter((n) => n.startsWith('PD-'));
    expect(orders).toEqual([orderId]);
  } finally {
    await browser.close();
  }
  const leaks = await scanClientMachine(client, controlNeedle, {
    name: 'Lüders',
    street: 'Am Markt 1',
    email: 'kai@example.org',
    photo: photoBytes.subarray(4000, 4064),
  });
  expect(leaks).toEqual([]);
});
