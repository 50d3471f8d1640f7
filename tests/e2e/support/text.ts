import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page objects for text in the designer (German UI), for text.spec.ts and the full designer
 * scenario: each helper does what a customer does, with the pointer or the keyboard, and waits
 * until the page shows the result.
 */

/** The open surface, large in the middle (the page strip draws every frame again, small). */
export function stage(page: Page): Locator {
  return page.locator('.stage');
}

/** The text frame the designer has selected, on the open surface. */
export function selectedTextFrame(page: Page): Locator {
  return stage(page).locator('.frame.frame-text.selected');
}

/** The text frame with this id on the open surface. */
export function textFrame(page: Page, frameId: string): Locator {
  return stage(page).locator(`.frame.frame-text[data-frame-id="${frameId}"]`);
}

/** Adds a text frame to the open surface with the toolbar's button; returns it (selected). */
export async function addTextFrame(page: Page): Promise<Locator> {
  const texts = stage(page).locator('.frame.frame-text');
  const before = await texts.count();
  await page.getByRole('button', { name: 'Text hinzufügen', exact: true }).click();
  await expect(texts).toHaveCount(before + 1);
  const id = await selectedTextFrame(page).getAttribute('data-frame-id');
  if (!id) throw new Error('the new text frame is not selected');
  return textFrame(page, id);
}

/**
 * Types text into a frame in place: double-click, type, then a click outside the frame commits
 * (one undo step).
 */
export async function typeIntoFrame(page: Page, frame: Locator, text: string): Promise<void> {
  await frame.dblclick();
  const editor = frame.getByRole('textbox', { name: 'Text bearbeiten (Esc bricht ab)' });
  await expect(editor).toBeFocused();
  await editor.fill(text);
  await page.getByRole('heading', { name: 'Text', exact: true }).click();
  await expect(editor).toHaveCount(0);
  await expect(frame.locator('.text-print')).toHaveText(text);
}

/** The text panel of the inspector (shown while a text frame is selected). */
export function textPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Text', exact: true });
}

/** Chooses a bundled font by its family name in the text panel. */
export async function chooseFont(page: Page, family: string): Promise<void> {
  const group = textPanel(page).getByRole('group', { name: 'Schrift' });
  await group.getByRole('radio', { name: family, exact: true }).check();
}

/** The bold and italic toggles of the text panel. */
export function boldButton(page: Page): Locator {
  return textPanel(page).getByRole('button', { name: 'Fett', exact: true });
}
export function italicButton(page: Page): Locator {
  return textPanel(page).getByRole('button', { name: 'Kursiv', exact: true });
}

/** Sets the size in points in the text panel (committed with Enter). */
export async function setFontSize(page: Page, sizePt: number): Promise<void> {
  const field = textPanel(page).getByLabel('Schriftgröße (pt)');
  await field.fill(String(sizePt));
  await field.press('Enter');
}

/** What the helpers below read in the page (the tests' TypeScript project has no DOM types). */
interface PageFonts {
  getComputedStyle(el: unknown): { fontFamily: string; fontWeight: string; fontStyle: string };
  document: {
    fonts: Iterable<{ family: string; weight: string; style: string; status: string }> & {
      ready: Promise<unknown>;
    };
  };
}

/** The first family of a CSS font-family list, without quotes. */
const firstFamily = (list: string) => list.split(',')[0]!.trim().replace(/"/g, '');

/**
 * What the browser itself says of a frame's text: the font family it computes, and whether the
 * bundled face it needs (weight, style) is loaded in document.fonts.
 */
export async function renderedFont(frame: Locator) {
  return frame.locator('.text-print').evaluate(async (el) => {
    const page = globalThis as unknown as PageFonts;
    const css = page.getComputedStyle(el);
    const family = css.fontFamily.split(',')[0]!.trim().replace(/"/g, '');
    await page.document.fonts.ready;
    const weight = String(Number(css.fontWeight) >= 600 ? 700 : 400);
    const loaded = [...page.document.fonts].some(
      (face) =>
        face.family.replace(/"/g, '') === family &&
        face.weight === weight &&
        face.style === css.fontStyle &&
        face.status === 'loaded',
    );
    return { family, weight: css.fontWeight, style: css.fontStyle, loaded };
  });
}

/** The family each entry of the font picker is drawn in, in the picker's order. */
export async function pickerFontFamilies(page: Page): Promise<string[]> {
  const families = await textPanel(page)
    .getByRole('group', { name: 'Schrift' })
    .locator('label span')
    .evaluateAll((spans) =>
      spans.map((s) => (globalThis as unknown as PageFonts).getComputedStyle(s).fontFamily),
    );
  return families.map(firstFamily);
}

/** Opens the cover in the spread view from the page strip. */
export async function openCover(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Seitenübersicht' })
    .getByRole('button', { name: 'Umschlag' })
    .click();
  await expect(coverPanel(page)).toBeVisible();
}

/** The cover panel of the inspector (shown while the cover is open). */
export function coverPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Einband' });
}

/** Types the cover title in the cover panel and commits it with Enter. */
export async function setCoverTitle(page: Page, title: string): Promise<void> {
  const field = coverPanel(page).getByLabel('Titel auf der Vorderseite');
  await field.fill(title);
  await field.press('Enter');
}

/** The spine text field of the cover panel. */
export function spineTextField(page: Page): Locator {
  return coverPanel(page).getByLabel('Text auf dem Buchrücken');
}

/** The cover title's frame on the cover. */
export function coverTitleFrame(page: Page): Locator {
  return textFrame(page, 'cover-title');
}

/** The spine text's frame on the cover. */
export function spineTextFrame(page: Page): Locator {
  return textFrame(page, 'spine-text');
}
