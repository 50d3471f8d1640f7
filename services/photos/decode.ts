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
  const maxPixels = options.maxPixels ?? MAX_PIXELS;
  const thumbnailPx = options.thumbnailPx ?? THUMBNAIL_PX;
  const sniffed = sniff(bytes, options.name);
  if (sniffed.kind === 'not-an-image') throw new PhotoRefused('not-an-image', 'no image format');
  if (sniffed.kind === 'other-image') throw new PhotoRefused('unsupported', sniffed.format);
  const { format } = sniffed;
  try {
    const decoded =
      format === 'heic'
        ? await decodeHeicPhoto(bytes, maxPixels, thumbnailPx)
        : await decodeWithSharp(bytes, maxPixels, thumbnailPx);
    return { format, mime: mimeOf[format], ...decoded };
  } catch (error) {
    if (error instanceof PhotoRefused) throw error;
    if (error instanceof HeicError) throw new PhotoRefused(error.kind, error.message);
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) throw new PhotoRefused('too-many-pixels', message);
    // The first bytes said which format it is, so a decoder's complaint means broken data.
    throw new PhotoRefused('damaged', message);
  }
}

type Decoded = Omit<DecodedPhoto, 'format' | 'mime'>;

async function decodeWithSharp(bytes: Buffer, maxPixels: number, px: number): Promise<Decoded> {
  // failOn 'error': a photo cut short fails instead of printing with a grey lower half.
  const image = sharp(bytes, { failOn: 'error', limitInputPixels: maxPixels });
  const meta = await image.metadata();
  if (meta.width * meta.height > maxPixels) {
    throw new PhotoRefused('too-many-pixels', `${meta.width} x ${meta.height} pixels`);
  }
  const exif = await readExif(meta.exif);
  // EXIF orientations 5-8 turn the picture by 90 degrees: width and height swap.
  const turned = (meta.orientation ?? 1) >= 5;
  const thumbnail = await toThumbnail(image.autoOrient(), px, meta.hasAlpha);
  return {
    widthPx: turned ? meta.height : meta.width,
    heightPx: turned ? meta.width : meta.height,
    ...exifFields(exif),
    thumbnail,
  };
}

async function decodeHeicPhoto(bytes: Buffer, maxPixels: number, px: number): Promise<Decoded> {
  const heic = decodeHeic(bytes, maxPixels);
  // libheif has applied irot/imir: HEIF says those, not EXIF's orientation, turn the picture
  // (iPhones write both, and applying both would turn it twice).
  const exif = await readExif(heic.exif);
  const raw = { width: heic.width, height: heic.height, channels: 3 as const };
  let image = sharp(heic.rgb, { raw });
  if (heic.icc) {
    // Shrink first, then hand libvips the small picture with its profile to convert to sRGB.
    const small = await image
      .resize(px, px, { fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 0 })
      .toBuffer();
    image = sharp(withIccProfile(small, heic.icc));
  }
  return {
    widthPx: heic.width,
    heightPx: heic.height,
    ...exifFields(exif),
    thumbnail: await toThumbnail(image, px, false),
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
