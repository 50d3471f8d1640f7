import sharp, { type Sharp } from 'sharp';
import type { ImportFailure } from '../../src/contract/host';
import type { PhotoAsset } from '../../src/model/book';
import { readExif } from './exif';
import { HeicError, decodeHeic } from './heic';
import { withIccProfile } from './png-profile';
import { sniff, type PhotoFormat } from './sniff';

/** The long side of a thumbnail in pixels. */
export const THUMBNAIL_PX = 480;
/** Larger than any camera's image (a 200 MP phone), small enough to refuse decompression bombs. */
export const MAX_PIXELS = 250_000_000;

const mimeOf: Record<PhotoFormat, PhotoAsset['mime']> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tiff: 'image/tiff',
  gif: 'image/gif',
  avif: 'image/avif',
  heic: 'image/heic',
};

/** A photo read from its bytes: what the tray and the book need, nothing written anywhere. */
export interface DecodedPhoto {
  format: PhotoFormat;
  mime: PhotoAsset['mime'];
  /** Pixel size as the photo is seen: after its EXIF orientation (or HEIF's irot/imir). */
  widthPx: number;
  heightPx: number;
  takenAt?: string;
  camera?: string;
  /** A small sRGB JPEG, upright, held in memory only. */
  thumbnail: { jpeg: Buffer; widthPx: number; heightPx: number };
}

/** Reasons a file's bytes can't be a photo (reading the file has its own). */
export type RefusalCode = Extract<
  ImportFailure['code'],
  'damaged' | 'not-an-image' | 'unsupported' | 'too-many-pixels'
>;

/** A file refused with a reason the customer can act on, and a detail for the log. */
export class PhotoRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

export interface DecodeOptions {
  /** The file's name: only a hint for camera RAW files, which look like TIFF inside. */
  name?: string;
  maxPixels?: number;
  thumbnailPx?: number;
}

/**
 * Reads a photo in any format customers bring: JPEG, PNG, WebP, TIFF (8 and
 * 16 bit), AVIF and GIF (first frame) through sharp, HEIC through libheif.
 * CMYK, greyscale and 16-bit come out as 8-bit sRGB with the embedded profile
 * applied; every EXIF orientation comes out upright.
 */
export async function decodePhoto(
  bytes: Buffer,
  options: DecodeOptions = {},
): Promise<DecodedPhoto> {
  const thumbnailPx = options.thumbnailPx ?? THUMBNAIL_PX;
  const format = photoFormat(bytes, options.name);
  return asRefusal(async () => {
    const maxPixels = options.maxPixels ?? MAX_PIXELS;
    const photo = await openFormat(format, bytes, maxPixels, thumbnailPx);
    const exif = await readExif(photo.exif);
    return {
      format,
      mime: mimeOf[format],
      widthPx: photo.widthPx,
      heightPx: photo.heightPx,
      ...exifFields(exif),
      thumbnail: await toThumbnail(photo.image, thumbnailPx, photo.hasAlpha),
    };
  });
}

/** A photo opened for pixel work (see openUpright). */
export interface UprightPhoto {
  /**
   * The picture the right way up. Its colour profile travels with it: converting to sRGB
   * (`toColourspace('srgb')`) applies the photo's own profile (Display P3, Adobe RGB, CMYK...).
   */
  image: Sharp;
  /** Pixel size of `image` before any `fitInside` shrink: the photo as the customer sees it. */
  widthPx: number;
  heightPx: number;
  hasAlpha: boolean;
  /** The EXIF block, if any. */
  exif?: Buffer;
}

export interface OpenOptions {
  name?: string;
  maxPixels?: number;
  /**
   * Only a picture this many pixels on its long side is needed: a HEIC is then shrunk before its
   * profile is applied (converting 12 MP to sRGB for a thumbnail would be wasted work).
   */
  fitInside?: number;
}

/**
 * Opens any supported photo's bytes as an upright sharp pipeline with its colour profile
 * honoured: the one way in for the import's thumbnails and the order's print-ready images, so
 * both see the same pixels. Bad bytes throw PhotoRefused; decoding happens when the pipeline
 * runs, so its errors come from there.
 */
