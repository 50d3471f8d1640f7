import type { BrowserContext } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './browser';
import { makeClientMachine, type ClientMachine } from './client-machine';
import { startCli } from './processes';

/** The customer's app over the loopback host, in Chromium, in a temp folder of its own. */
export interface WebApp {
  root: string;
  appUrl: string;
  browser: BrowserContext;
  /** The customer's folders, where the host and Chromium write: for the privacy scan. */
  client: ClientMachine;
  /** The photos written where the customer keeps them, in the order given. */
  photoFiles: string[];
  stop(): Promise<void>;
}

/**
 * Starts `photodose web` with a demonstration lab in `<root>/dev`, a client machine of its own
 * (home, temp, XDG folders, browser profile) and Chromium on it; writes `photos` (name to bytes)
 * into the customer's photo folder. For specs that design without ordering; an order needs the
 * whole stack (stack.ts).
 */
export async function startWebApp(
  name: string,
  photos: Record<string, Buffer> = {},
  /** A renderer built elsewhere than out/renderer (another lab's, or a change being tried). */
  options: { renderer?: string } = {},
): Promise<WebApp> {
  const root = await mkdtemp(join(tmpdir(), `photodose-${name}-`));
  const client = await makeClientMachine(join(root, 'client'));
  // The host runs on the customer's machine too: its writes would land in the scanned folders.
  const web = await startCli(
    [
      'web',
      '--dev-dir',
      join(root, 'dev'),
      ...(options.renderer ? ['--renderer', options.renderer] : []),
      '--json',
    ],
    /^(\{"appUrl".*\})$/m,
    { ...process.env, ...client.env },
  );
  const { appUrl } = JSON.parse(web.match[1]!) as { appUrl: string };
  const browser = await launchChromium(client.profile, client.env);
  const photosDir = join(root, 'photos');
  await mkdir(photosDir);
  const photoFiles = Object.keys(photos).map((file) => join(photosDir, file));
  await Promise.all(Object.values(photos).map((bytes, i) => writeFile(photoFiles[i]!, bytes)));
  return {
    root,
    appUrl,
    browser,
    client,
    photoFiles,
    stop: async () => {
      await browser.close();
      await web.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
