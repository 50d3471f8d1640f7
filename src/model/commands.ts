import { BOOK_FORMAT_VERSION, type Book, type Crop, type Page, type PhotoAsset } from './book';
import type { Change } from './changes';
import type { PhotoBook } from '../catalog/catalog';

/** Ids come from outside: the core has no randomness of its own. */
export type MakeId = (prefix: string) => string;

/** A page with one frame that fills the page including the bleed. */
function fullBleedPage(product: PhotoBook, id: string, slotId: string): Page {
  const { width, height } = product.trimMm;
  const b = product.bleedMm;
  return {
    id,
    slots: [
      {
        id: slotId,
        xMm: -b,
        yMm: -b,
        widthMm: width + 2 * b,
        heightMm: height + 2 * b,
        assetId: null,
        crop: { x: 0, y: 0, w: 1, h: 1 },
      },
    ],
  };
}

/** A new, empty book with the product's default page count. */
export function newBook(product: PhotoBook, makeId: MakeId): Book {
  const pages: Record<string, Page> = {};
  const pageIds: string[] = [];
  for (let i = 0; i < product.pages.default; i++) {
    const page = fullBleedPage(product, makeId('page'), makeId('slot'));
    pages[page.id] = page;
    pageIds.push(page.id);
  }
  return {
    formatVersion: BOOK_FORMAT_VERSION,
    id: makeId('book'),
    productId: product.id,
    title: '',
    pageIds,
    pages,
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

/** The largest centred crop of the photo with the frame's aspect ratio ("fill"). */
export function fillCrop(photoW: number, photoH: number, frameW: number, frameH: number): Crop {
  const photoAspect = photoW / photoH;
  const frameAspect = frameW / frameH;
  if (photoAspect > frameAspect) {
    const w = frameAspect / photoAspect;
    return { x: (1 - w) / 2, y: 0, w, h: 1 };
  }
  const h = photoAspect / frameAspect;
  return { x: 0, y: (1 - h) / 2, w: 1, h };
}

/** Puts a photo into a frame of a page, cropped to fill it. */
export function placePhoto(book: Book, pageId: string, slotId: string, assetId: string): Change[] {
  const page = book.pages[pageId];
  const asset = book.assets[assetId];
  if (!page) throw new Error(`no page ${pageId}`);
  if (!asset) throw new Error(`no photo ${assetId} in this book`);
  const slots = page.slots.map((slot) =>
    slot.id === slotId
      ? {
          ...slot,
          assetId,
          crop: fillCrop(asset.widthPx, asset.heightPx, slot.widthMm, slot.heightMm),
        }
      : slot,
  );
  if (!page.slots.some((s) => s.id === slotId)) throw new Error(`no frame ${slotId} on page`);
  return [{ kind: 'page', id: pageId, before: page, after: { ...page, slots } }];
}

/** Photos actually printed: the ones placed on a page, in page order, each once. */
export function placedAssets(book: Book): PhotoAsset[] {
  const ids = new Set<string>();
  for (const pageId of book.pageIds) {
    for (const slot of book.pages[pageId]?.slots ?? []) if (slot.assetId) ids.add(slot.assetId);
  }
  return [...ids].map((id) => book.assets[id]).filter((a): a is PhotoAsset => a !== undefined);
}
