import { test, expect, type BrowserContext } from '@playwright/test';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { expectNoSeriousViolations } from './support/axe';
import { startWebApp, type WebApp } from './support/web-app';
import { frameNamed, selectedFrame } from './support/designer';
import { openStripItem, openSurface, placePhoto, stage, stripItem } from './support/pages';
import { checkButton, checkList, orderAnyway, orderCheck } from './support/preflight';
import { fillCheckout } from './support/order-flow';

/**
 * The check before ordering, as a customer meets it: a 320x180 photo put on a whole A4 page is
 * marked on the frame as it is placed, the list names it and the empty frames in the customer's
 * words and jumps to them, and ordering names both before "Trotzdem bestellen" sends the order.
 */
let app: WebApp;
let browser: BrowserContext;

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  app = await startWebApp('preflight', {
    // 320 x 180 px on a 216 x 303 mm page (with bleed): about 15 dpi.
    'Handyfoto.jpg': await makePhoto(320, 180, 51),
    // 3000 px across 216 mm: about 350 dpi, sharp.
    'Leuchtturm.jpg': await makePhoto(3000, 4000, 52),
  });
  ({ browser } = app);
});

test.afterAll(() => app?.stop());

const screen = (name: string) => join('test-results', 'screens', `preflight-${name}.png`);

test('a low-resolution photo and the empty frames are flagged, listed, jumped to and named before ordering', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1440, height: 960 });
  await page.goto(app.appUrl);
  await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
  await page.getByTestId('photo-input').setInputFiles(app.photoFiles);
  await expect(page.getByRole('heading', { name: 'Deine Fotos (2)' })).toBeVisible();

  // Page 1 gets the sharp photo: no mark. Page 2 the small one: marked at once, in words.
  await openSurface(page, 'Seite 1');
  await placePhoto(page, 'Leuchtturm.jpg', frameNamed(page, /^Seite 1 · /));
  await expect(stage(page).locator('.finding-badge')).toHaveCount(0);
  // The inspector says how the selected photo prints, in words with the dpi as the detail.
  const quality = page.getByRole('region', { name: 'Druckqualität des Fotos' });
  await expect(quality.getByRole('paragraph')).toHaveText(/^Gut \(3\d\d dpi\)$/);
  await openSurface(page, 'Seiten 2–3');
  await expect(stripItem(page, 'Seiten 2–3').locator('.strip-flag')).toHaveCount(0);
  await placePhoto(page, 'Handyfoto.jpg', frameNamed(page, /^Seite 2 · /));
  const blurry = frameNamed(page, 'Seite 2 · Foto Handyfoto.jpg');
  await expect(blurry.locator('.finding-badge')).toHaveAttribute('data-label', 'Unscharf');
  await expect(blurry).toHaveAccessibleDescription('Zu geringe Auflösung: wird unscharf (15 dpi)');
  // The strip marks the spread, not the one with the sharp photo.
  await expect(stripItem(page, 'Seiten 2–3').locator('.strip-flag')).toBeVisible();
  await expect(stripItem(page, 'Seite 1').locator('.strip-flag')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.locator('.stage').screenshot({ path: screen('badge') });

  // The list: the photo in words with its dpi, the 22 empty frames, each a jump.
  await openSurface(page, 'Umschlag');
  await expect(checkButton(page)).toHaveText('Prüfen · 23 Hinweise');
  await checkButton(page).click();
  const list = checkList(page);
  await expect(list).toBeVisible();
  const low = list.getByRole('region', { name: 'Zu geringe Auflösung: wird unscharf (1)' });
  await expect(low.getByRole('button')).toHaveText(['Seite 2 · Handyfoto.jpg · 15 dpi']);
  const empty = list.getByRole('region', { name: 'Leere Fotorahmen (22)' });
  await expect(empty).toContainText('Leere Rahmen bleiben im Druck weiß.');
  await expect(empty.getByRole('button').first()).toHaveText('Seite 3');
  await page.screenshot({ path: screen('list') });
  await expectNoSeriousViolations(page);

  // A jump opens the spread and selects the frame, focused for the keyboard.
  await low.getByRole('button', { name: 'Seite 2 · Handyfoto.jpg · 15 dpi' }).click();
  await expect(list).toBeHidden();
  await expect(openStripItem(page)).toHaveAccessibleName('Seiten 2–3');
  await expect(selectedFrame(page)).toHaveAccessibleName('Seite 2 · Foto Handyfoto.jpg');
  await expect(blurry).toBeFocused();
  await expect(quality.getByRole('paragraph')).toHaveText(
    'Zu geringe Auflösung: wird unscharf (15 dpi)',
  );
  // And an empty frame's place: page 3 on the same spread.
  await openSurface(page, 'Seite 1');
  await checkButton(page).click();
  await empty.getByRole('button', { name: 'Seite 3', exact: true }).click();
  await expect(openStripItem(page)).toHaveAccessibleName('Seiten 2–3');
  await expect(selectedFrame(page)).toHaveAccessibleName('Seite 3 · leerer Fotorahmen');

  // Ordering: the dialog names both before anything is sent; "Prüfen" goes back to the photo.
  await page.getByRole('button', { name: 'Zur Kasse' }).click();
  await fillCheckout(page, {
    name: 'Greta Meyerhoff',
    street: 'Schlachte 7',
    postalCode: '28195',
    city: 'Bremen',
    email: 'greta@example.org',
  });
  await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
  const dialog = orderCheck(page);
  await expect(dialog).toBeVisible();
  const anyway = dialog.getByRole('button', { name: 'Trotzdem bestellen' });
  await expect(anyway).toHaveAccessibleDescription(
    'Trotzdem bestellen heißt: 1 Foto wird unscharf gedruckt und 22 leere Fotorahmen bleiben weiß.',
  );
  await page.screenshot({ path: screen('order') });
  await expectNoSeriousViolations(page);
  await dialog.getByRole('button', { name: 'Prüfen' }).click();
  await expect(selectedFrame(page)).toHaveAccessibleName('Seite 2 · Foto Handyfoto.jpg');

  // Back at checkout the address is still there; this time the customer orders anyway.
  await page.getByRole('button', { name: 'Zur Kasse' }).click();
  await expect(page.getByLabel('Nachname', { exact: true })).toHaveValue('Meyerhoff');
  await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
  await orderAnyway(page);
  await expect(
    page.getByText(/Deine Bestellung PD-[A-Z0-9]+ ist beim Labor angekommen/),
  ).toBeVisible({ timeout: 60_000 });
});
