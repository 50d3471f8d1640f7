import { z } from 'zod';

/**
 * Version 1 of the book document, frozen: documents and order manifests written before version 2
 * are read with this schema and then migrated (see migrate-v1.ts). Never change it; a new format
 * gets a new version and a new migration.
 */
const Id = z.string().min(1).max(80);

/** Version 1's photo record (version 2 keeps the same fields). */
const PhotoAssetV1 = z.object({
  id: Id,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex'),
  name: z.string().min(1).max(255),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/tiff']),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
  byteSize: z.number().int().positive(),
});

/** Version 1's crop: the visible part of the photo, as fractions of its width and height. */
export const CropV1 = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().gt(0).max(1),
  h: z.number().gt(0).max(1),
});
export type CropV1 = z.infer<typeof CropV1>;

/** Version 1's picture frame, in millimetres from the trimmed page's top left. */
const SlotV1 = z.object({
  id: Id,
  xMm: z.number(),
  yMm: z.number(),
  widthMm: z.number().positive(),
  heightMm: z.number().positive(),
  assetId: Id.nullable(),
  crop: CropV1,
});

const PageV1 = z.object({ id: Id, slots: z.array(SlotV1).max(50) });

/** A version 1 book: pages in order, each with its frames in drawing order. */
export const BookV1 = z.object({
  formatVersion: z.literal(1),
  id: Id,
  productId: Id,
  title: z.string().max(200),
  pageIds: z.array(Id).min(1).max(400),
  pages: z.record(Id, PageV1),
  assets: z.record(Id, PhotoAssetV1),
});
export type BookV1 = z.infer<typeof BookV1>;
