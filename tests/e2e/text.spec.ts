import { test, expect, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './support/axe';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { startWebApp, type WebApp } from './support/web-app';
import {
  addTextFrame,
  boldButton,
  chooseFont,
  coverPanel,
  coverTitleFrame,
  italicButton,
  openCover,
  pickerFontFamilies,
  renderedFont,
  setCoverTitle,
  spineTextField,
  spineTextFrame,
  stage,
  textPanel,
  typeIntoFrame,
} from './support/text';

/** Text in the designer: frames, bundled fonts, overflow, the cover title and the spine. */
let app: WebApp;
let browser: BrowserContext;
let appUrl: string;

test.beforeAll(async () => {
  app = await startWebApp('text');
  ({ browser, appUrl } = app);
});

test.afterAll(() => app?.stop());

const screens = (name: string) => join('test-results', 'screens', `text-${name}.png`);

/** A picture of a frame with the spread zoomed in, so its type can be read; zoom back to fit. */
async function screenshotZoomed(page: Page, frame: Locator, name: string) {
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Vergrößern' }).click();
  await frame.scrollIntoViewIfNeeded();
  const box = (await frame.boundingBox())!;
  await page.screenshot({
    path: screens(name),
    clip: {
      x: box.x - 30,
      y: Math.max(0, box.y - 30),
      width: box.width + 60,
      height: box.height + 60,
    },
  });
  await page.getByRole('button', { name: 'Ganze Seite zeigen' }).click();
}

async function startBook(page: Page, product: string) {
  await page.goto(appUrl);
  await page.getByRole('button', { name: `Gestalten: ${product}` }).click();
  await expect(page.getByRole('navigation', { name: 'Seitenübersicht' })).toBeVisible();
}

test('a text frame in a bundled font, bold, and marked when its text does not fit', async () => {
  const page = await browser.newPage();
  // Fonts come from the app itself: any request elsewhere would fail offline.
  const fontRequests: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'font') fontRequests.push(r.url());
  });
  await startBook(page, 'Fotobuch 30×30 Hardcover');
  const frame = await addTextFrame(page);
  await typeIntoFrame(page, frame, 'Sommer am Meer');
  await expect(textPanel(page).getByLabel('Text im Rahmen')).toHaveValue('Sommer am Meer');

  await chooseFont(page, 'Playfair Display');
  await boldButton(page).click();
  await expect(boldButton(page)).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(() => renderedFont(frame))
    .toEqual({ family: 'Playfair Display', weight: '700', style: 'normal', loaded: true });
  expect(fontRequests.length).toBeGreaterThan(0);
  for (const url of fontRequests) expect(new URL(url).origin).toBe(new URL(appUrl).origin);
  // Each font in the picker is shown in itself.
  const pickerFamilies = await pickerFontFamilies(page);
  expect(pickerFamilies).toEqual([
    'Lora',
    'Open Sans',
    'Playfair Display',
    'Dancing Script',
    'Courier Prime',
  ]);
  await screenshotZoomed(page, frame, 'bold-playfair');

  // A script font without an italic face: italic is off and says why.
  await chooseFont(page, 'Dancing Script');
  await expect(italicButton(page)).toBeDisabled();
  await expect(italicButton(page)).toHaveAccessibleDescription(
    'Dancing Script hat keinen kursiven Schnitt.',
  );
  await expect(boldButton(page)).toBeEnabled();
  await chooseFont(page, 'Lora');
  await expect(italicButton(page)).toBeEnabled();

  // Too much text: a red corner and a description say it would be cut.
  await expect(frame.locator('.text-overflow-badge')).toHaveCount(0);
  await typeIntoFrame(page, frame, Array(12).fill('Ein langer Sommertag am Meer.').join(' '));
  await expect(frame.locator('.text-overflow-badge')).toBeVisible();
  await expect(frame).toHaveAccessibleDescription('Text passt nicht in den Rahmen');
  await page.screenshot({ path: screens('overflow') });
  await expectNoSeriousViolations(page);

  // One undo takes back the whole typing, and the mark goes with the text.
  await page.keyboard.press('Control+z');
  await expect(frame.locator('.text-print')).toHaveText('Sommer am Meer');
  await expect(frame.locator('.text-overflow-badge')).toHaveCount(0);
  await page.close();
});

