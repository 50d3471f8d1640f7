import { test, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { startWebApp, type WebApp } from './support/web-app';
import {
  byId,
  centreOf,
  cropDrag,
  cropZoom,
  drag,
  dragPhotoToFrame,
  dragPhotoToPage,
  enterCrop,
  frameNamed,
  guides,
  handle,
  pageNamed,
  photoPlacement,
  selectedFrame,
  styleOf,
  swap,
} from './support/designer';

/**
 * Direct editing with real pointer drags in Chromium: photos dragged from the tray onto a frame
 * and onto bare paper, a swap by dragging a photo onto another frame, a crop by double-click,
 * drag and wheel, a frame moved with snapping, resized and turned. Each drag is one undo step
 * and Escape during a drag puts everything back.
 */
let app: WebApp;
let browser: BrowserContext;
let appUrl: string;
let photoFiles: string[];

test.beforeAll(async () => {
  app = await startWebApp('frames', {
    'Strand.jpg': await makePhoto(1800, 1200, 11),
    'Oma.jpg': await makePhoto(1200, 1600, 23),
  });
  ({ browser, appUrl, photoFiles } = app);
});

test.afterAll(() => app?.stop());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join('test-results', 'screens', `frames-${name}.png`) });

/** Handles, grip and crop controls add no serious or critical axe finding (WCAG 2.1 A/AA). */
async function expectAccessible(page: Page, state: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, state).toEqual([]);
}

/** An A4 book with both photos in the tray, open at pages 2 and 3. */
async function bookAtSpread(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1400, height: 950 });
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
  await page.getByTestId('photo-input').setInputFiles(photoFiles);
  await expect(page.locator('.tray .thumb img')).toHaveCount(2);
  await page.keyboard.press('PageDown');
  await expect(page.getByRole('region', { name: 'Seiten 2–3' })).toBeVisible();
  return page;
}

/** A frame's box on screen, rounded to the pixel, to compare before and after. */
async function boxOf(frame: Locator) {
  const box = await frame.boundingBox();
  if (!box) throw new Error('frame is not on screen');
  return [box.x, box.y, box.width, box.height].map((v) => Math.round(v));
}

