import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Design } from '../../../../src/model/design';
import { designAssets } from '../../../../src/model/design';
import { FILL } from '../../../../src/model/crop';
import { photoFileName } from '../../../../src/order/manifest';
import { decryptedName } from '../../../../src/order/decrypted-name';
import { renderOrder } from '../../../../server/lab/render/order';
import { colourAt, heifEnc, near } from '../../../fixtures/photo-formats';
import {
  BLUE,
  PhotoShelf,
  RED,
  emptyBook,
  photoFrame,
  poppler,
  scratch,
  soft21,
  textFrame,
  twoColourPhoto,
  withFrames,
} from './support';

const run = promisify(execFile);
const cli = resolve(import.meta.dirname, '../../../../bin/photodose.js');

/** A pulled order's folder as `lab pull` leaves it: manifest.json and the decrypted photos. */
async function orderFolder(design: Design, shelf: PhotoShelf, orderId: string): Promise<string> {
  const dir = join(await scratch(), orderId);
  await mkdir(dir);
  const files = designAssets(design).map((asset, i) => ({
    name: photoFileName(i + 1),
    role: 'photo',
    assetId: asset.id,
    sha256: asset.sha256,
    byteSize: asset.byteSize,
    mime: asset.mime,
  }));
  for (const file of files) {
    await writeFile(join(dir, decryptedName(file.name, file.mime)), shelf.bytes.get(file.assetId)!);
  }
  const manifest = {
    manifestVersion: 3,
    orderId,
    createdAt: '2026-11-25T22:00:00.000Z',
    client: { app: 'photodose', version: '0.2.0' },
    lab: { id: 'photodose-bremen' },
    customer: {
      name: 'Anna Schmidt',
      street: 'Am Wall 12',
      postalCode: '28195',
      city: 'Bremen',
      country: 'DE',
      email: 'anna@example.de',
    },
    design,
    files,
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('photodose lab render', () => {
  it('writes a pulled book order’s inner block and cover, the same bytes each time', async () => {
    const shelf = new PhotoShelf();
    const photo = shelf.add(await twoColourPhoto(1200, 800, RED, BLUE), 1200, 800);
    const base = emptyBook(soft21);
    const book = withFrames(
      { ...base, title: 'Sommer' },
      [
        photoFrame(base.pageIds[1]!, { x: 10, y: 10, w: 120, h: 80 }, photo.id),
        textFrame(base.pageIds[1]!, { x: 10, y: 100, w: 120, h: 30 }, 'Am Meer', {
          fontId: 'lora',
        }),
      ],
      shelf,
    );
    const dir = await orderFolder({ kind: 'photoBook', book }, shelf, 'order-book-1');

    const { stdout } = await run(process.execPath, [cli, 'lab', 'render', dir]);
    expect(stdout).toContain('order-book-1: photoBook');
    const print = join(dir, 'print');
    expect((await readdir(print)).sort()).toEqual(['book-cover.pdf', 'book-inner.pdf']);
    const info = await poppler('pdfinfo', [join(print, 'book-inner.pdf')]);
    expect(info).toMatch(/Pages:\s+24/);
    const fonts = await poppler('pdffonts', [join(print, 'book-inner.pdf')]);
    expect(fonts).toMatch(/Lora-Regular\s+CID TrueType\s+Identity-H\s+yes/);

    const first = await readFile(join(print, 'book-inner.pdf'));
    const cover = await readFile(join(print, 'book-cover.pdf'));
    // Again, in process (the command line starts slowly on a busy machine): the same bytes.
    await renderOrder(dir);
    expect((await readFile(join(print, 'book-inner.pdf'))).equals(first)).toBe(true);
    expect((await readFile(join(print, 'book-cover.pdf'))).equals(cover)).toBe(true);
  }, 180_000);

  it('writes a prints order as one JPEG per print line', async () => {
    const shelf = new PhotoShelf();
    const photo = shelf.add(await twoColourPhoto(1200, 800, RED, BLUE), 1200, 800);
    const item = {
      assetId: photo.id,
      finish: 'glossy' as const,
      fit: 'fill' as const,
      crop: FILL,
      orientation: 'landscape' as const,
    };
    const design: Design = {
      kind: 'prints',
      prints: {
        formatVersion: 1,
        id: 'prints-1',
        productId: 'prints',
        itemIds: ['p1', 'p2'],
        items: {
          p1: { id: 'p1', sizeId: '10x15', quantity: 4, ...item },
          p2: { id: 'p2', sizeId: '13x18', quantity: 1, ...item, fit: 'fit' },
        },
        assets: shelf.assets,
      },
    };
    const dir = await orderFolder(design, shelf, 'order-prints-1');
    const rendered = await renderOrder(dir);
    expect(rendered.files).toEqual(['001_10x15_glossy_fill_x4.jpg', '002_13x18_glossy_fit_x1.jpg']);
    expect((await readdir(join(dir, 'print'))).sort()).toEqual(rendered.files);
  });

  it('prints an iPhone photo the customer sent as its original (HEIC)', async () => {
    const shelf = new PhotoShelf();
    const heic = await heifEnc(await twoColourPhoto(1200, 800, RED, BLUE), 'jpg');
    const photo = shelf.add(heic, 1200, 800);
    shelf.assets[photo.id] = { ...photo, mime: 'image/heic' };
    const design: Design = {
      kind: 'prints',
      prints: {
        formatVersion: 1,
        id: 'prints-heic',
        productId: 'prints',
        itemIds: ['p1'],
        items: {
          p1: {
            id: 'p1',
            assetId: photo.id,
            sizeId: '10x15',
            quantity: 1,
            finish: 'matte',
            fit: 'fill',
            crop: FILL,
            orientation: 'landscape',
          },
        },
        assets: shelf.assets,
      },
    };
    const dir = await orderFolder(design, shelf, 'order-heic-1');
    const rendered = await renderOrder(dir);
    const jpeg = await readFile(join(dir, 'print', rendered.files[0]!));
    // Upright and whole: red on the left, blue on the right, as the customer saw it.
    expect(near(await colourAt(jpeg, 0.2, 0.5), [RED.r, RED.g, RED.b], 25)).toBe(true);
    expect(near(await colourAt(jpeg, 0.8, 0.5), [BLUE.r, BLUE.g, BLUE.b], 25)).toBe(true);
  });

  it('leaves no half-written print folder when a photo is missing', async () => {
    const shelf = new PhotoShelf();
    const photo = shelf.add(await twoColourPhoto(600, 400, RED, BLUE), 600, 400);
    const base = emptyBook(soft21);
    const book = withFrames(
      base,
      [photoFrame(base.pageIds[0]!, { x: 0, y: 0, w: 50, h: 50 }, photo.id)],
      shelf,
    );
    const dir = await orderFolder({ kind: 'photoBook', book }, shelf, 'order-broken-1');
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, decryptedName(photoFileName(1), 'image/jpeg')));
    await expect(renderOrder(dir)).rejects.toThrow();
    expect((await readdir(dir)).filter((n) => n.startsWith('print'))).toEqual([]);
  });
});
