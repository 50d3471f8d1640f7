import { test, expect, type BrowserContext } from '@playwright/test';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { expectNoSeriousViolations } from './support/axe';
import { startWebApp, type WebApp } from './support/web-app';
import {
  fillAutomatically,
  previewButton,
  previewCaption,
  previewDialog,
  startBookWithPhotos,
} from './support/assistant';

/** The full-screen preview pages through the whole book by keyboard. */
let app: WebApp;
let browser: BrowserContext;
let appUrl: string;
let photoFiles: string[];

test.beforeAll(async () => {
  const photos: Record<string, Buffer> = {};
  for (let i = 0; i < 6; i++) {
    const [w, h] = i % 3 === 1 ? [1200, 1600] : [1800, 1200];
    photos[`Sommer_${i + 1}.jpg`] = await makePhoto(w, h, 80 + i);
  }
  app = await startWebApp('preview', photos);
  ({ browser, appUrl, photoFiles } = app);
});

test.afterAll(() => app?.stop());

// A browser, an app and photos on a machine that may be busy with other work.
test.describe.configure({ timeout: 180_000 });

const screen = (name: string) => join('test-results', 'screens', `preview-${name}.png`);

test('pages through the whole book cut at the trim, and Escape gives focus back', async () => {
  const page = await startBookWithPhotos(browser, appUrl, photoFiles);
  await fillAutomatically(page, 6);
  // Screenshots of pages at rest: the turn is checked on its own below.
  await page.emulateMedia({ reducedMotion: 'reduce' });

  await previewButton(page).click();
  const preview = previewDialog(page);
  await expect(preview).toBeVisible();
  // It opens where the designer was (page 1 after the fill) and names the pages.
  await expect(previewCaption(page)).toHaveText('Seite 1 von 24');
  // No production marks, only the pages: and as large as the window allows.
  await expect(preview.locator('.bands')).toHaveCount(0);
  const viewport = page.viewportSize()!;
  await page.keyboard.press('ArrowRight');
  await expect(previewCaption(page)).toHaveText('Seiten 2–3 von 24');
  const sheet = preview.locator('.preview-sheet');
  const box = (await sheet.boundingBox())!;
  // A 30x30 spread is twice as wide as tall, cut at the trim (no bleed).
  expect(box.width / box.height).toBeCloseTo(2, 1);
  expect(Math.max(box.width / viewport.width, box.height / viewport.height)).toBeGreaterThan(0.8);
  await expect(sheet.locator('.frame-photo img').first()).toBeVisible();
  await page.screenshot({ path: screen('spread') });
  await expectNoSeriousViolations(page);

  await page.keyboard.press('PageDown');
  await expect(previewCaption(page)).toHaveText('Seiten 4–5 von 24');
  await page.keyboard.press('PageUp');
  await expect(previewCaption(page)).toHaveText('Seiten 2–3 von 24');
  await page.keyboard.press('Home');
  await expect(previewCaption(page)).toHaveText('Umschlag vorne');
  await page.screenshot({ path: screen('cover') });
  await page.keyboard.press('End');
  await expect(previewCaption(page)).toHaveText('Umschlag hinten');
  await page.keyboard.press('ArrowLeft');
  await expect(previewCaption(page)).toHaveText('Seite 24 von 24');
  await page.screenshot({ path: screen('last-page') });
  // Arrows turn pages here, not nudge frames or change the designer's spread behind.
  await expect(page.getByText('6 Fotos platziert', { exact: true })).toBeAttached();

  // Focus stays in the dialog.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    await expect(preview.locator(':focus')).toHaveCount(1);
  }

  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await expect(previewButton(page)).toBeFocused();

  // The shortcut opens it too. Pages turn gently, and not at all for reduced motion.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.keyboard.press('Control+p');
  await expect(preview).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(preview.locator('.preview-sheet')).toHaveCSS(
    'animation-name',
    'preview-turn-forward',
  );
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.keyboard.press('ArrowRight');
  await expect(preview.locator('.preview-sheet')).toHaveCSS('animation-name', 'none');
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  await mkdir('/work/brief/screens', { recursive: true }).catch(() => undefined);
  for (const name of ['spread', 'cover', 'last-page']) {
    await copyFile(screen(name), join('/work/brief/screens', `preview-${name}.png`)).catch(
      () => undefined,
    );
  }
});
