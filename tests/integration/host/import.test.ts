import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { makePhoto } from '../../fixtures/photos';
import { offlineHost } from './support';

/** Import with real sharp: good photos come through, each bad file gets its own reason. */
let dir: string;
const host = offlineHost('electron');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-import-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('photo import', () => {
  it('hashes, measures and previews a photo in memory', async () => {
    const photo = await makePhoto(2000, 1000, 3);
    const path = join(dir, 'Weser.jpg');
    await writeFile(path, photo);
    const progress: unknown[] = [];
    const off = host.events.subscribe(
      (name, payload) => name === 'photos.progress' && progress.push(payload),
    );
    const { photos, failures } = await host.services['photos.import']({
      sources: [{ kind: 'path', path }],
    });
    off();
    expect(failures).toEqual([]);
    const [imported] = photos;
    expect(imported!.asset).toMatchObject({
      name: 'Weser.jpg',
      mime: 'image/jpeg',
      widthPx: 2000,
      heightPx: 1000,
      byteSize: photo.length,
    });
    const thumb = Buffer.from(imported!.thumbnail.dataUrl.split(',')[1]!, 'base64');
    const meta = await sharp(thumb).metadata();
    expect(Math.max(meta.width, meta.height)).toBe(480);
    expect(progress).toEqual([{ done: 1, total: 1 }]);
  });

  it('swaps width and height of a photo the camera marked as turned', async () => {
    const turned = await sharp(await makePhoto(600, 400, 4))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const blobId = host.blobs.put(turned);
    const { photos } = await host.services['photos.import']({
      sources: [{ kind: 'blob', blobId, name: 'hochkant.jpg' }],
    });
    expect(photos[0]!.asset).toMatchObject({ widthPx: 400, heightPx: 600 });
    expect(photos[0]!.thumbnail).toMatchObject({ widthPx: 320, heightPx: 480 });
  });

  it('works on several photos at once, yet answers in the order the customer chose them', async () => {
    // The large photo first: a small one after it finishes earlier, and must still come second.
    const names = ['gross.jpg', 'klein.jpg', 'mittel.png', 'winzig.jpg'];
    const bytes = [
      await makePhoto(3000, 2000, 11),
      await makePhoto(64, 48, 12),
      await makePhoto(800, 600, 13, 'png'),
      await makePhoto(32, 32, 14),
    ];
    const progress: { done: number; total: number }[] = [];
    const off = host.events.subscribe(
      (name, payload) =>
        name === 'photos.progress' && progress.push(payload as { done: number; total: number }),
    );
    const { photos } = await host.services['photos.import']({
      sources: names.map((name, i) => ({ kind: 'blob', blobId: host.blobs.put(bytes[i]!), name })),
    });
    off();
    expect(photos.map((p) => p.asset.name)).toEqual(names);
    expect(progress).toEqual([1, 2, 3, 4].map((done) => ({ done, total: 4 })));
  });

  it('names every unusable file and still imports the good ones', async () => {
    const good = await makePhoto(800, 600, 8);
    const truncated = good.subarray(0, Math.floor(good.length * 0.6));
    const textFile = Buffer.from('Einkaufsliste: Milch, Brot');
    const paths = {
      good: join(dir, 'gut.jpg'),
      truncated: join(dir, 'kaputt.jpg'),
      text: join(dir, 'liste.jpg'),
    };
    await writeFile(paths.good, good);
    await writeFile(paths.truncated, truncated);
    await writeFile(paths.text, textFile);
    const { photos, failures } = await host.services['photos.import']({
      sources: [
        { kind: 'path', path: paths.truncated },
        { kind: 'path', path: paths.good },
        { kind: 'path', path: paths.text },
        { kind: 'path', path: join(dir, 'verschoben.jpg') },
        { kind: 'blob', blobId: 'AAAAAAAAAAAAAAAAAAAAAAAA', name: 'vergessen.jpg' },
      ],
    });
    expect(photos.map((p) => p.asset.name)).toEqual(['gut.jpg']);
    expect(failures.map((f) => [f.name, f.code])).toEqual([
      ['kaputt.jpg', 'damaged'],
      ['liste.jpg', 'not-an-image'],
      ['verschoben.jpg', 'missing'],
      ['vergessen.jpg', 'missing'],
    ]);
    expect(failures[2]!.detail).toBe('ENOENT');
  });
});
