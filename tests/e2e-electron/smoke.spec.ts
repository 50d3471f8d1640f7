import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makePhoto } from '../fixtures/photos';

/** Where electron-builder leaves the unpacked app of this platform (before the installer wraps it). */
function packagedApp(): string {
  const dist = resolve(import.meta.dirname, '../../dist');
  const candidates = {
    win32: [join(dist, 'win-unpacked', 'Photo Dose.exe')],
    darwin: ['mac', 'mac-arm64'].map((d) =>
      join(dist, d, 'Photo Dose.app/Contents/MacOS/Photo Dose'),
    ),
    linux: [join(dist, 'linux-unpacked', 'photodose')],
  }[process.platform as 'win32' | 'darwin' | 'linux'];
  const found = candidates?.find((path) => existsSync(path));
  if (!found) throw new Error(`no packaged app in ${dist}: run 'npm run dist' first`);
  return found;
}

let app: ElectronApplication;
let home: string;

test.beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'photodose-smoke-'));
  app = await electron.launch({
    executablePath: packagedApp(),
    env: { ...process.env, HOME: home },
  });
});

test.afterAll(async () => {
  await app.close();
  await rm(home, { recursive: true, force: true });
});

test('the page reaches no Node and only the narrow preload API', async () => {
  const page = await app.firstWindow();
  const seen = await page.evaluate(() => {
    const page = globalThis as unknown as {
      photodose?: object;
      require?: unknown;
      process?: unknown;
    };
    return {
      keys: Object.keys(page.photodose ?? {}).sort(),
      require: typeof page.require,
      process: typeof page.process,
    };
  });
  expect(seen).toEqual({
    keys: ['invoke', 'onEvent', 'pathForFile'],
    require: 'undefined',
    process: 'undefined',
  });
  // The first request through the preload: the host answers from the main process.
  const info = await page.evaluate(() =>
    (
      globalThis as unknown as { photodose: { invoke(n: string, a: unknown): Promise<unknown> } }
    ).photodose.invoke('app.info', {}),
  );
  expect(info).toMatchObject({ ok: true, result: { transport: 'electron' } });
});

test('a customer designs a spread and reaches checkout', async () => {
  const page = await app.firstWindow();
  await page.getByRole('button', { name: 'Gestalten: Fotobuch A4 Hardcover' }).click();
  const photo = join(home, 'urlaub.jpg');
  await writeFile(photo, await makePhoto(3000, 2000, 7));
  await page.getByTestId('photo-input').setInputFiles([photo]);
  await expect(page.locator('.thumbs img').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Zur Kasse' }).click();
  await expect(page.getByRole('group', { name: 'Lieferadresse' })).toBeVisible();
});
