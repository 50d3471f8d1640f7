import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

const run = promisify(execFile);

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

/** Runs a poppler tool and returns what it printed. */
export async function poppler(tool: string, args: string[]): Promise<string> {
  const { stdout } = await run(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** A PDF box as pdfinfo -box prints it, in millimetres: left, bottom, right, top. */
export interface PdfBoxMm {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Every page's boxes from `pdfinfo -box`, in millimetres. */
export async function pageBoxes(pdf: string): Promise<Record<string, PdfBoxMm>[]> {
  const pages = Number(/Pages:\s+(\d+)/.exec(await poppler('pdfinfo', [pdf]))?.[1]);
  const text = await poppler('pdfinfo', ['-box', '-f', '1', '-l', String(pages), pdf]);
  const result: Record<string, PdfBoxMm>[] = [];
  const pattern =
    /Page\s+(\d+)\s+(MediaBox|CropBox|BleedBox|TrimBox|ArtBox):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/g;
  for (const m of text.matchAll(pattern)) {
    const index = Number(m[1]) - 1;
    const mm = (pt: string) => (Number(pt) * 25.4) / 72;
    result[index] ??= {};
    result[index]![m[2]!] = { x1: mm(m[3]!), y1: mm(m[4]!), x2: mm(m[5]!), y2: mm(m[6]!) };
  }
  return result;
}

/** A page of the PDF as raw RGB pixels at `dpi`, with a pixel reader in millimetres. */
export async function pagePicture(pdf: string, page: number, dpi: number) {
  const base = `${pdf}-p${page}-${dpi}`;
  await poppler('pdftoppm', [
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    '-png',
    pdf,
    base,
  ]);
  const png = await readFile(`${base}.png`);
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (xMm: number, yMm: number) => {
    const x = Math.min(info.width - 1, Math.floor((xMm / 25.4) * dpi));
    const y = Math.min(info.height - 1, Math.floor((yMm / 25.4) * dpi));
    const i = (y * info.width + x) * 3;
    return { r: data[i]!, g: data[i + 1]!, b: data[i + 2]! };
  };
  return { width: info.width, height: info.height, at, png: `${base}.png` };
}

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
