import type { StateCreator } from 'zustand';
import type { Book, PhotoAsset } from '../../src/model/book';
import type { Change } from '../../src/model/changes';
import type { PhotoBook } from '../../src/catalog/catalog';
import { addAssets, newBook, placePhoto } from '../../src/model/commands';
import { emptyHistory, type History } from '../../src/model/history';
import {
  applyEffect,
  beginGesture,
  cancelGesture,
  editorFor,
  endGesture,
  updateGesture,
  type CommandEffect,
  type EditorState,
  type Gesture,
} from '../../src/commands/editor';
import { commandOf } from '../../src/commands/registry';
import { readOnlyAllows } from '../../src/commands/support-commands';
import { runOutsideRequest } from './outside-requests';
import { designerCommands } from '../../src/commands/designer-commands';
import type { AppState } from './app-store';

/**
 * The book, its history and the selection: the fields of the core's EditorState, kept flat so
 * a view selects one of them. The logic lives in the core; the slice only holds values.
 */
export interface DesignSlice {
  book: Book | null;
  history: History;
  gesture: Gesture | null;
  selectedAssetId: string | null;
  selectedFrameId: string | null;
  surfaceIndex: number;
  zoom: number;
  previewOpen: boolean;
  startBook(product: PhotoBook): void;
  addPhotos(assets: readonly PhotoAsset[]): void;
  /** Puts the photo in the frame and selects the frame, so arrows and Delete act on it. */
  placeInFrame(frameId: string, assetId: string): void;
  selectAsset(assetId: string | null): void;
  selectFrame(frameId: string | null): void;
  /** Opens a surface of the book (0 the cover) in the spread view; the selection is let go. */
  openSurface(index: number): void;
  /**
   * Changes the core computed from the book (a panel's field, an inline text edit) as one undo
   * step called `label`; nothing happens when `make` returns no change.
   */
  applyEdit(label: string, make: (book: Book) => readonly Change[]): void;
  /**
   * A drag, resize, rotation or crop: begun once, updated on every pointer move with changes
   * the core computes from the book as it is, ended as one undo step or cancelled (Escape) as if
   * it never began. An update or end without a gesture under way (Escape came first) does nothing.
   */
  beginGesture(label: string): void;
  updateGesture(make: (book: Book) => readonly Change[]): void;
  endGesture(): void;
  cancelGesture(): void;
  /**
   * Runs a registered command (toolbar, keyboard, menus) through the core's one `perform`;
   * says whether it was enabled, so a key that did nothing can keep its usual meaning.
   */
  perform(commandId: string): boolean;
}

const makeId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

export const createDesignSlice: StateCreator<AppState, [], [], DesignSlice> = (set, get) => {
  const editor = (): EditorState | null => {
    const { book, history, gesture, selectedAssetId, selectedFrameId, surfaceIndex, zoom } = get();
    const { previewOpen } = get();
    return (
      book && {
        book,
        history,
        gesture,
        selectedAssetId,
        selectedFrameId,
        surfaceIndex,
        zoom,
        previewOpen,
      }
    );
  };
  const store = (next: EditorState) => set({ ...next });
  // An order support opened is shown as it was ordered: nothing but looking gets through.
  const refused = (effect: CommandEffect) => get().supportOrder !== null && !readOnlyAllows(effect);
  const apply = (effect: (state: EditorState) => CommandEffect) => {
    const state = editor();
    if (!state) return;
    const next = effect(state);
    if (!refused(next)) store(applyEffect(state, next));
  };
  return {
    book: null,
    history: emptyHistory,
    gesture: null,
    selectedAssetId: null,
    selectedFrameId: null,
    surfaceIndex: 1,
    zoom: 1,
    previewOpen: false,
    startBook: (product) => store(editorFor(newBook(product, makeId))),
    addPhotos: (assets) =>
      apply((s) => ({
        kind: 'edit',
        label: 'photos.add',
        changes: addAssets(s.book, assets),
        enters: 'history',
      })),
    placeInFrame: (frameId, assetId) =>
      apply((s) => ({
        kind: 'edit',
        label: 'frame.placePhoto',
        changes: placePhoto(s.book, frameId, assetId),
        enters: 'history',
        session: { selectedFrameId: frameId },
      })),
    selectAsset: (selectedAssetId) =>
      apply(() => ({ kind: 'session', session: { selectedAssetId } })),
    selectFrame: (selectedFrameId) =>
      apply(() => ({ kind: 'session', session: { selectedFrameId } })),
    openSurface: (surfaceIndex) =>
      apply(() => ({ kind: 'session', session: { surfaceIndex, selectedFrameId: null } })),
    applyEdit: (label, make) =>
      apply((s) => ({ kind: 'edit', label, changes: make(s.book), enters: 'history' })),
    beginGesture: (label) => {
      const state = editor();
      if (state && !state.gesture && !refused({ kind: 'beginGesture', label }))
        store(beginGesture(state, label));
    },
    updateGesture: (make) => {
      const state = editor();
      if (!state?.gesture) return;
      const changes = make(state.book);
      if (changes.length > 0) store(updateGesture(state, changes));
    },
    endGesture: () => {
      const state = editor();
      if (state?.gesture) store(endGesture(state));
    },
    cancelGesture: () => {
      const state = editor();
      if (state?.gesture) store(cancelGesture(state));
    },
    perform: (commandId) => {
      const state = editor();
      const command = commandOf(designerCommands, commandId);
      if (!state || !command.isEnabled(state)) return false;
      const effect = command.run(state);
      if (refused(effect)) return false;
      // Saving and opening happen outside the book: the project module shows the file dialogs.
      if (effect.kind === 'request') runOutsideRequest(effect.request);
      else store(applyEffect(state, effect));
      return true;
    },
  };
};
