import type { StateCreator } from 'zustand';
import type { Book, PhotoAsset } from '../../src/model/book';
import type { PhotoBook } from '../../src/catalog/catalog';
import type { Change } from '../../src/model/changes';
import { applyChanges } from '../../src/model/changes';
import { addAssets, newBook, placePhoto } from '../../src/model/commands';
import { emptyHistory, record, redo, undo, type History } from '../../src/model/history';
import type { AppState } from './app-store';

/** The book and its history; the logic lives in the core, the slice only holds values. */
export interface DesignSlice {
  book: Book | null;
  history: History;
  selectedAssetId: string | null;
  startBook(product: PhotoBook): void;
  addPhotos(assets: readonly PhotoAsset[]): void;
  placeInFrame(frameId: string, assetId: string): void;
  selectAsset(assetId: string | null): void;
  undo(): void;
  redo(): void;
}

const makeId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

export const createDesignSlice: StateCreator<AppState, [], [], DesignSlice> = (set, get) => {
  const commit = (label: string, changes: Change[]) => {
    const { book, history } = get();
    if (!book || changes.length === 0) return;
    set({
      book: applyChanges(book, changes, 'forward'),
      history: record(history, { label, changes }),
    });
  };
  return {
    book: null,
    history: emptyHistory,
    selectedAssetId: null,
    startBook: (product) => set({ book: newBook(product, makeId), history: emptyHistory }),
    addPhotos: (assets) => {
      const book = get().book;
      if (book) commit('add photos', addAssets(book, assets));
    },
    placeInFrame: (frameId, assetId) => {
      const book = get().book;
      if (book) commit('place photo', placePhoto(book, frameId, assetId));
    },
    // Selection never enters history.
    selectAsset: (selectedAssetId) => set({ selectedAssetId }),
    undo: () => {
      const { book, history } = get();
      if (book) set(undo(history, book));
    },
    redo: () => {
      const { book, history } = get();
      if (book) set(redo(history, book));
    },
  };
};
