import { beforeEach, describe, expect, it } from 'vitest';
import { corpusPhoto } from '../../fixtures/project-corpus';
import { catalog } from '../model/fixtures';
import { findProduct } from '../../../src/catalog/catalog';
import { useAppStore } from '../../../renderer/stores/app-store';
import { newBook, placePhoto } from '../../../src/model/commands';
import { applyChanges } from '../../../src/model/changes';
import { addAssets } from '../../../src/model/commands';
import type { SupportOrder } from '../../../src/contract/host';

/**
 * An order support opened is shown as it was ordered: the store lets support look (zoom, turn
 * the pages, select, preview) and refuses every change, by command, by panel edit, by gesture.
 */
const product = findProduct(catalog, 'book-21x21-hardcover', 'photoBook');

function orderedBook() {
  let n = 0;
  let book = newBook(product, (prefix) => `${prefix}-${++n}`);
  book = applyChanges(book, addAssets(book, [corpusPhoto(3)]), 'forward');
  const frameId = Object.values(book.frames).find((f) => f.pageId === book.pageIds[1])!.id;
  book = applyChanges(book, placePhoto(book, frameId, corpusPhoto(3).id), 'forward');
  return { book, frameId };
}

let frameId: string;
beforeEach(() => {
  useAppStore.getState().closeProject();
  const ordered = orderedBook();
  frameId = ordered.frameId;
  const order: SupportOrder = {
    orderId: 'PD-TEST1',
    createdAt: '2026-11-25T22:00:00.000Z',
    design: { kind: 'photoBook', book: ordered.book },
    photos: [],
    renderCommand: 'photodose lab render "/orders/PD-TEST1"',
    canRender: false,
  };
  useAppStore.getState().showSupportOrder(order);
});

describe('an order opened by support', () => {
  it('opens in the designer with the order’s book, nothing to undo', () => {
    const state = useAppStore.getState();
    expect(state.view).toBe('designer');
    expect(state.supportOrder?.orderId).toBe('PD-TEST1');
    expect(state.book?.frames[frameId]).toMatchObject({ assetId: corpusPhoto(3).id });
    expect(state.history.undo).toHaveLength(0);
  });

  it('refuses edits from commands, panels and gestures, and keeps the book as ordered', () => {
    const store = useAppStore.getState();
    const book = store.book;
    store.selectFrame(frameId);
    expect(useAppStore.getState().perform('frame.delete')).toBe(false);
    expect(useAppStore.getState().perform('text.add')).toBe(false);
    expect(useAppStore.getState().perform('spread.add')).toBe(false);
    expect(useAppStore.getState().perform('project.save')).toBe(false);
    useAppStore
      .getState()
      .applyEdit('cover.title', (b) => [{ kind: 'title', before: b.title, after: 'Anders' }]);
    useAppStore.getState().placeInFrame(frameId, corpusPhoto(3).id);
    useAppStore.getState().beginGesture('frame.move');
    expect(useAppStore.getState().gesture).toBeNull();
    expect(useAppStore.getState().book).toBe(book);
    expect(useAppStore.getState().history.undo).toHaveLength(0);
  });

  it('lets support look: zoom, turn the pages, preview', () => {
    expect(useAppStore.getState().perform('view.zoomIn')).toBe(true);
    expect(useAppStore.getState().zoom).toBeGreaterThan(1);
    useAppStore.getState().openSurface(2);
    expect(useAppStore.getState().surfaceIndex).toBe(2);
    expect(useAppStore.getState().perform('view.preview')).toBe(true);
    expect(useAppStore.getState().previewOpen).toBe(true);
  });

  it('edits again once support leaves (a normal book)', () => {
    useAppStore.getState().closeProject();
    useAppStore.setState({ supportOrder: null });
    useAppStore.getState().startBook(product);
    expect(useAppStore.getState().perform('spread.add')).toBe(true);
  });
});
