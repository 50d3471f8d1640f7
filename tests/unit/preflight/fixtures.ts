import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PhotoBook } from '../../../src/catalog/catalog';
import type { Book, Frame, PhotoAsset, TextFrame } from '../../../src/model/book';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { DEFAULT_TEXT_STYLE } from '../../../src/model/text-edits';
import { fontFileFor, fontOrDefault, MM_PER_PT } from '../../../src/text/fonts';
import type { MeasureText } from '../../../src/text/layout';
import type { CheckContext } from '../../../src/preflight/check';
import { kernedWidth } from '../../../server/lab/render/kerning';
import { a4, counterIds, forward, pageAt, photoFrameOn } from '../model/fixtures';

export { a4, catalog, photo, pageAt } from '../model/fixtures';

/** A book of `pages` pages (the product's default otherwise). */
export function bookOf(product: PhotoBook = a4, pages = product.pages.default): Book {
  return newBook({ ...product, pages: { ...product.pages, default: pages } }, counterIds());
}

/** The book with the photo in the photo frame of inner page `n` (0-based). */
export function withPhotoOn(book: Book, n: number, asset: PhotoAsset): Book {
  const added = forward(book, addAssets(book, [asset]));
  const frame = photoFrameOn(added, pageAt(added, n));
  return forward(added, placePhoto(added, frame.id, asset.id));
}

/** The book with this frame record put in (added or replaced). */
export function withFrame(book: Book, frame: Frame): Book {
  return { ...book, frames: { ...book.frames, [frame.id]: frame } };
}

/** A text frame at a box of a page in the default style. */
export function textFrame(
  pageId: string,
  box: { x: number; y: number; w: number; h: number },
  text: string,
  extra: Partial<TextFrame> = {},
): TextFrame {
  return {
    id: `text-${pageId}-${box.x}-${box.y}`,
    kind: 'text',
    pageId,
    xMm: box.x,
    yMm: box.y,
    widthMm: box.w,
    heightMm: box.h,
    rotationDeg: 0,
    z: 10,
    text,
    ...DEFAULT_TEXT_STYLE,
    ...extra,
  };
}

const fontsDir = join(import.meta.dirname, '../../../assets/fonts');
const fonts = new Map<string, ReturnType<typeof fontkit.create>>();

/** Widths from the bundled TrueType files, kerned, as the lab's renderer measures them. */
export const fontMeasure: MeasureText = (text, style) => {
  const file = fontFileFor(fontOrDefault(style.fontId), style.bold, style.italic);
  let font = fonts.get(file.path);
  if (!font) {
    font = fontkit.create(readFileSync(join(fontsDir, file.path)));
    fonts.set(file.path, font);
  }
  return kernedWidth(font, text, style.sizePt * MM_PER_PT);
};

export const nothingMissing: CheckContext = { missingAssetIds: new Set(), measure: fontMeasure };
