import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { expectNoSeriousViolations } from './support/axe';
import { startWebApp, type WebApp } from './support/web-app';
import {
  addSpread,
  applyLayout,
  backgroundPanel,
  dragSpread,
  framesOnPage,
  layoutPanel,
  openStripItem,
  openSurface,
  pageBackgroundColour,
  pageCount,
  placePhoto,
  removeSpread,
  setBackgroundColour,
  spreadButton,
  stage,
  stripItem,
} from './support/pages';

/** Pages, layouts and backgrounds in a 30x30 book, with real pointer drags and keys. */
let app: WebApp;
let browser: BrowserContext;
let appUrl: string;
let photoFiles: string[];

test.beforeAll(async () => {
  app = await startWebApp('pages', {
    'Strand.jpg': await makePhoto(1800, 1200, 30),
    'Leuchtturm.jpg': await makePhoto(1200, 1600, 31),
    'Dünen.jpg': await makePhoto(1800, 1200, 32),
  });
  ({ browser, appUrl, photoFiles } = app);
});

test.afterAll(() => app?.stop());

const screens = (name: string) => join('test-results', 'screens', `pages-${name}.png`);

async function startBook(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1440, height: 960 });
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Gestalten: Fotobuch 30×30 Hardcover' }).click();
  await expect(page.getByRole('navigation', { name: 'Seitenübersicht' })).toBeVisible();
  await page.getByTestId('photo-input').setInputFiles(photoFiles);
  await expect(page.getByRole('heading', { name: 'Deine Fotos (3)' })).toBeVisible();
  return page;
}

test('a 3-photo layout keeps the photo already on the page, and is one undo step', async () => {
  const page = await startBook();
  await openSurface(page, 'Seiten 2–3');
  await placePhoto(page, 'Strand.jpg', framesOnPage(page, 2).first());
  await expect(framesOnPage(page, 2)).toHaveCount(1);

  await applyLayout(page, 2, 3);
  // Three frames on page 2: the beach photo in one of them, two waiting for photos.
  await expect(framesOnPage(page, 2)).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Seite 2 · Foto Strand.jpg' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Seite 2 · leerer Fotorahmen' })).toHaveCount(2);
  // Page 3 is untouched.
  await expect(framesOnPage(page, 3)).toHaveCount(1);
  await page.screenshot({ path: screens('layout') });
  await expectNoSeriousViolations(page);

  // Fill the layout, then take a two-photo layout: one photo must leave, and the panel says so.
  await placePhoto(
    page,
    'Leuchtturm.jpg',
    page.getByRole('button', { name: 'Seite 2 · leerer Fotorahmen' }).first(),
  );
  await placePhoto(
    page,
    'Dünen.jpg',
    page.getByRole('button', { name: 'Seite 2 · leerer Fotorahmen' }).first(),
  );
  await applyLayout(page, 2, 2);
  await expect(framesOnPage(page, 2)).toHaveCount(2);
  await expect(layoutPanel(page).getByRole('status')).toHaveText(
    '1 Foto passt nicht in dieses Layout und bleibt bei deinen Fotos. Rückgängig stellt die Seite wieder her.',
  );
  await page.screenshot({ path: screens('layout-displaced') });

  // One undo brings back the three photos exactly; a second takes back the last placing.
  await page.keyboard.press('Control+z');
  await expect(framesOnPage(page, 2)).toHaveCount(3);
  for (const name of ['Strand.jpg', 'Leuchtturm.jpg', 'Dünen.jpg']) {
    await expect(page.getByRole('button', { name: `Seite 2 · Foto ${name}` })).toHaveCount(1);
  }
  await page.close();
});

