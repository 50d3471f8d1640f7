import { test, expect } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { orderAnyway } from './support/preflight';
import { makePhoto } from '../fixtures/photos';
import { decodePhoto } from '../../services/photos/decode';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { makeControlNeedle, plantControlNeedle, scanClientMachine } from './support/privacy';
import {
  deliveryAddress,
  fillCheckout,
  orderNumberShown,
  sendOriginals,
} from './support/order-flow';
import { runCli } from './support/processes';
import { startStack, type Stack } from './support/stack';
import { listFiles, scanForNeedles } from './support/scan';

/**
 * The whole first order, through the UI: choose a book, add two photos,
 * place them, check out paying by SEPA direct debit, submit. Then the lab
 * pulls it and holds the very same photos, the customer's addresses and the
 * payment, and the customer's machine holds nothing personal (IBAN included)
 * and no copy of a photo.
 */
const customer = {
  name: 'Hannelore Quistorp-Wendelin',
  street: 'Schlachte 17',
  postalCode: '28195',
  city: 'Bremen',
  email: 'hannelore.quistorp@example.org',
};
const sepa = { holder: 'Hannelore Quistorp-Wendelin', iban: 'DE02 1203 0000 0000 2020 51' };
const IBAN = 'DE02120300000000202051';

let stack: Stack;

test.beforeEach(async () => {
  stack = await startStack();
});

test.afterEach(() => stack.stop());

