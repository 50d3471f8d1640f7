import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type * as Fuses from '@electron/fuses';
import type * as FuseConstants from '@electron/fuses/dist/constants';
import type * as BuilderConfig from 'app-builder-lib/out/util/config/config';

/**
 * Checklist 19: the fuses electron-builder flips in the packaged binary.
 * Electron's binary can't be had here, so the stand-in is a file holding only
 * what @electron/fuses looks for: the sentinel and a fuse wire set to
 * Electron's defaults. The shipped electron-builder.yml goes through
 * electron-builder's own loader, its own fuse mapping (`generateFuseConfig`,
 * a private method, pinned with electron-builder) and @electron/fuses, as
 * `npm run dist` does, and the wire is read back.
 */
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig } = fromBuilder('app-builder-lib/out/util/config/config') as typeof BuilderConfig;
const { PlatformPackager } = fromBuilder('app-builder-lib') as {
  PlatformPackager: {
    prototype: { generateFuseConfig(fuses: unknown): Promise<Fuses.FuseConfig> };
  };
};
const fromBuilderLib = createRequire(fromBuilder.resolve('app-builder-lib'));
const fuses = fromBuilderLib('@electron/fuses') as typeof Fuses;
const { FuseState, SENTINEL } = fromBuilderLib(
  '@electron/fuses/dist/constants',
) as typeof FuseConstants;
const Fuse = fuses.FuseV1Options;

/** Electron 45's wire as it ships: run-as-node, NODE_OPTIONS, inspect and file:// extras on. */
const electronDefaults = [1, 0, 1, 1, 0, 0, 0, 1].map((on) =>
  on ? FuseState.ENABLE : FuseState.DISABLE,
);

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function packagedFuseWire(): Promise<Record<number, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'photodose-fuses-'));
  dirs.push(dir);
  const binary = join(dir, 'photodose');
  const wire = Buffer.from([
    Number(fuses.FuseVersion.V1),
    electronDefaults.length,
    ...electronDefaults,
  ]);
  await writeFile(binary, Buffer.concat([Buffer.from('ELF...'), Buffer.from(SENTINEL), wire]));
  const config = await getConfig(
    resolve(import.meta.dirname, '../../..'),
    'electron-builder.yml',
    null,
  );
  expect(config.electronFuses, 'electron-builder.yml sets no fuses').toBeTruthy();
  const fuseConfig = await PlatformPackager.prototype.generateFuseConfig(config.electronFuses);
  await fuses.flipFuses(binary, fuseConfig);
  return (await fuses.getCurrentFuseWire(binary)) as unknown as Record<number, number>;
}

describe('the packaged binary (checklist 19)', () => {
  it('cannot be turned into Node, nor inspected, nor fed NODE_OPTIONS', async () => {
    const wire = await packagedFuseWire();
    expect(wire[Fuse.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[Fuse.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[Fuse.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
  });

  it('loads the app only from its checked asar and gives file:// no extra privileges', async () => {
    const wire = await packagedFuseWire();
    expect(wire[Fuse.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[Fuse.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[Fuse.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(wire[Fuse.EnableCookieEncryption]).toBe(FuseState.ENABLE);
  });
});
