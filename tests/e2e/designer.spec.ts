import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { startStack, type Stack } from './support/stack';
import { checkOut, customerPhotos, labPulls, pulledManifest } from './support/order-flow';
import {
  byId,
  centreOf,
  cropDrag,
  drag,
  dragPhotoToFrame,
  enterCrop,
  photoPlacement,
  styleOf,
  swap,
} from './support/designer';
import { applyLayout, dragSpread, framesOnPage, openSurface, placePhoto } from './support/pages';
import {
  addTextFrame,
  chooseFont,
  coverTitleFrame,
  openCover,
  renderedFont,
  setCoverTitle,
  typeIntoFrame,
} from './support/text';
import { expectNoSeriousViolations } from './support/axe';

/**
 * The whole book, through the UI with real pointer drags and keys: a 30x30 book with a
 * 3-photo layout, a swap, a pan-and-zoom crop, a text frame in a bundled font, a cover title, a
 * reordered spread, and one undo that takes back a whole drag. The lab then finds exactly that
 * book, as a version 2 document, in the order's manifest.
 */
const customer = {
  name: 'Jördis Hollmann-Brinkhus',
  street: 'Am Wall 140',
  postalCode: '28195',
  city: 'Bremen',
  email: 'joerdis.hollmann@example.org',
};

let stack: Stack;

// One whole order on a machine that may be busy with other work: more than the default.
test.describe.configure({ timeout: 300_000 });

test.beforeEach(async () => {
  stack = await startStack();
});

test.afterEach(() => stack.stop());

const screen = (name: string) => join('test-results', 'screens', `designer-${name}.png`);

interface PulledFrame {
  id: string;
  kind: 'photo' | 'text';
  pageId: string;
  assetId?: string | null;
  crop?: { panX: number; panY: number; zoom: number };
  text?: string;
  fontId?: string;
}

