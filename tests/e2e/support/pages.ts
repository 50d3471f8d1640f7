import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page objects for pages, layouts and backgrounds in the designer (German UI), for
 * pages.spec.ts and the full designer scenario. Each helper does what a customer does, with the
 * pointer or the keyboard, and waits until the page shows the result.
 */

/** The page strip at the bottom of the designer. */
export function strip(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Seitenübersicht' });
}

/** A surface's button in the strip: "Umschlag", "Seite 1", "Seiten 2–3" (with an en dash). */
export function stripItem(page: Page, name: string): Locator {
  return strip(page).getByRole('button', { name, exact: true });
}

/** Opens a surface from the strip and waits until it is the open one. */
export async function openSurface(page: Page, name: string): Promise<void> {
  // Clicked again if the first click did not open it: once in CI (of many runs) a click right
  // after the photos arrived left the surface closed; its cause is not found yet.
  await expect(async () => {
    await stripItem(page, name).click();
    await expect(stripItem(page, name)).toHaveAttribute('aria-current', 'page', {
      timeout: 2000,
    });
  }).toPass({ timeout: 10_000 });
}

/** The strip item that is open now. */
export function openStripItem(page: Page): Locator {
  return strip(page).locator('[aria-current="page"]');
}

/** How many pages the book has, as the strip shows it ("24 Seiten"). */
export function pageCount(page: Page): Locator {
  return page.locator('.strip-count');
}

/** Runs a spread command from its button ("Doppelseite hinzufügen" ...). */
export function spreadButton(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

/** Adds a spread after the open one with the strip's button; waits for the page count. */
export async function addSpread(page: Page): Promise<void> {
  const before = await countOf(page);
  await spreadButton(page, 'Doppelseite hinzufügen').click();
  await expect(pageCount(page)).toHaveText(`${before + 2} Seiten`);
}

/** Removes the open spread with the strip's button; waits for the page count. */
export async function removeSpread(page: Page): Promise<void> {
  const before = await countOf(page);
  await spreadButton(page, 'Doppelseite entfernen').click();
  await expect(pageCount(page)).toHaveText(`${before - 2} Seiten`);
}

async function countOf(page: Page): Promise<number> {
  const text = (await pageCount(page).textContent()) ?? '';
  const count = Number.parseInt(text, 10);
  if (!Number.isFinite(count)) throw new Error(`no page count in "${text}"`);
  return count;
}

/**
 * Drags the spread `from` along the strip with the pointer and lets go over the `side` half of
 * the spread `onto` (the drop indicator shows in that gap first). `whileDragging` runs with the
 * spread picked up, for a screenshot of the indicator.
 */
export async function dragSpread(
  page: Page,
  from: string,
  onto: string,
  side: 'before' | 'after',
  whileDragging?: () => Promise<void>,
): Promise<void> {
  const source = await boxOf(stripItem(page, from));
  const target = await boxOf(stripItem(page, onto));
  const startX = source.x + source.width / 2;
  const startY = source.y + source.height / 2;
  const endX = target.x + target.width * (side === 'before' ? 0.25 : 0.75);
  const endY = target.y + target.height / 2;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  // Several moves, as a hand makes them: the first few pixels only pick the spread up.
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(
      startX + ((endX - startX) * i) / steps,
      startY + ((endY - startY) * i) / steps,
    );
  }
  await expect(strip(page).locator('.strip-drop')).toBeVisible();
  await whileDragging?.();
  await page.mouse.up();
  await expect(strip(page).locator('.strip-drop')).toHaveCount(0);
}

async function boxOf(locator: Locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return box;
}

/** The spread view in the middle of the designer. */
export function stage(page: Page): Locator {
  return page.locator('.stage');
}

/** The frames the stage shows on a page ("Seite 2"), each named "Seite 2 · …". */
export function framesOnPage(page: Page, pageNumber: number): Locator {
  return stage(page).getByRole('button', { name: new RegExp(`^Seite ${pageNumber} · `) });
}

/** Selects a photo in the tray, then clicks a frame of the open spread to place it there. */
export async function placePhoto(page: Page, photoName: string, frame: Locator): Promise<void> {
  const name = escape(photoName);
  await page
    .locator('.tray')
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
  await frame.click();
  await expect(stage(page).getByRole('button', { name: new RegExp(`Foto ${name}$`) })).toHaveCount(
    1,
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The layout panel of the inspector (shown while an inner page is open). */
export function layoutPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Layout', exact: true });
}

/**
 * Applies the `n`-th layout for `photos` photos to page `pageNumber` of the open spread, from
 * the layout panel.
 */
export async function applyLayout(
  page: Page,
  pageNumber: number,
  photos: number,
  n = 1,
): Promise<void> {
  const panel = layoutPanel(page);
  const forPage = panel.getByRole('group', { name: 'Für Seite' });
  if ((await forPage.count()) > 0) {
    await forPage.getByRole('radio', { name: `Seite ${pageNumber}`, exact: true }).check();
  }
  await panel
    .getByRole('group', { name: 'Fotos auf der Seite' })
    .getByRole('radio', { name: String(photos), exact: true })
    .check();
  const option = panel.getByRole('button', { name: new RegExp(`^Layout ${n}: ${photos} Fotos?`) });
  await option.click();
  await expect(option).toHaveAttribute('aria-pressed', 'true');
}

/** The background panel of the inspector. */
export function backgroundPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Hintergrund', exact: true });
}

/**
 * Gives the open spread (`whole`) or one of its pages a background colour by the swatch's name
 * ("Marine", "Salbei" ...).
 */
export async function setBackgroundColour(
  page: Page,
  colourName: string,
  target: { whole: true } | { pageNumber: number },
): Promise<void> {
  const panel = backgroundPanel(page);
  const scope = panel.getByRole('group', { name: 'Anwenden auf' });
  if ('whole' in target) {
    await scope.getByRole('radio', { name: 'Ganze Doppelseite' }).check();
  } else {
    if ((await scope.count()) > 0) await scope.getByRole('radio', { name: 'Diese Seite' }).check();
    const forPage = panel.getByRole('group', { name: 'Für Seite' });
    if ((await forPage.count()) > 0) {
      await forPage.getByRole('radio', { name: `Seite ${target.pageNumber}`, exact: true }).check();
    }
  }
  const swatch = panel.getByRole('button', { name: `Hintergrundfarbe ${colourName}` });
  await swatch.click();
  await expect(swatch).toHaveAttribute('aria-pressed', 'true');
}

/** The colour the stage paints a page's background in, as CSS computes it ("rgb(…)"). */
export async function pageBackgroundColour(page: Page, pageNumber: number): Promise<string> {
  const group = stage(page).getByRole('group', { name: `Seite ${pageNumber}`, exact: true });
  return group
    .locator('.page-background')
    .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor);
}