export async function openUpright(bytes: Buffer, options: OpenOptions = {}): Promise<UprightPhoto> {
  const format = photoFormat(bytes, options.name);
  return asRefusal(() =>
    openFormat(format, bytes, options.maxPixels ?? MAX_PIXELS, options.fitInside),
  );
}

function photoFormat(bytes: Buffer, name: string | undefined): PhotoFormat {
  const sniffed = sniff(bytes, name);
  if (sniffed.kind === 'not-an-image') throw new PhotoRefused('not-an-image', 'no image format');
  if (sniffed.kind === 'other-image') throw new PhotoRefused('unsupported', sniffed.format);
  return sniffed.format;
}

async function asRefusal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PhotoRefused) throw error;
    if (error instanceof HeicError) throw new PhotoRefused(error.kind, error.message);
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) throw new PhotoRefused('too-many-pixels', message);
    // The first bytes said which format it is, so a decoder's complaint means broken data.
    throw new PhotoRefused('damaged', message);
  }
}

function openFormat(
  format: PhotoFormat,
  bytes: Buffer,
  maxPixels: number,
  fitInside: number | undefined,
): Promise<UprightPhoto> {
  return format === 'heic'
    ? openHeic(bytes, maxPixels, fitInside)
    : openWithSharp(bytes, maxPixels);
}

async function openWithSharp(bytes: Buffer, maxPixels: number): Promise<UprightPhoto> {
  // failOn 'error': a photo cut short fails instead of printing with a grey lower half.
  const image = sharp(bytes, { failOn: 'error', limitInputPixels: maxPixels });
  const meta = await image.metadata();
  if (meta.width * meta.height > maxPixels) {
    throw new PhotoRefused('too-many-pixels', `${meta.width} x ${meta.height} pixels`);
  }
  // EXIF orientations 5-8 turn the picture by 90 degrees: width and height swap.
  const turned = (meta.orientation ?? 1) >= 5;
  return {
    image: image.autoOrient(),
    widthPx: turned ? meta.height : meta.width,
    heightPx: turned ? meta.width : meta.height,
    hasAlpha: meta.hasAlpha,
    ...(meta.exif && { exif: meta.exif }),
  };
}

async function openHeic(
  bytes: Buffer,
  maxPixels: number,
  fitInside: number | undefined,
): Promise<UprightPhoto> {
  // libheif has applied irot/imir: HEIF says those, not EXIF's orientation, turn the picture
  // (iPhones write both, and applying both would turn it twice).
  const heic = await decodeHeic(bytes, maxPixels);
  const raw = { width: heic.width, height: heic.height, channels: 3 as const };
  let image = sharp(heic.rgb, { raw });
  if (heic.icc) {
    // libvips takes a profile with encoded pixels only: hand it a PNG carrying the profile
    // (shrunk first where only a small picture is needed).
    const png = await (
      fitInside
        ? image.resize(fitInside, fitInside, { fit: 'inside', withoutEnlargement: true })
        : image
    )
      .png({ compressionLevel: 0 })
      .toBuffer();
    image = sharp(withIccProfile(png, heic.icc), { limitInputPixels: maxPixels });
  }
  return {
    image,
    widthPx: heic.width,
    heightPx: heic.height,
    hasAlpha: false,
    ...(heic.exif && { exif: heic.exif }),
  };
}

async function toThumbnail(image: Sharp, px: number, hasAlpha: boolean) {
  // Transparent pixels print white on paper, not JPEG's black.
  const flat = hasAlpha ? image.flatten({ background: '#ffffff' }) : image;
  const { data, info } = await flat
    .resize(px, px, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .jpeg({ quality: 78 })
    .toBuffer({ resolveWithObject: true });
  return { jpeg: data, widthPx: info.width, heightPx: info.height };
}

function exifFields(exif: { takenAt?: string; camera?: string }) {
  return {
    ...(exif.takenAt && { takenAt: exif.takenAt }),
    ...(exif.camera && { camera: exif.camera }),
  };
}
