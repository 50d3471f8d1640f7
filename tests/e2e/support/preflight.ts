import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page objects for the pre-order check (German UI): the toolbar's "Prüfen" list and the dialog
 * that "Zahlungspflichtig bestellen" opens when something needs a look.
 */

/** The toolbar button that opens the check's list ("Prüfen · 3 Hinweise"). */
export function checkButton(page: Page): Locator {
  return page.getByRole('button', { name: /^Prüfen/ });
}

/** The check's list, opened from the toolbar. */
export function checkList(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Vor dem Bestellen prüfen', exact: true });
}

/** The dialog before an order is sent. */
export function orderCheck(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Vor dem Bestellen', exact: true });
}

/** Confirms the order in the pre-order dialog, which must be open. */
export async function orderAnyway(page: Page): Promise<void> {
  const dialog = orderCheck(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Trotzdem bestellen' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * For flows that don't care what the check found: confirms the pre-order dialog if the order
 * button opened one (it opens in the same click, so it is there or not by now).
 */
export async function orderAnywayIfAsked(page: Page): Promise<void> {
  if (await orderCheck(page).isVisible()) await orderAnyway(page);
}