test('photos are placed, swapped and cropped by dragging', async () => {
  const page = await bookAtSpread();
  // Onto a frame: the photo fills it.
  await dragPhotoToFrame(page, 'Strand.jpg', frameNamed(page, 'Seite 2 · leerer Fotorahmen'));
  await expect(page.getByText('1 Foto platziert')).toBeVisible();
  await shot(page, 'placed');

  // Bare paper on page 3 (its empty frame taken away): the photo makes a frame of its own.
  await frameNamed(page, 'Seite 3 · leerer Fotorahmen').click();
  await page.keyboard.press('Delete');
  await expect(frameNamed(page, /^Seite 3/)).toHaveCount(0);
  const paper = await pageNamed(page, 3).boundingBox();
  const dropAt = { x: paper!.x + paper!.width * 0.4, y: paper!.y + paper!.height * 0.5 };
  const dropped = await dragPhotoToPage(page, 'Oma.jpg', dropAt);
  await expect(dropped).toHaveAccessibleName('Seite 3 · Foto Oma.jpg');
  // Centred where it was let go, upright like the photo.
  const c = await centreOf(dropped);
  expect(Math.abs(c.x - dropAt.x)).toBeLessThan(1.5);
  expect(Math.abs(c.y - dropAt.y)).toBeLessThan(1.5);
  const size = await dropped.boundingBox();
  expect(size!.height / size!.width).toBeCloseTo(1600 / 1200, 1);
  await shot(page, 'dropped');
  await expectAccessible(page, 'a selected frame with its handles');

  // Dragging a placed photo onto another frame swaps the two, across the binding.
  await swap(page, frameNamed(page, 'Seite 2 · Foto Strand.jpg'), dropped);
  await expect(frameNamed(page, 'Seite 2 · Foto Oma.jpg')).toBeVisible();
  await expect(dropped).toHaveAccessibleName('Seite 3 · Foto Strand.jpg');
  await shot(page, 'swapped');
  // One undo takes the swap back, one redo does it again.
  await page.keyboard.press('Control+z');
  await expect(dropped).toHaveAccessibleName('Seite 3 · Foto Oma.jpg');
  await page.keyboard.press('Control+y');
  await expect(dropped).toHaveAccessibleName('Seite 3 · Foto Strand.jpg');

  // Crop: double-click, drag the photo, zoom with the wheel, Enter takes it.
  const big = frameNamed(page, 'Seite 2 · Foto Oma.jpg');
  const before = await photoPlacement(big);
  await enterCrop(page, big);
  await expect(page.locator('.crop-ghost')).toBeVisible();
  await page.mouse.move((await centreOf(big)).x, (await centreOf(big)).y);
  await page.mouse.wheel(0, -400);
  await expect.poll(async () => Number(await cropZoom(page).inputValue())).toBeGreaterThan(1.5);
  const zoomed = await photoPlacement(big);
  await cropDrag(page, big, 80, 60);
  await expect.poll(() => photoPlacement(big)).not.toBe(zoomed);
  await shot(page, 'crop');
  await expectAccessible(page, 'crop mode');
  await page.keyboard.press('Enter');
  await expect(cropZoom(page)).toHaveCount(0);
  const cropped = await photoPlacement(big);
  expect(cropped).not.toBe(before);
  // The whole crop (wheel and drag) is one undo step.
  await page.keyboard.press('Control+z');
  await expect.poll(() => photoPlacement(big)).toBe(before);
  await page.keyboard.press('Control+y');
  await expect.poll(() => photoPlacement(big)).toBe(cropped);

  // Crop mode by keyboard too (Ctrl+Shift+C): + zooms, arrows move the photo; Escape cancels.
  await big.click();
  await page.keyboard.press('Control+Shift+C');
  await expect(cropZoom(page)).toBeVisible();
  await page.keyboard.press('+');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => photoPlacement(big)).not.toBe(cropped);
  await cropDrag(page, big, -120, 0);
  await page.keyboard.press('Escape');
  await expect(cropZoom(page)).toHaveCount(0);
  await expect.poll(() => photoPlacement(big)).toBe(cropped);
  await shot(page, 'crop-cancelled');
  await page.close();
});

