import { expect, type BrowserContext, type Page } from '@playwright/test';

/** Page objects for the assistant and the preview (German UI). */

/** Opens the designer for a 30x30 book and imports the photos; the tray then lists them all. */
export async function startBookWithPhotos(
  browser: BrowserContext,
  appUrl: string,
  photoFiles: readonly string[],
): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1440, height: 960 });
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Gestalten: Fotobuch 30×30 Hardcover' }).click();
  await expect(page.getByRole('navigation', { name: 'Seitenübersicht' })).toBeVisible();
  await page.getByTestId('photo-input').setInputFiles([...photoFiles]);
  // Reading photos takes its time on a machine busy with other tests.
  await expect(
    page.getByRole('heading', { name: `Deine Fotos (${photoFiles.length})` }),
  ).toBeVisible({ timeout: 30_000 });
  return page;
}

/** The toolbar's "Automatisch füllen" button. */
export const fillButton = (page: Page) => page.getByRole('button', { name: 'Automatisch füllen' });

/** The assistant's dialog. */
export const assistantDialog = (page: Page) =>
  page.getByRole('dialog', { name: 'Buch automatisch füllen' });

/** The designer's count of placed photos ("8 Fotos platziert"). */
export const placedNote = (page: Page, count: number) =>
  page.getByText(count === 1 ? '1 Foto platziert' : `${count} Fotos platziert`, { exact: true });

/** Fills the book with the dialog's defaults (unused photos, designed pages kept). */
export async function fillAutomatically(page: Page, photoCount: number): Promise<void> {
  await fillButton(page).click();
  const dialog = assistantDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Füllen', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(placedNote(page, photoCount)).toBeVisible();
}

/** The toolbar's "Vorschau" button. */
export const previewButton = (page: Page) =>
  page.getByRole('button', { name: 'Vorschau', exact: true });

/** The full-screen preview. */
export const previewDialog = (page: Page) =>
  page.getByRole('dialog', { name: 'Vorschau deines Buchs' });

/** The preview's caption ("Seiten 2–3 von 24"). */
export const previewCaption = (page: Page) => page.getByTestId('preview-caption');
