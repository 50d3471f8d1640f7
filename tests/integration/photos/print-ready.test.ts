import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { makePrintReady } from '../../../services/photos/print-ready';
import { srgbProfile } from '../../../server/lab/render/srgb';
import type { Fractions } from '../../../src/model/crop';
import type { PhotoAsset } from '../../../src/model/book';
import { WHOLE, planPrintReady, type PrintReadyPiece } from '../../../src/order/print-regions';
import {
  QUADRANTS,
  colourAt,
  heifEnc,
  near,
  orientedJpeg,
  quadrantIn,
  quadrantPixels,
  type Rgb,
} from '../../fixtures/photo-formats';
import { makePhoto } from '../../fixtures/photos';
import { adobeRgbProfile } from '../../fixtures/icc';
import { ssimOf } from '../../fixtures/ssim';

/**
 * Print-ready images from real files through real sharp (and libheif for HEIC): the part of the
 * photo a frame prints, at print pixels, upright, sRGB with the profile embedded, the same bytes
 * every time.
 */

const run = promisify(execFile);

/** The one piece the plan makes for one part of a photo of this size printed at `px`. */
function pieceFor(
  size: { width: number; height: number },
  region: Fractions,
  px: { width: number; height: number },
): PrintReadyPiece {
  const asset: PhotoAsset = {
    id: 'photo-1',
    sha256: '0'.repeat(64),
    name: 'photo.jpg',
    mime: 'image/jpeg',
    widthPx: size.width,
    heightPx: size.height,
    byteSize: 1,
  };
  const pieces = planPrintReady([{ assetId: asset.id, region, px }], [asset]);
  expect(pieces).toHaveLength(1);
  return pieces[0]!;
}

async function corners(jpeg: Buffer): Promise<Record<keyof typeof QUADRANTS, Rgb>> {
  return {
    topLeft: await colourAt(jpeg, 0.25, 0.25),
    topRight: await colourAt(jpeg, 0.75, 0.25),
    bottomLeft: await colourAt(jpeg, 0.25, 0.75),
    bottomRight: await colourAt(jpeg, 0.75, 0.75),
  };
}

function expectUpright(seen: Record<keyof typeof QUADRANTS, Rgb>, tolerance = 12) {
  for (const corner of Object.keys(QUADRANTS) as (keyof typeof QUADRANTS)[]) {
    expect(near(seen[corner], QUADRANTS[corner], tolerance), `${corner}: ${seen[corner]}`).toBe(
      true,
    );
  }
}

function nearestQuadrant(colour: Rgb): keyof typeof QUADRANTS {
  const distance = (c: Rgb) => c.reduce((sum, v, i) => sum + (v - colour[i]!) ** 2, 0);
  const names = Object.keys(QUADRANTS) as (keyof typeof QUADRANTS)[];
  return names.reduce((best, name) =>
    distance(QUADRANTS[name]) < distance(QUADRANTS[best]) ? name : best,
  );
}

/** What a print-ready JPEG must be: baseline 8-bit sRGB, the sRGB profile inside, no EXIF. */
async function expectPrintReadyJpeg(jpeg: Buffer) {
  const meta = await sharp(jpeg).metadata();
  expect(meta).toMatchObject({
    format: 'jpeg',
    space: 'srgb',
    channels: 3,
    depth: 'uchar',
    isProgressive: false,
    chromaSubsampling: '4:4:4',
  });
  expect(meta.exif).toBeUndefined();
  expect(meta.icc?.equals(await srgbProfile()), 'the sRGB profile is embedded').toBe(true);
}

