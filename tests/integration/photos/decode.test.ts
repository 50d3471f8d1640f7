import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { decodePhoto, PhotoRefused } from '../../../services/photos/decode';
import {
  QUADRANTS,
  colourAt,
  heifEnc,
  near,
  orientedJpeg,
  quadrantIn,
  quadrantPixels,
  twoFrameGif,
  type Rgb,
} from '../../fixtures/photo-formats';

/** Real sharp and real libheif (WebAssembly) on photos made from known pixels. */

/** Where the four quadrant colours are in a decoded thumbnail, corner by corner. */
async function corners(jpeg: Buffer) {
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

async function thumbnailInfo(jpeg: Buffer) {
  const meta = await sharp(jpeg).metadata();
  return { format: meta.format, channels: meta.channels, space: meta.space, depth: meta.depth };
}

const SRGB_JPEG = { format: 'jpeg', channels: 3, space: 'srgb', depth: 'uchar' };

describe('decoding every format customers bring', () => {
  const cases = [
    ['jpeg', 'image/jpeg', 12],
    ['png', 'image/png', 12],
    ['webp', 'image/webp', 12],
    ['tiff', 'image/tiff', 12],
    ['avif', 'image/avif', 16],
    ['png16', 'image/png', 12],
    ['tiff16', 'image/tiff', 12],
  ] as const;

  it('the 16-bit test files really are 16 bit', async () => {
    for (const format of ['png16', 'tiff16'] as const) {
      expect((await sharp(await quadrantIn(format)).metadata()).depth).toBe('ushort');
    }
  });

  it.each(cases)('%s comes out as an upright 8-bit sRGB thumbnail', async (format, mime, tol) => {
    const photo = await decodePhoto(await quadrantIn(format, 640, 480));
    expect(photo).toMatchObject({ mime, widthPx: 640, heightPx: 480 });
    expect(photo.thumbnail).toMatchObject({ widthPx: 480, heightPx: 360 });
    expect(await thumbnailInfo(photo.thumbnail.jpeg)).toEqual(SRGB_JPEG);
    expectUpright(await corners(photo.thumbnail.jpeg), tol);
  });

  it('a CMYK JPEG comes out as sRGB with each colour in its corner', async () => {
    const photo = await decodePhoto(await quadrantIn('cmyk', 640, 480));
    expect(await thumbnailInfo(photo.thumbnail.jpeg)).toEqual(SRGB_JPEG);
    // CMYK can't print the sRGB green: each corner is nearest its own colour, not equal to it.
    // Ink values read as RGB would put cyan where red is.
    const seen = await corners(photo.thumbnail.jpeg);
    for (const corner of Object.keys(QUADRANTS) as (keyof typeof QUADRANTS)[]) {
      expect(nearestQuadrant(seen[corner]), `${corner}: ${seen[corner]}`).toBe(corner);
    }
  });

  it('a greyscale photo comes out as sRGB with three equal channels', async () => {
    const photo = await decodePhoto(await quadrantIn('grey', 640, 480));
    expect(photo.mime).toBe('image/jpeg');
    expect(await thumbnailInfo(photo.thumbnail.jpeg)).toEqual(SRGB_JPEG);
    const [r, g, b] = await colourAt(photo.thumbnail.jpeg, 0.25, 0.25);
    expect(Math.abs(r - g) + Math.abs(g - b)).toBeLessThanOrEqual(2);
  });

  it('an animated GIF gives its first frame', async () => {
    const photo = await decodePhoto(await twoFrameGif(64, 48));
    expect(photo).toMatchObject({ mime: 'image/gif', widthPx: 64, heightPx: 48 });
    // GIF has 256 colours: the quadrants survive, a little off.
    expectUpright(await corners(photo.thumbnail.jpeg), 20);
  });

  it('HEIC (8 and 10 bit) decodes through libheif without system libraries', async () => {
    const jpeg = await quadrantIn('jpeg', 640, 480);
    const png16 = await quadrantIn('png16', 640, 480);
    for (const heic of [await heifEnc(jpeg, 'jpg'), await heifEnc(png16, 'png', ['-b', '10'])]) {
      const photo = await decodePhoto(heic);
      expect(photo).toMatchObject({ format: 'heic', mime: 'image/heic', widthPx: 640 });
      expect(photo.heightPx).toBe(480);
      expect(await thumbnailInfo(photo.thumbnail.jpeg)).toEqual(SRGB_JPEG);
      expectUpright(await corners(photo.thumbnail.jpeg), 16);
    }
  });
});

describe('EXIF orientation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i comes out upright', async (orientation) => {
    const photo = await decodePhoto(await orientedJpeg(600, 400, orientation));
    // The size is the size as seen: 600 x 400, whichever way the camera stored it.
    expect(photo).toMatchObject({ widthPx: 600, heightPx: 400 });
    expect(photo.thumbnail).toMatchObject({ widthPx: 480, heightPx: 320 });
    expectUpright(await corners(photo.thumbnail.jpeg));
  });
});

