import { test, expect, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { makeClientMachine } from './support/client-machine';
import { expectNoSeriousViolations } from './support/axe';
import { fillCheckout, orderNumberShown } from './support/order-flow';
import { orderAnywayIfAsked } from './support/preflight';
import { runCli, startCli, type Running } from './support/processes';

/**
 * The white-label seam (issue 12): the renderer built for the second example lab,
 * assets/labs/elbfoto/ (PHOTODOSE_LAB=elbfoto, into a folder of its own so out/ stays the
 * default build other specs run on), served by `photodose web`, which takes the same lab
 * folder for its side. The customer sees Elbfoto's name, logo, colours, catalog and prices,
 * its support contact, and its shipping and payment at checkout; the order the host prices
 * carries Elbfoto's prices to the lab. Screens: test-results/screens/white-label-*.png.
 */
const root = resolve(import.meta.dirname, '../..');
const screen = (name: string) => join('test-results', 'screens', `white-label-${name}.png`);

let dir: string;
let web: Running;
let appUrl: string;
let receiverUrl: string;

test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = await mkdtemp(join(tmpdir(), 'photodose-white-label-'));
  await promisify(execFile)(join(root, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: root,
    env: { ...process.env, PHOTODOSE_LAB: 'elbfoto', PHOTODOSE_BUILD_OUT: join(dir, 'out') },
  });
  const args = ['web', '--renderer', join(dir, 'out', 'renderer'), '--dev-dir', join(dir, 'dev')];
  const started = await startCli([...args, '--json'], /^(\{"appUrl".*\})$/m);
  web = started;
  appUrl = (JSON.parse(started.match[1]!) as { appUrl: string }).appUrl;
  receiverUrl = web.output().match(/embedded receiving server at (http:\/\/127\.0\.0\.1:\d+)/)![1]!;
});

