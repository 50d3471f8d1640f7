import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { copyFile, mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { projectCorpus } from '../fixtures/project-corpus';
import { expectNoSeriousViolations } from './support/axe';
import { startWebApp, type WebApp } from './support/web-app';
import { framesOnPage, openSurface as openSurfaceOnce, placePhoto } from './support/pages';

/**
 * Projects that are never lost, in Chromium over the loopback host: the recovery copy after a
 * reload, saving and opening a .pdbook file (the system's dialog through the File System Access
 * API, and the download and file-input fallback), missing photos found in a folder by content,
 * and hostile files that leave the open book alone.
 */
let app: WebApp;
let browser: BrowserContext;
let appUrl: string;
let photoFiles: string[];

const PHOTOS = ['Strand.jpg', 'Leuchtturm.jpg', 'Dünen.jpg'];

test.beforeAll(async () => {
  app = await startWebApp('projects', {
    'Strand.jpg': await makePhoto(1800, 1200, 40),
    'Leuchtturm.jpg': await makePhoto(1200, 1600, 41),
    'Dünen.jpg': await makePhoto(1800, 1200, 42),
  });
  ({ browser, appUrl, photoFiles } = app);
});

test.afterAll(() => app?.stop());

const screens = (name: string) => join('test-results', 'screens', `projects-${name}.png`);

/** A screenshot of the window as the customer sees it, scrolled to the top (toolbar, messages). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() =>
    (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
  );
  await page.screenshot({ path: screens(name) });
}
const RECOVERY_KEY = 'photodose.recovery.project';

/** The page's globals these tests read (the test project has no DOM types). */
interface PageGlobals {
  localStorage: { getItem(key: string): string | null };
  navigator: { storage: { getDirectory(): Promise<DirectoryHandle> } };
  showSaveFilePicker?: unknown;
  showOpenFilePicker?: unknown;
}
interface DirectoryHandle {
  getFileHandle(name: string, options?: { create: boolean }): Promise<{ getFile(): Promise<Blob> }>;
}

/** The recovery copy as the page's storage holds it. */
const recoveryCopy = (page: Page) =>
  page.evaluate(
    (key) => (globalThis as unknown as PageGlobals).localStorage.getItem(key),
    RECOVERY_KEY,
  );

/**
 * Opens a spread from the strip. On a machine busy with other tests, a click landing while the
 * tray is still drawing arriving thumbnails is sometimes lost: click again until it is open.
 */
async function openSurface(page: Page, name: string): Promise<void> {
  await expect(() => openSurfaceOnce(page, name)).toPass({ timeout: 20_000 });
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1440, height: 960 });
  // Leaving with unsaved changes asks first; the tests answer "leave".
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

/** A 30x30 book with the three photos in the tray and the beach photo on page 2. */
async function designABook(page: Page): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Gestalten: Fotobuch 30×30 Hardcover' }).click();
  await page.getByTestId('photo-input').setInputFiles(photoFiles);
  await expect(page.getByRole('heading', { name: 'Deine Fotos (3)' })).toBeVisible();
  await openSurface(page, 'Seiten 2–3');
  await placePhoto(page, 'Strand.jpg', framesOnPage(page, 2).first());
}

/** The photos moved to another folder and renamed, as a customer tidying up would. */
async function movedPhotos(name: string): Promise<string> {
  const dir = join(app.root, name, 'Urlaub 2025', 'sortiert');
  await mkdir(dir, { recursive: true });
  await Promise.all(photoFiles.map((file, i) => copyFile(file, join(dir, `IMG_${1000 + i}.jpg`))));
  await writeFile(join(dir, 'notizen.txt'), 'not a photo');
  return join(app.root, name);
}

async function expectPhotosShown(page: Page): Promise<void> {
  await expect(page.locator('.tray img')).toHaveCount(3);
}

/** Neither personal data nor image bytes: no data: URL, no long base64 run. */
function expectDesignOnly(text: string, personal: readonly string[]): void {
  for (const value of personal) expect(text).not.toContain(value);
  expect(text).not.toContain('data:');
  expect(text).not.toMatch(/[A-Za-z0-9+/]{200,}/);
}

