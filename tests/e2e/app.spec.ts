import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { startCli, type Running } from './support/processes';

/** The app as shipped (embedded demonstration lab), opened the right and the wrong way. */
let root: string;
let web: Running & { match: RegExpMatchArray };
let browser: BrowserContext;
let app: { appUrl: string; origin: string };

test.beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'photodose-app-'));
  web = await startCli(['web', '--dev-dir', join(root, 'dev'), '--json'], /^(\{"appUrl".*\})$/m);
  app = JSON.parse(web.match[1]!) as typeof app;
  // Chromium's own writes (crash reports, caches) stay in this test's folders too.
  const client = await makeClientMachine(join(root, 'client'));
  browser = await launchChromium(client.profile, client.env);
});

test.afterAll(async () => {
  await browser.close();
  await web.stop();
  await rm(root, { recursive: true, force: true });
});

test('without the per-run token the page says how to open it', async () => {
  const page = await browser.newPage();
  await page.goto(app.origin);
  await expect(page.getByRole('alert')).toContainText('Keine Verbindung zum Programm');
  await expect(page.getByRole('alert')).toContainText('missing or wrong token');
  await page.close();
});

test('the token leaves the address bar at once', async () => {
  const page = await browser.newPage();
  await page.goto(app.appUrl);
  await expect(page.getByText('Photo Dose, Bremen')).toBeVisible();
  expect(page.url()).not.toContain('token');
  await page.close();
});

test('switches between German and English', async () => {
  const page = await browser.newPage();
  await page.goto(app.appUrl);
  await expect(page.getByRole('heading', { name: 'Produkt wählen' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  // Each language is named in its own words, whichever language the app shows.
  await expect(page.getByLabel('Sprache').locator('option')).toHaveText(['Deutsch', 'English']);
  await page.getByLabel('Sprache').selectOption('en');
  await expect(page.getByLabel('Language').locator('option')).toHaveText(['Deutsch', 'English']);
  await expect(page.getByRole('heading', { name: 'Choose a product' })).toBeVisible();
  await expect(page.getByText('Photo book A4 hardcover')).toBeVisible();
  await expect(page.getByText('from €34.99')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.close();
});

test('a photo over the size limit is named in the import report, and the others are imported', async () => {
  const photosDir = join(root, 'photos');
  await mkdir(photosDir, { recursive: true });
  const good = join(photosDir, 'Weser.jpg');
  await writeFile(good, await makePhoto(900, 600, 5));
  // Sparse: 513 MB on paper, nothing on disk; the host refuses it by its size, without reading it.
  const huge = join(photosDir, 'Panorama.jpg');
  await truncate(huge, 513 * 1024 * 1024).catch(async () => {
    await writeFile(huge, '');
    await truncate(huge, 513 * 1024 * 1024);
  });

  const page = await browser.newPage();
  await page.goto(app.appUrl);
  await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
  await page.getByTestId('photo-input').setInputFiles([huge, good]);
  const report = page.getByRole('region', { name: 'Bericht zum Hinzufügen der Fotos' });
  await expect(report.getByRole('alert')).toHaveText('1 Datei konnte nicht hinzugefügt werden');
  await expect(report.getByRole('listitem')).toHaveText('Panorama.jpg Datei ist zu groß');
  await expect(page.getByRole('button', { name: 'Weser.jpg' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Deine Fotos (1)' })).toBeVisible();
  await page.screenshot({ path: join('test-results', 'screens', 'photo-too-large.png') });
  await page.close();
});
