import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import sharp from 'sharp';
import type { Configuration } from 'app-builder-lib';
import type * as BuilderConfig from 'app-builder-lib/out/util/config/config';
import type * as BuilderUtil from 'builder-util';
import { PROJECT_EXTENSION } from '../../../src/project/project-file';

// The copies electron-builder itself loads, whatever npm hoists: its loader and schema check.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = fromBuilder(
  'app-builder-lib/out/util/config/config',
) as typeof BuilderConfig;
const { DebugLogger } = fromBuilder('builder-util') as typeof BuilderUtil;

/**
 * `npm run dist` is the only other place electron-builder reads its
 * configuration, and it needs Electron's binary. So the configuration is
 * loaded and checked here with electron-builder's own loader and schema
 * check, the same code `electron-builder` runs before it packages anything.
 */
const projectDir = resolve(import.meta.dirname, '../../..');
const load = () => getConfig(projectDir, 'electron-builder.yml', null);
const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration check", async () => {
    await expect(validate(await load())).resolves.toBeUndefined();
  }, 30_000); // the first check compiles electron-builder's schema: seconds on a busy machine

  it('names the Windows publisher where electron-updater reads it', async () => {
    // electron-updater skips the Windows signature check when no publisher is named.
    const config = await load();
    expect(config.win?.signtoolOptions?.publisherName).toBe('Photo Dose GmbH');
  });

  it('would refuse the publisher name where electron-builder 25 took it', async () => {
    // Proves the check above can fail: this is the mistake that broke `npm run dist`.
    const config = await load();
    const { signtoolOptions, ...win } = config.win!;
    const old = { ...config, win: { ...win, publisherName: signtoolOptions?.publisherName } };
    await expect(validate(old as Configuration)).rejects.toThrow(
      /configuration\.win should be one of these/,
    );
  });
});

describe('the installers electron-builder.yml asks for', () => {
  const targets = (entry: unknown) =>
    (entry as { target: string; arch: string[] }[]).map((t) => `${t.target}:${t.arch.join(',')}`);

  it('Windows: NSIS for x64 and arm64, installed per user without administrator rights', async () => {
    const config = await load();
    expect(targets(config.win?.target)).toEqual(['nsis:x64,arm64']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
    });
  });

  it('macOS: DMG and the zip updates come from, both architectures, hardened and notarised', async () => {
    const config = await load();
    expect(targets(config.mac?.target)).toEqual(['dmg:x64,arm64', 'zip:x64,arm64']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    const entitlements = await readFile(resolve(projectDir, config.mac!.entitlements!), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
  });

  it('Linux: AppImage and deb', async () => {
    expect((await load()).linux?.target).toEqual(['AppImage', 'deb']);
  });

  it('opens saved books: the project extension is associated with the app', async () => {
    const config = await load();
    const associations = [config.fileAssociations].flat();
    expect(associations.map((a) => `.${a?.ext}`)).toEqual([PROJECT_EXTENSION]);
  });

  it('ships an icon large enough for every platform to derive its sizes from', async () => {
    const config = await load();
    for (const icon of new Set([config.win?.icon, config.mac?.icon, config.linux?.icon])) {
      const { width, height } = await sharp(resolve(projectDir, icon!)).metadata();
      expect([width, height]).toEqual([1024, 1024]);
    }
  });
});
