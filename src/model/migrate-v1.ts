import type { Book, Frame, Page } from './book';
import { PAPER } from './book';
import { cropForRegion, FILL } from './crop';
import type { BookV1 } from './v1';

/**
 * Version 1 to 2. Version 1 had inner pages only, each with slots (picture frames) drawn in list
 * order and a crop given as fractions of the photo. In version 2:
 * - the listed pages keep their ids and order, on paper white (a page stored but not listed was
 *   never shown and is left out), and the cover's back, spine and front become three new, empty
 *   pages;
 * - each slot becomes a photo frame with the slot's id, box and photo, no rotation, `z` its place
 *   in the slot list, and the pan and zoom that show the same region of the photo (a version 1
 *   fill becomes exactly fill);
 * - the page count is the number of pages.
 * Ids stay unique: a new id that is taken already (a hand-made file) gets a number appended.
 */
export function migrateV1(v1: BookV1): Book {
  const taken = new Set([
    v1.id,
    ...v1.pageIds,
    ...Object.keys(v1.pages),
    ...Object.keys(v1.assets),
  ]);
  const fresh = (base: string) => {
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
  const pages: Record<string, Page> = {};
  const frames: Record<string, Frame> = {};
  for (const pageId of v1.pageIds) {
    const page = v1.pages[pageId];
    // A page listed but missing, or calling itself otherwise, is left for the checks to name.
    if (!page) continue;
    pages[pageId] = { id: page.id, background: PAPER };
    for (const [z, slot] of page.slots.entries()) {
      // Version 1 made slot ids unique only by its id source; frame ids must be unique for sure.
      const id = fresh(slot.id);
      const asset = slot.assetId === null ? undefined : v1.assets[slot.assetId];
      const box = { widthMm: slot.widthMm, heightMm: slot.heightMm };
      frames[id] = {
        id,
        kind: 'photo',
        pageId,
        xMm: slot.xMm,
        yMm: slot.yMm,
        ...box,
        rotationDeg: 0,
        z,
        assetId: slot.assetId,
        // Without its photo (a dangling id, named later) the region means nothing: fill.
        crop: asset ? cropForRegion(slot.crop, asset, box) : FILL,
      };
    }
  }
  const cover = {
    backId: fresh('cover-back'),
    spineId: fresh('cover-spine'),
    frontId: fresh('cover-front'),
  };
  for (const id of [cover.backId, cover.spineId, cover.frontId]) {
    pages[id] = { id, background: PAPER };
  }
  return {
    formatVersion: 2,
    id: v1.id,
    productId: v1.productId,
    options: { pageCount: v1.pageIds.length },
    title: v1.title,
    cover,
    pageIds: v1.pageIds,
    pages,
    frames,
    assets: v1.assets,
  };
}
