import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page objects for direct editing in the designer (German UI), for frames.spec.ts and the full
 * designer scenario. Each drag is a real pointer drag (mouse down, many moves, up), the way a
 * customer's mouse sends it; each helper waits until the page shows the result.
 */

/** The centre of an element on screen. */
export async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A pointer drag from one point to another in many small moves; `release: false` keeps it held. */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  options: { steps?: number; release?: boolean } = {},
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: options.steps ?? 20 });
  if (options.release !== false) await page.mouse.up();
}

/** A photo of the tray, by its file name. */
export function trayPhoto(page: Page, name: string): Locator {
  return page.locator('.tray').getByRole('button', { name: new RegExp(`^${escape(name)}`) });
}

/** A frame of the open spread by its accessible name ("Seite 2 · Foto Strand.jpg"). */
export function frameNamed(page: Page, name: string | RegExp): Locator {
  return page.locator('.stage').getByRole('button', { name });
}

/** The frame the designer has selected in the open spread. */
export function selectedFrame(page: Page): Locator {
  return page.locator('.stage .frame.selected');
}

/** A page of the open spread ("Seite 3"). */
export function pageNamed(page: Page, n: number): Locator {
  return page.locator('.stage').getByRole('group', { name: `Seite ${n}`, exact: true });
}

/** Drags a tray photo onto a frame of the open spread; the frame then shows it. */
export async function dragPhotoToFrame(
  page: Page,
  photo: string,
  frame: Locator,
): Promise<Locator> {
  // By id: the frame's name changes with the photo it shows.
  const placed = byId(page, await idOf(frame));
  await drag(page, await centreOf(trayPhoto(page, photo)), await centreOf(frame));
  await expect(placed).toHaveAccessibleName(new RegExp(`Foto ${escape(photo)}$`));
  return placed;
}

/** A frame of the open spread by its id, whatever it shows. */
export function byId(page: Page, frameId: string): Locator {
  return page.locator(`.stage .frame[data-frame-id="${frameId}"]`);
}

async function idOf(frame: Locator): Promise<string> {
  const id = await frame.getAttribute('data-frame-id');
  if (!id) throw new Error('not a frame');
  return id;
}

/**
 * Drags a tray photo onto bare paper of a page at `at` (screen point); a new frame holding it
 * appears there, selected. Returns the new frame.
 */
export async function dragPhotoToPage(
  page: Page,
  photo: string,
  at: { x: number; y: number },
): Promise<Locator> {
  const before = await page.locator('.stage .frame-photo').count();
  await drag(page, await centreOf(trayPhoto(page, photo)), at);
  await expect(page.locator('.stage .frame-photo')).toHaveCount(before + 1);
  return byId(page, await idOf(selectedFrame(page)));
}

/**
 * Swaps the photos of two frames: select the first, drag its photo grip onto the second.
 * Waits until the second frame shows the first one's photo.
 */
export async function swap(page: Page, from: Locator, to: Locator): Promise<void> {
  const fromName = (await from.getAttribute('aria-label')) ?? '';
  const photo = fromName.slice(fromName.indexOf('· Foto ') + '· Foto '.length);
  const target = byId(page, await idOf(to));
  await from.click();
  const grip = page.getByRole('button', {
    name: 'Foto ziehen, um es mit einem anderen Rahmen zu tauschen',
  });
  await drag(page, await centreOf(grip), await centreOf(target));
  await expect(target).toHaveAccessibleName(new RegExp(`Foto ${escape(photo)}$`));
}

/** Enters crop mode on a photo frame (double-click); the zoom slider appears. */
export async function enterCrop(page: Page, frame: Locator): Promise<void> {
  await frame.dblclick();
  await expect(cropZoom(page)).toBeVisible();
}

/** The zoom slider of crop mode. */
export function cropZoom(page: Page): Locator {
  return page.getByRole('slider', { name: 'Zoom im Rahmen' });
}

/** In crop mode, drags the photo inside its frame by (dx, dy) screen pixels. */
export async function cropDrag(page: Page, frame: Locator, dx: number, dy: number): Promise<void> {
  const c = await centreOf(frame);
  await drag(page, c, { x: c.x + dx, y: c.y + dy });
}

/** Where the photo sits in its frame (its CSS box in % of the frame), to compare crops. */
export async function photoPlacement(frame: Locator): Promise<string> {
  return (await frame.locator('img').getAttribute('style')) ?? '';
}

/** A frame's inline style value (`transform`, `z-index`) as the designer set it. */
export async function styleOf(frame: Locator, property: string): Promise<string> {
  const style = (await frame.getAttribute('style')) ?? '';
  for (const declaration of style.split(';')) {
    const [name, ...value] = declaration.split(':');
    if (name?.trim() === property) return value.join(':').trim();
  }
  return '';
}

/** A resize handle or the rotate handle of the selected frame. */
export function handle(page: Page, which: string): Locator {
  return page.locator(`.selection [data-handle="${which}"]`);
}

/** The snapping guides drawn while dragging. */
export function guides(page: Page): Locator {
  return page.getByTestId('snap-guide');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
