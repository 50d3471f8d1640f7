import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLabConfig } from '../../../src/lab/lab-policy';

/** Every lab a release can be built for (assets/labs/<lab>/lab.json) passes the release check. */
const labsDir = resolve(import.meta.dirname, '../../../assets/labs');

describe('the labs a release is built for', async () => {
  const labs = await readdir(labsDir);

  it('include Photo Dose, the default', () => {
    expect(labs).toContain('photodose');
  });

  it.each(labs)(
    '%s: a release may take orders with it (https server, recipient, updates)',
    async (lab) => {
      const raw: unknown = JSON.parse(await readFile(resolve(labsDir, lab, 'lab.json'), 'utf8'));
      const check = checkLabConfig(raw, 'release');
      expect(check).toMatchObject({ ok: true });
      if (check.ok) {
        expect(check.config.id).toMatch(new RegExp(`^${lab}`));
        expect(check.config.updateUrl).toMatch(/^https:\/\//);
      }
    },
  );
});
