import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { fillAutomatically, startBookWithPhotos } from './support/assistant';
import { fillCheckout, labPulls, orderNumberShown, sendOriginals } from './support/order-flow';
import { orderAnywayIfAsked } from './support/preflight';
import { startStack, type Stack } from './support/stack';

/**
 * Re-picking photos for an order that can't read them any more (issue 9, resume): the page is
 * reloaded while its order uploads, and with it go the files the customer picked (a browser
 * keeps no path). The host keeps the order; the reloaded page shows which photos it still needs,
 * the customer picks them again (and one photo that is none of them), and the same order goes on:
 * the lab gets exactly one order, its photos byte for byte the customer's files.
 * The app reaches the server over a slow line, so the reload lands mid-upload.
 */
let stack: Stack;

test.beforeEach(async () => {
  // 512 KiB/s: three photos of about 1.3 MB take some 8 s to send.
  stack = await startStack({ slowLine: 512 * 1024 });
});

test.afterEach(() => stack.stop());

test('photos a reloaded page lost are picked again and the same order reaches the lab once', async () => {
  // A slow line and a reload: generous time, though the reloaded page says at once that it holds
  // none of the photos picked before (the host no longer waits 30 s to name them missing).
  test.setTimeout(300_000);
  const { root } = stack;
  const client = await makeClientMachine(join(root, 'client'));
  const { appUrl } = await stack.startClient(client);
  const names = ['Weserufer.jpg', 'Schnoor.jpg', 'Bürgerpark.jpg'];
  const photos = await Promise.all([0, 1, 2].map((i) => makePhoto(2400, 1600, 61 + i)));
  const files = names.map((name) => join(root, name));
  await Promise.all(files.map((file, i) => writeFile(file, photos[i]!)));
  const stranger = join(root, 'Katze.jpg');
  await writeFile(stranger, await makePhoto(900, 600, 99));

  const browser = await launchChromium(client.profile, client.env);
  try {
    const page = await startBookWithPhotos(browser, appUrl, files);
    await fillAutomatically(page, 3);
    await page.getByRole('button', { name: 'Zur Kasse' }).click();
    await sendOriginals(page);
    await fillCheckout(page, {
      name: 'Gesche Tietjen',
      street: 'Schnoor 12',
      postalCode: '28195',
      city: 'Bremen',
      email: 'gesche.tietjen@example.org',
    });
    await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
    await orderAnywayIfAsked(page);

    // Uploading: the customer reloads the page (or the browser tab crashed and came back).
    const sending = page.getByRole('status').filter({ hasText: /Upload: .* von / });
    await expect(sending).toBeVisible({ timeout: 60_000 });
    await page.reload();

    // The host still has the order and says what it needs: the photos whose turn had not come.
    const failed = page.getByRole('alert').filter({ hasText: 'noch einmal aus' });
    await expect(failed).toBeVisible({ timeout: 90_000 });
    const text = (await failed.textContent())!;
    const orderId = text.match(/Bestellung (PD-[A-Z0-9]+) weitergeht/)?.[1];
    expect(orderId, text).toBeTruthy();
    await expect(failed).toContainText('Es ist dieselbe Bestellung: nichts wird doppelt bestellt.');
    const listed = await failed.getByRole('listitem').allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    for (const line of listed) {
      expect(line).toMatch(/^(Weserufer|Schnoor|Bürgerpark)\.jpg: nicht mehr gefunden$/);
    }
    await expect(failed.getByRole('button', { name: 'Fotos auswählen …' })).toBeVisible();
    await page.screenshot({ path: join('test-results', 'screens', 'repick-asked.png') });

    // The customer picks all three again and, by mistake, a photo of the cat.
    await page.getByTestId('pick-again-input').setInputFiles([...files, stranger]);
    const done = await orderNumberShown(page);
    expect(done).toBe(orderId);
    await page.screenshot({ path: join('test-results', 'screens', 'repick-done.png') });

    // Exactly one order at the provider and at the lab: the one first opened.
    const committed = await readdir(join(stack.providerData, 'orders'));
    expect(committed.filter((name) => name.endsWith('.json'))).toEqual([`${orderId}.json`]);
    const orderDir = await labPulls(stack, orderId!, 3);
    const pulled = (await readdir(join(root, 'lab', 'orders'))).filter((n) => n.startsWith('PD-'));
    expect(pulled).toEqual([orderId]);
    // Byte for byte the customer's files.
    const received = (await readdir(orderDir)).filter((n) => n.startsWith('photo-')).sort();
    expect(received).toHaveLength(3);
    const bytes = await Promise.all(received.map((name) => readFile(join(orderDir, name))));
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(bytes.map(sha).sort()).toEqual(photos.map(sha).sort());
  } finally {
    await browser.close();
  }
});
