import { z } from 'zod';

/**
 * The book document: id-keyed records, design only. It never holds image
 * bytes (photos are asset records referenced by content hash) and never
 * holds personal data, so it may be saved wherever the customer likes.
 */
export const BOOK_FORMAT_VERSION = 1;

const Id = z.string().min(1).max(80);
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');

/** A photo the customer imported, known by its content hash. */
export const PhotoAsset = z.object({
  id: Id,
  sha256: Sha256Hex,
  name: z.string().min(1).max(255),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/tiff']),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
  byteSize: z.number().int().positive(),
});
export type PhotoAsset = z.infer<typeof PhotoAsset>;

/** The visible part of the photo, as fractions of its width and height. */
export const Crop = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().gt(0).max(1),
  h: z.number().gt(0).max(1),
});
export type Crop = z.infer<typeof Crop>;

/** A picture frame on a page, in millimetres from the trimmed page's top left. */
export const Slot = z.object({
  id: Id,
  xMm: z.number(),
  yMm: z.number(),
  widthMm: z.number().positive(),
  heightMm: z.number().positive(),
  assetId: Id.nullable(),
  crop: Crop,
});
export type Slot = z.infer<typeof Slot>;

export const Page = z.object({ id: Id, slots: z.array(Slot).max(50) });
export type Page = z.infer<typeof Page>;

export const Book = z.object({
  formatVersion: z.literal(BOOK_FORMAT_VERSION),
  id: Id,
  productId: Id,
  title: z.string().max(200),
  pageIds: z.array(Id).min(1).max(400),
  pages: z.record(Id, Page),
  assets: z.record(Id, PhotoAsset),
});
export type Book = z.infer<typeof Book>;

export type PageId = string;
export type AssetId = string;

/** The asset id of a photo: derived from its bytes, so the same photo is one asset. */
export function assetIdFor(sha256: string): AssetId {
  return `photo-${sha256.slice(0, 32)}`;
}
