import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Fractions } from '../../../src/model/crop';
import { HIGH_QUALITY_JPEG, PRINT_DPI, regionPx } from '../../../src/order/print-pixels';
import { srgbProfile } from './srgb';

/** A photo's bytes or the path of its file, as the order folder holds it. */
export type PhotoInput = Buffer | string;

/**
 * The file holding a part of a photo, with that part as fractions of the file's own picture:
 * an order's print-ready image covering it, or the original.
 */
export interface PhotoPick {
  input: PhotoInput;
  region: Fractions;
}

/**
 * Where the renderer gets the photo for a part (fractions of the upright original): the
 * print-ready image that covers it, or the original (a bare input: the region stays as it is).
 */
export type PhotoSource = (assetId: string, region: Fractions) => Promise<PhotoInput | PhotoPick>;

/** The file and region to cut a part of a photo from. */
export async function pickPhoto(
  photos: PhotoSource,
  assetId: string,
  region: Fractions,
): Promise<PhotoPick> {
  const got = await photos(assetId, region);
  return typeof got === 'string' || Buffer.isBuffer(got) ? { input: got, region } : got;
}

export { PRINT_DPI, regionPx };

/** One fixed JPEG encoding for every cut (src/order/print-pixels: shared with print-ready images). */
export const JPEG_OPTIONS = HIGH_QUALITY_JPEG;

/** A cut of a photo, as JPEG, with its pixel size. */
export interface PhotoCut {
  jpeg: Buffer;
  widthPx: number;
  heightPx: number;
}

/** A photo's pixel size as it is seen: after its EXIF orientation is applied. */
export async function uprightSize(input: PhotoInput): Promise<{ width: number; height: number }> {
  const meta = await sharp(input).metadata();
  const upright = meta.autoOrient ?? meta;
  if (!upright.width || !upright.height) throw new Error('photo has no pixel size');
  return { width: upright.width, height: upright.height };
}

/**
 * The part of a photo a frame shows, cut out and brought to the frame's printed size: scaled
 * down to at most `dpi` there, never up (a photo with fewer pixels keeps them all; enlarging adds
 * no detail and only makes the file bigger), encoded once as JPEG so the PDF embeds it as it is.
 */
export async function cutPhoto(
  input: PhotoInput,
  region: Fractions,
  printedMm: { width: number; height: number },
  dpi = PRINT_DPI,
): Promise<PhotoCut> {
  const size = await uprightSize(input);
  const rect = regionPx(region, size);
  const wantW = Math.max(1, Math.round((printedMm.width / 25.4) * dpi));
  const wantH = Math.max(1, Math.round((printedMm.height / 25.4) * dpi));
  const scale = Math.min(1, wantW / rect.width, wantH / rect.height);
  let image = sharp(input, { autoOrient: true });
  if (scale < 1) {
    // Scale the whole photo first, then cut: libvips then decodes a JPEG at 1/2, 1/4 or 1/8 of
    // its size where that is enough, several times faster than decoding every pixel to cut.
    const scaled = {
      width: Math.max(1, Math.round(size.width * scale)),
      height: Math.max(1, Math.round(size.height * scale)),
    };
    image = image
      .resize(scaled.width, scaled.height, { fit: 'fill', kernel: 'lanczos3' })
      .extract(regionPx(region, scaled));
  } else {
    image = image.extract(rect);
  }
  const { data, info } = await image
    .toColourspace('srgb')
    .jpeg(JPEG_OPTIONS)
    .toBuffer({ resolveWithObject: true });
  return { jpeg: data, widthPx: info.width, heightPx: info.height };
}

/**
 * JPEG for a minilab or a canvas printer: 8-bit sRGB with the profile embedded (sharp drops
 * profiles unless told), the highest quality, and the print's dpi in the header; none of the
 * customer's EXIF (camera, place). Fixed options, so the same order gives the same bytes.
 */
const PRINT_JPEG = { quality: 100, chromaSubsampling: '4:4:4', mozjpeg: false } as const;

/**
 * A region of a photo (fractions of the upright photo) at exactly `px`: the printer's paper is
 * that many pixels, so here the photo is scaled up as well as down.
 */
export async function regionAtPixels(
  input: PhotoInput,
  region: Fractions,
  px: { width: number; height: number },
  dpi: number,
): Promise<Buffer> {
  const rect = regionPx(region, await uprightSize(input));
  return sharp(input, { autoOrient: true })
    .extract(rect)
    .resize(px.width, px.height, { fit: 'fill', kernel: 'lanczos3' })
    .toColourspace('srgb')
    .withIccProfile('srgb')
    .withDensity(dpi)
    .jpeg(PRINT_JPEG)
    .toBuffer();
}

/** The whole photo inside `px`, centred, the rest paper white (a print ordered "fit"). */
export async function wholeAtPixels(
  input: PhotoInput,
  px: { width: number; height: number },
  dpi: number,
): Promise<Buffer> {
  return sharp(input, { autoOrient: true })
    .resize(px.width, px.height, {
      fit: 'contain',
      background: { r: 255, g: 255, b: 255 },
      kernel: 'lanczos3',
    })
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .toColourspace('srgb')
    .withIccProfile('srgb')
    .withDensity(dpi)
    .jpeg(PRINT_JPEG)
    .toBuffer();
}

/**
 * When a photo is already fit to print, it is embedded as it is, whole, and the frame's clip
 * shows its crop: no decoding, no second JPEG generation, the fastest and the truest print
 * (PDF's DCTDecode takes the file's bytes). That holds for a print-ready JPEG: baseline, three
 * channels, upright, with no colour profile or the sRGB one the order's print-ready images carry
 * (so sRGB, as tagged: the PDF ignores a JPEG's own profile), hardly more pixels than 300 dpi
 * needs, and most of it seen (else the file would carry pixels nobody sees).
 */
const PASS_MAX_DPI = PRINT_DPI * 1.2;
const PASS_MIN_SHARE = 0.6;

/** The photo's own JPEG bytes where they can go into the PDF unchanged (see above), else none. */
export async function printReadyJpeg(
  input: PhotoInput,
  region: Fractions,
  printedMm: { width: number; height: number },
): Promise<Buffer | undefined> {
  if (region.w * region.h < PASS_MIN_SHARE) return undefined;
  const meta = await sharp(input).metadata();
  const plain =
    meta.format === 'jpeg' &&
    meta.channels === 3 &&
    meta.space === 'srgb' &&
    !meta.isProgressive &&
    (!meta.icc || meta.icc.equals(await srgbProfile())) &&
    (meta.orientation ?? 1) === 1;
  if (!plain || !meta.width || !meta.height) return undefined;
  const dpi = (region.w * meta.width) / (printedMm.width / 25.4);
  if (dpi > PASS_MAX_DPI) return undefined;
  return typeof input === 'string' ? readFile(input) : input;
}