test('a customer orders a photo book and the lab receives it intact', async () => {
  const { root, serverUrl, providerData, identityFile } = stack;
  // The customer's machine: home, temp, XDG folders and browser profile, searched after the order.
  const client = await makeClientMachine(join(root, 'client'));
  const { web, appUrl } = await stack.startClient(client);

  const photosDir = join(root, 'customer-photos');
  await mkdir(photosDir);
  const photos = [await makePhoto(1800, 1200, 11), await makePhoto(1200, 1600, 23)];
  const photoFiles = ['Strand Sylt.jpg', 'Oma 80.jpg'].map((name) => join(photosDir, name));
  await Promise.all(photoFiles.map((file, i) => writeFile(file, photos[i]!)));

  const thumbnails: string[] = [];
  const controlNeedle = makeControlNeedle();
  const browser = await launchChromium(client.profile, client.env);
  try {
    const page = await browser.newPage();
    await page.goto(appUrl);
    await expect(page.getByText('Photo Dose, Bremen')).toBeVisible();
    await plantControlNeedle(page, controlNeedle);
    // No personal data is asked for before checkout.
    await expect(page.locator('input[type=text], input[type=email]')).toHaveCount(0);

    await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
    await page.getByTestId('photo-input').setInputFiles(photoFiles);
    await expect(page.getByRole('button', { name: 'Strand Sylt.jpg' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Oma 80.jpg' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Deine Fotos (2)' })).toBeVisible();
    // The page shows the thumbnails as object URLs of the JPEG bytes the host sent (not data
    // URLs). Those bytes are what the host's decoder makes of each photo, the same every time:
    // made here again to be searched for on disk later.
    // The thumbnails' bytes come after the photos are listed: on a busy machine, a while after.
    await expect(page.locator('.thumb img')).toHaveCount(2);
    const sources = await page
      .locator('.thumb img')
      .evaluateAll((imgs) => imgs.map((img) => img.getAttribute('src') ?? ''));
    expect(sources).toHaveLength(2);
    for (const src of sources) expect(src).toMatch(/^blob:/);
    for (const photo of photos) {
      const { jpeg } = (await decodePhoto(photo)).thumbnail;
      thumbnails.push(jpeg.toString('base64'));
    }

    await expect(page.getByText('0 Fotos platziert')).toBeVisible();
    // Page 1's frame, named by its page and what it shows ("Seite 1 · leerer Fotorahmen").
    const page1Frame = page.getByRole('button', { name: /^Seite 1 · / });
    await page.getByRole('button', { name: 'Strand Sylt.jpg' }).click();
    await page1Frame.click();
    await expect(page.getByText('1 Foto platziert')).toBeVisible();
    // The keyboard runs the toolbar's own commands: undo the placing, redo it both ways.
    const undoButton = page.getByRole('button', { name: 'Rückgängig', exact: true });
    await expect(undoButton).toHaveAttribute('title', 'Rückgängig (Strg+Z)');
    await page.keyboard.press('Control+z');
    await expect(page.getByText('0 Fotos platziert')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Wiederholen', exact: true })).toBeEnabled();
    await page.keyboard.press('Control+y');
    await expect(page.getByText('1 Foto platziert')).toBeVisible();
    await page.keyboard.press('Control+z');
    await expect(page.getByText('0 Fotos platziert')).toBeVisible();
    await page.keyboard.press('Control+Shift+z');
    await expect(page.getByText('1 Foto platziert')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Wiederholen', exact: true })).toBeDisabled();
    // Placing selected the frame: Delete takes its photo out, Escape lets go, Ctrl+Z brings it back.
    await expect(page.locator('.frame.selected')).toHaveCount(1);
    await page.keyboard.press('Delete');
    await expect(page.getByText('0 Fotos platziert')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('.frame.selected')).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(page.getByText('1 Foto platziert')).toBeVisible();
    // The right-click menu lists the same commands, with their shortcuts, and runs them.
    await page1Frame.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Rahmen' });
    await expect(menu.getByRole('menuitem')).toHaveText([
      'Foto oder Rahmen entfernenEntf',
      'Ausschnitt wählenStrg+Umschalt+C',
      'Eine Ebene nach vorneStrg+]',
      'Eine Ebene nach hintenStrg+[',
      'Rahmen duplizierenStrg+D',
      'RückgängigStrg+Z',
      'WiederholenStrg+Umschalt+Z',
    ]);
    // The Delete undone a moment ago can be redone, so the menu offers it as the toolbar does.
    await expect(menu.getByRole('menuitem', { name: 'Wiederholen' })).toBeEnabled();
    await menu.getByRole('menuitem', { name: 'Foto oder Rahmen entfernen' }).click();
    await expect(menu).toBeHidden();
    await expect(page.getByText('0 Fotos platziert')).toBeVisible();
    // From the keyboard: the first item has the focus; ArrowUp goes round the end past the
    // disabled Redo to Undo (it does not nudge the frame, or Enter would undo the nudge instead of
    // the removal), and Enter runs it.
    await page1Frame.click({ button: 'right' });
    await expect(menu.getByRole('menuitem', { name: 'Foto oder Rahmen entfernen' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Rückgängig' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(menu).toBeHidden();
    await expect(page.getByText('1 Foto platziert')).toBeVisible();
    await expect(page1Frame).toBeFocused();
    // The tray says which photos are used, and can show only the unused ones.
    const tray = page.getByRole('complementary');
    await expect(
      tray.getByRole('button', { name: 'Strand Sylt.jpg: 1-mal verwendet' }),
    ).toBeVisible();
    await tray.getByLabel('Nur unbenutzte Fotos').check();
    await expect(tray.locator('.thumb')).toHaveCount(1);
    await expect(tray.getByRole('button', { name: 'Oma 80.jpg: nicht verwendet' })).toBeVisible();
    await page.screenshot({ path: join('test-results', 'screens', 'tray-unused-only.png') });
    // Page 2 is on the next spread: the page strip opens it.
    const strip = page.getByRole('navigation', { name: 'Seitenübersicht' });
    await strip.getByRole('button', { name: 'Seiten 2–3' }).click();
    await page.getByRole('button', { name: 'Oma 80.jpg' }).click();
    await page.getByRole('button', { name: /^Seite 2 · / }).click();
    await expect(page.getByText('2 Fotos platziert')).toBeVisible();
    // Placed, it leaves the unused-only view.
    await expect(tray.locator('.thumb')).toHaveCount(0);
    await tray.getByLabel('Nur unbenutzte Fotos').uncheck();
    await expect(tray.locator('.use-badge')).toHaveText(['1×', '1×']);
    await strip.getByRole('button', { name: 'Seite 1', exact: true }).click();
    await expect(page1Frame.locator('img')).toHaveCount(1);
    // Drawn at its crop: the 3:2 photo fills the 216 × 303 mm frame (page plus bleed), centred.
    const placed = page1Frame.locator('img');
    const [photoBox, frameBox] = await Promise.all([
      placed.boundingBox(),
      placed.locator('..').boundingBox(),
    ]);
    expect(photoBox!.height / frameBox!.height).toBeCloseTo(1, 2);
    expect(photoBox!.width / frameBox!.width).toBeCloseTo(1.5 / (216 / 303), 2);
    expect(photoBox!.x + photoBox!.width / 2).toBeCloseTo(frameBox!.x + frameBox!.width / 2, 0);

    await page.getByRole('button', { name: 'Zur Kasse' }).click();
    const postalCode = deliveryAddress(page).getByLabel('PLZ', { exact: true });
    await postalCode.fill('2819');
    await postalCode.blur();
    await expect(
      page.getByText(/Diese Postleitzahl gibt es in Deutschland so nicht/),
    ).toBeVisible();
    // The lab must receive the very files the customer chose, so this order sends the originals.
    await sendOriginals(page);
    await fillCheckout(page, customer, { sepa });
    await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
    // 22 pages are still empty: the pre-order check names them, and the customer orders anyway.
    await orderAnyway(page);
    const orderId = await orderNumberShown(page);

    // The provider holds ciphertext only.
    const stored = await scanForNeedles([providerData], {
      name: 'Quistorp-Wendelin',
      email: customer.email,
      street: customer.street,
      IBAN,
      'photo 1 header': photos[0]!.subarray(0, 24),
      'photo 2 header': photos[1]!.subarray(0, 24),
      'photo 1 middle': photos[0]!.subarray(photos[0]!.length >> 1, (photos[0]!.length >> 1) + 32),
    });
    expect(stored).toEqual([]);

    // The lab pulls, decrypts and verifies.
    const orders = join(root, 'lab', 'orders');
    const pulled = await runCli([
      'lab',
      'pull',
      '--server',
      serverUrl,
      '--lab-token-file',
      join(providerData, 'lab-token'),
      '--identity',
      identityFile,
      '--out',
      orders,
    ]);
    expect(pulled).toContain(`${orderId}: 2 photos verified`);
    const orderDir = join(orders, orderId);
    expect((await readFile(join(orderDir, 'photo-0001.jpg'))).equals(photos[0]!)).toBe(true);
    expect((await readFile(join(orderDir, 'photo-0002.jpg'))).equals(photos[1]!)).toBe(true);
    const manifest = JSON.parse(await readFile(join(orderDir, 'manifest.json'), 'utf8'));
    // Delivery and billing address, email and payment: all inside the encrypted manifest.
    expect(manifest.customer).toMatchObject({
      shippingAddress: {
        firstName: 'Hannelore',
        lastName: 'Quistorp-Wendelin',
        street: customer.street,
        postalCode: customer.postalCode,
        city: customer.city,
        country: 'DE',
      },
      billingAddress: null,
      email: customer.email,
      payment: { method: 'sepa', holder: sepa.holder, iban: IBAN, mandate: { accepted: true } },
    });
    expect(manifest.orderId).toBe(orderId);
    expect(manifest.manifestVersion).toBe(4);
    // The IBAN is in the manifest and nowhere else the lab's pull wrote.
    const ibanAt = await scanForNeedles([orderDir], { IBAN });
    expect(ibanAt.map((hit) => hit.file)).toEqual([join(orderDir, 'manifest.json')]);
    expect(manifest.design.kind).toBe('photoBook');
    const book = manifest.design.book;
    expect(book.formatVersion).toBe(2);
    expect(book.productId).toBe('book-a4-hardcover');
    // The two photos sit in the frames of pages 1 and 2, at fill.
    const [first, second] = book.pageIds as string[];
    const frames = Object.values(book.frames) as { pageId: string; crop: unknown }[];
    for (const pageId of [first, second]) {
      expect(frames.filter((f) => f.pageId === pageId)).toMatchObject([
        { kind: 'photo', crop: { panX: 0, panY: 0, zoom: 1 } },
      ]);
    }
    // The provider forgets the order once the lab has it.
    expect(await listFiles(join(providerData, 'uploads'))).toEqual([]);

    // Starting over forgets the sent book's photos and the customer.
    await page.getByRole('button', { name: 'Neues Buch' }).click();
    await expect(page.getByRole('heading', { name: 'Produkt wählen' })).toBeVisible();
    await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
    await expect(page.getByRole('heading', { name: 'Deine Fotos (0)' })).toBeVisible();
    await page.close();
  } finally {
    await browser.close();
  }

  // Nothing personal and no photo copies on the customer's machine: home, temp, XDG, profile.
  const needles: Record<string, Buffer | string> = {
    'first name': 'Hannelore',
    'last name': 'Quistorp-Wendelin',
    street: customer.street,
    email: customer.email,
    IBAN,
    'IBAN as typed': sepa.iban,
    'IBAN, its account part': '0000202051',
    'photo 1': photos[0]!.subarray(4000, 4064),
    'photo 2': photos[1]!.subarray(4000, 4064),
  };
  thumbnails.forEach((base64, i) => {
    needles[`thumbnail ${i + 1} as base64`] = base64.slice(200, 264);
    needles[`thumbnail ${i + 1}`] = Buffer.from(base64, 'base64').subarray(1000, 1064);
  });
  expect(await scanClientMachine(client, controlNeedle, needles)).toEqual([]);
  // Logs name orders by id, never by person.
  expect(web.output()).not.toContain('Quistorp');
  expect(web.output()).not.toContain(customer.email);
  expect(web.output()).not.toContain('0000202051');
});