test('a reload mid-design offers the book again, and its photos come back from a folder', async () => {
  const page = await newPage();
  await designABook(page);
  // The recovery copy follows the edit within a moment.
  await expect.poll(() => recoveryCopy(page)).not.toBeNull();

  await page.reload();
  const offer = page.getByRole('region', { name: 'Nicht gespeichertes Projekt gefunden' });
  await expect(offer).toContainText('Fotobuch 30×30 Hardcover mit 3 Fotos');
  await shoot(page, 'recovery-offer');
  await expectNoSeriousViolations(page);
  await offer.getByRole('button', { name: 'Weiterarbeiten' }).click();

  // Its photos are not in memory after a reload: one dialog for all of them.
  const missing = page.getByRole('dialog', { name: '3 Fotos fehlen' });
  await expect(missing).toBeVisible();
  await expect(missing).toContainText('Leuchtturm.jpg');
  await shoot(page, 'missing-photos');
  await expectNoSeriousViolations(page);

  await page.getByTestId('missing-photos-folder').setInputFiles(await movedPhotos('moved-1'));
  await expect(missing).toBeHidden();
  await expectPhotosShown(page);
  // The book is back as it was.
  await openSurface(page, 'Seiten 2–3');
  await expect(framesOnPage(page, 2).first()).toHaveAccessibleName('Seite 2 · Foto Strand.jpg');
  await shoot(page, 'recovered');
  await page.close();
});

test('Ctrl+S saves to a file through the system dialog, Ctrl+O opens it again', async () => {
  const page = await newPage();
  // Playwright can't click the system's file dialog: only the dialog is stood in for, by one
  // that answers with a real file handle of the browser's own file system (OPFS), so writing
  // and reading go through the real File System Access API.
  await page.addInitScript(() => {
    const page = globalThis as unknown as PageGlobals;
    const dir = () => page.navigator.storage.getDirectory();
    Object.assign(page, {
      showSaveFilePicker: async (options: { suggestedName: string }) =>
        (await dir()).getFileHandle(options.suggestedName, { create: true }),
      showOpenFilePicker: async () => [
        await (await dir()).getFileHandle('Fotobuch 30×30 Hardcover.pdbook'),
      ],
    });
  });
  await designABook(page);
  await page.keyboard.press('Control+s');
  const status = page.locator('.project-status');
  await expect(status).toContainText('Gespeichert als „Fotobuch 30×30 Hardcover.pdbook“');
  await shoot(page, 'saved');
  // Saved: the recovery copy is gone (privacy rule 2).
  expect(await recoveryCopy(page)).toBeNull();

  const saved = await page.evaluate(async () => {
    const dir = await (globalThis as unknown as PageGlobals).navigator.storage.getDirectory();
    const handle = await dir.getFileHandle('Fotobuch 30×30 Hardcover.pdbook');
    return (await handle.getFile()).text();
  });
  const project = JSON.parse(saved) as { format: string; photos: { name: string }[] };
  expect(project.format).toBe('photodose.project');
  expect(project.photos.map((p) => p.name).sort()).toEqual([...PHOTOS].sort());

  // A change after saving is unsaved; opening the file brings back the book as saved.
  await placePhoto(page, 'Leuchtturm.jpg', framesOnPage(page, 3).first());
  await expect(status).toHaveText('Nicht gespeichert');
  await page.keyboard.press('Control+o');
  await expect(status).toContainText('Gespeichert als');
  await openSurface(page, 'Seiten 2–3');
  await expect(framesOnPage(page, 3).first()).toHaveAccessibleName('Seite 3 · leerer Fotorahmen');
  await expect(framesOnPage(page, 2).first()).toHaveAccessibleName('Seite 2 · Foto Strand.jpg');
  // The photos were in memory already: nothing is missing.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.close();
});

