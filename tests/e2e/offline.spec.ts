import { test, expect } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { launchChromium } from './support/browser';
import { runCli, startCli, type Running } from './support/processes';

/** The lab's server is down at the moment of ordering: the customer loses nothing. */
let root: string;
const running: Running[] = [];

test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'photodose-offline-'));
});
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  await rm(root, { recursive: true, force: true });
});

test('an order sent while the server is down goes through on retry', async () => {
  const recipient = (await runCli(['lab', 'keygen', '--out', join(root, 'id.txt')]))
    .trim()
    .split('\n')
    .at(-1)!;
  const data = join(root, 'provider');
  const first = await startCli(
    ['receiver', '--port', '0', '--data', data],
    /Receiver running at (http:\/\/127\.0\.0\.1:(\d+))/,
  );
  const [, serverUrl, port] = first.match as unknown as [string, string, string];
  await first.stop();
  const labConfig = join(root, 'lab.json');
  await writeFile(
    labConfig,
    JSON.stringify({
      id: 'photodose-bremen',
      name: 'Photo Dose',
      city: 'Bremen',
      recipient,
      serverUrl,
    }),
  );
  const web = await startCli(
    ['web', '--lab', labConfig, '--dev-dir', join(root, 'dev'), '--json'],
    /^(\{"appUrl".*\})$/m,
  );
  running.push(web);
  const { appUrl } = JSON.parse(web.match[1]!) as { appUrl: string };
  const photo = join(root, 'Bremer Stadtmusikanten.jpg');
  await writeFile(photo, await makePhoto(1200, 900, 31));

  const browser = await launchChromium(join(root, 'profile'));
  try {
    const page = await browser.newPage();
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
    await page.getByTestId('photo-input').setInputFiles([photo]);
    await page.getByRole('button', { name: 'Bremer Stadtmusikanten.jpg' }).click();
    await page.getByRole('button', { name: 'Seite 1', exact: true }).click();
    await page.getByRole('button', { name: 'Zur Kasse' }).click();
    await page.getByLabel('Name').fill('Kai Lüders');
    await page.getByLabel('Straße und Hausnummer').fill('Am Markt 1');
    await page.getByLabel('PLZ').fill('28195');
    await page.getByLabel('Ort').fill('Bremen');
    await page.getByLabel('E-Mail').fill('kai@example.org');
    await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();

    await expect(page.getByRole('alert')).toContainText(
      'Der Server des Labors ist gerade nicht erreichbar',
    );
    await expect(page.getByLabel('Name')).toHaveValue('Kai Lüders');
    await expect(page.getByLabel('E-Mail')).toHaveValue('kai@example.org');

    const again = await startCli(
      ['receiver', '--port', port, '--data', data],
      /Receiver running at/,
    );
    running.push(again);
    await page.getByRole('button', { name: 'Erneut senden' }).click();
    await expect(
      page.getByText(/Deine Bestellung PD-[A-Z0-9]+ ist beim Labor angekommen/),
    ).toBeVisible({
      timeout: 60_000,
    });
  } finally {
    await browser.close();
  }
});