test('a customer designs a 30x30 book and the lab receives that very book', async () => {
  const client = await makeClientMachine(join(stack.root, 'client'));
  const { appUrl } = await stack.startClient(client);
  const files = await customerPhotos(stack, {
    'Strand.jpg': await makePhoto(1800, 1200, 41),
    'Oma.jpg': await makePhoto(1200, 1600, 42),
    'Hafen.jpg': await makePhoto(1500, 1000, 43),
    'Deich.jpg': await makePhoto(1600, 1200, 44),
  });
  const browser = await launchChromium(client.profile, client.env);
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 950 });
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Gestalten: Fotobuch 30×30 Hardcover' }).click();
    await page.getByTestId('photo-input').setInputFiles(files);
    await expect(page.getByRole('heading', { name: 'Deine Fotos (4)' })).toBeVisible();

    // A 3-photo layout on page 2, filled by dragging photos from the tray.
    await openSurface(page, 'Seiten 2–3');
    await applyLayout(page, 2, 3);
    const onPage2 = framesOnPage(page, 2);
    await expect(onPage2).toHaveCount(3);
    const ids = await onPage2.evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-frame-id')!),
    );
    const [a, b, c] = ids.map((id) => byId(page, id));
    await dragPhotoToFrame(page, 'Strand.jpg', a!);
    await dragPhotoToFrame(page, 'Oma.jpg', b!);
    await dragPhotoToFrame(page, 'Hafen.jpg', c!);
    await page.screenshot({ path: screen('layout') });

    // A swap: Strand and Oma trade frames by dragging the photo grip.
    await swap(page, a!, b!);
    await expect(a!).toHaveAccessibleName('Seite 2 · Foto Oma.jpg');
    await page.screenshot({ path: screen('swap') });

    // Pan and zoom inside the third frame: double-click, wheel, drag, Enter takes it.
    const before = await photoPlacement(c!);
    await enterCrop(page, c!);
    const centre = await centreOf(c!);
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.wheel(0, -400);
    await cropDrag(page, c!, 30, 10);
    await page.screenshot({ path: screen('crop') });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('slider', { name: 'Zoom im Rahmen' })).toHaveCount(0);
    expect(await photoPlacement(c!)).not.toBe(before);

    // A text frame in a bundled font, typed in place.
    const text = await addTextFrame(page);
    await typeIntoFrame(page, text, 'Sommer an der Weser');
    await chooseFont(page, 'Playfair Display');
    await expect
      .poll(() => renderedFont(text))
      .toMatchObject({
        family: 'Playfair Display',
        loaded: true,
      });
    await page.screenshot({ path: screen('text') });

    // A whole drag of the text frame is one step: one Ctrl+Z puts it back exactly.
    await text.click();
    const placedAt = { left: await styleOf(text, 'left'), top: await styleOf(text, 'top') };
    const from = await centreOf(text);
    await drag(page, from, { x: from.x + 90, y: from.y + 60 }, { steps: 30 });
    await expect.poll(() => styleOf(text, 'left')).not.toBe(placedAt.left);
    await page.screenshot({ path: screen('dragged') });
    await page.keyboard.press('Control+z');
    await expect.poll(() => styleOf(text, 'left')).toBe(placedAt.left);
    expect(await styleOf(text, 'top')).toBe(placedAt.top);
    await expect(page.getByRole('button', { name: 'Wiederholen', exact: true })).toBeEnabled();

    // The cover title, shown on the front.
    await openCover(page);
    await setCoverTitle(page, 'Unser Sommer 2026');
    await expect(coverTitleFrame(page)).toContainText('Unser Sommer 2026');
    await page.screenshot({ path: screen('cover') });

    // Spread 4–5 gets a photo, then is dragged in front of spread 2–3.
    await openSurface(page, 'Seiten 4–5');
    await placePhoto(page, 'Deich.jpg', framesOnPage(page, 4).first());
    await dragSpread(page, 'Seiten 4–5', 'Seiten 2–3', 'before');
    await openSurface(page, 'Seiten 2–3');
    await expect(framesOnPage(page, 2)).toHaveAccessibleName('Seite 2 · Foto Deich.jpg');
    await openSurface(page, 'Seiten 4–5');
    // The layout's three photos and the text moved along with their spread.
    const stagePhotos = page.locator('.stage').getByRole('button', { name: /^Seite 4 · Foto / });
    await expect(stagePhotos).toHaveCount(3);
    await expect(text).toHaveAccessibleName(/^Seite 4 · Text/);
    await page.screenshot({ path: screen('reordered') });
    await expectNoSeriousViolations(page);

    await page.getByRole('button', { name: 'Zur Kasse' }).click();
    const orderId = await checkOut(page, customer);

    const manifest = await pulledManifest(await labPulls(stack, orderId, 4));
    expect(manifest.manifestVersion).toBe(4);
    const design = manifest.design as { kind: string; book: Record<string, unknown> };
    expect(design.kind).toBe('photoBook');
    const book = design.book as {
      formatVersion: number;
      productId: string;
      title: string;
      pageIds: string[];
      frames: Record<string, PulledFrame>;
      assets: Record<string, { name: string }>;
    };
    expect(book.formatVersion).toBe(2);
    expect(book.productId).toBe('book-30x30-hardcover');
    expect(book.title).toBe('Unser Sommer 2026');
    const frames = Object.values(book.frames);
    const nameIn = (frame: PulledFrame | undefined) =>
      frame?.assetId ? book.assets[frame.assetId]?.name : undefined;
    // The reordered spread: Deich is on page 2 now, the layout on page 4.
    const page2 = frames.filter((f) => f.pageId === book.pageIds[1]);
    expect(page2.map(nameIn)).toEqual(['Deich.jpg']);
    const page4 = frames.filter((f) => f.pageId === book.pageIds[3] && f.kind === 'photo');
    expect(page4.map(nameIn).sort()).toEqual(['Hafen.jpg', 'Oma.jpg', 'Strand.jpg']);
    // The swap and the crop, frame by frame.
    expect(nameIn(book.frames[ids[0]!])).toBe('Oma.jpg');
    expect(nameIn(book.frames[ids[1]!])).toBe('Strand.jpg');
    expect(book.frames[ids[2]!]!.crop!.zoom).toBeGreaterThan(1);
    // The text in its bundled font, where the undo left it, and the cover title on the front.
    expect(frames.find((f) => f.text === 'Sommer an der Weser')).toMatchObject({
      kind: 'text',
      fontId: 'playfair-display',
    });
    expect(book.frames['cover-title']).toMatchObject({ kind: 'text', text: 'Unser Sommer 2026' });
  } finally {
    await browser.close();
  }
});
