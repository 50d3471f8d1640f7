import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import catalogData from '../../../../assets/catalog.json';
import { findProduct, parseCatalog } from '../../../../src/catalog/catalog';
import {
  assetIdFor,
  type Book,
  type Frame,
  type PhotoAsset,
  type PhotoFrame,
  type TextFrame,
} from '../../../../src/model/book';
import { FILL } from '../../../../src/model/crop';
import { newBook } from '../../../../src/model/commands';
import type { PhotoSource } from '../../../../server/lab/render/photo-cut';

/** The real catalog shipped with the app. */
export const catalog = parseCatalog(catalogData);
export const soft21 = findProduct(catalog, 'book-21x21-softcover', 'photoBook');
export const a4 = findProduct(catalog, 'book-a4-hardcover', 'photoBook');

/** The order's date: fixed, as a re-render of an order uses the order's own date. */
export const ORDER_DATE = new Date('2026-11-20T10:00:00Z');

/** A new book with counter ids (the app's id source is random; tests want stable ids). */
export function emptyBook(product = soft21): Book {
  let n = 0;
  const book = newBook(product, (prefix) => `${prefix}-${++n}`);
  // newBook puts an empty full-bleed frame on every page; these tests place their own.
  return { ...book, frames: {} };
}

/** A photo of one colour in a size; `seed` only makes the asset id unique. */
export async function solidPhoto(
  widthPx: number,
  heightPx: number,
  colour: { r: number; g: number; b: number },
): Promise<Buffer> {
  return sharp({ create: { width: widthPx, height: heightPx, channels: 3, background: colour } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** A photo whose left half is one colour and right half another: shows which way it is turned. */
export async function twoColourPhoto(
  widthPx: number,
  heightPx: number,
  left: { r: number; g: number; b: number },
  right: { r: number; g: number; b: number },
): Promise<Buffer> {
  const half = Math.floor(widthPx / 2);
  const rightHalf = await sharp({
    create: { width: widthPx - half, height: heightPx, channels: 3, background: right },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width: widthPx, height: heightPx, channels: 3, background: left } })
    .composite([{ input: rightHalf, left: half, top: 0 }])
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** Photos by asset id, as the order folder hands them to the renderer. */
export class PhotoShelf {
  readonly bytes = new Map<string, Buffer>();
  readonly assets: Record<string, PhotoAsset> = {};
  private seed = 0;

  add(jpeg: Buffer, widthPx: number, heightPx: number): PhotoAsset {
    const sha256 = (++this.seed).toString(16).padStart(2, '0').repeat(32);
    const asset: PhotoAsset = {
      id: assetIdFor(sha256),
      sha256,
      name: `IMG_${this.seed}.jpg`,
      mime: 'image/jpeg',
      widthPx,
      heightPx,
      byteSize: jpeg.length,
    };
    this.bytes.set(asset.id, jpeg);
    this.assets[asset.id] = asset;
    return asset;
  }

  source: PhotoSource = async (assetId) => {
    const bytes = this.bytes.get(assetId);
    if (!bytes) throw new Error(`no photo ${assetId}`);
    return bytes;
  };
}

let frameCount = 0;

/** A photo frame on a page, in mm from the page's trim. */
export function photoFrame(
  pageId: string,
  box: { x: number; y: number; w: number; h: number },
  assetId: string | null,
  extra: Partial<PhotoFrame> = {},
): PhotoFrame {
  return {
    id: `photo-frame-${++frameCount}`,
    kind: 'photo',
    pageId,
    xMm: box.x,
    yMm: box.y,
    widthMm: box.w,
    heightMm: box.h,
    rotationDeg: 0,
    z: frameCount,
    assetId,
    crop: FILL,
    ...extra,
  };
}

/** A text frame on a page, in mm from the page's trim. */
export function textFrame(
  pageId: string,
  box: { x: number; y: number; w: number; h: number },
  text: string,
  extra: Partial<TextFrame> = {},
): TextFrame {
  return {
    id: `text-frame-${++frameCount}`,
    kind: 'text',
    pageId,
    xMm: box.x,
    yMm: box.y,
    widthMm: box.w,
    heightMm: box.h,
    rotationDeg: 0,
    z: frameCount,
    text,
    fontId: 'open-sans',
    sizePt: 24,
    colour: '#000000',
    align: 'left',
    bold: false,
    italic: false,
    ...extra,
  };
}

/** The book with these frames and photos added. */
export function withFrames(book: Book, frames: Frame[], shelf: PhotoShelf): Book {
  return {
    ...book,
    frames: { ...book.frames, ...Object.fromEntries(frames.map((f) => [f.id, f])) },
    assets: { ...book.assets, ...shelf.assets },
  };
}

/** A scratch folder for PDFs and page pictures. */
export function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'photodose-render-'));
}

/** Writes the PDF and returns its path. */
export async function savePdf(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

export { pageBoxes, pagePicture, poppler, type PdfBoxMm } from '../../../fixtures/poppler';

/** Whether a sampled pixel is near a colour (JPEG and anti-aliasing move values a little). */
export function near(
  pixel: { r: number; g: number; b: number },
  colour: { r: number; g: number; b: number },
  tolerance = 12,
): boolean {
  return (
    Math.abs(pixel.r - colour.r) <= tolerance &&
    Math.abs(pixel.g - colour.g) <= tolerance &&
    Math.abs(pixel.b - colour.b) <= tolerance
  );
}

export const RED = { r: 220, g: 30, b: 30 };
export const GREEN = { r: 30, g: 180, b: 60 };
export const BLUE = { r: 30, g: 60, b: 200 };
export const WHITE = { r: 255, g: 255, b: 255 };