test('spreads: reorder by dragging in the strip, add and remove, keys to page and move', async () => {
  const page = await startBook();
  await openSurface(page, 'Seiten 2–3');
  await placePhoto(page, 'Strand.jpg', framesOnPage(page, 2).first());
  await expect(pageCount(page)).toHaveText('24 Seiten');
  await expect(page.getByText('24 bis 200 Seiten möglich, in Schritten von 2')).toBeVisible();

  // Escape during a drag lets go: nothing moves.
  await dragSpread(page, 'Seiten 2–3', 'Seiten 6–7', 'after', async () => {
    await page.keyboard.press('Escape');
  });
  await expect(openStripItem(page)).toHaveAccessibleName('Seiten 2–3');
  await expect(page.getByRole('button', { name: 'Seite 2 · Foto Strand.jpg' })).toHaveCount(1);

  // Drag spread 2–3 behind spread 6–7: it becomes pages 6 and 7, and stays open.
  await dragSpread(page, 'Seiten 2–3', 'Seiten 6–7', 'after', async () => {
    await page.screenshot({ path: screens('reorder-drag') });
  });
  await expect(openStripItem(page)).toHaveAccessibleName('Seiten 6–7');
  await expect(page.getByRole('button', { name: 'Seite 6 · Foto Strand.jpg' })).toHaveCount(1);
  await expect(pageCount(page)).toHaveText('24 Seiten');
  await page.screenshot({ path: screens('reorder') });
  // One undo puts it back where it was.
  await page.keyboard.press('Control+z');
  await openSurface(page, 'Seiten 2–3');
  await expect(page.getByRole('button', { name: 'Seite 2 · Foto Strand.jpg' })).toHaveCount(1);
  // A click on a spread after all that still just opens it.
  await openSurface(page, 'Seiten 4–5');

  // The keyboard: Shift+PageUp carries the open spread forward, PageDown turns the page.
  await openSurface(page, 'Seiten 2–3');
  await page.keyboard.press('Shift+PageDown');
  await expect(openStripItem(page)).toHaveAccessibleName('Seiten 4–5');
  await expect(page.getByRole('button', { name: 'Seite 4 · Foto Strand.jpg' })).toHaveCount(1);
  await page.keyboard.press('PageDown');
  await expect(openStripItem(page)).toHaveAccessibleName('Seiten 6–7');
  await page.keyboard.press('PageUp');
  await expect(openStripItem(page)).toHaveAccessibleName('Seiten 4–5');

  // At the minimum of 24 pages a spread cannot be removed.
  await expect(spreadButton(page, 'Doppelseite entfernen')).toBeDisabled();
  await addSpread(page);
  await expect(stripItem(page, 'Seiten 24–25')).toBeVisible();
  // The new, blank spread comes right after the open one and opens.
  await expect(openStripItem(page)).toHaveAccessibleName('Seiten 6–7');
  await expect(framesOnPage(page, 6)).toHaveCount(0);
  await page.screenshot({ path: screens('added') });
  await removeSpread(page);
  await expect(stripItem(page, 'Seiten 24–25')).toHaveCount(0);
  await expect(spreadButton(page, 'Doppelseite entfernen')).toBeDisabled();
  await page.close();
});

test('a background colour on one page and across the spread, and one photo across it', async () => {
  const page = await startBook();
  await openSurface(page, 'Seiten 4–5');
  // A framed single photo on each page, so the background shows round it.
  await applyLayout(page, 4, 1, 3);
  await applyLayout(page, 5, 1, 3);
  await setBackgroundColour(page, 'Salbei', { pageNumber: 5 });
  expect(await pageBackgroundColour(page, 5)).toBe('rgb(184, 199, 174)');
  expect(await pageBackgroundColour(page, 4)).toBe('rgb(255, 255, 255)');
  await setBackgroundColour(page, 'Marine', { whole: true });
  expect(await pageBackgroundColour(page, 4)).toBe('rgb(31, 42, 68)');
  expect(await pageBackgroundColour(page, 5)).toBe('rgb(31, 42, 68)');
  await page.screenshot({ path: screens('background') });
  await expectNoSeriousViolations(page);
  // One undo takes back the whole spread's colour, not one page of it.
  await page.keyboard.press('Control+z');
  expect(await pageBackgroundColour(page, 4)).toBe('rgb(255, 255, 255)');
  expect(await pageBackgroundColour(page, 5)).toBe('rgb(184, 199, 174)');

  // The dunes across both pages: each page shows its half, meeting at the binding.
  await page
    .locator('.tray')
    .getByRole('button', { name: /^Dünen\.jpg/ })
    .click();
  await backgroundPanel(page).getByRole('radio', { name: 'Ganze Doppelseite' }).check();
  await backgroundPanel(page)
    .getByRole('button', { name: 'Ausgewähltes Foto als Hintergrund' })
    .click();
  const halves = stage(page).locator('.page-background img');
  await expect(halves).toHaveCount(2);
  const [left, right] = await halves.evaluateAll((imgs) =>
    imgs.map((img) => {
      const box = img.getBoundingClientRect();
      return { left: box.left, right: box.right, width: box.width };
    }),
  );
  // Each page draws the whole photo where it lies across the spread, cut to the page: so the
  // two images lie exactly on top of each other, and the halves meet without a seam.
  expect(left!.left).toBeCloseTo(right!.left, 0);
  expect(left!.width).toBeCloseTo(right!.width, 0);
  expect(left!.right).toBeCloseTo(right!.right, 0);
  await expect(page.locator('.tray').getByRole('button', { name: /^Dünen\.jpg/ })).toContainText(
    '2×',
  );
  await page.screenshot({ path: screens('background-photo') });
  await page.close();
});