describe('colour profiles', () => {
  // Display P3 values of known sRGB colours: a decoder that ignores the profile shows them as they are.
  const inP3 = () =>
    sharp(quadrantPixels(640, 480), { raw: { width: 640, height: 480, channels: 3 } })
      .withIccProfile('p3')
      .jpeg({ quality: 95 })
      .toBuffer();

  it('a Display P3 JPEG is converted to sRGB', async () => {
    const p3 = await inP3();
    const stored = await colourAt(
      await sharp(p3, { ignoreIcc: true }).png().toBuffer(),
      0.25,
      0.25,
    );
    expect(near(stored, QUADRANTS.topLeft), `P3 values ${stored} differ from sRGB`).toBe(false);
    const photo = await decodePhoto(p3);
    expectUpright(await corners(photo.thumbnail.jpeg));
  });

  it('a HEIC with a Display P3 profile, as iPhones make them, is converted to sRGB', async () => {
    const photo = await decodePhoto(await heifEnc(await inP3(), 'jpg'));
    expectUpright(await corners(photo.thumbnail.jpeg), 16);
  });
});

describe('capture date and camera', () => {
  const withExif = () =>
    sharp(quadrantPixels(320, 240), { raw: { width: 320, height: 240, channels: 3 } })
      .withMetadata({
        exif: {
          IFD0: { Make: 'Apple', Model: 'iPhone 15 Pro' },
          IFD2: { DateTimeOriginal: '2024:05:01 12:34:56', OffsetTimeOriginal: '+02:00' },
        },
      })
      .jpeg()
      .toBuffer();

  it('come from EXIF in a JPEG', async () => {
    const photo = await decodePhoto(await withExif());
    expect(photo).toMatchObject({
      takenAt: '2024-05-01T12:34:56+02:00',
      camera: 'Apple iPhone 15 Pro',
    });
  });

  it('come from EXIF in a HEIC', async () => {
    const photo = await decodePhoto(await heifEnc(await withExif(), 'jpg'));
    expect(photo).toMatchObject({
      takenAt: '2024-05-01T12:34:56+02:00',
      camera: 'Apple iPhone 15 Pro',
    });
  });

  it('are absent, not invented, without EXIF', async () => {
    const photo = await decodePhoto(await quadrantIn('png'));
    expect(photo.takenAt).toBeUndefined();
    expect(photo.camera).toBeUndefined();
  });
});

describe('refusals', () => {
  const refusal = (bytes: Buffer, name?: string) =>
    decodePhoto(bytes, { name }).then(
      () => 'accepted',
      (e: unknown) => (e instanceof PhotoRefused ? e.code : `threw ${String(e)}`),
    );

  it('a picture over the pixel limit is refused before decoding', async () => {
    const big = await quadrantIn('png', 2000, 2000);
    expect(
      await decodePhoto(big, { maxPixels: 3_000_000 }).catch((e: PhotoRefused) => e.code),
    ).toBe('too-many-pixels');
    const heic = await heifEnc(await quadrantIn('jpeg', 2000, 2000), 'jpg');
    expect(
      await decodePhoto(heic, { maxPixels: 3_000_000 }).catch((e: PhotoRefused) => e.code),
    ).toBe('too-many-pixels');
  });

  it('a camera RAW, which is TIFF inside, is an unsupported format', async () => {
    expect(await refusal(await quadrantIn('tiff'), 'DSC_0001.NEF')).toBe('unsupported');
  });
});