test('editing in place: by keyboard, Escape cancels, Ctrl+B makes the selected text bold', async () => {
  const page = await browser.newPage();
  await startBook(page, 'Fotobuch 30×30 Hardcover');
  const frame = await addTextFrame(page);
  const editor = frame.getByRole('textbox', { name: 'Text bearbeiten (Esc bricht ab)' });
  // The keyboard's double-click: Enter on the selected frame; Ctrl+Enter commits and goes back.
  await frame.focus();
  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await page.keyboard.type('Erster Text');
  await page.keyboard.press('Control+Enter');
  await expect(editor).toHaveCount(0);
  await expect(frame).toBeFocused();
  await expect(frame.locator('.text-print')).toHaveText('Erster Text');

  await frame.dblclick();
  await editor.fill('verworfen');
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(frame.locator('.text-print')).toHaveText('Erster Text');
  await expect(frame).toBeFocused();
  // The frame stays selected; the key goes to the designer, not to a text field.
  await page.keyboard.press('Control+b');
  await expect(boldButton(page)).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => renderedFont(frame).then((f) => f.weight)).toBe('700');
  await page.close();
});

test('the cover title shows on the front; spine text waits for a thick enough book', async () => {
  const page = await browser.newPage();
  await startBook(page, 'Fotobuch 21×21 Softcover');
  await openCover(page);
  await setCoverTitle(page, 'Sommer 2026');
  await expect(coverTitleFrame(page).locator('.text-print')).toHaveText('Sommer 2026');
  // On the front panel: right of the cover's middle.
  const surface = await stage(page).locator('.surface').boundingBox();
  const title = await coverTitleFrame(page).boundingBox();
  expect(title!.x).toBeGreaterThan(surface!.x + surface!.width / 2);

  // 24 pages of a softcover make a 2.9 mm spine: too thin for type.
  await expect(spineTextField(page)).toBeDisabled();
  await expect(spineTextField(page)).toHaveAccessibleDescription(
    'Der Buchrücken ist bei 24 Seiten nur 2,9 mm breit. Text auf dem Rücken braucht mindestens 5 mm, also ab 46 Seiten.',
  );
  await expect(spineTextFrame(page)).toHaveCount(0);
  await page.screenshot({ path: screens('cover-thin-spine') });
  await expectNoSeriousViolations(page);
  await expect(coverPanel(page)).toBeVisible();
  await page.close();
});

test('spine text on a book thick enough: a 30-page A4 hardcover', async () => {
  const page = await browser.newPage();
  await startBook(page, 'Fotobuch A4 Hardcover');
  await openCover(page);
  // 2 mm board + 24 × 0.1 mm paper = 4.4 mm: not yet.
  await expect(spineTextField(page)).toBeDisabled();
  await expect(spineTextField(page)).toHaveAccessibleDescription(
    /bei 24 Seiten nur 4,4 mm breit.*ab 30 Seiten/,
  );
  await page
    .getByRole('navigation', { name: 'Seitenübersicht' })
    .getByRole('button', { name: 'Seiten 2–3' })
    .click();
  const addSpread = page.getByRole('button', { name: 'Doppelseite hinzufügen' });
  for (let i = 0; i < 3; i++) await addSpread.click();
  await expect(page.getByText('30 Seiten', { exact: true })).toBeVisible();

  await openCover(page);
  await expect(spineTextField(page)).toBeEnabled();
  await spineTextField(page).fill('Sommer 2026');
  await spineTextField(page).press('Enter');
  const spine = spineTextFrame(page);
  await expect(spine.locator('.text-print')).toHaveText('Sommer 2026');
  // Turned 90°: on screen taller than wide, and in the middle of the wrap, between the boards.
  const box = (await spine.boundingBox())!;
  const surface = (await stage(page).locator('.surface').boundingBox())!;
  expect(box.height).toBeGreaterThan(box.width * 10);
  expect(Math.abs(box.x + box.width / 2 - (surface.x + surface.width / 2))).toBeLessThan(2);
  // Zoomed in, so the 5 mm spine and its 7 pt type can be seen in the picture.
  const zoomIn = page.getByRole('button', { name: 'Vergrößern' });
  for (let i = 0; i < 4; i++) await zoomIn.click();
  // The type sits in the middle of the spine's length: bring that into the stage's view.
  await spine.evaluate((el) =>
    (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }),
  );
  const near = (await spine.boundingBox())!;
  const viewport = page.viewportSize()!;
  const middle = Math.min(Math.max(near.y + near.height / 2, 0), viewport.height);
  await page.screenshot({
    path: screens('spine'),
    clip: { x: near.x - 70, y: Math.max(0, middle - 200), width: 150, height: 400 },
  });

  await page.getByRole('button', { name: 'Rückgängig', exact: true }).click();
  await expect(spine).toHaveCount(0);
  await page.close();
});
