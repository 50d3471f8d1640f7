import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadAppLab } from '../../../electron/lab';

/**
 * `PHOTODOSE_LAB=elbfoto npm start`: the desktop app built for Elbfoto runs beside a
 * demonstration of Elbfoto's lab: its name, checkout and support from assets/labs/elbfoto,
 * but the embedded receiving server and the development key, so nothing is sent to the
 * lab's real server and no update is looked for.
 */
const run = promisify(execFile);
const wrapper = resolve(import.meta.dirname, '../../../dev/with-demo-lab.ts');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-white-label-dev-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('npm start for a white-label lab', () => {
  it("hands the app Elbfoto's configuration with the demonstration server and key", async () => {
    // Electron can't run here: a node one-liner stands in for it and reports what it was given.
    const app = `const fs = require('node:fs');
      const file = process.env.PHOTODOSE_LAB_CONFIG;
      console.log(JSON.stringify({ file, config: JSON.parse(fs.readFileSync(file, 'utf8')) }));
      process.exit(7);`;
    const env = {
      ...process.env,
      PHOTODOSE_DEV_DIR: dir,
      PHOTODOSE_LAB_CONFIG: '',
      PHOTODOSE_LAB: 'elbfoto',
    };
    const result = await run(
      process.execPath,
      ['--import', 'tsx', wrapper, process.execPath, '-e', app],
      { env },
    ).catch((error: { code: number; stdout: string }) => error);
    expect(result).toMatchObject({ code: 7 });
    const seen = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
      file: string;
      config: Record<string, unknown> & { checkout: { shippingMethods: { id: string }[] } };
    };
    const elbfoto = JSON.parse(
      await readFile(resolve(import.meta.dirname, '../../../assets/labs/elbfoto/lab.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(seen.config).toMatchObject({
      id: 'elbfoto-hamburg',
      name: 'Elbfoto',
      city: 'Hamburg',
      support: elbfoto.support,
      brand: elbfoto.brand,
    });
    expect(seen.config.checkout.shippingMethods.map((m) => m.id)).toEqual([
      'dhl-paket-nord',
      'ups-express-nord',
    ]);
    expect(seen.config.serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The development key, not Elbfoto's; no pins of its server, no update feed.
    expect(seen.config.recipient).not.toBe(elbfoto.recipient);
    const { stdout } = await run('age-keygen', ['-y', join(dir, 'lab-identity.txt')]);
    expect(seen.config.recipient).toBe(stdout.trim());
    expect(seen.config).not.toHaveProperty('serverPins');
    expect(seen.config).not.toHaveProperty('updateUrl');
    const source = { appPath: dir, env: { PHOTODOSE_LAB_CONFIG: seen.file } };
    expect(await loadAppLab({ ...source, packaged: false })).toEqual({
      ok: true,
      config: seen.config,
    });
  });

  it('refuses a lab name that is not a folder of assets/labs', async () => {
    const env = { ...process.env, PHOTODOSE_DEV_DIR: dir, PHOTODOSE_LAB: 'nowhere' };
    const result = await run(process.execPath, ['--import', 'tsx', wrapper, 'true'], {
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toMatch(/nowhere\/lab\.json: cannot read/);
  });
});
