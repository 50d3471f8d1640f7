import { test, expect } from '@playwright/test';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TUS_PATH } from '../../src/contract/receiver';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { fillAutomatically, startBookWithPhotos } from './support/assistant';
import { fillCheckout } from './support/order-flow';
import { orderAnywayIfAsked } from './support/preflight';
import { startKeyringSession, type KeyringSession } from './support/keyring-session';
import { startStack, type Stack } from './support/stack';

/**
 * The app killed after the customer ordered but before the order's manifest (the only place
 * their details are) got through: nothing can be resumed, since those details were never kept.
 * On the next start the customer is told so, instead of finding nothing: the order did not go
 * out, nothing was ordered, and the design is safe (the recovery copy offers it again).
 * The host keeps its resume record in the OS keychain (`photodose web --keychain`, gnome-keyring
 * on a private D-Bus session); a proxy holds every upload, so the kill lands before the manifest.
 */
let stack: Stack;
let keyring: KeyringSession | undefined;

test.beforeEach(async () => {
  stack = await startStack({ hold: (req) => (req.url ?? '').startsWith(`${TUS_PATH}/`) });
});

test.afterEach(async () => {
  await stack.stop();
  await keyring?.stop();
});

test('an order cut off before its manifest is named on the next start, the design safe', async () => {
  test.setTimeout(240_000);
  const { root } = stack;
  const client = await makeClientMachine(join(root, 'client'));
  keyring = await startKeyringSession(client.env);
  const first = await stack.startClient(client, { args: ['--keychain'], env: keyring.env });
  // The same address again after the restart: the browser's recovery copy is kept per origin.
  const port = new URL(first.appUrl).port;
  const photo = join(root, 'Vegesack.jpg');
  await writeFile(photo, await makePhoto(1600, 1100, 41));

  const browser = await launchChromium(client.profile, client.env);
  try {
    const ordering = await startBookWithPhotos(browser, first.appUrl, [photo]);
    let page = ordering;
    await fillAutomatically(page, 1);
    await page.getByRole('button', { name: 'Zur Kasse' }).click();
    await fillCheckout(page, {
      name: 'Tade Brüning',
      street: 'Alte Hafenstraße 3',
      postalCode: '28757',
      city: 'Bremen',
      email: 'tade.bruening@example.org',
    });
    await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
    await orderAnywayIfAsked(page);
    // The order is open at the server and its manifest on its way (held): the app dies.
    await expect.poll(() => stack.front!.held, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    const opened = (await readdir(join(stack.providerData, 'orders'))).filter((n) =>
      n.endsWith('.json'),
    );
    expect(opened).toHaveLength(1);
    const orderId = opened[0]!.replace(/\.json$/, '');
    first.web.child.kill('SIGKILL');
    await first.web.stop();
    stack.front!.release();

    // Started again, same address: the start screen says what happened, with the order number.
    const again = await stack.startClient(client, {
      args: ['--keychain', '--port', port],
      env: keyring.env,
    });
    // The app's window went with it; the app opens a new one.
    await ordering.close();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1440, height: 960 });
    await page.goto(again.appUrl);
    const notice = page.getByRole('status').filter({ hasText: 'Bestellung nicht abgeschickt' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(
      `Deine Bestellung ${orderId} ist nicht abgeschickt worden: Photo Dose wurde beendet, bevor sie unterwegs war. Es wurde nichts bestellt und nichts berechnet.`,
    );
    await expect(notice).toContainText('Dein Entwurf ist sicher');
    // And it is: the recovery copy offers the book again.
    const recovery = page.getByRole('region', { name: 'Nicht gespeichertes Projekt gefunden' });
    await expect(recovery).toBeVisible();
    await page.screenshot({ path: join('test-results', 'screens', 'not-sent-notice.png') });

    // Understood: the notice goes, for this window and the next.
    await notice.getByRole('button', { name: 'Verstanden' }).click();
    await expect(notice).toBeHidden();
    await page.reload();
    await expect(recovery).toBeVisible();
    await expect(page.getByText('Bestellung nicht abgeschickt')).toHaveCount(0);
    await recovery.getByRole('button', { name: 'Weiterarbeiten' }).click();
    await expect(page.getByRole('navigation', { name: 'Seitenübersicht' })).toBeVisible();

    // Nothing reached the lab: the opened order was never completed.
    const record = JSON.parse(
      await readFile(join(stack.providerData, 'orders', `${orderId}.json`), 'utf8'),
    ) as { state: string };
    expect(record.state).not.toBe('complete');
  } finally {
    await browser.close();
  }
});
