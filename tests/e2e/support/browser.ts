import { chromium, type BrowserContext } from '@playwright/test';

/**
 * Debian's Chromium, as root, with nothing reaching out to the network on its
 * own. `env` is added to the runner's environment: give it a client
 * machine's folders so everything Chromium writes lands where it is scanned.
 */
export function launchChromium(
  profileDir: string,
  env: Record<string, string> = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, ...env },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
