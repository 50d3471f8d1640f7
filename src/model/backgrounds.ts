import type { Box } from '../geometry/box';
import type { PagePanel, Panel } from '../geometry/surface';
import type { Background, Book, Crop } from './book';
import type { Change } from './changes';
import { cropForRegion, FILL, visibleRegion } from './crop';
import type { PlacedPage } from './surfaces';

/**
 * Page backgrounds: a colour, or a photo filling the page's bleed box.
 *
 * A photo across a spread is stored as two page backgrounds, each the half of the photo its page
 * shows: the photo is laid at fill over both pages' bleed boxes together, and each page's crop
 * is the part of it under that page. The document's crop (pan and zoom of a region the page's
 * shape) expresses any such part exactly, so no new field and no migration is needed, and the
 * lab's renderer, which prints page by page, prints the two halves without knowing they belong
 * together. Where the pages meet, each page's bleed reaches across the binding over the same
 * part of the photo as its neighbour, so the photo runs on without a seam. The price is that the
 * halves are independent afterwards: cropping one moves only that half; applying the photo to the
 * spread again lines them up.
 */

/** Sets the background of each page named; pages that have it already are left alone. */
export function setBackgrounds(
  book: Book,
  pageIds: readonly string[],
  background: Background,
): Change[] {
  return pageIds.flatMap((id): Change[] => {
    const page = book.pages[id];
    if (!page) throw new Error(`no page ${id}`);
    if (JSON.stringify(page.background) === JSON.stringify(background)) return [];
    return [{ kind: 'page', id, before: page, after: { ...page, background } }];
  });
}

/** A photo background at fill on each page: the whole photo, once per page. */
export function photoOnEachPage(book: Book, pageIds: readonly string[], assetId: string) {
  if (!book.assets[assetId]) throw new Error(`no photo ${assetId} in this book`);
  return setBackgrounds(book, pageIds, { kind: 'photo', assetId, crop: FILL });
}

const hasBleed = (panel: Panel): panel is PagePanel => 'bleed' in panel;

/** The box a page's background fills on its surface: its bleed box, or its trim on the cover. */
export function backgroundBox(panel: Panel): Box {
  return hasBleed(panel) ? panel.bleed : panel.trim;
}

function union(boxes: readonly Box[]): Box {
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The crop of each page so that together the pages show one photo at fill across all of them
 * (see the module comment). Pages in the order given, which is left to right on the surface.
 */
export function cropsAcross(
  photo: { widthPx: number; heightPx: number },
  pages: readonly PlacedPage[],
): Crop[] {
  const boxes = pages.map((p) => backgroundBox(p.panel));
  const whole = union(boxes);
  const region = visibleRegion(FILL, photo, { widthMm: whole.width, heightMm: whole.height });
  return boxes.map((box) =>
    cropForRegion(
      {
        x: region.x + ((box.x - whole.x) / whole.width) * region.w,
        y: region.y + ((box.y - whole.y) / whole.height) * region.h,
        w: (box.width / whole.width) * region.w,
        h: (box.height / whole.height) * region.h,
      },
      photo,
      { widthMm: box.width, heightMm: box.height },
    ),
  );
}

/** One photo across the pages of a surface (a spread's two pages), each page showing its part. */
export function photoAcross(book: Book, pages: readonly PlacedPage[], assetId: string): Change[] {
  const asset = book.assets[assetId];
  if (!asset) throw new Error(`no photo ${assetId} in this book`);
  const crops = cropsAcross(asset, pages);
  return pages.flatMap((placed, i) =>
    setBackgrounds(book, [placed.pageId], { kind: 'photo', assetId, crop: crops[i] ?? FILL }),
  );
}
