import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli, startCli, type Running } from '../../e2e/support/processes';

/**
 * `photodose lab pull` writes decrypted customer data (names, addresses,
 * photos). Where it lands by default, and where it refuses to write: inside
 * a git work tree, one `git add .` away from a commit.
 */
const run = promisify(execFile);
let root: string;
let receiver: Running;
let serverUrl: string;
let identityFile: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'photodose-pull-out-'));
  identityFile = join(root, 'identity.txt');
  await runCli(['lab', 'keygen', '--out', identityFile]);
  const started = await startCli(
    ['receiver', '--port', '0', '--data', join(root, 'provider')],
    /Receiver running at (http:\/\/127\.0\.0\.1:\d+)/,
  );
  receiver = started;
  serverUrl = started.match[1]!;
});
afterAll(async () => {
  await receiver?.stop();
  await rm(root, { recursive: true, force: true });
});

const pullArgs = () => [
  'lab',
  'pull',
  '--server',
  serverUrl,
  '--lab-token-file',
  join(root, 'provider', 'lab-token'),
  '--identity',
  identityFile,
];

describe('where lab pull puts decrypted orders', () => {
  it('defaults to photodose-lab-orders in the operator home, and says so', async () => {
    const home = join(root, 'operator-home');
    await mkdir(home);
    const output = await runCli(pullArgs(), { ...process.env, HOME: home });
    const ordersDir = join(home, 'photodose-lab-orders');
    expect(output).toContain(`0 orders pulled into ${ordersDir}, 0 failed`);
    expect((await stat(ordersDir)).isDirectory()).toBe(true);
  });

  it('refuses a folder inside a git work tree, and creates nothing there', async () => {
    const repo = join(root, 'photodose-checkout');
    await mkdir(join(repo, 'docs'), { recursive: true });
    await run('git', ['init', '--quiet', repo]);
    for (const out of [join(repo, 'lab-orders'), join(repo, 'docs', 'a', 'b')]) {
      await expect(runCli([...pullArgs(), '--out', out])).rejects.toThrow(
        `refusing to write decrypted orders to ${out}: it is inside the git work tree ${repo}`,
      );
    }
    expect((await readdir(repo)).sort()).toEqual(['.git', 'docs']);
    expect(await readdir(join(repo, 'docs'))).toEqual([]);
  });

  it('writes to a folder given with --out outside any work tree', async () => {
    const out = join(root, 'srv', 'orders');
    const output = await runCli([...pullArgs(), '--out', out]);
    expect(output).toContain(`0 orders pulled into ${out}, 0 failed`);
    expect((await stat(out)).isDirectory()).toBe(true);
  });
});

describe("this project's checkout", () => {
  const checkout = join(import.meta.dirname, '../../..');

  it.each([
    ['decrypted orders pulled as the old README showed', 'lab-orders/PD-7K2M9Q/manifest.json'],
    ['the demonstration lab key', '.dev/lab-identity.txt'],
    ["the receiver's default data folder", 'receiver-data/lab-token'],
  ])('keeps %s out of git add', async (_what, file) => {
    const { stdout } = await run('git', ['check-ignore', '--no-index', file], { cwd: checkout });
    expect(stdout.trim()).toBe(file);
  });
});
