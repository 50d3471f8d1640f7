import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { scanForNeedles } from '../../e2e/support/scan';

/**
 * The privacy scan of the end-to-end tests is only worth its zero hits if it
 * finds what is there and refuses to pass over what it cannot read. The tests
 * run as root, so `chmod 000` stops no read: unreadable entries are made of
 * things no one can read as a file (a dangling link, a FIFO, a file where a
 * folder should be, a link to /proc/self/mem).
 */
const run = promisify(execFile);
const email = 'hannelore.quistorp@example.org';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-scan-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the privacy scan', () => {
  it('finds a needle written as UTF-8, deep in a folder', async () => {
    await mkdir(join(dir, 'a', 'b'), { recursive: true });
    await writeFile(join(dir, 'a', 'b', 'Preferences'), `{"autofill":"${email}"}`);
    await writeFile(join(dir, 'clean.txt'), 'nothing here');
    expect(await scanForNeedles([dir], { email })).toEqual([
      { file: join(dir, 'a', 'b', 'Preferences'), what: 'email' },
    ]);
  });

  it('finds a needle written as UTF-16 (as Chromium stores some strings)', async () => {
    const stored = Buffer.concat([Buffer.from([0]), Buffer.from(email, 'utf16le')]);
    await writeFile(join(dir, '000003.log'), stored);
    expect(await scanForNeedles([dir], { email })).toEqual([
      { file: join(dir, '000003.log'), what: 'email' },
    ]);
  });

  it('finds bytes of a photo and reports nothing for a clean folder', async () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);
    await writeFile(join(dir, 'cache-entry'), Buffer.concat([Buffer.alloc(100), photo]));
    expect(await scanForNeedles([dir], { photo: photo.subarray(2) })).toEqual([
      { file: join(dir, 'cache-entry'), what: 'photo' },
    ]);
    expect(await scanForNeedles([dir], { email })).toEqual([]);
  });

  it('reads a file through a link', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'photodose-scan-outside-'));
    try {
      await writeFile(join(outside, 'target'), email);
      await symlink(join(outside, 'target'), join(dir, 'SingletonCookie'));
      expect(await scanForNeedles([dir], { email })).toEqual([
        { file: join(dir, 'SingletonCookie'), what: 'email' },
      ]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('walks a link back up to its own folder once, not for ever', async () => {
    await mkdir(join(dir, 'Default'));
    await writeFile(join(dir, 'Default', 'History'), email);
    await symlink(dir, join(dir, 'Default', 'up'));
    expect(await scanForNeedles([dir], { email })).toEqual([
      { file: join(dir, 'Default', 'History'), what: 'email' },
    ]);
  });

  it('fails on a folder that does not exist', async () => {
    const missing = join(dir, 'never-made');
    await expect(scanForNeedles([missing], { email })).rejects.toThrow(
      `cannot scan ${missing}: it does not exist`,
    );
  });

  it('fails on a folder that is a file', async () => {
    await writeFile(join(dir, 'home'), 'a file, not a folder');
    await expect(scanForNeedles([join(dir, 'home')], { email })).rejects.toThrow(
      `cannot scan ${join(dir, 'home')}: not a folder`,
    );
  });

  it('fails on a link that leads nowhere', async () => {
    await symlink(join(dir, 'gone'), join(dir, 'SingletonLock'));
    await expect(scanForNeedles([dir], { email })).rejects.toThrow(
      `cannot scan ${join(dir, 'SingletonLock')}: it does not exist`,
    );
  });

  it('fails on a FIFO, which it cannot read as a file', async () => {
    await mkdir(join(dir, 'nested'));
    await run('mkfifo', [join(dir, 'nested', 'pipe')]);
    await expect(scanForNeedles([dir], { email })).rejects.toThrow(
      `cannot scan ${join(dir, 'nested', 'pipe')}: a FIFO, not a file or folder`,
    );
  });

  it('fails on a file whose bytes cannot be read', async () => {
    // A process's memory file is a regular file that no plain read from its start succeeds on.
    await symlink('/proc/self/mem', join(dir, 'Cookies'));
    await expect(scanForNeedles([dir], { email })).rejects.toThrow(
      `cannot scan ${join(dir, 'Cookies')}: EIO: i/o error, read`,
    );
  });

  it('names every entry it could not read, not only the first', async () => {
    await symlink(join(dir, 'gone-1'), join(dir, 'link-1'));
    await symlink(join(dir, 'gone-2'), join(dir, 'link-2'));
    const error = await scanForNeedles([dir], { email }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(join(dir, 'link-1'));
    expect((error as Error).message).toContain(join(dir, 'link-2'));
  });
});
