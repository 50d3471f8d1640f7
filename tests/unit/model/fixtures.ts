import catalogData from '../../../assets/catalog.json';
import { findProduct, parseCatalog } from '../../../src/catalog/catalog';
import { assetIdFor, type Book, type PhotoAsset, type PhotoFrame } from '../../../src/model/book';
import { applyChanges, type Change } from '../../../src/model/changes';
import { framesOn, type MakeId } from '../../../src/model/commands';

/** The real catalog shipped with the app. */
export const catalog = parseCatalog(catalogData);
export const a4 = findProduct(catalog, 'book-a4-hardcover', 'photoBook');

/** Deterministic ids, standing in for the app's id source. */
export function counterIds(): MakeId {
  let n = 0;
  return (prefix) => `${prefix}-${++n}`;
}

/** A photo record as import would produce it; `seed` (0-255) makes the hash distinct. */
export function photo(seed: number, widthPx: number, heightPx: number): PhotoAsset {
  const sha256 = seed.toString(16).padStart(2, '0').repeat(32);
  return {
    id: assetIdFor(sha256),
    sha256,
    name: `IMG_${seed}.jpg`,
    mime: 'image/jpeg',
    widthPx,
    heightPx,
    byteSize: 4_000_000 + seed,
  };
}

export const forward = (book: Book, changes: readonly Change[]): Book =>
  applyChanges(book, changes, 'forward');

/** Id of the n-th page (0-based); fails the test instead of returning undefined. */
export function pageAt(book: Book, n: number): string {
  const id = book.pageIds[n];
  if (id === undefined) throw new Error(`book has no page ${n}`);
  return id;
}

/** The frontmost photo frame on a page (a new book has one per inner page). */
export function photoFrameOn(book: Book, pageId: string): PhotoFrame {
  const frame = framesOn(book, pageId).findLast((f) => f.kind === 'photo');
  if (frame?.kind !== 'photo') throw new Error(`page ${pageId} has no photo frame`);
  return frame;
}

/** Id of the frontmost photo frame on a page. */
export function frameOf(book: Book, pageId: string): string {
  return photoFrameOn(book, pageId).id;
}

/** A customer as checkout would collect them: only ever in memory. */
export const anna = {
  name: 'Anna Schmidt',
  street: 'Am Wall 12',
  postalCode: '28195',
  city: 'Bremen',
  country: 'DE',
  email: 'anna@example.de',
};
