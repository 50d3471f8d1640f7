import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { releaseLab } from '../../fixtures/labs';

const run = promisify(execFile);
const script = resolve(import.meta.dirname, '../../../scripts/check-release-lab.ts');
const lab = releaseLab;
let dir: string;
let out: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-release-lab-'));
  out = join(dir, 'out', 'release', 'lab.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Runs the check as `npm run dist` does, on a lab file holding `config`. */
async function check(config: unknown) {
  const file = join(dir, 'lab.json');
  await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config));
  const env = { ...process.env, PHOTODOSE_RELEASE_LAB: file };
  return run(process.execPath, ['--import', 'tsx', script, '--out', out], { env }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}
const exists = (file: string) =>
  readFile(file).then(
    () => true,
    () => false,
  );

describe('the release lab check', () => {
  it('copies a lab with an https server and a recipient to where the packaged app reads it', async () => {
    const result = await check(lab);
    expect(result.stdout).toContain(
      'release lab photodose-bremen (https://orders.photodose.example) checked',
    );
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(lab);
  });

  it.each([
    [
      'the demonstration lab',
      { ...lab, serverUrl: 'embedded' },
      /names the demonstration lab \(serverUrl "embedded"\): a release needs the lab's https server/,
    ],
    [
      'plain http',
      { ...lab, serverUrl: 'http://orders.photodose.example' },
      /lab server http:\/\/orders\.photodose\.example is not https/,
    ],
    [
      'plain http on 127.0.0.1',
      { ...lab, serverUrl: 'http://127.0.0.1:4000' },
      /lab server http:\/\/127\.0\.0\.1:4000 is not https/,
    ],
    [
      'a missing recipient',
      { ...lab, recipient: undefined },
      /has no recipient: name the lab's age public key/,
    ],
    [
      'a broken recipient',
      { ...lab, recipient: 'age1nope' },
      /invalid at recipient: expected an age X25519 recipient/,
    ],
    ['a file that is not JSON', '{ "id": ', /cannot read lab configuration .*lab\.json/],
  ])('refuses %s', async (_label, config, message) => {
    const result = await check(config);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^release lab check failed: /);
    expect(result.stderr).toMatch(message);
    expect(await exists(out)).toBe(false);
  });

  it('removes the copy of an earlier release when a check fails', async () => {
    expect((await check(lab)).code).toBe(0);
    expect((await check({ ...lab, serverUrl: 'embedded' })).code).toBe(1);
    expect(await exists(out)).toBe(false);
  });

  it('refuses to run without a lab named', async () => {
    const env = { ...process.env, PHOTODOSE_RELEASE_LAB: '' };
    await expect(
      run(process.execPath, ['--import', 'tsx', script, '--out', out], { env }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('PHOTODOSE_RELEASE_LAB is not set'),
    });
  });
});
