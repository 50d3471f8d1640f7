import { describe, expect, it } from 'vitest';
import { matchByContent, missingPhotos } from '../../../src/project/match-photos';
import type { ProjectPhoto } from '../../../src/project/project-file';

const wanted = (seed: number, byteSize: number): ProjectPhoto => ({
  assetId: `photo-${seed}`,
  sha256: String(seed).repeat(64).slice(0, 64),
  byteSize,
  name: `IMG_${seed}.jpg`,
  widthPx: 10,
  heightPx: 10,
});

interface FakeFile {
  name: string;
  size: number;
  sha256: string;
}

describe('finding a project’s photos by content', () => {
  const a = wanted(1, 100);
  const b = wanted(2, 200);
  const c = wanted(3, 200);

  it('finds renamed photos, hashing only files of a wanted size', async () => {
    const files: FakeFile[] = [
      { name: 'film.mp4', size: 999, sha256: 'x' },
      { name: 'renamed.jpg', size: 200, sha256: c.sha256 },
      { name: 'IMG_2.jpg', size: 200, sha256: 'other photo, same size' },
      { name: 'copy.jpg', size: 100, sha256: a.sha256 },
    ];
    const hashed: string[] = [];
    const result = await matchByContent([a, b, c], files, async (f) => {
      hashed.push(f.name);
      return f.sha256;
    });
    expect(result.found.map((f) => [f.photo.assetId, f.file.name])).toEqual([
      ['photo-3', 'renamed.jpg'],
      ['photo-1', 'copy.jpg'],
    ]);
    expect(result.missing).toEqual([b]);
    expect(hashed).toEqual(['renamed.jpg', 'IMG_2.jpg', 'copy.jpg']);
  });

  it('stops reading files once every photo is found', async () => {
    const files: FakeFile[] = [
      { name: 'a.jpg', size: 100, sha256: a.sha256 },
      { name: 'later.jpg', size: 100, sha256: a.sha256 },
    ];
    const progress: number[] = [];
    const result = await matchByContent(
      [a],
      files,
      async (f) => f.sha256,
      (done) => progress.push(done),
    );
    expect(result.missing).toEqual([]);
    expect(progress).toEqual([1]);
  });

  it('lists the photos not loaded yet', () => {
    expect(missingPhotos([a, b, c], (id) => id === 'photo-2')).toEqual([a, c]);
  });
});
