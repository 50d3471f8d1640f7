import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { join } from 'node:path';
import { makePhoto } from '../fixtures/photos';
import { startWebApp, type WebApp } from './support/web-app';

/**
 * axe on every screen a customer passes through, in both languages: serious
 * and critical findings fail (issue 6). Nothing is excluded from the scan,
 * so a finding anywhere on the screen counts.
 */
let app: WebApp;
let browser: BrowserContext;
let appUrl: string;
let photoFiles: string[];

const wcagAandAA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What each language calls the controls the walk through the screens uses. */
const words = {
  de: {
    design: 'Gestalten: Fotobuch A4 Hardcover',
    page: 'Seite 1',
    checkout: 'Zur Kasse',
    postalCode: 'PLZ',
    postalCodeError: 'Diese Postleitzahl gibt es in Deutschland so nicht',
  },
  en: {
    design: 'Design: Photo book A4 hardcover',
    page: 'Page 1',
    checkout: 'Checkout',
    postalCode: 'Postal code',
    postalCodeError: 'This is not a postal code of Germany',
  },
} as const;

test.beforeAll(async () => {
  app = await startWebApp('a11y', {
    'Strand Sylt.jpg': await makePhoto(900, 600, 3),
    'Oma 80.jpg': await makePhoto(600, 800, 7),
  });
  ({ browser, appUrl, photoFiles } = app);
});

test.afterAll(() => app?.stop());

/** One line per violation and one per node, enough to find and fix it without rerunning axe. */
function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .map((violation) =>
      [
        `${violation.id} [${violation.impact}]: ${violation.help} (${violation.helpUrl})`,
        ...violation.nodes.map(
          (node) =>
            `    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`,
        ),
      ].join('\n'),
    )
    .join('\n');
}

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  await page.screenshot({ path: join('test-results', 'screens', `a11y-${screen}.png`) });
  const results = await new AxeBuilder({ page }).withTags(wcagAandAA).analyze();
  const blocking = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  const minor = results.violations.filter((violation) => !blocking.includes(violation));
  if (minor.length > 0) console.log(`${screen}: minor findings\n${describe(minor)}`);
  // Soft, so one run lists every screen's findings, not only the first screen's.
  expect
    .soft(
      blocking.map((violation) => violation.id),
      `${screen}: serious or critical axe findings\n${describe(blocking)}`,
    )
    .toEqual([]);
}

for (const locale of ['de', 'en'] as const) {
  test(`no serious or critical axe finding on any screen (${locale})`, async () => {
    const say = words[locale];
    const page = await browser.newPage();
    await page.goto(appUrl);
    await expect(page.getByText('Photo Dose, Bremen')).toBeVisible();
    if (locale === 'en') await page.getByLabel('Sprache').selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expectNoSeriousViolations(page, `products-${locale}`);

    await page.getByRole('button', { name: say.design }).click();
    await page.getByTestId('photo-input').setInputFiles(photoFiles);
    // The tray's names carry how often a photo is used after the file name.
    const firstPhoto = page.getByRole('button', { name: /^Strand Sylt\.jpg/ });
    await expect(firstPhoto).toBeVisible();
    await expect(page.getByRole('button', { name: /^Oma 80\.jpg/ })).toBeVisible();
    await firstPhoto.click();
    const firstPage = page.getByRole('button', { name: new RegExp(`^${say.page} · `) });
    await firstPage.click();
    await expect(firstPage.locator('img')).toHaveCount(1);
    await expectNoSeriousViolations(page, `designer-${locale}`);

    await firstPage.click({ button: 'right' });
    await expect(page.getByRole('menu')).toBeVisible();
    await expectNoSeriousViolations(page, `context-menu-${locale}`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();

    await page.getByRole('button', { name: say.checkout }).click();
    // With a field in error, so the error message and its tie to the field are checked too.
    const postalCode = page.getByLabel(say.postalCode, { exact: true });
    await postalCode.fill('2819');
    // The problem shows as the customer leaves the field.
    await postalCode.blur();
    await expect(page.getByText(say.postalCodeError)).toBeVisible();
    await expectNoSeriousViolations(page, `checkout-${locale}`);
    await page.close();
  });
}