test('a frame moves with snapping, resizes and turns; one undo per drag, Escape cancels', async () => {
  const page = await bookAtSpread();
  await frameNamed(page, 'Seite 3 · leerer Fotorahmen').click();
  await page.keyboard.press('Delete');
  const paper = await pageNamed(page, 3).boundingBox();
  const frame = await dragPhotoToPage(page, 'Strand.jpg', {
    x: paper!.x + paper!.width * 0.35,
    y: paper!.y + paper!.height * 0.3,
  });
  const start = await boxOf(frame);

  // Towards the middle of page 3 (A4: the spread is 426 mm wide, page 3's trim runs from the
  // binding at 213 mm to 423 mm, so its middle is at 318 mm): 4 px off it, the frame's centre
  // clicks onto the guide.
  const surface = (await page.locator('.stage .surface').boundingBox())!;
  const pxPerMm = surface.width / 426;
  const pageMiddle = surface.x + 318 * pxPerMm;
  const from = await centreOf(frame);
  const target = { x: pageMiddle + 4, y: from.y + 40 };
  await drag(page, from, target, { steps: 25, release: false });
  await expect(guides(page).first()).toBeVisible();
  await shot(page, 'snap');
  const vertical = await guides(page).evaluateAll((lines) =>
    lines
      .map((l) => l.getBoundingClientRect())
      .filter((r) => r.height > r.width)
      .map((r) => r.x),
  );
  await page.mouse.up();
  await expect(guides(page)).toHaveCount(0);
  const moved = (await frame.boundingBox())!;
  const centre = moved.x + moved.width / 2;
  expect(Math.abs(centre - pageMiddle)).toBeLessThan(0.5);
  expect(vertical.some((x) => Math.abs(x - pageMiddle) < 1)).toBe(true);
  const afterMove = await boxOf(frame);

  // One Ctrl+Z takes the whole drag back.
  await page.keyboard.press('Control+z');
  await expect.poll(() => boxOf(frame)).toEqual(start);
  await page.keyboard.press('Control+y');
  await expect.poll(() => boxOf(frame)).toEqual(afterMove);

  // Escape during a drag: the frame goes back at once and nothing enters history.
  const here = await centreOf(frame);
  await drag(page, here, { x: here.x - 120, y: here.y + 90 }, { release: false });
  await expect.poll(() => boxOf(frame)).not.toEqual(afterMove);
  await page.keyboard.press('Escape');
  await expect.poll(() => boxOf(frame)).toEqual(afterMove);
  await page.mouse.move(here.x - 200, here.y);
  await page.mouse.up();
  await expect.poll(() => boxOf(frame)).toEqual(afterMove);
  await page.keyboard.press('Control+z');
  await expect.poll(() => boxOf(frame)).toEqual(start);
  await page.keyboard.press('Control+y');

  // Resize from the bottom-right corner; Alt keeps it off the guides.
  await frame.click();
  const corner = await centreOf(handle(page, 'se'));
  await page.keyboard.down('Alt');
  await drag(page, corner, { x: corner.x + 60, y: corner.y + 30 });
  await page.keyboard.up('Alt');
  const resized = await boxOf(frame);
  expect(resized[0]).toBe(afterMove[0]);
  expect(resized[1]).toBe(afterMove[1]);
  expect(Math.abs(resized[2]! - afterMove[2]! - 60)).toBeLessThanOrEqual(1);
  expect(Math.abs(resized[3]! - afterMove[3]! - 30)).toBeLessThanOrEqual(1);
  await shot(page, 'resized');

  // Turn it with the rotate handle, in 15° steps with Shift.
  const knob = await centreOf(handle(page, 'rotate'));
  const middle = await centreOf(frame);
  await page.keyboard.down('Shift');
  await drag(page, knob, { x: middle.x + 200, y: middle.y - 200 + 30 });
  await page.keyboard.up('Shift');
  const turned = await styleOf(frame, 'transform');
  expect(turned).toMatch(/^rotate\((15|30|45|60)deg\)$/);
  await shot(page, 'rotated');
  await page.keyboard.press('Control+z');
  await expect.poll(() => styleOf(frame, 'transform')).toBe('');

  // Arrange: a copy lands in front; one step back puts it behind the original, Ctrl+] in front.
  await page.keyboard.press('Control+d');
  const copy = selectedFrame(page);
  const z = async (l: Locator) => Number(await styleOf(l, 'z-index'));
  const original = frame;
  expect(await z(copy)).toBeGreaterThan(await z(original));
  const arrange = page.getByRole('region', { name: 'Anordnen' });
  await expect(arrange.getByRole('button', { name: 'Eine Ebene nach vorne' })).toBeDisabled();
  await arrange.getByRole('button', { name: 'Eine Ebene nach hinten' }).click();
  expect(await z(copy)).toBeLessThan(await z(original));
  await page.keyboard.press('Control+]');
  expect(await z(copy)).toBeGreaterThan(await z(original));
  await shot(page, 'arranged');

  // Across the binding onto page 2 (Alt: no snapping): it joins page 2 where the pointer put it.
  const crossing = byId(page, (await copy.getAttribute('data-frame-id'))!);
  const was = await boxOf(crossing);
  const grab = await centreOf(crossing);
  await page.keyboard.down('Alt');
  await drag(page, grab, { x: grab.x - 300, y: grab.y + 10 }, { steps: 30 });
  await page.keyboard.up('Alt');
  await expect(crossing).toHaveAccessibleName(/^Seite 2 · Foto Strand\.jpg$/);
  const now = await boxOf(crossing);
  expect(Math.abs(now[0]! - (was[0]! - 300))).toBeLessThanOrEqual(1);
  expect(Math.abs(now[1]! - (was[1]! + 10))).toBeLessThanOrEqual(1);
  await shot(page, 'across-binding');
  await page.close();
});
