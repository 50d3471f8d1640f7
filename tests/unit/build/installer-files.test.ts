import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type * as BuilderConfig from 'app-builder-lib/out/util/config/config';
import type * as BuilderFileMatcher from 'app-builder-lib/out/fileMatcher';
import type * as BuilderUtil from 'builder-util';
import { minimatch } from 'minimatch';

// The copies electron-builder itself loads: its configuration loader and its file matcher.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig } = fromBuilder('app-builder-lib/out/util/config/config') as typeof BuilderConfig;
// electron-builder marks it internal, so its types leave it out: this is its signature in 26.x.
type GetMainFileMatchers = (
  appDir: string,
  destination: string,
  macroExpander: (pattern: string) => string,
  platformSpecificBuildOptions: object,
  platformPackager: unknown,
  outDir: string,
  isElectronCompile: boolean,
) => BuilderFileMatcher.FileMatcher[];
const { getMainFileMatchers } = fromBuilder('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers: GetMainFileMatchers;
};
const { DebugLogger } = fromBuilder('builder-util') as typeof BuilderUtil;

const projectDir = resolve(import.meta.dirname, '../../..');

/**
 * Which of the project's files electron-builder would put into the app's
 * asar, decided by electron-builder's own matcher on electron-builder.yml.
 * Packaging needs Electron's binary, which can't be had here; the packager
 * below is a stand-in holding only the fields the matcher reads.
 */
async function installerTakes(): Promise<(file: string) => boolean> {
  const matcher = await mainMatcher();
  const filter = matcher.createFilter();
  const aFile = { isDirectory: () => false } as Parameters<typeof filter>[1];
  return (file) => filter(join(projectDir, file), aFile) === true;
}

async function mainMatcher(): Promise<BuilderFileMatcher.FileMatcher> {
  const config = await getConfig(projectDir, 'electron-builder.yml', null);
  const packager = {
    info: {
      isPrepackedAppAsar: false,
      projectDir,
      buildResourcesDir: config.directories?.buildResources ?? 'build',
      config,
      debugLogger: new DebugLogger(false),
    },
  };
  const outDir = join(projectDir, config.directories?.output ?? 'dist');
  const [matcher] = getMainFileMatchers(
    projectDir,
    '/app',
    (pattern) => pattern,
    {},
    packager,
    outDir,
    false,
  );
  return matcher!;
}

describe('what the installer ships', () => {
  it('takes the built app, the checked release lab and the assets', async () => {
    const takes = await installerTakes();
    for (const file of [
      'out/main/main.js',
      'out/preload/preload.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc123.js',
      'out/release/lab.json',
      'assets/catalog.json',
      'package.json',
    ]) {
      expect(takes(file), file).toBe(true);
    }
  });

  it('leaves out source maps, sources, the demonstration lab and the receiving server', async () => {
    const takes = await installerTakes();
    for (const file of [
      'out/renderer/assets/index-abc123.js.map',
      'out/main/main.js.map',
      'out/preload/preload.cjs.map',
      'dev/lab.json',
      'dev/dev-lab.ts',
      'server/receiver/index.ts',
      'electron/main.ts',
      'src/lab/lab-policy.ts',
      '.dev/lab-identity.txt',
      'dist/latest.yml',
      // Lab folders are build input (scripts/lab-build.ts); a lab's installer carries no other lab.
      'assets/labs/elbfoto/lab.json',
      'assets/labs/photodose/logo.svg',
    ]) {
      expect(takes(file), file).toBe(false);
    }
  });

  it('keeps every run-time package with native code outside the asar archive', async () => {
    const config = await getConfig(projectDir, 'electron-builder.yml', null);
    const unpacked = [config.asarUnpack ?? []].flat();
    const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // The lab's SQLite store ships as a dependency of `photodose lab`; the app never loads it.
    const notLoadedByTheApp = ['better-sqlite3'];
    const native = Object.keys(pkg.dependencies).filter(
      (name) =>
        !notLoadedByTheApp.includes(name) && hasNativeCode(join(projectDir, 'node_modules', name)),
    );
    // The check must see the packages it is about, or it passes on nothing.
    expect(native).toEqual(expect.arrayContaining(['sharp', 'sodium-native', '@napi-rs/keyring']));
    for (const name of native) {
      const inside = `node_modules/${name}/index.js`;
      expect(
        unpacked.some((pattern) => minimatch(inside, pattern)),
        `${name} loads native code`,
      ).toBe(true);
    }
  });
});

/** Whether a package folder holds a compiled addon (`.node`), its own or an optional one's. */
function hasNativeCode(dir: string): boolean {
  if (!existsSync(dir)) return false;
  const own = readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) =>
    f.endsWith('.node'),
  );
  if (own) return true;
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    optionalDependencies?: Record<string, string>;
  };
  // sharp's and the keyring's addons come as optional packages, one a platform.
  return Object.keys(manifest.optionalDependencies ?? {}).some((name) =>
    readdirSyncSafe(join(projectDir, 'node_modules', name)).some((f) => f.endsWith('.node')),
  );
}

function readdirSyncSafe(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [];
}
