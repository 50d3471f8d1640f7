import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagesReached } from '../../support/import-graph';

/**
 * `dependencies` is what an installed app and the installed command line load at run time;
 * everything the renderer's bundle already holds belongs in `devDependencies`, so installers
 * carry no second copy of it in node_modules (issue 12). Read from the sources:
 *
 * - the command line: bin/photodose.js runs server/cli.ts through tsx from the installed
 *   package, so every package its modules reach must be installed;
 * - Electron's main and its worker: electron-vite leaves `dependencies` outside the bundle
 *   (externalizeDeps) and loads them from node_modules;
 * - the renderer: bundled whole by Vite; a package only it reaches needs no installing.
 */
const root = resolve(import.meta.dirname, '../../..');
const at = (...paths: string[]) => paths.map((p) => resolve(root, p));

const nodeSide = packagesReached(
  at(
    'bin/photodose.js',
    'electron/main.ts',
    'electron/preload.ts',
    'services/photos/heic-worker.ts',
  ),
).packages;
const rendererSide = packagesReached(at('renderer/main.tsx')).packages;
// Electron itself is the runtime, never a dependency; the lab build's modules are virtual.
const notPackages = (name: string) => name !== 'electron' && !name.startsWith('virtual:');

describe('runtime dependencies', async () => {
  const manifest = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const dependencies = Object.keys(manifest.dependencies);

  it('the crawl finds what each side is known to load', () => {
    // Proves the reading works: the server's tus, main's updater, libheif through createRequire.
    expect([...nodeSide]).toEqual(
      expect.arrayContaining(['@tus/server', 'electron-updater', 'libheif-js', 'sharp', 'tsx']),
    );
    expect([...rendererSide]).toEqual(expect.arrayContaining(['react', 'react-dom', 'zustand']));
  });

  it('no library that only the renderer uses is in dependencies (the bundle holds it)', () => {
    const rendererOnly = [...rendererSide].filter((p) => notPackages(p) && !nodeSide.has(p));
    expect(rendererOnly.filter((p) => dependencies.includes(p))).toEqual([]);
    for (const name of rendererOnly) expect(manifest.devDependencies, name).toHaveProperty(name);
  });

  it('every package the command line or main loads is in dependencies', () => {
    const missing = [...nodeSide].filter((p) => notPackages(p) && !dependencies.includes(p));
    expect(missing).toEqual([]);
  });
});
