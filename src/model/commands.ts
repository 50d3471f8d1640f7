import {
  BOOK_FORMAT_VERSION,
  PAPER,
  type Book,
  type Frame,
  type Page,
  type PhotoAsset,
} from './book';
import type { Change } from './changes';
import { FILL } from './crop';
import { frameIndexOf, framesOfPage } from './frame-index';
import type { PhotoBook } from '../catalog/catalog';

/** Ids come from outside: the core has no randomness of its own. */
export type MakeId = (prefix: string) => string;

const blankPage = (id: string): Page => ({ id, background: PAPER });

/**
 * A new book with the product's default page count and an empty cover; each inner page holds
 * one empty photo frame that fills the page including the bleed.
 */
export function newBook(product: PhotoBook, makeId: MakeId): Book {
  const { width, height } = product.trimMm;
  const b = product.bleedMm;
  const pages: Record<string, Page> = {};
  const frames: Record<string, Frame> = {};
  const pageIds: string[] = [];
  for (let i = 0; i < product.pages.default; i++) {
    const page = blankPage(makeId('page'));
    const frameId = makeId('frame');
    pages[page.id] = page;
    pageIds.push(page.id);
    frames[frameId] = {
      id: frameId,
      kind: 'photo',
      pageId: page.id,
      xMm: -b,
      yMm: -b,
      widthMm: width + 2 * b,
      heightMm: height + 2 * b,
      rotationDeg: 0,
      z: 0,
      assetId: null,
      crop: FILL,
    };
  }
  const cover = { backId: makeId('page'), spineId: makeId('page'), frontId: makeId('page') };
  for (const id of [cover.backId, cover.spineId, cover.frontId]) pages[id] = blankPage(id);
  return {
    formatVersion: BOOK_FORMAT_VERSION,
    id: makeId('book'),
    productId: product.id,
    options: { pageCount: product.pages.default },
    title: '',
    cover,
    pageIds,
    pages,
    frames,
    assets: {},
  };
}

/** Adds photos the book does not hold yet; the same photo twice stays one asset. */
export function addAssets(book: Book, assets: readonly PhotoAsset[]): Change[] {
  const seen = new Set(Object.keys(book.assets));
  const changes: Change[] = [];
  for (const asset of assets) {
    if (seen.has(asset.id)) continue;
    seen.add(asset.id);
    changes.push({ kind: 'asset', id: asset.id, before: undefined, after: asset });
  }
  return changes;
}

/** Puts a photo into a photo frame, cropped to fill it (whatever crop the frame had). */
export function placePhoto(book: Book, frameId: string, assetId: string): Change[] {
  const frame = book.frames[frameId];
  if (!frame) throw new Error(`no frame ${frameId}`);
  if (frame.kind !== 'photo') throw new Error(`frame ${frameId} holds text, not a photo`);
  if (!book.assets[assetId]) throw new Error(`no photo ${assetId} in this book`);
  return [{ kind: 'frame', id: frameId, before: frame, after: { ...frame, assetId, crop: FILL } }];
}

/**
 * The frames of a page in drawing order, back to front: a copy the caller may change, taken from
 * the book's frame index (frame-index.ts), so asking for every page is linear in the frames.
 */
export function framesOn(book: Book, pageId: string): Frame[] {
  return [...framesOfPage(frameIndexOf(book.frames), pageId)];
}

/** Every page in print order: the cover's back, spine and front, then the inner pages. */
export function pagesInPrintOrder(book: Book): string[] {
  const { backId, spineId, frontId } = book.cover;
  return [backId, spineId, frontId, ...book.pageIds];
}

/**
 * Photos actually printed, each once: in print order of their pages, on a page its background
 * first, then its frames back to front.
 */
export function placedAssets(book: Book): PhotoAsset[] {
  const ids = new Set<string>();
  for (const pageId of pagesInPrintOrder(book)) {
    const background = book.pages[pageId]?.background;
    if (background?.kind === 'photo') ids.add(background.assetId);
    for (const frame of framesOn(book, pageId)) {
      if (frame.kind === 'photo' && frame.assetId) ids.add(frame.assetId);
    }
  }
  return [...ids].map((id) => book.assets[id]).filter((a): a is PhotoAsset => a !== undefined);
}

/**
 * How often each photo is printed in the book (frames and page backgrounds), for the tray's
 * "used" badges. Photos not used anywhere are absent.
 */
export function usageCounts(book: Book): Record<string, number> {
  const counts: Record<string, number> = {};
  const count = (assetId: string) => (counts[assetId] = (counts[assetId] ?? 0) + 1);
  for (const page of Object.values(book.pages)) {
    if (page.background?.kind === 'photo') count(page.background.assetId);
  }
  for (const frame of Object.values(book.frames)) {
    if (frame.kind === 'photo' && frame.assetId) count(frame.assetId);
  }
  return counts;
}
