import { z } from 'zod';
import { MAX_ZOOM } from './crop';

/**
 * The book document, version 2: id-keyed records, design only. It never holds image bytes
 * (photos are asset records referenced by content hash) and never holds personal data, so it may
 * be saved wherever the customer likes.
 *
 * Records and how they refer to each other:
 * - pages: one record per face the customer designs: every inner page, and the cover's back,
 *   spine and front. `pageIds` orders the inner pages (page 1 first), `cover` names the cover's
 *   pages. Which geometry surface and panel a page lies on follows from its place (see
 *   surfaces.ts), so reordering spreads is reordering `pageIds` and no frame changes.
 * - frames: photo and text frames, each on one page (`pageId`), drawn in `z` order.
 * - assets: the photos, referenced by frames and backgrounds.
 * loadBook (migrate.ts) checks every reference.
 */
export const BOOK_FORMAT_VERSION = 2;

const Id = z.string().min(1).max(80);
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');

/** A colour as the customer picked it, `#rrggbb` in lower case. */
export const Colour = z.string().regex(/^#[0-9a-f]{6}$/, 'expected a colour as #rrggbb');

/** A photo the customer imported, known by its content hash. */
export const PhotoAsset = z.object({
  id: Id,
  sha256: Sha256Hex,
  name: z.string().min(1).max(255),
  mime: z.enum([
    'image/jpeg',
    'image/png',
    'image/webp',
    'image/tiff',
    'image/avif',
    'image/gif',
    'image/heic',
    'image/heif',
  ]),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
  byteSize: z.number().int().positive(),
  /**
   * When it was taken, by the camera's clock (EXIF, `2024-05-01T12:34:56`, an offset where
   * known), so the assistant can fill the book in capture order. Optional: photos without EXIF
   * have none, and books saved before it existed load unchanged.
   */
  takenAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)?$/, 'expected a date and time')
    .optional(),
});
export type PhotoAsset = z.infer<typeof PhotoAsset>;

/**
 * How a photo sits in its frame: zoom and pan, both relative to "fill".
 *
 * - Fill is the photo scaled evenly to the smallest size that covers the whole frame, centred.
 *   One pair of its sides then meets the frame's; along the other axis it overhangs, and the
 *   overhang is that axis's slack.
 * - `zoom` is the photo's scale relative to fill: 1 is fill, 2 twice as large (half as much of
 *   the photo visible each way). Below 1 an edge of the frame would show empty, so never.
 * - `panX` and `panY` place the visible region within the slack of each axis: -1 puts it against
 *   the photo's left (top) edge, 0 centres it, +1 puts it against the right (bottom) edge, and
 *   values between move it linearly. Where an axis has no slack (the photo meets the frame at
 *   zoom 1), its pan changes nothing.
 * So every crop inside these ranges fills the frame with photo: "never an empty edge" is the
 * schema's own range, and `clampCrop` (crop.ts) brings any value, such as an overshooting drag,
 * back into it. The crop is in the frame's own axes: a rotated frame turns its photo with it.
 */
export const Crop = z.object({
  panX: z.number().min(-1).max(1),
  panY: z.number().min(-1).max(1),
  zoom: z.number().min(1).max(MAX_ZOOM),
});
export type Crop = z.infer<typeof Crop>;

/**
 * What every frame has: its page, its box in millimetres from the top left of the page's trim
 * (it may reach into the bleed, or on a spread across the binding), its rotation and z.
 */
const FrameFields = {
  id: Id,
  pageId: Id,
  xMm: z.number(),
  yMm: z.number(),
  widthMm: z.number().positive(),
  heightMm: z.number().positive(),
  /** Clockwise about the frame's centre, in degrees from 0 up to (not including) 360. */
  rotationDeg: z.number().min(0).lt(360),
  /** Drawing order on the page: higher in front. Unique on its page, so nothing ties. */
  z: z.number().int(),
};

/** A frame that shows a photo (or waits for one: `assetId` null) at a crop. */
export const PhotoFrame = z.object({
  ...FrameFields,
  kind: z.literal('photo'),
  assetId: Id.nullable(),
  crop: Crop,
});
export type PhotoFrame = z.infer<typeof PhotoFrame>;

/** A frame of text in one font, size, colour and alignment. */
export const TextFrame = z.object({
  ...FrameFields,
  kind: z.literal('text'),
  text: z.string().max(5000),
  /** A bundled font; whether it has bold or italic is the font catalog's to say. */
  fontId: Id,
  sizePt: z.number().positive().max(500),
  colour: Colour,
  align: z.enum(['left', 'center', 'right', 'justify']),
  bold: z.boolean(),
  italic: z.boolean(),
});
export type TextFrame = z.infer<typeof TextFrame>;

export const Frame = z.discriminatedUnion('kind', [PhotoFrame, TextFrame]);
export type Frame = z.infer<typeof Frame>;

/**
 * What lies behind a page's frames: a colour, or a photo filling the page's bleed box (the trim
 * plus the bleed on every side) at a crop.
 */
export const Background = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('colour'), colour: Colour }),
  z.object({ kind: z.literal('photo'), assetId: Id, crop: Crop }),
]);
export type Background = z.infer<typeof Background>;

/** One face the customer designs: an inner page or a panel of the cover. Its frames point at it. */
export const Page = z.object({ id: Id, background: Background });
export type Page = z.infer<typeof Page>;

/** The pages of the cover's three panels, as they lie on the cover spread. */
export const CoverPages = z.object({ backId: Id, spineId: Id, frontId: Id });
export type CoverPages = z.infer<typeof CoverPages>;

/** What the customer chose of the product; the catalog's kind checks it against its rules. */
export const BookOptions = z.object({ pageCount: z.number().int().positive() });
export type BookOptions = z.infer<typeof BookOptions>;

export const Book = z.object({
  formatVersion: z.literal(BOOK_FORMAT_VERSION),
  id: Id,
  productId: Id,
  options: BookOptions,
  title: z.string().max(200),
  cover: CoverPages,
  /** The inner pages, page 1 first: `options.pageCount` of them. */
  pageIds: z.array(Id).min(1).max(400),
  pages: z.record(Id, Page),
  frames: z.record(Id, Frame),
  assets: z.record(Id, PhotoAsset),
});
export type Book = z.infer<typeof Book>;

export type PageId = string;
export type FrameId = string;
export type AssetId = string;

/** Paper white: the background of a page nobody has coloured. */
export const PAPER: Background = { kind: 'colour', colour: '#ffffff' };

/** The asset id of a photo: derived from its bytes, so the same photo is one asset. */
export function assetIdFor(sha256: string): AssetId {
  return `photo-${sha256.slice(0, 32)}`;
}
