import { test, expect, type BrowserContext } from '@playwright/test';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { expectNoSeriousViolations } from './support/axe';
import { startWebApp, type WebApp } from './support/web-app';
import { assistantDialog, fillButton, placedNote, startBookWithPhotos } from './support/assistant';
import { framesOnPage, stage, stripItem } from './support/pages';

/** The assistant fills a 30x30 book from the tray in one undo step. */
let app: WebApp;
let browser: BrowserContext;
let appUrl: string;
let photoFiles: string[];

test.beforeAll(async () => {
  // Landscape and portrait photos mixed, as a phone and a camera make them.
  const shapes: [number, number][] = [
    [1800, 1200],
    [1200, 1600],
    [1600, 1200],
    [1800, 1200],
    [1200, 1800],
    [1500, 1000],
    [1200, 1200],
    [1600, 1200],
  ];
  const photos: Record<string, Buffer> = {};
  for (const [i, [w, h]] of shapes.entries()) {
    photos[`Urlaub_${String(i + 1).padStart(2, '0')}.jpg`] = await makePhoto(w, h, 60 + i);
  }
  app = await startWebApp('assistant', photos);
  ({ browser, appUrl, photoFiles } = app);
});

test.afterAll(() => app?.stop());

// A browser, an app and photos on a machine that may be busy with other work.
test.describe.configure({ timeout: 180_000 });

const screen = (name: string) => join('test-results', 'screens', `assistant-${name}.png`);

test('fills the book with every photo in one step, and one undo empties it again', async () => {
  const page = await startBookWithPhotos(browser, appUrl, photoFiles);
  await expect(placedNote(page, 0)).toBeVisible();

  await fillButton(page).click();
  const dialog = assistantDialog(page);
  await expect(dialog).toBeVisible();
  // The defaults: only new photos, the customer's own pages kept; and what will happen.
  await expect(
    dialog.getByRole('radio', { name: 'Nur Fotos, die noch nicht im Buch sind' }),
  ).toBeChecked();
  await expect(
    dialog.getByRole('radio', { name: 'Selbst gestaltete Seiten behalten' }),
  ).toBeChecked();
  await expect(dialog.getByRole('status')).toContainText('8 Fotos kommen nach Aufnahmedatum auf');
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: screen('dialog') });

  await dialog.getByRole('button', { name: 'Füllen', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(placedNote(page, 8)).toBeVisible();
  // Focus is back on the button that opened the dialog.
  await expect(fillButton(page)).toBeFocused();

  // Ordinary frames on the pages, each holding a photo, editable as any other.
  // The fill shows the book from page 1; the next spread by keyboard. Without capture dates
  // the photos follow their file names: one a page, Urlaub_01 first.
  await expect(stripItem(page, 'Seite 1')).toHaveAttribute('aria-current', 'page');
  await expect(
    stage(page).getByRole('button', { name: 'Seite 1 · Foto Urlaub_01.jpg' }),
  ).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(stripItem(page, 'Seiten 2–3')).toHaveAttribute('aria-current', 'page');
  await expect(
    stage(page).getByRole('button', { name: 'Seite 2 · Foto Urlaub_02.jpg' }),
  ).toBeVisible();
  await expect(
    stage(page).getByRole('button', { name: 'Seite 3 · Foto Urlaub_03.jpg' }),
  ).toBeVisible();
  await expect(framesOnPage(page, 2).first()).toBeVisible();
  const photoFrames = stage(page).getByRole('button', { name: /· Foto Urlaub_\d+\.jpg$/ });
  expect(await photoFrames.count()).toBeGreaterThan(0);
  await page.screenshot({ path: screen('filled') });

  // The whole fill is one undo step: one Ctrl+Z and no photo is placed, one Ctrl+Y and all are.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(placedNote(page, 0)).toBeVisible();
  await expect(stage(page).getByRole('button', { name: /· Foto / })).toHaveCount(0);
  await page.screenshot({ path: screen('undone') });
  await page.keyboard.press('Control+y');
  await expect(placedNote(page, 8)).toBeVisible();

  // Nothing left to place: the dialog says so and offers no fill.
  await fillButton(page).click();
  await expect(assistantDialog(page).getByRole('status')).toContainText(
    'keine Fotos oder keine freien Seiten',
  );
  await expect(
    assistantDialog(page).getByRole('button', { name: 'Füllen', exact: true }),
  ).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(assistantDialog(page)).toBeHidden();
  await expect(placedNote(page, 8)).toBeVisible();

  await mkdir('/work/brief/screens', { recursive: true }).catch(() => undefined);
  for (const name of ['dialog', 'filled', 'undone']) {
    await copyFile(screen(name), join('/work/brief/screens', `assistant-${name}.png`)).catch(
      () => undefined,
    );
  }
});