test.afterAll(async () => {
  await web?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The window of the page, as the tests' Node types (no DOM library) can name it. */
interface PageWindow {
  getComputedStyle(element: unknown): { getPropertyValue(name: string): string };
}

/** The computed value of a CSS property of the first element `selector` finds. */
function styleOf(page: Page, selector: string, property: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate(
      (el, name) =>
        (globalThis as unknown as PageWindow).getComputedStyle(el).getPropertyValue(name).trim(),
      property,
    );
}

test("Elbfoto's build: its name, logo, colours, catalog, prices, shipping and payment", async () => {
  const client = await makeClientMachine(join(dir, 'client'));
  const browser = await launchChromium(client.profile, client.env);
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(appUrl);

    // Name and logo from the build, the lab's city from the host: both read assets/labs/elbfoto.
    await expect(page.getByRole('heading', { name: 'Elbfoto – Fotobuch gestalten' })).toBeVisible();
    await expect(page).toHaveTitle('Elbfoto – Fotobuch gestalten');
    await expect(page.locator('.lab-name')).toHaveText('Elbfoto, Hamburg');
    const logo = page.locator('img.lab-logo');
    await expect(logo).toBeVisible();
    expect(
      await logo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    await expect(page.getByText('Photo Dose').filter({ visible: true })).toHaveCount(0);
    // Its colours: the custom properties the stylesheet draws with.
    expect(await styleOf(page, ':root', '--accent')).toBe('#0b4f6c');
    expect(await styleOf(page, ':root', 'background-color')).toBe('rgb(234, 242, 245)');
    expect(await styleOf(page, '.app-header', 'color')).toBe('rgb(16, 33, 43)');
    // Its support contact.
    const support = page.locator('footer.lab-support');
    await expect(support).toContainText('Fragen zu deiner Bestellung? Elbfoto hilft dir:');
    await expect(support).toContainText('hilfe@elbfoto.example · +49 40 5550123');
    await expect(support.getByRole('link', { name: 'Hilfe-Seite' })).toHaveAttribute(
      'href',
      'https://www.elbfoto.example/hilfe',
    );

    // Its catalog and prices: two books (no A4), prints from 0,25 €, one canvas.
    const books = page.getByRole('region', { name: 'Fotobücher' });
    await expect(books.getByRole('button', { name: /^Gestalten:/ })).toHaveCount(2);
    await expect(books.getByText('ab 24,90 €')).toBeVisible();
    await expect(books.getByText('ab 58,90 €')).toBeVisible();
    await expect(page.getByRole('button', { name: /A4/ })).toHaveCount(0);
    await expect(page.getByText('ab 0,25 € pro Abzug')).toBeVisible();
    // Only what it offers: matte prints, no glossy ones.
    await expect(
      page.getByText('Formate 10x15, 13x18 cm, matt, randlos oder mit weißem Rand'),
    ).toBeVisible();
    await expect(page.getByText(/^Formate 10x15, 13x18 cm/)).toBeVisible();
    await expect(page.getByText('ab 64,90 €')).toBeVisible();
    await page.screenshot({ path: screen('products'), fullPage: true });
    await expectNoSeriousViolations(page);

    // A canvas at checkout: Elbfoto's price, its shipping methods and only invoice.
    const photos = join(dir, 'photos');
    await mkdir(photos, { recursive: true });
    const photo = join(photos, 'Elbphilharmonie.jpg');
    await writeFile(photo, await makePhoto(4800, 3200, 77));
    await page.getByRole('button', { name: 'Gestalten: Leinwand' }).click();
    await page.getByTestId('photo-input').setInputFiles([photo]);
    await expect(page.getByText('Foto: Elbphilharmonie.jpg')).toBeVisible();
    await page.getByRole('button', { name: 'Zur Kasse' }).click();
    await expect(page.getByRole('heading', { name: 'Kasse' })).toBeVisible();
    const glance = page.getByRole('region', { name: 'Deine Bestellung im Überblick' });
    await expect(glance.getByRole('row', { name: 'Leinwand 60x40 cm 64,90 €' })).toBeVisible();
    await expect(glance.getByRole('row', { name: 'Versand (DHL Paket) 5,90 €' })).toBeVisible();
    await expect(glance.getByRole('row', { name: 'Gesamtbetrag 70,80 €' })).toBeVisible();
    const shipping = page.getByRole('group', { name: 'Versand' });
    await expect(shipping.getByRole('radio')).toHaveCount(2);
    await shipping.getByRole('radio', { name: /UPS Express Saver/ }).check();
    await expect(glance.getByRole('row', { name: 'Gesamtbetrag 79,80 €' })).toBeVisible();
    await expect(page.getByRole('radio', { name: /SEPA-Lastschrift/ })).toHaveCount(0);
    await expect(
      glance.getByRole('link', { name: 'Allgemeinen Geschäftsbedingungen' }),
    ).toHaveAttribute('href', 'https://www.elbfoto.example/agb');
    expect(await styleOf(page, 'button.primary', 'background-color')).toBe('rgb(11, 79, 108)');
    await fillCheckout(page, {
      name: 'Hein Mück',
      street: 'Elbchaussee 12',
      postalCode: '22765',
      city: 'Hamburg',
      email: 'hein.mueck@example.org',
    });
    await page.screenshot({ path: screen('checkout'), fullPage: true });

    // The host priced the order from the same lab folder: the lab reads Elbfoto's figures.
    await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
    await orderAnywayIfAsked(page);
    const orderId = await orderNumberShown(page);
    const orders = join(dir, 'lab-orders');
    const dev = join(dir, 'dev');
    await runCli([
      'lab',
      'pull',
      '--server',
      receiverUrl,
      '--lab-token-file',
      join(dev, 'receiver', 'lab-token'),
      '--identity',
      join(dev, 'lab-identity.txt'),
      '--out',
      orders,
    ]);
    const manifest = JSON.parse(await readFile(join(orders, orderId, 'manifest.json'), 'utf8')) as {
      lab: { id: string };
      totals: { productCents: number; shippingCents: number; totalCents: number };
    };
    expect(manifest.totals).toMatchObject({ productCents: 6490, totalCents: 7980 });
    expect(JSON.stringify(manifest)).toContain('ups-express-nord');
  } finally {
    await browser.close();
  }
});
