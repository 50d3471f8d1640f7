import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locatePhotos, type WantedPhoto } from '../../../services/photos/locate';

/**
 * The desktop host's search for moved photos, on real files in a temp folder laid out like a
 * customer's home: photos moved to a sibling folder, renamed, sorted into subfolders or into
 * the picture folder are found by size and content; a different photo of the same size is not.
 */
let home: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'photodose-locate-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

/** Distinct bytes of a given size, as a photo's would be. */
function bytesOf(seed: number, size = 20_000): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 97) & 0xff;
  return bytes;
}

/** Writes photos into `folder` and returns what a project remembers of them. */
async function photosIn(folder: string, seeds: number[]): Promise<WantedPhoto[]> {
  await mkdir(folder, { recursive: true });
  return Promise.all(
    seeds.map(async (seed) => {
      const bytes = bytesOf(seed);
      const path = join(folder, `IMG_${seed}.jpg`);
      await writeFile(path, bytes);
      return {
        assetId: `photo-${seed}`,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        byteSize: bytes.length,
        lastKnownPath: path,
      };
    }),
  );
}

describe('locatePhotos', () => {
  it('finds photos where they were', async () => {
    const wanted = await photosIn(join(home, 'Bilder', 'Ostsee'), [1, 2]);
    const result = await locatePhotos(wanted);
    expect(Object.fromEntries(result.found)).toEqual({
      'photo-1': wanted[0]!.lastKnownPath,
      'photo-2': wanted[1]!.lastKnownPath,
    });
    expect(result.missing).toEqual([]);
  });

  it('finds a folder renamed beside it, a renamed photo and one sorted into a subfolder', async () => {
    const wanted = await photosIn(join(home, 'Bilder', 'Ostsee'), [1, 2, 3]);
    await rename(join(home, 'Bilder', 'Ostsee'), join(home, 'Bilder', 'Ostsee 2025'));
    const moved = join(home, 'Bilder', 'Ostsee 2025');
    await rename(join(moved, 'IMG_2.jpg'), join(moved, 'Leuchtturm.jpg'));
    await mkdir(join(moved, 'beste'));
    await rename(join(moved, 'IMG_3.jpg'), join(moved, 'beste', 'IMG_3.jpg'));
    const progress: number[] = [];
    const result = await locatePhotos(wanted, {
      onProgress: ({ found }) => progress.push(found),
    });
    expect(Object.fromEntries(result.found)).toEqual({
      'photo-1': join(moved, 'IMG_1.jpg'),
      'photo-2': join(moved, 'Leuchtturm.jpg'),
      'photo-3': join(moved, 'beste', 'IMG_3.jpg'),
    });
    expect(progress.at(-1)).toBe(3);
  });

  it('looks in the picture folders last, and takes no other photo of the same size', async () => {
    const wanted = await photosIn(join(home, 'USB', 'Urlaub'), [4, 5]);
    await rm(join(home, 'USB'), { recursive: true });
    const pictures = join(home, 'Pictures');
    await mkdir(join(pictures, 'Archiv', '2025'), { recursive: true });
    await writeFile(join(pictures, 'Archiv', '2025', 'kopie.jpg'), bytesOf(4));
    // Same size as photo 5, other content: must not be taken for it.
    await writeFile(join(pictures, 'IMG_5.jpg'), bytesOf(99));
    const result = await locatePhotos(wanted, { pictureFolders: [pictures] });
    expect(Object.fromEntries(result.found)).toEqual({
      'photo-4': join(pictures, 'Archiv', '2025', 'kopie.jpg'),
    });
    expect(result.missing).toEqual(['photo-5']);
  });

  it('follows no links and no hidden folders, and stops at its file limit', async () => {
    const wanted = await photosIn(join(home, 'Bilder', 'Fest'), [6]);
    await rename(wanted[0]!.lastKnownPath!, join(home, 'Bilder', '.versteckt.jpg'));
    await mkdir(join(home, 'Bilder', '.cache'));
    await writeFile(join(home, 'Bilder', '.cache', 'IMG_6.jpg'), bytesOf(6));
    // A link back up would walk in circles if it were followed.
    await symlink(join(home, 'Bilder'), join(home, 'Bilder', 'Fest', 'zurück'));
    for (let i = 0; i < 30; i++) await writeFile(join(home, 'Bilder', `leer-${i}.txt`), 'x');
    const result = await locatePhotos(wanted, { maxFiles: 10 });
    expect(result.found.size).toBe(0);
    expect(result.limitReached).toBe(true);
    expect(result.filesSeen).toBe(10);
  });
});
