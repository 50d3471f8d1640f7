import { test, expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { checkOut, customerPhotos, labPulls } from './support/order-flow';
import { startStack, type Stack } from './support/stack';

/**
 * Prints and canvas ordered through the UI, end to end: the customer chooses the product, adds
 * photos, sets sizes, finishes, quantities and crops with the pointer, checks out; the lab pulls
 * the order and finds the design in a version 3 manifest and the very same photos.
 */
const customer = {
  name: 'Wiebke Oltmanns',
  street: 'Ostertorsteinweg 40',
  postalCode: '28203',
  city: 'Bremen',
  email: 'wiebke.oltmanns@example.org',
};

let stack: Stack;

// Each test is a whole order (stack, import, editing, upload, the lab's pull): on a busy machine
// that takes longer than the default.
test.describe.configure({ timeout: 300_000 });

test.beforeEach(async () => {
  stack = await startStack();
});

test.afterEach(() => stack.stop());

const screen = (name: string) => join('test-results', 'screens', `${name}.png`);

/** Drags with the real pointer from the middle of the element by (dx, dy) screen pixels. */
async function dragBy(page: Page, selector: ReturnType<Page['locator']>, dx: number, dy: number) {
  const box = (await selector.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 5; step++)
    await page.mouse.move(x + (dx * step) / 5, y + (dy * step) / 5);
  await page.mouse.up();
}

/** Axe (WCAG 2.1 A and AA) finds nothing serious or critical on the screen as it stands. */
async function expectAccessible(page: Page, screenName: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect.soft(blocking, `${screenName}: serious or critical axe findings`).toEqual([]);
}

test('a customer orders prints in three sizes and quantities, and the lab receives them', async () => {
  const client = await makeClientMachine(join(stack.root, 'client'));
  const { appUrl } = await stack.startClient(client);
  const photos = {
    'Strand.jpg': await makePhoto(1800, 1200, 31),
    'Oma.jpg': await makePhoto(1200, 1600, 32),
    'Hafen.jpg': await makePhoto(1500, 1000, 33),
  };
  const files = await customerPhotos(stack, photos);
  const browser = await launchChromium(client.profile, client.env);
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 950 });
    await page.goto(appUrl);
    // Books, prints and canvas, each in its own section with its lowest price.
    for (const section of ['Fotobücher', 'Fotoabzüge', 'Leinwände']) {
      await expect(page.getByRole('heading', { name: section, level: 3 })).toBeVisible();
    }
    await expect(page.getByText('ab 0,15 € pro Abzug')).toBeVisible();
    await expect(page.getByText('ab 29,99 €')).toBeVisible();
    await page.screenshot({ path: screen('prints-picker'), fullPage: true });

    await page.getByRole('button', { name: 'Gestalten: Fotoabzüge' }).click();
    await expect(page.getByText(/Jedes wird ein Abzug/)).toBeVisible();
    await page.getByTestId('photo-input').setInputFiles(files);
    // Each photo became a 10x15 glossy borderless print.
    const rows = page.getByRole('listitem', { name: /^Abzug \d: / });
    await expect(rows).toHaveCount(3);
    const row = (n: number) => page.getByRole('listitem', { name: new RegExp(`^Abzug ${n}: `) });
    await expect(row(1)).toHaveAccessibleName('Abzug 1: Strand.jpg');
    for (const n of [1, 2, 3]) {
      await expect(row(n).getByLabel(/^Format/)).toHaveValue('10x15');
      await expect(row(n).getByLabel('Oberfläche')).toHaveValue('glossy');
      await expect(row(n).getByLabel('Zuschnitt')).toHaveValue('fill');
    }
    // The tray counts each photo's prints.
    await expect(page.getByRole('button', { name: 'Strand.jpg: 1-mal verwendet' })).toBeVisible();

    // Apply to all: matte everywhere, then print 1 back to glossy.
    const all = page.getByRole('group', { name: 'Für alle Abzüge' });
    await all.getByLabel('Oberfläche').selectOption('matte');
    await all.getByRole('button', { name: 'Für alle übernehmen' }).click();
    for (const n of [1, 2, 3]) await expect(row(n).getByLabel('Oberfläche')).toHaveValue('matte');
    await row(1).getByLabel('Oberfläche').selectOption('glossy');

    // Print 1: two copies, zoomed and dragged to the right-hand part of the beach.
    await row(1).getByRole('button', { name: 'Einen mehr' }).click();
    await expect(row(1).getByRole('spinbutton', { name: 'Anzahl' })).toHaveValue('2');
    await row(1)
      .getByRole('button', { name: /^Ausschnitt: / })
      .click();
    const preview = page.getByRole('img', { name: 'Ausschnitt von Strand.jpg auf 10x15 cm' });
    await expect(preview).toBeVisible();
    // The paper drawn at its own shape: 10x15 is 1800 x 1200 px at the lab, lying landscape.
    const paperBox = (await preview.boundingBox())!;
    expect(paperBox.width / paperBox.height).toBeCloseTo(1800 / 1200, 2);
    await page.getByLabel('Zoom').fill('2');
    const photoBefore = await preview.locator('img').boundingBox();
    await dragBy(page, preview, -80, 0);
    const photoAfter = await preview.locator('img').boundingBox();
    expect(photoAfter!.x).toBeLessThan(photoBefore!.x - 40);
    await page.screenshot({ path: screen('prints-crop') });

    // Print 2: 13x18, whole photo with a white border.
    await row(2)
      .getByLabel(/^Format/)
      .selectOption('13x18');
    await row(2).getByLabel('Zuschnitt').selectOption('fit');
    await row(2)
      .getByRole('button', { name: /^Ausschnitt: / })
      .click();
    const fitPreview = page.getByRole('img', { name: 'Ausschnitt von Oma.jpg auf 13x18 cm' });
    await expect(fitPreview.locator('img.fit')).toBeVisible();
    const fitBox = (await fitPreview.boundingBox())!;
    expect(fitBox.width / fitBox.height).toBeCloseTo(1500 / 2100, 2);
    // Its miniature in the list has the same shape.
    const miniature = (await row(2).locator('.print-miniature').boundingBox())!;
    expect(miniature.width / miniature.height).toBeCloseTo(1500 / 2100, 1);
    await expect(page.getByText('Das ganze Foto wird gedruckt')).toBeVisible();
    await page.screenshot({ path: screen('prints-fit') });

    // Print 3: five 9x13 typed into the quantity field.
    await row(3)
      .getByLabel(/^Format/)
      .selectOption('9x13');
    await row(3).getByRole('spinbutton', { name: 'Anzahl' }).fill('5');
    await expect(page.getByText('8 Abzüge insgesamt')).toBeVisible();

    // The price, itemised live in catalog order: 5 × 0,15 + 2 × 0,19 + 1 × 0,39.
    const price = page.getByRole('region', { name: 'Preis' });
    await expect(price.locator('dt')).toHaveText([
      '5 Abzüge 9x13 cm',
      '2 Abzüge 10x15 cm',
      '1 Abzug 13x18 cm',
    ]);
    await expect(price.locator('dd')).toHaveText(['0,75 €', '0,38 €', '0,39 €']);
    await expect(price.getByText('Gesamt 1,52 €')).toBeVisible();
    await page.screenshot({ path: screen('prints-editor'), fullPage: true });
    await expectAccessible(page, 'prints editor');

    await page.getByRole('button', { name: 'Zur Kasse' }).click();
    await expect(page.getByRole('button', { name: 'Zurück zu den Abzügen' })).toBeVisible();
    const review = page.getByRole('region', { name: 'Deine Bestellung im Überblick' });
    await expect(review.getByRole('row', { name: 'Zwischensumme 1,52 €' })).toBeVisible();
    await expect(page.getByText('Fotoabzüge · 8 Abzüge insgesamt')).toBeVisible();
    await page.screenshot({ path: screen('prints-checkout'), fullPage: true });
    await expectAccessible(page, 'prints checkout');
    const orderId = await checkOut(page, customer, { send: 'originals' });

    const orderDir = await labPulls(stack, orderId, 3);
    const manifest = JSON.parse(await readFile(join(orderDir, 'manifest.json'), 'utf8'));
    expect(manifest.manifestVersion).toBe(4);
    expect(manifest.design.kind).toBe('prints');
    const { prints } = manifest.design;
    const items = (prints.itemIds as string[]).map((id) => prints.items[id]);
    const nameOf = (assetId: string) => prints.assets[assetId].name;
    expect(
      items.map((i) => [nameOf(i.assetId), i.sizeId, i.finish, i.fit, i.quantity, i.orientation]),
    ).toEqual([
      ['Strand.jpg', '10x15', 'glossy', 'fill', 2, 'landscape'],
      ['Oma.jpg', '13x18', 'matte', 'fit', 1, 'portrait'],
      ['Hafen.jpg', '9x13', 'matte', 'fill', 5, 'landscape'],
    ]);
    // The drag moved the visible region towards the photo's right edge, at zoom 2.
    expect(items[0].crop.zoom).toBe(2);
    expect(items[0].crop.panX).toBeGreaterThan(0.1);
    expect(items[0].crop.panY).toBe(0);
    expect(items[2].crop).toEqual({ panX: 0, panY: 0, zoom: 1 });
    // Every photo arrives byte for byte, in the order of the prints.
    const expected = [photos['Strand.jpg'], photos['Oma.jpg'], photos['Hafen.jpg']];
    for (const [i, bytes] of expected.entries()) {
      const file = join(orderDir, `photo-000${i + 1}.jpg`);
      expect((await readFile(file)).equals(bytes)).toBe(true);
    }
    await page.close();
  } finally {
    await browser.close();
  }
});

