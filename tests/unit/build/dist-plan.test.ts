import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import type * as BuilderConfig from 'app-builder-lib/out/util/config/config';
import type * as BuilderUtil from 'builder-util';
import type * as Builder from 'electron-builder/out/builder';
import { distArguments, distPlan } from '../../../scripts/dist-plan';
import { readLabFolder } from '../../../services/lab/lab-folder';

// electron-builder's own command line parser and configuration loader, as `electron-builder` runs them.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = fromBuilder(
  'app-builder-lib/out/util/config/config',
) as typeof BuilderConfig;
const { DebugLogger } = fromBuilder('builder-util') as typeof BuilderUtil;
const { createYargs, configureBuildCommand, normalizeOptions } = createRequire(import.meta.url)(
  'electron-builder/out/builder',
) as typeof Builder;

const projectDir = resolve(import.meta.dirname, '../../..');

/** The configuration electron-builder would package with, given the plan's command line. */
async function builderConfig(command: string[]): Promise<{ config: Configuration; args: object }> {
  const args = command.slice(2); // past `npx electron-builder`
  const parsed = configureBuildCommand(createYargs()).parse(args) as Record<string, unknown>;
  const options = normalizeOptions(parsed as never);
  const config = await getConfig(
    projectDir,
    null,
    (options.config ?? null) as Configuration | null,
  );
  return { config, args: options };
}

/**
 * `npm run dist -- --lab NAME`: the release check, the build and electron-builder for that lab
 * folder. Electron's binary can't be had here, so the plan is checked: the steps, the
 * environment the build reads, and the configuration electron-builder's own parser and loader
 * make of the command line.
 */
describe('npm run dist -- --lab NAME', () => {
  it('takes the lab from --lab, else PHOTODOSE_LAB, else Photo Dose; the rest is for electron-builder', () => {
    expect(distArguments(['--lab', 'elbfoto', '--win', 'nsis'], {})).toEqual({
      lab: 'elbfoto',
      builderArgs: ['--win', 'nsis'],
    });
    expect(distArguments(['--linux'], { PHOTODOSE_LAB: 'elbfoto' }).lab).toBe('elbfoto');
    expect(distArguments(['--lab=elbfoto'], { PHOTODOSE_LAB: 'x' }).lab).toBe('elbfoto');
    expect(distArguments([], {}).lab).toBe('photodose');
    expect(() => distArguments(['--lab'], {})).toThrow(/--lab needs/);
    expect(() => distArguments(['--lab', '../x'], {})).toThrow(/not a folder/);
  });

  it("builds Elbfoto's installers: its lab checked and built, named, its update feed and publisher", async () => {
    const folder = await readLabFolder('elbfoto');
    const plan = distPlan(folder, ['--win', 'nsis', '--x64', '--publish', 'never'], {});
    expect(plan.env).toEqual({
      PHOTODOSE_LAB: 'elbfoto',
      PHOTODOSE_RELEASE_LAB: 'assets/labs/elbfoto/lab.json',
    });
    expect(plan.steps.map((s) => s.command.slice(0, 3).join(' '))).toEqual([
      'npm run release:lab',
      'npm run build',
      'npx electron-builder -c.productName=Elbfoto',
    ]);
    const { config, args } = await builderConfig(plan.steps[2]!.command);
    expect(config.productName).toBe('Elbfoto');
    expect(config.appId).toBe('de.photodose.orders.elbfoto-hamburg');
    expect(config.win?.signtoolOptions?.publisherName).toBe('Elbfoto GmbH');
    expect(config.linux?.maintainer).toBe('Elbfoto GmbH <hilfe@elbfoto.example>');
    expect(config.publish).toMatchObject({
      provider: 'generic',
      url: 'https://updates.elbfoto.example/desktop',
    });
    // The rest of electron-builder.yml stays: per-user NSIS, fuses, and the schema still holds.
    expect(config.nsis?.perMachine).toBe(false);
    expect(config.electronFuses?.runAsNode).toBe(false);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(args).toMatchObject({ publish: 'never' });
  }, 30_000);

  it("builds Photo Dose's as electron-builder.yml says", async () => {
    const plan = distPlan(await readLabFolder('photodose'), [], {});
    const { config } = await builderConfig(plan.steps[2]!.command);
    const yml = await getConfig(projectDir, 'electron-builder.yml', null);
    expect(config.productName).toBe(yml.productName);
    expect(config.appId).toBe(yml.appId);
    expect(config.win?.signtoolOptions?.publisherName).toBe('Photo Dose GmbH');
    expect(config.publish).toEqual(yml.publish);
  });

  it('refuses a release workflow that names another lab file than the lab built', async () => {
    const folder = await readLabFolder('elbfoto');
    expect(() =>
      distPlan(folder, [], { PHOTODOSE_RELEASE_LAB: 'assets/labs/photodose/lab.json' }),
    ).toThrow(/PHOTODOSE_RELEASE_LAB is assets\/labs\/photodose\/lab\.json/);
    expect(
      distPlan(folder, [], { PHOTODOSE_RELEASE_LAB: 'assets/labs/elbfoto/lab.json' }).lab,
    ).toBe('elbfoto');
  });
});