test('without the pickers: a download, opened in a fresh window, photos found by content', async () => {
  const page = await newPage();
  await page.addInitScript(() => {
    const page = globalThis as unknown as PageGlobals;
    delete page.showSaveFilePicker;
    delete page.showOpenFilePicker;
  });
  await designABook(page);
  // Customer data typed at checkout must not reach the project or the recovery copy.
  await page.getByRole('button', { name: 'Zur Kasse' }).click();
  const personal = ['Schmidtke', 'Am Wall 12', 'anna@example.de', 'Bremen'];
  await page.getByLabel('Nachname', { exact: true }).fill(personal[0]!);
  await page.getByLabel('Straße und Hausnummer', { exact: true }).fill(personal[1]!);
  await page.getByLabel('E-Mail', { exact: true }).fill(personal[2]!);
  await page.getByLabel('Ort', { exact: true }).fill(personal[3]!);
  await page.getByRole('button', { name: 'Zurück zum Buch' }).click();
  await openSurface(page, 'Seiten 2–3');
  await placePhoto(page, 'Dünen.jpg', framesOnPage(page, 3).first());
  await expect.poll(() => recoveryCopy(page)).toContain('Dünen.jpg');
  const recovery = await recoveryCopy(page);
  expectDesignOnly(recovery!, personal);

  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const file = join(app.root, 'Fotobuch.pdbook');
  await (await download).saveAs(file);
  await expect(page.locator('.project-status')).toContainText('Heruntergeladen als');
  expectDesignOnly(await readFile(file, 'utf8'), personal);
  await page.close();

  const fresh = await newPage();
  await fresh.goto(appUrl);
  await fresh.getByTestId('project-input').setInputFiles(file);
  const missing = fresh.getByRole('dialog', { name: '3 Fotos fehlen' });
  await expect(missing).toBeVisible();
  await fresh.getByTestId('missing-photos-folder').setInputFiles(await movedPhotos('moved-2'));
  await expect(missing).toBeHidden();
  await expectPhotosShown(fresh);
  await expect(fresh.locator('.project-status')).toContainText('Geöffnet: „Fotobuch.pdbook“');
  await openSurface(fresh, 'Seiten 2–3');
  await expect(framesOnPage(fresh, 3).first()).toHaveAccessibleName('Seite 3 · Foto Dünen.jpg');
  await shoot(fresh, 'opened');
  await fresh.close();
});

test('hostile project files leave the open book untouched, each with its reason', async () => {
  const page = await newPage();
  await designABook(page);
  const dir = join(app.root, 'hostile');
  await mkdir(dir);
  const corpus = projectCorpus();
  const cases: [string, RegExp][] = [
    ['proto-key.pdbook', /unzulässigen Namen „__proto__“/],
    ['future-version.pdbook', /neueren Version von Photo Dose.*Bitte aktualisiere/],
    ['truncated.pdbook', /unvollständig/],
    ['system-location.pdbook', /unzulässigen Ort/],
  ];
  const alert = page.locator('.project-banner[role="alert"]');
  for (const [name, reason] of cases) {
    const text = corpus.find((f) => f.name === name)!.text;
    await writeFile(join(dir, name), text);
    await page.getByTestId('project-input').setInputFiles(join(dir, name));
    await expect(alert).toContainText(`„${name}“ wurde nicht geöffnet.`);
    await expect(alert).toContainText(reason);
    await expect(alert).toContainText('Dein geöffnetes Projekt bleibt unverändert.');
    await expect(framesOnPage(page, 2).first()).toHaveAccessibleName('Seite 2 · Foto Strand.jpg');
    await expect(page.getByRole('heading', { name: 'Deine Fotos (3)' })).toBeVisible();
  }
  await shoot(page, 'hostile');

  // A 1 GB file is refused by its size, before a byte of it is read.
  const huge = join(dir, 'riesig.pdbook');
  const handle = await open(huge, 'w');
  await handle.truncate(1024 ** 3);
  await handle.close();
  await page.getByTestId('project-input').setInputFiles(huge);
  await expect(alert).toContainText('„riesig.pdbook“ wurde nicht geöffnet.');
  await expect(alert).toContainText('zu groß');
  await expect(framesOnPage(page, 2).first()).toHaveAccessibleName('Seite 2 · Foto Strand.jpg');
  await page.close();
});
