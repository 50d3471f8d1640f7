import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * Vitest global setup for the integration tests: some start the loopback host from the command
 * line (`photodose support open`), which serves the built renderer. On a fresh checkout nothing
 * is built yet (`npm test` builds before the e2e tests, after these), so it is built here once.
 */
export default async function buildRendererOnce(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  if (existsSync(resolve(root, 'out/renderer/index.html'))) return;
  await promisify(execFile)(resolve(root, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: root,
  });
}
