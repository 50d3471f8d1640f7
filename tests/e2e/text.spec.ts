import { test, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { startCli, type Running } from './support/processes';
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
let root: string;
let web: Running & { match: RegExpMatchArray };
let browser: BrowserContext;
let appUrl: string;

test.beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'photodose-text-'));
  web = await startCli(['web', '--dev-dir', join(root, 'dev'), '--json'], /^(\{"appUrl".*\})$/m);
  appUrl = (JSON.parse(web.match[1]!) as { appUrl: string }).appUrl;
  const client = await makeClientMachine(join(root, 'client'));
  browser = await launchChromium(client.profile, client.env);
});

test.afterAll(async () => {
  await browser.close();
  await web.stop();
  await rm(root, { recursive: true, force: true });
});

const screens = (name: string) => join('test-results', 'screens', `text-${name}.png`);

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
  await frame.screenshot({ path: screens('bold-playfair') });

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

  // One undo takes back the whole typing, and the mark goes with the text.
  await page.keyboard.press('Control+z');
  await expect(frame.locator('.text-print')).toHaveText('Sommer am Meer');
  await expect(frame.locator('.text-overflow-badge')).toHaveCount(0);
  await page.close();
});

test('editing in place: Escape cancels, Ctrl+B makes the selected text bold', async () => {
  const page = await browser.newPage();
  await startBook(page, 'Fotobuch 30×30 Hardcover');
  const frame = await addTextFrame(page);
  await typeIntoFrame(page, frame, 'Erster Text');
  await frame.dblclick();
  const editor = frame.getByRole('textbox', { name: 'Text bearbeiten (Esc bricht ab)' });
  await editor.fill('verworfen');
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(frame.locator('.text-print')).toHaveText('Erster Text');
  // The frame stays selected; the key goes to the designer, not to a text field.
  await frame.click();
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
  await expect(coverPanel(page)).toBeVisible();
  await page.close();
});
