import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { decodePhoto } from '../../services/photos/decode';
import { makeControlNeedle, plantControlNeedle, scanClientMachine } from './support/privacy';
import { startWebApp, type WebApp } from './support/web-app';

/**
 * A large selection in Chromium over the loopback host: photos appear in the tray while the rest
 * are still being read, the progress counts them, and cancelling stops the import after the
 * photos in work, keeping those that arrived. Afterwards no photo and no thumbnail is anywhere on
 * the customer's machine: the host held them in memory only, Chromium cached none.
 */
const COUNT = 40;
let app: WebApp;
const photos: Record<string, Buffer> = {};

test.beforeAll(async () => {
  // Large enough that reading them all takes a while on any machine.
  for (let i = 1; i <= COUNT; i++) photos[`Serie ${i}.jpg`] = await makePhoto(3000, 2000, 100 + i);
  app = await startWebApp('import-progress', photos);
});
test.afterAll(() => app?.stop());

test('the first photos show while the rest are read, and cancel keeps what arrived', async () => {
  const page = await app.browser.newPage();
  await page.goto(app.appUrl);
  await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
  const control = makeControlNeedle();
  await plantControlNeedle(page, control);
  await page.getByTestId('photo-input').setInputFiles(app.photoFiles);

  const progress = page.getByRole('status').filter({ hasText: 'Fotos werden gelesen' });
  // A first photo with its thumbnail, while the import still runs.
  const firstThumbnail = page.locator('.thumb img').first();
  await expect(firstThumbnail).toHaveAttribute('src', /^blob:/);
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(new RegExp(`Fotos werden gelesen: \\d+ von ${COUNT}`));
  await page.screenshot({ path: join('test-results', 'screens', 'import-progress.png') });

  await progress.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(progress).toBeHidden();
  const report = page.getByRole('region', { name: 'Bericht zum Hinzufügen der Fotos' });
  await expect(report).toContainText('Abgebrochen: die Fotos bis dahin sind hinzugefügt.');
  const heading = await page.getByRole('heading', { name: /^Deine Fotos \(\d+\)$/ }).textContent();
  const kept = Number(/\((\d+)\)/.exec(heading ?? '')![1]);
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(COUNT);
  // Every photo kept is whole: each tile shows its thumbnail.
  await expect(page.locator('.thumb img')).toHaveCount(kept);
  await page.close();
  await app.browser.close();

  // Neither the photos' bytes nor the thumbnails the host made of them are on disk.
  const needles: Record<string, Buffer> = {};
  for (const [name, bytes] of Object.entries(photos).slice(0, 8)) {
    needles[name] = bytes.subarray(4000, 4064);
    needles[`thumbnail of ${name}`] = (await decodePhoto(bytes)).thumbnail.jpeg.subarray(
      1000,
      1064,
    );
  }
  expect(await scanClientMachine(app.client, control, needles)).toEqual([]);
});