describe('print-ready images', () => {
  it('are the same bytes for the same photo and part, again and in a fresh process', async () => {
    const photo = await makePhoto(2400, 1600, 11);
    const piece = pieceFor(
      { width: 2400, height: 1600 },
      { x: 0.1, y: 0.2, w: 0.5, h: 0.5 },
      { width: 900, height: 600 },
    );
    const first = await makePrintReady(photo, piece);
    const second = await makePrintReady(photo, piece);
    expect(second.jpeg.equals(first.jpeg)).toBe(true);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);

    // A restarted app resumes an upload only if it makes the very same bytes again.
    const dir = await mkdtemp(join(tmpdir(), 'photodose-print-ready-'));
    try {
      await writeFile(join(dir, 'photo.jpg'), photo);
      await writeFile(join(dir, 'piece.json'), JSON.stringify(piece));
      const child = join(import.meta.dirname, 'print-ready-child.ts');
      const { stdout } = await run('npx', [
        'tsx',
        child,
        join(dir, 'photo.jpg'),
        join(dir, 'piece.json'),
      ]);
      expect(stdout.trim()).toBe(first.sha256);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('hold the frame’s part at print pixels', async () => {
    const photo = await quadrantIn('jpeg', 2000, 1500);
    // The top left quarter of the photo in a frame printed 1000 x 750 pixels.
    const piece = pieceFor(
      { width: 2000, height: 1500 },
      { x: 0, y: 0, w: 0.5, h: 0.5 },
      { width: 500, height: 375 },
    );
    const image = await makePrintReady(photo, piece);
    expect(image).toMatchObject({ widthPx: 500, heightPx: 375 });
    expect(await colourAt(image.jpeg, 0.1, 0.1)).toSatisfy((c: Rgb) => near(c, QUADRANTS.topLeft));
    expect(await colourAt(image.jpeg, 0.9, 0.9)).toSatisfy((c: Rgb) => near(c, QUADRANTS.topLeft));
    await expectPrintReadyJpeg(image.jpeg);
  });

  it('are never enlarged: a photo smaller than the print is sent cropped at its own pixels', async () => {
    const photo = await makePhoto(600, 400, 12);
    // A 20 x 30 cm frame wants 3543 x 2362 pixels; the photo's right half has 300 x 400.
    const piece = pieceFor(
      { width: 600, height: 400 },
      { x: 0.5, y: 0, w: 0.5, h: 1 },
      { width: 2362, height: 3543 },
    );
    const image = await makePrintReady(photo, piece);
    expect(image).toMatchObject({ widthPx: 300, heightPx: 400 });
    const alone = await sharp(photo).extract({ left: 300, top: 0, width: 300, height: 400 });
    expect(await ssimOf(image.jpeg, alone)).toBeGreaterThan(0.98);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('come out upright from EXIF orientation %i', async (o) => {
    const photo = await orientedJpeg(600, 400, o);
    const whole = await makePrintReady(
      photo,
      pieceFor({ width: 600, height: 400 }, WHOLE, { width: 300, height: 200 }),
    );
    expect(whole).toMatchObject({ widthPx: 300, heightPx: 200 });
    expectUpright(await corners(whole.jpeg));
    await expectPrintReadyJpeg(whole.jpeg);
    // The part is taken from the upright picture: its bottom right quarter is all one colour.
    const part = await makePrintReady(
      photo,
      pieceFor(
        { width: 600, height: 400 },
        { x: 0.5, y: 0.5, w: 0.5, h: 0.5 },
        { width: 150, height: 100 },
      ),
    );
    for (const [fx, fy] of [
      [0.1, 0.1],
      [0.9, 0.9],
      [0.1, 0.9],
      [0.9, 0.1],
    ] as const) {
      expect(near(await colourAt(part.jpeg, fx, fy), QUADRANTS.bottomRight)).toBe(true);
    }
  });

  describe('convert the photo’s colours to sRGB and embed the sRGB profile', () => {
    const size = { width: 640, height: 480 };
    const tagged = async (profile: string) => {
      // Known sRGB colours stored in another colour space: the numbers in the file differ.
      const bytes = await sharp(quadrantPixels(640, 480), { raw: { ...size, channels: 3 } })
        .withIccProfile(profile)
        .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
        .toBuffer();
      const stored = await colourAt(
        await sharp(bytes, { ignoreIcc: true }).png().toBuffer(),
        0.25,
        0.25,
      );
      expect(near(stored, QUADRANTS.topLeft), `stored ${stored} are sRGB already`).toBe(false);
      return bytes;
    };

    it.each(['Display P3', 'Adobe RGB'])('from %s', async (name) => {
      let profile = 'p3';
      let dir: string | undefined;
      if (name === 'Adobe RGB') {
        dir = await mkdtemp(join(tmpdir(), 'photodose-icc-'));
        profile = join(dir, 'adobe-rgb.icc');
        await writeFile(profile, adobeRgbProfile());
      }
      try {
        const image = await makePrintReady(await tagged(profile), pieceFor(size, WHOLE, size));
        expectUpright(await corners(image.jpeg));
        await expectPrintReadyJpeg(image.jpeg);
      } finally {
        if (dir) await rm(dir, { recursive: true, force: true });
      }
    });

    it('from CMYK', async () => {
      const image = await makePrintReady(
        await quadrantIn('cmyk', 640, 480),
        pieceFor(size, WHOLE, size),
      );
      // CMYK can't print the sRGB green: each corner is nearest its own colour, not equal to it.
      // Ink values read as RGB would put cyan where red is.
      const seen = await corners(image.jpeg);
      for (const corner of Object.keys(QUADRANTS) as (keyof typeof QUADRANTS)[]) {
        expect(nearestQuadrant(seen[corner]), `${corner}: ${seen[corner]}`).toBe(corner);
      }
      await expectPrintReadyJpeg(image.jpeg);
    });

    it('from an iPhone’s HEIC in Display P3', async () => {
      const heic = await heifEnc(await tagged('p3'), 'jpg');
      const image = await makePrintReady(
        heic,
        pieceFor(size, { x: 0, y: 0.5, w: 0.5, h: 0.5 }, { width: 160, height: 120 }),
      );
      expect(image).toMatchObject({ widthPx: 160, heightPx: 120 });
      expect(near(await colourAt(image.jpeg, 0.5, 0.5), QUADRANTS.bottomLeft, 16)).toBe(true);
      await expectPrintReadyJpeg(image.jpeg);
    });
  });

  it('print as well as a render from the original at print size (SSIM at least 0.98)', async () => {
    const size = { width: 3000, height: 2000 };
    const photo = await makePhoto(size.width, size.height, 13);
    const region = { x: 0.2, y: 0.1, w: 0.5, h: 0.6 };
    // The region in a frame 10 x 8 cm: 1181 x 945 pixels at 300 dpi, 0.79 of the photo's own.
    const px = { width: 1181, height: 945 };
    const piece = pieceFor(size, region, px);
    const image = await makePrintReady(photo, piece);
    const reference = sharp(photo)
      .extract(piece.rect)
      .resize(piece.px.width, piece.px.height, { fit: 'fill', kernel: 'lanczos3' });
    const score = await ssimOf(image.jpeg, reference);
    expect(score).toBeGreaterThanOrEqual(0.98);
  });
});
