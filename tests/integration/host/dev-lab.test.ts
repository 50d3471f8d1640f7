import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_LAB_FILE, resolveLab } from '../../../dev/dev-lab';
import { loadAppLab } from '../../../electron/lab';

const run = promisify(execFile);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-devlab-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the lab configuration', () => {
  it('starts an embedded demonstration lab whose key Debian age accepts', async () => {
    const lab = await resolveLab({ devDir: dir });
    try {
      expect(lab.config.serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${lab.config.serverUrl}/api/v1/health`);
      expect(await health.json()).toEqual({ ok: true });
      const identityFile = lab.embedded!.identityFile;
      expect((await stat(identityFile)).mode & 0o777).toBe(0o600);
      const { stdout } = await run('age-keygen', ['-y', identityFile]);
      expect(stdout.trim()).toBe(lab.config.recipient);
    } finally {
      await lab.close();
    }
  });

  it('answers only local programs that name its bound address', async () => {
    // The demonstration lab's receiver runs on the developer's machine: no web page, no rebound name.
    const lab = await resolveLab({ devDir: dir });
    try {
      const { port } = new URL(lab.config.serverUrl);
      const status = (headers: Record<string, string>) =>
        new Promise<number>((done, fail) => {
          const req = request({ host: '127.0.0.1', port, path: '/api/v1/health', headers }, (res) =>
            done(res.resume() && res.statusCode!),
          );
          req.on('error', fail).end();
        });
      expect(await status({})).toBe(200);
      expect(await status({ Host: `rebound.example:${port}` })).toBe(403);
      expect(await status({ Origin: 'https://evil.example' })).toBe(403);
    } finally {
      await lab.close();
    }
  });

  it('keeps the same development key across starts', async () => {
    const first = await resolveLab({ devDir: dir });
    await first.close();
    const second = await resolveLab({ devDir: dir });
    await second.close();
    expect(second.config.recipient).toBe(first.config.recipient);
  });

  it('uses a lab server as configured, without starting anything', async () => {
    const file = join(dir, 'lab.json');
    const demo = JSON.parse(await readFile(DEMO_LAB_FILE, 'utf8'));
    await writeFile(file, JSON.stringify({ ...demo, serverUrl: 'https://orders.example.de' }));
    const lab = await resolveLab({ devDir: dir, configFile: file });
    expect(lab.config).toMatchObject({
      serverUrl: 'https://orders.example.de',
      recipient: demo.recipient,
    });
    expect(lab.embedded).toBeUndefined();
  });

  it('refuses plain http to anything but 127.0.0.1', async () => {
    const file = join(dir, 'lab.json');
    const demo = JSON.parse(await readFile(DEMO_LAB_FILE, 'utf8'));
    await writeFile(file, JSON.stringify({ ...demo, serverUrl: 'http://orders.example.de' }));
    await expect(resolveLab({ devDir: dir, configFile: file })).rejects.toThrow(
      `${file}: lab server http://orders.example.de is not https`,
    );
  });

  it('names the file and the field of a broken configuration', async () => {
    const file = join(dir, 'lab.json');
    await writeFile(
      file,
      JSON.stringify({
        id: 'x',
        name: 'X',
        city: 'Y',
        recipient: 'age1nope',
        serverUrl: 'embedded',
      }),
    );
    await expect(resolveLab({ devDir: dir, configFile: file })).rejects.toThrow(
      /lab configuration invalid at recipient/,
    );
    await writeFile(file, '{ not json');
    await expect(resolveLab({ devDir: dir, configFile: file })).rejects.toThrow(
      `cannot read lab configuration ${file}`,
    );
  });
});

describe('npm start', () => {
  const wrapper = resolve(import.meta.dirname, '../../../dev/with-demo-lab.ts');

  it('runs the app beside the demonstration lab, handing over a lab the app accepts', async () => {
    // Electron can't run here: a node one-liner stands in for it and reports what it was given.
    const app = `const fs = require('node:fs');
      const file = process.env.PHOTODOSE_LAB_CONFIG;
      const config = JSON.parse(fs.readFileSync(file, 'utf8'));
      fetch(config.serverUrl + '/api/v1/health').then((r) => r.json()).then((health) => {
        console.log(JSON.stringify({ file, config, health }));
        process.exit(7);
      });`;
    const env = { ...process.env, PHOTODOSE_DEV_DIR: dir, PHOTODOSE_LAB_CONFIG: '' };
    const result = await run(
      process.execPath,
      ['--import', 'tsx', wrapper, process.execPath, '-e', app],
      { env },
    ).catch((error: { code: number; stdout: string }) => error);
    expect(result).toMatchObject({ code: 7 });
    const seen = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(seen.health).toEqual({ ok: true });
    const source = { appPath: dir, env: { PHOTODOSE_LAB_CONFIG: seen.file } };
    expect(await loadAppLab({ ...source, packaged: false })).toEqual({
      ok: true,
      config: seen.config,
    });
    // The same file can never reach a packaged app: it reads only its own checked copy.
    expect(await loadAppLab({ ...source, packaged: true })).toMatchObject({
      ok: false,
      refusal: { code: 'unreadable' },
    });
    // The lab stops with the app.
    await expect(fetch(`${seen.config.serverUrl}/api/v1/health`)).rejects.toThrow();
  });
});

describe('photodose command line', () => {
  const cli = resolve(import.meta.dirname, '../../../bin/photodose.js');

  it('lists its commands and refuses unknown ones', async () => {
    const { stdout } = await run(process.execPath, [cli, '--help']);
    for (const command of ['receiver', 'lab keygen', 'lab pull', 'web'])
      expect(stdout).toContain(command);
    await expect(run(process.execPath, [cli, 'bake'])).rejects.toMatchObject({
      stderr: expect.stringContaining('unknown command: bake'),
    });
  });

  it('never overwrites a lab key', async () => {
    const out = join(dir, 'key.txt');
    const { stdout } = await run(process.execPath, [cli, 'lab', 'keygen', '--out', out]);
    const before = await readFile(out, 'utf8');
    expect(before).toContain(stdout.trim());
    await expect(run(process.execPath, [cli, 'lab', 'keygen', '--out', out])).rejects.toMatchObject(
      {
        stderr: expect.stringContaining('refusing to overwrite a lab key'),
      },
    );
    expect(await readFile(out, 'utf8')).toBe(before);
  });
});
