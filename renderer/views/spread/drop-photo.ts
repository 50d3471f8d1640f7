import { useAppStore } from '../../stores/app-store';
import { catalog } from '../../catalog';
import { findProduct } from '../../../src/catalog/catalog';
import { surfacesOfBook } from '../../../src/model/surfaces';
import { dropPhotoFrame, swapPhotos } from '../../../src/model/photo-edits';

/** What is being dragged: a photo of the tray, or the photo of a frame (to swap it). */
export type PhotoPayload = { assetId: string; fromFrameId?: undefined } | { fromFrameId: string };

type Target =
  { kind: 'frame'; frameId: string } | { kind: 'page'; pageId: string; surface: HTMLElement };

/**
 * What lies under a point of the screen in the open spread (never in the page strip): a photo
 * frame, or else the page itself (bare paper, or a text frame on it).
 */
export function dropTargetAt(x: number, y: number): Target | null {
  for (const element of document.elementsFromPoint(x, y)) {
    if (!element.closest('.stage')) continue;
    const frame = element.closest<HTMLElement>('.frame-photo[data-frame-id]');
    if (frame?.dataset.frameId) return { kind: 'frame', frameId: frame.dataset.frameId };
    const page = element.closest<HTMLElement>('[data-page-id]');
    const surface = element.closest<HTMLElement>('.surface');
    if (page?.dataset.pageId && surface) {
      return { kind: 'page', pageId: page.dataset.pageId, surface };
    }
  }
  return null;
}

/**
 * Drops a dragged photo where the pointer is let go, as one undo step: a tray photo into a photo
 * frame, or onto bare paper as a new frame of its shape; a frame's photo onto another photo
 * frame swaps the two. Says whether anything happened.
 */
export function dropPhotoAt(x: number, y: number, payload: PhotoPayload): boolean {
  const target = dropTargetAt(x, y);
  const store = useAppStore.getState();
  if (!target || !store.book || store.gesture) return false;
  if (payload.fromFrameId !== undefined) {
    if (target.kind !== 'frame' || target.frameId === payload.fromFrameId) return false;
    const from = payload.fromFrameId;
    store.applyEdit('frame.swapPhotos', (book) => swapPhotos(book, from, target.frameId));
    store.selectFrame(target.frameId);
    return true;
  }
  if (target.kind === 'frame') {
    store.placeInFrame(target.frameId, payload.assetId);
    return true;
  }
  const product = findProduct(catalog, store.book.productId, 'photoBook');
  const surfaceId = target.surface.dataset.surfaceId;
  const placed = surfacesOfBook(store.book, product).find((s) => s.surface.id === surfaceId);
  const page = placed?.pages.find((p) => p.pageId === target.pageId);
  if (!placed || !page) return false;
  const rect = target.surface.getBoundingClientRect();
  const pxPerMm = rect.width / placed.surface.media.width;
  const xMm = (x - rect.left) / pxPerMm - page.panel.trim.x;
  const yMm = (y - rect.top) / pxPerMm - page.panel.trim.y;
  const frameId = `frame-${crypto.randomUUID()}`;
  const assetId = payload.assetId;
  store.applyEdit(
    'frame.dropPhoto',
    (book) => dropPhotoFrame(book, page, assetId, xMm, yMm, () => frameId).changes,
  );
  store.selectFrame(frameId);
  return true;
}