test('a customer orders a 60x40 canvas with its photo moved, and the lab receives it', async () => {
  const client = await makeClientMachine(join(stack.root, 'client'));
  const { appUrl } = await stack.startClient(client);
  const photo = await makePhoto(2400, 1200, 41);
  const files = await customerPhotos(stack, {
    'Weser.jpg': photo,
    'Deich.jpg': await makePhoto(900, 1200, 42),
  });
  const browser = await launchChromium(client.profile, client.env);
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 950 });
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Gestalten: Leinwand' }).click();
    await expect(page.getByText('Wähle links ein Foto für die Leinwand.')).toBeVisible();
    await page.getByTestId('photo-input').setInputFiles(files);
    // The first photo lands on the canvas; a click on the other in the tray swaps, and back.
    await expect(page.getByText('Foto: Weser.jpg')).toBeVisible();
    await page.getByRole('button', { name: /^Deich\.jpg/ }).click();
    await expect(page.getByText('Foto: Deich.jpg')).toBeVisible();
    await expect(page.getByLabel(/^Ausrichtung/)).toHaveValue('portrait');
    await page.getByRole('button', { name: /^Weser\.jpg/ }).click();
    await expect(page.getByLabel(/^Ausrichtung/)).toHaveValue('landscape');

    const price = page.getByRole('region', { name: 'Preis' });
    await expect(price.getByText('Gesamt 29,99 €')).toBeVisible();
    await page.getByLabel(/^Format/).selectOption('60x40');
    await expect(price.locator('dt')).toHaveText(['Leinwand 60x40 cm']);
    await expect(price.getByText('Gesamt 59,99 €')).toBeVisible();

    // The wrap is drawn round the front; a 2:1 photo on the 66 × 46 cm surface has room to move.
    const preview = page.getByRole('img', { name: 'Leinwand 60x40 cm mit Weser.jpg' });
    await expect(preview.locator('svg.wrap-bands')).toBeVisible();
    const box = (await preview.boundingBox())!;
    expect(box.width / box.height).toBeCloseTo(660 / 460, 2);
    await expect(page.getByText(/Die schraffierte Kante \(2 cm\)/)).toBeVisible();
    await dragBy(page, preview, 60, 0);
    await page.screenshot({ path: screen('canvas-editor'), fullPage: true });
    await expectAccessible(page, 'canvas editor');

    await page.getByRole('button', { name: 'Zur Kasse' }).click();
    await expect(page.getByRole('button', { name: 'Zurück zur Leinwand' })).toBeVisible();
    await expect(page.getByText('Leinwand · 60x40 cm, Querformat')).toBeVisible();
    await page.screenshot({ path: screen('canvas-checkout'), fullPage: true });
    const orderId = await checkOut(page, customer, { send: 'originals' });

    const orderDir = await labPulls(stack, orderId, 1);
    const manifest = JSON.parse(await readFile(join(orderDir, 'manifest.json'), 'utf8'));
    expect(manifest.manifestVersion).toBe(4);
    expect(manifest.design.kind).toBe('canvas');
    const { canvas } = manifest.design;
    expect(canvas).toMatchObject({
      productId: 'canvas',
      sizeId: '60x40',
      orientation: 'landscape',
    });
    expect(canvas.assets[canvas.assetId].name).toBe('Weser.jpg');
    // Dragged right: the region moved towards the photo's left edge.
    expect(canvas.crop.zoom).toBe(1);
    expect(canvas.crop.panX).toBeLessThan(-0.1);
    // Only the photo on the canvas travels, byte for byte.
    expect(manifest.files).toHaveLength(1);
    expect((await readFile(join(orderDir, 'photo-0001.jpg'))).equals(photo)).toBe(true);
    await page.close();
  } finally {
    await browser.close();
  }
});
