import { expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { join, relative } from 'node:path';
import type { ClientMachine } from './client-machine';
import { listFiles, scanForNeedles, type Hit } from './scan';

const CONTROL = 'planted control';

/** The page's own globals that the tests use (the test project has no DOM types). */
interface PageGlobals {
  localStorage: { setItem(key: string, value: string): void };
}

/**
 * A needle for the browser to store, which the scan must find later, or its
 * zero hits mean nothing. The Greek letter makes Chromium keep it as UTF-16,
 * the harder of the two forms the scan looks for.
 */
export function makeControlNeedle(): string {
  return `Kontrollnadel-Ω-${randomUUID()}`;
}

/** Has the page itself store the needle, in its origin's local storage. */
export async function plantControlNeedle(page: Page, needle: string): Promise<void> {
  await page.evaluate(
    (value) => (globalThis as unknown as PageGlobals).localStorage.setItem('control', value),
    needle,
  );
}

/**
 * Scans every folder of the client machine (after the browser has closed).
 * Checks first that the scan can be trusted: it found the planted needle in
 * the profile, and Chromium wrote into the client's folders rather than the
 * test runner's (its crash-report settings). Returns the other hits: the leaks.
 */
export async function scanClientMachine(
  client: ClientMachine,
  control: string,
  needles: Record<string, Buffer | string>,
): Promise<Hit[]> {
  const hits = await scanForNeedles(client.scanned, { [CONTROL]: control, ...needles });
  const controlFiles = hits
    .filter((hit) => hit.what === CONTROL)
    .map((hit) => relative(client.profile, hit.file));
  expect(controlFiles, 'the scan finds the needle the browser stored').toContainEqual(
    expect.stringMatching(/^Default\/Local Storage\//),
  );
  expect(
    await listFiles(client.folders.config),
    "Chromium writes into the client's config folder, not the runner's",
  ).toContainEqual(
    expect.stringContaining(join(client.folders.config, 'chromium', 'Crash Reports')),
  );
  return hits.filter((hit) => hit.what !== CONTROL);
}
