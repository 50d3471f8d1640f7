import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { importPhotos } from '../../../services/photos/import';
import { PhotoStore } from '../../../services/photos/photo-store';
import { makePhoto } from '../../fixtures/photos';
import { browserFile, offlineHost, testId } from './support';

/** Import with real sharp: good photos come through, each bad file gets its own reason. */
let dir: string;
// A page that never answers is given up on quickly here (30 s in the app).
const host = offlineHost('electron', { answerTimeoutMs: 300 });

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
    const importId = testId();
    const { photos, failures } = await host.services['photos.import']({
      importId,
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
    // The thumbnail's JPEG comes as bytes, held by the host in memory.
    const thumb = await host.services['photos.thumbnail']({ assetId: imported!.asset.id });
    const meta = await sharp(thumb).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width, meta.height)).toBe(480);
    expect([meta.width, meta.height]).toEqual([
      imported!.thumbnail.widthPx,
      imported!.thumbnail.heightPx,
    ]);
    expect(progress).toEqual([{ importId, done: 1, total: 1 }]);
  });

  it('hashes a photo larger than one read to its last byte, and the same one from a browser alike', async () => {
    // 9 MiB and a bit: a JPEG, then bytes past its end (as some cameras append), read in pieces.
    const picture = await makePhoto(800, 600, 5);
    const photo = Buffer.concat([picture, randomBytes(9 * 1024 * 1024 + 7 - picture.length)]);
    const path = join(dir, 'Schlachte.jpg');
    await writeFile(path, photo);
    const { photos } = await host.services['photos.import']({
      importId: testId(),
      sources: [{ kind: 'path', path }],
    });
    const sha256 = createHash('sha256').update(photo).digest('hex');
    expect(photos[0]!.asset).toMatchObject({ sha256, byteSize: photo.length, widthPx: 800 });
    // The asset id comes from the bytes: the same photo through the page is the same asset.
    const page = offlineHost('loopback');
    const fromPage = await page.services['photos.import']({
      importId: testId(),
      sources: [browserFile(page, photo, 'Schlachte.jpg')],
    });
    expect(fromPage.photos[0]!.asset.id).toBe(photos[0]!.asset.id);
  });

  it('reads photo after photo into the same memory, each to its own last byte', async () => {
    // One lane: a large photo, a smaller one after it (read into the larger one's memory), a
    // larger one again, and one of exactly the first one's size at the same place in memory.
    // Each must be hashed, measured and decoded as itself alone.
    const size = 3 * 1024 * 1024;
    const specs = [
      { name: 'gross.jpg', w: 900, h: 600, size },
      { name: 'klein.jpg', w: 300, h: 200, size: 0 },
      { name: 'mittel.jpg', w: 640, h: 480, size: 5 * 1024 * 1024 },
      { name: 'gleich-gross.jpg', w: 480, h: 720, size },
    ];
    const files = await Promise.all(
      specs.map(async ({ name, w, h, size }, i) => {
        const picture = await makePhoto(w, h, 10 + i);
        const bytes = Buffer.concat([picture, randomBytes(Math.max(0, size - picture.length))]);
        await writeFile(join(dir, name), bytes);
        return { path: join(dir, name), bytes };
      }),
    );
    expect(files[0]!.bytes.length).toBe(files[3]!.bytes.length);
    const { photos, failures } = await importPhotos(
      files.map(({ path }) => ({ kind: 'path' as const, path })),
      { store: new PhotoStore(), maxBytes: 64 * 1024 * 1024, concurrency: 1 },
    );
    expect(failures).toEqual([]);
    expect(photos.map((p) => p.asset)).toMatchObject(
      files.map(({ bytes }, i) => ({
        name: specs[i]!.name,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        byteSize: bytes.length,
        widthPx: specs[i]!.w,
        heightPx: specs[i]!.h,
      })),
    );
  });

  it('swaps width and height of a photo the camera marked as turned', async () => {
    const turned = await sharp(await makePhoto(600, 400, 4))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const { photos } = await host.services['photos.import']({
      importId: testId(),
      sources: [browserFile(host, turned, 'hochkant.jpg')],
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
    const early: string[] = [];
    const off = host.events.subscribe((name, payload) => {
      if (name === 'photos.progress') {
        const { done, total } = payload as { done: number; total: number };
        progress.push({ done, total });
      }
      if (name === 'photos.imported') {
        early.push((payload as { photo: { asset: { name: string } } }).photo.asset.name);
      }
    });
    const { photos } = await host.services['photos.import']({
      importId: testId(),
      sources: names.map((name, i) => browserFile(host, bytes[i]!, name)),
    });
    off();
    expect(photos.map((p) => p.asset.name)).toEqual(names);
    expect(progress).toEqual([1, 2, 3, 4].map((done) => ({ done, total: 4 })));
    // Announced in the customer's order too, though the small ones were ready first: the tray
    // and the prints list fill in order.
    expect(early).toEqual(names);
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
      importId: testId(),
      sources: [
        { kind: 'path', path: paths.truncated },
        { kind: 'path', path: paths.good },
        { kind: 'path', path: paths.text },
        { kind: 'path', path: join(dir, 'verschoben.jpg') },
        // A file no page holds: nobody answers the host's request for its bytes.
        { kind: 'file', fileId: 'AAAAAAAAAAAAAAAAAAAAAAAA', name: 'vergessen.jpg', size: 10 },
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

  it('counts the same photo picked twice once, and says how many were repeats', async () => {
    const photo = await makePhoto(300, 200, 21);
    const path = join(dir, 'doppelt.jpg');
    await writeFile(path, photo);
    const result = await host.services['photos.import']({
      importId: testId(),
      sources: [
        { kind: 'path', path },
        browserFile(host, photo, 'kopie.jpg'),
        { kind: 'path', path },
      ],
    });
    expect(result.photos.map((p) => p.asset.name)).toEqual(['doppelt.jpg']);
    expect(result.duplicates).toBe(2);
  });

  it('stops a cancelled import after the photos in work, keeping those', async () => {
    const bytes = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => makePhoto(900, 600, 30 + n)),
    );
    const importId = testId();
    let cancelled: Promise<{ cancelled: boolean }> | undefined;
    let clicked = (): void => undefined;
    const click = new Promise<void>((resolve) => (clicked = resolve));
    const off = host.events.subscribe((name) => {
      // Cancelled as soon as the first photo is ready, as a customer's click would.
      if (name === 'photos.imported' && !cancelled) {
        cancelled = host.services['photos.cancel']({ importId });
        void cancelled.then(clicked);
      }
    });
    // The page hands over the other photos only after the click has landed: however busy the
    // machine, the import can't have started all eight before it.
    const result = await host.services['photos.import']({
      importId,
      sources: bytes.map((b, i) =>
        browserFile(host, b, `serie-${i + 1}.jpg`, { after: i === 0 ? undefined : click }),
      ),
    });
    off();
    expect(await cancelled).toEqual({ cancelled: true });
    expect(result.cancelled).toBe(true);
    expect(result.photos.length).toBeGreaterThan(0);
    expect(result.photos.length).toBeLessThan(bytes.length);
    // Every photo it kept is whole: thumbnail there, nothing half-added.
    for (const { asset } of result.photos)
      expect(
        (await host.services['photos.thumbnail']({ assetId: asset.id })).length,
      ).toBeGreaterThan(0);
    // An import that has finished can't be cancelled any more.
    expect(await host.services['photos.cancel']({ importId })).toEqual({ cancelled: false });
  });

  it("names a browser's file it could not read, and a thumbnail it does not have", async () => {
    const importId = testId();
    const off = host.events.subscribe((name, payload) => {
      if (name !== 'photos.bytesWanted') return;
      const { requestId } = payload as { requestId: string };
      // The page could not read the file: it was moved after it was picked.
      void host.services['photos.unavailable']({ requestId, reason: 'unreadable' });
    });
    const result = await host.services['photos.import']({
      importId,
      sources: [{ kind: 'file', fileId: testId(), name: 'verschoben.jpg', size: 1000 }],
    });
    off();
    expect(result.failures.map((f) => [f.name, f.code])).toEqual([
      ['verschoben.jpg', 'unreadable'],
    ]);
    await expect(host.services['photos.thumbnail']({ assetId: 'photo-none' })).rejects.toThrow(
      'no photo photo-none in this session',
    );
  });

  it('keeps the capture date and camera with the photo, for the book and its assistant', async () => {
    const dated = await sharp(await makePhoto(600, 400, 41))
      .withExif({
        IFD0: { Make: 'Fujifilm', Model: 'X-T5' },
        IFD2: { DateTimeOriginal: '2024:05:01 12:34:56' },
      })
      .jpeg()
      .toBuffer();
    const { photos } = await host.services['photos.import']({
      importId: testId(),
      sources: [browserFile(host, dated, 'Deich.jpg')],
    });
    expect(photos[0]).toMatchObject({ takenAt: '2024-05-01T12:34:56', camera: 'Fujifilm X-T5' });
    expect(photos[0]!.asset.takenAt).toBe('2024-05-01T12:34:56');
  });
});
