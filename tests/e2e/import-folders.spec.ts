import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { expectNoSeriousViolations } from './support/axe';
import { startWebApp, type WebApp } from './support/web-app';

/**
 * Photos from a whole folder and from a drop, in Chromium over the loopback host: the folder's
 * photos arrive from every subfolder, hidden files stay out, and one compact report names the
 * file that could not be added with its reason and counts the files that were no photos.
 * (Chromium can't synthesise the drop of a folder: the folder walk of a drop is unit-tested with
 * entries built in the test, tests/unit/renderer/photo-files.test.ts.)
 */
let app: WebApp;
let browser: BrowserContext;
let appUrl: string;
let folder: string;

test.beforeAll(async () => {
  app = await startWebApp('import-folders');
  ({ browser, appUrl } = app);
  folder = join(app.root, 'Urlaub');
  const write = async (path: string, bytes: Buffer | string) => {
    await mkdir(join(folder, path, '..'), { recursive: true });
    await writeFile(join(folder, path), bytes);
  };
  const img2 = await makePhoto(600, 900, 2);
  const broken = await makePhoto(900, 600, 5);
  await write('IMG_2.jpg', img2);
  await write('IMG_10.jpg', await makePhoto(900, 600, 10));
  // A JPEG cut off half way, as a card pulled out too early leaves it.
  await write('kaputt.jpg', broken.subarray(0, broken.length >> 1));
  await write('notizen.txt', 'Fähre um 9:40');
  await write('.DS_Store', Buffer.alloc(64, 1));
  await write('.versteckt/geheim.jpg', await makePhoto(300, 200, 7));
  await write('Tag 2/Strand.png', await makePhoto(800, 600, 3, 'png'));
  await write('Tag 2/Abend/Leuchtturm.jpg', await makePhoto(600, 800, 4));
  // The same photo again under another name: added once.
  await write('Kopien/IMG_2 Kopie.jpg', img2);
});

test.afterAll(() => app?.stop());

const screens = (name: string) => join('test-results', 'screens', `import-${name}.png`);

async function openBook(page: Page) {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
  await expect(page.getByRole('heading', { name: 'Deine Fotos (0)' })).toBeVisible();
}

/** The page's own DataTransfer (the specs compile without the DOM's types). */
type PageGlobals = { DataTransfer: new () => { items: { add(file: File): unknown } } };

const report = (page: Page) =>
  page.getByRole('region', { name: 'Bericht zum Hinzufügen der Fotos' });

test('a folder with subfolders: its photos arrive, the report names the broken one and counts the rest', async () => {
  const page = await browser.newPage();
  await openBook(page);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Ordner hinzufügen' }).click();
  await (await chooser).setFiles(folder);

  const tray = page.locator('.tray');
  await expect(tray.getByRole('heading', { name: 'Deine Fotos (4)' })).toBeVisible();
  // Every photo of every subfolder, the copy once; in the order the host finished them.
  await expect
    .poll(async () => (await tray.locator('.thumb-name').allInnerTexts()).sort())
    .toEqual(['IMG_10.jpg', 'IMG_2.jpg', 'Leuchtturm.jpg', 'Strand.png']);
  await expect(tray.getByText('geheim.jpg')).toHaveCount(0);

  await expect(report(page).getByRole('alert')).toHaveText(
    '1 Datei konnte nicht hinzugefügt werden',
  );
  await expect(report(page).getByRole('listitem')).toHaveText([
    'kaputt.jpg Bild ist beschädigt oder unvollständig',
  ]);
  const notes = report(page).getByRole('status');
  await expect(notes).toContainText('1 andere Datei übersprungen (kein Foto)');
  await expect(notes).toContainText('1 Foto ist schon in deinen Fotos');
  // Every thumbnail drawn before the picture is taken.
  await expect(tray.locator('.thumb img')).toHaveCount(4);
  await tray.screenshot({ path: screens('report') });
  await expectNoSeriousViolations(page);

  await report(page).getByRole('button', { name: 'Bericht schließen' }).click();
  await expect(report(page)).toHaveCount(0);
  await expect(tray.getByRole('heading', { name: 'Deine Fotos (4)' })).toBeVisible();
  await page.close();
});

test('files dropped on the tray go as they are: a photo arrives, six text files are one folded report', async () => {
  const page = await browser.newPage();
  await openBook(page);
  const jpeg = (await readFile(join(folder, 'IMG_10.jpg'))).toString('base64');
  const dataTransfer = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new (globalThis as unknown as PageGlobals).DataTransfer();
    data.items.add(new File([bytes], 'Hafen.jpg', { type: 'image/jpeg' }));
    for (let n = 1; n <= 6; n++) {
      data.items.add(new File([`Notiz ${n}`], `notiz-${n}.txt`, { type: 'text/plain' }));
    }
    return data;
  }, jpeg);
  const tray = page.locator('.tray');
  await tray.dispatchEvent('dragover', { dataTransfer });
  await tray.dispatchEvent('drop', { dataTransfer });

  await expect(tray.getByRole('heading', { name: 'Deine Fotos (1)' })).toBeVisible();
  await expect(tray.locator('.thumb-name')).toHaveText(['Hafen.jpg']);
  await expect(report(page).getByRole('alert')).toHaveText(
    '6 Dateien konnten nicht hinzugefügt werden',
  );
  // Six lines would bury the tray: they wait, folded, until the customer asks.
  const items = report(page).getByRole('listitem');
  await expect(items.first()).toBeHidden();
  await report(page).getByText('Welche Dateien und warum').click();
  await expect(items).toHaveText(
    [1, 2, 3, 4, 5, 6].map((n) => `notiz-${n}.txt Datei ist kein Bild`),
  );
  await expect(report(page).getByRole('status')).toHaveText('');
  await page.close();
});
