import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startCli } from './support/processes';

/**
 * What `npm run start:web` tells a developer: the app's address, the
 * embedded receiving server's (another port), a pull command to copy that
 * keeps decrypted orders out of the checkout, and how to stop it all.
 */
let root: string;

test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'photodose-start-web-'));
});
test.afterEach(() => rm(root, { recursive: true, force: true }));

test('start:web names both ports, prints a pull command that works, and stops on Ctrl+C', async () => {
  const home = join(root, 'home');
  await mkdir(home);
  const env = { ...process.env, HOME: home };
  const web = await startCli(['web', '--dev-dir', join(root, 'dev')], /stop/i, env);
  try {
    const printed = web.output();
    const app = printed.match(/Open:\s+(http:\/\/127\.0\.0\.1:(\d+)\/\S*)/);
    const receiver = printed.match(/receiving server at (http:\/\/127\.0\.0\.1:(\d+))/);
    expect(app, printed).not.toBeNull();
    expect(receiver, printed).not.toBeNull();
    expect(receiver![2]).not.toBe(app![2]);

    // The command as a developer would copy it (from the directory they ran npm in).
    const command = printed.match(/npx photodose (lab pull (?:[^\n\\]|\\\n)*)/);
    expect(command, printed).not.toBeNull();
    const args = command![1]!.replace(/\\\n/g, ' ').trim().split(/\s+/);
    const pulled = await runCli(args, env);
    const ordersDir = join(home, 'photodose-lab-orders');
    expect(pulled).toContain(`0 orders pulled into ${ordersDir}, 0 failed`);
    expect(printed).toContain(ordersDir);
    expect((await stat(ordersDir)).isDirectory()).toBe(true);

    expect(printed).toContain('Ctrl+C');
    const exited = new Promise((done) => web.child.once('exit', done));
    web.child.kill('SIGINT');
    await exited;
    for (const url of [app![1]!, `${receiver![1]}/api/v1/health`]) {
      await expect(fetch(url)).rejects.toMatchObject({
        cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
      });
    }
  } finally {
    await web.stop();
  }
});
