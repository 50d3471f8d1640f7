import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RECENT_CHANGE_NS,
  sameStamp,
  stampOf,
  stampOfRead,
} from '../../../services/photos/file-stamp';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-stamp-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const statOf = (path: string) => stat(path, { bigint: true });

describe("a photo file's stamp", () => {
  it('stands for the bytes read when nothing changed and the last change is not recent', async () => {
    const path = join(dir, 'a.jpg');
    await writeFile(path, 'photo');
    const before = await statOf(path);
    const lastChange = before.ctimeNs > before.mtimeNs ? before.ctimeNs : before.mtimeNs;
    expect(stampOfRead(before, await statOf(path), lastChange + RECENT_CHANGE_NS)).toEqual(
      stampOf(before),
    );
    // Written a moment ago: a coarse clock could give a second write the same times.
    expect(stampOfRead(before, await statOf(path), lastChange + RECENT_CHANGE_NS - 1n)).toBe(
      undefined,
    );
  });

  it('is not kept when the file changed while it was read', async () => {
    const path = join(dir, 'b.jpg');
    await writeFile(path, 'photo');
    const before = await statOf(path);
    await writeFile(path, 'edited');
    const after = await statOf(path);
    expect(stampOfRead(before, after, after.ctimeNs + 10n * RECENT_CHANGE_NS)).toBeUndefined();
  });

  it('differs after a write of the same size, a touch, or another file in its place', async () => {
    const path = join(dir, 'c.jpg');
    await writeFile(path, 'photo');
    const first = stampOf(await statOf(path));
    expect(sameStamp(first, stampOf(await statOf(path)))).toBe(true);
    await writeFile(path, 'PHOTO');
    const written = stampOf(await statOf(path));
    expect(sameStamp(first, written)).toBe(false);
    await utimes(path, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(sameStamp(written, stampOf(await statOf(path)))).toBe(false);
    const other = join(dir, 'd.jpg');
    await writeFile(other, 'PHOTO');
    expect(sameStamp(stampOf(await statOf(other)), written)).toBe(false);
  });
});
