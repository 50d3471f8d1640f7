import { test, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { startWebApp, type WebApp } from './support/web-app';

/**
 * The renderer's side of the desktop app (use-desktop-shell.ts, UpdateNotice.tsx) in Chromium,
 * where Electron's binary can't run: an init script stands in for the preload's
 * `window.photodose` (the same three functions), answers the desktop-only requests as main
 * would (the menu model is recorded, an update is installed on request) and forwards every
 * other request to the real loopback host. The test sends what main would send: a menu
 * command (`app.command`) and update events (`app.update`), and an order's progress.
 * Screens: test-results/screens/desktop-shell-*.png.
 */

/** What the fake preload recorded, read back from the page. */
interface Recorded {
  menus: {
    textFocus?: boolean;
    menus: { id: string; items: { id?: string; enabled?: boolean }[] }[];
  }[];
  installs: number;
}

/** The page's side, set up by the init script below. */
interface FakeShell {
  __shell: Recorded & { emit(name: string, payload: unknown): void };
}

const screen = (name: string) => join('test-results', 'screens', `desktop-shell-${name}.png`);

let app: WebApp;

test.beforeEach(async () => {
  // PHOTODOSE_E2E_RENDERER: a build of its own, to watch a guard fail without touching out/.
  app = await startWebApp('desktop-shell', {}, { renderer: process.env.PHOTODOSE_E2E_RENDERER });
});

test.afterEach(() => app.stop());

/** Opens the app with the fake preload in place of the loopback transport. */
async function openAsDesktop(): Promise<Page> {
  const url = new URL(app.appUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const page = await app.browser.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.addInitScript(
    ({ origin, token }) => {
      const w = globalThis as unknown as FakeShell & { photodose: unknown };
      let listener: (name: string, payload: unknown) => void = () => {};
      const recorded = { menus: [] as Recorded['menus'], installs: 0 };
      w.__shell = Object.assign(recorded, {
        emit: (name: string, payload: unknown) => listener(name, payload),
      });
      const forward = async (name: string, args: unknown) => {
        const response = await fetch(`${origin}/host/invoke/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(args),
        });
        const body = (await response.json()) as { result?: unknown; error?: unknown };
        return response.ok ? { ok: true, result: body.result } : { ok: false, error: body.error };
      };
      w.photodose = {
        async invoke(name: string, args: unknown) {
          // What Electron's main answers itself (electron/desktop-shell.ts, updates.ts).
          if (name === 'app.menu') {
            recorded.menus.push(args as Recorded['menus'][number]);
            return { ok: true, result: {} };
          }
          if (name === 'app.takeOpenedFile') return { ok: true, result: { file: null } };
          if (name === 'app.updateStatus') return { ok: true, result: { state: 'idle' } };
          if (name === 'app.installUpdate') {
            recorded.installs++;
            return { ok: true, result: { started: true } };
          }
          const reply = await forward(name, args);
          // The desktop app's host says so; the menus only run there.
          if (name === 'app.info' && reply.ok) {
            return { ok: true, result: { ...(reply.result as object), transport: 'electron' } };
          }
          return reply;
        },
        onEvent(next: (name: string, payload: unknown) => void) {
          listener = next;
          return () => {};
        },
        pathForFile: () => '',
      };
    },
    { origin: url.origin, token },
  );
  await page.goto(`${url.origin}/`);
  return page;
}

const recorded = (page: Page) =>
  page.evaluate(() => {
    const { menus, installs } = (globalThis as unknown as FakeShell).__shell;
    return { menus, installs };
  });
const emit = (page: Page, name: string, payload: unknown) =>
  page.evaluate(([n, p]) => (globalThis as unknown as FakeShell).__shell.emit(n, p), [
    name,
    payload,
  ] as const);

/** The last menu model the window sent, and one of its items. */
async function lastMenu(page: Page) {
  const { menus } = await recorded(page);
  return menus.at(-1)!;
}
async function menuItem(page: Page, id: string) {
  return (await lastMenu(page)).menus.flatMap((m) => m.items).find((i) => i.id === id);
}

test('the menu bar follows the book, a menu command runs its registry command, text fields get the system edit roles', async () => {
  const page = await openAsDesktop();
  await expect(page.getByRole('heading', { name: 'Produkt wählen' })).toBeVisible();
  // Before a book: the project commands only.
  await expect.poll(async () => (await menuItem(page, 'project.open'))?.enabled).toBe(true);
  expect((await menuItem(page, 'spread.add'))?.enabled).toBe(false);

  await page.getByRole('button', { name: 'Gestalten: Fotobuch 30×30 Hardcover' }).click();
  const strip = page.getByRole('navigation', { name: 'Seitenübersicht' });
  await expect(strip).toBeVisible();
  await expect.poll(async () => (await menuItem(page, 'spread.add'))?.enabled).toBe(true);
  expect((await menuItem(page, 'edit.undo'))?.enabled).toBe(false);
  await expect(page.locator('.strip-count')).toHaveText('24 Seiten');

  // Main reports the click on "Doppelseite hinzufügen" as an app.command event.
  await emit(page, 'app.command', { id: 'spread.add' });
  await expect(page.locator('.strip-count')).toHaveText('26 Seiten');
  // The menus follow: the change can be undone now, from the menu as from the toolbar.
  await expect.poll(async () => (await menuItem(page, 'edit.undo'))?.enabled).toBe(true);
  await emit(page, 'app.command', { id: 'edit.undo' });
  await expect(page.locator('.strip-count')).toHaveText('24 Seiten');

  // Focus in a text field: the window says so, and main gives Edit the system's text roles.
  expect((await lastMenu(page)).textFocus).toBe(false);
  await page.getByRole('button', { name: 'Text hinzufügen' }).first().click();
  const field = page.locator('input[type="text"], textarea').first();
  await field.focus();
  await expect.poll(async () => (await lastMenu(page)).textFocus).toBe(true);
  await field.blur();
  await expect.poll(async () => (await lastMenu(page)).textFocus).toBe(false);
  await page.screenshot({ path: screen('menu-command') });
});

test('an update: available, its download, "restart to install"; never offered while an order uploads', async () => {
  const page = await openAsDesktop();
  await expect(page.getByRole('heading', { name: 'Produkt wählen' })).toBeVisible();
  const notice = page.locator('.update-notice');
  await expect(notice).toHaveCount(0);

  await emit(page, 'app.update', {
    state: 'downloading',
    version: '0.2.0',
    percent: 0,
    bytesPerSecond: 0,
  });
  await expect(notice.getByText('Version 0.2.0 wird geladen')).toBeVisible();
  await emit(page, 'app.update', {
    state: 'downloading',
    version: '0.2.0',
    percent: 42,
    bytesPerSecond: 2_000_000,
  });
  const bar = notice.getByRole('progressbar', { name: 'Fortschritt des Updates' });
  await expect(bar).toHaveAttribute('value', '42');
  await expect(notice.getByText('42 %')).toBeVisible();
  await page.screenshot({ path: screen('update-downloading') });

  // Downloaded while an order uploads: the restart is not offered.
  await emit(page, 'order.progress', {
    phase: 'uploading',
    sentBytes: 1_000_000,
    totalBytes: 9_000_000,
    orderId: 'PD-SHELL1',
  });
  await emit(page, 'app.update', { state: 'ready', version: '0.2.0' });
  await expect(notice.getByText('Version 0.2.0 ist bereit.')).toBeVisible();
  await expect(notice.getByText(/Sobald deine Bestellung hochgeladen ist/)).toBeVisible();
  await expect(notice.getByRole('button', { name: 'Neu starten und installieren' })).toHaveCount(0);
  await page.screenshot({ path: screen('update-during-order') });

  // The order went through: now the restart is offered, and the click asks main to install.
  await emit(page, 'order.progress', {
    phase: 'done',
    sentBytes: 9_000_000,
    totalBytes: 9_000_000,
    orderId: 'PD-SHELL1',
  });
  const restart = notice.getByRole('button', { name: 'Neu starten und installieren' });
  await expect(restart).toBeVisible();
  await page.screenshot({ path: screen('update-ready') });
  await restart.click();
  await expect.poll(async () => (await recorded(page)).installs).toBe(1);
});
