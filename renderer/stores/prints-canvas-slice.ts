import type { StateCreator } from 'zustand';
import type { Canvas as CanvasProduct } from '../../src/catalog/kinds/canvas';
import type { PhotoPrint } from '../../src/catalog/kinds/print';
import type { PhotoAsset } from '../../src/model/book';
import { editCanvas, newCanvas, type CanvasAction, type CanvasDoc } from '../../src/model/canvas';
import { editPrints, newPrints, type Prints, type PrintsAction } from '../../src/model/prints';
import type { Design } from '../../src/model/design';
import type { AppState } from './app-store';

/** Which kind of product the customer is designing; the photo book lives in the design slice. */
export type DesignKind = Design['kind'];

/**
 * Prints and canvas: their documents and which print is selected. The edits are the core's
 * reducers (src/model/prints.ts, canvas.ts); the slice only holds the results.
 */
export interface PrintsCanvasSlice {
  designKind: DesignKind;
  prints: Prints | null;
  canvas: CanvasDoc | null;
  selectedPrintId: string | null;
  chooseBook(): void;
  startPrints(product: PhotoPrint): void;
  startCanvas(product: CanvasProduct): void;
  editPrints(action: PrintsAction): void;
  /** Imported photos join the tray, and each new one gets a print at the defaults (as CEWE). */
  importPrintPhotos(product: PhotoPrint, assets: readonly PhotoAsset[]): void;
  /** One more print of a photo, selected so its settings are at hand. */
  addPrint(product: PhotoPrint, assetId: string): void;
  selectPrint(itemId: string | null): void;
  editCanvas(action: CanvasAction): void;
}

const makeId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

export const createPrintsCanvasSlice: StateCreator<AppState, [], [], PrintsCanvasSlice> = (
  set,
  get,
) => ({
  designKind: 'photoBook',
  prints: null,
  canvas: null,
  selectedPrintId: null,
  chooseBook: () => set({ designKind: 'photoBook' }),
  startPrints: (product) =>
    set({ designKind: 'prints', prints: newPrints(product, makeId), selectedPrintId: null }),
  startCanvas: (product) => set({ designKind: 'canvas', canvas: newCanvas(product, makeId) }),
  // An order support opened (support-slice) is read-only: prints and canvas refuse edits too.
  editPrints: (action) => {
    const { prints } = get();
    if (prints && !get().supportOrder) set({ prints: editPrints(prints, action) });
  },
  importPrintPhotos: (product, assets) => {
    const { prints } = get();
    if (!prints || get().supportOrder) return;
    const fresh = assets.filter((a, i) => !prints.assets[a.id] && assets.indexOf(a) === i);
    let next = editPrints(prints, { kind: 'addPhotos', assets });
    for (const asset of fresh) {
      next = editPrints(next, {
        kind: 'addPrint',
        itemId: makeId('print'),
        assetId: asset.id,
        product,
      });
    }
    set({ prints: next, selectedPrintId: get().selectedPrintId ?? next.itemIds[0] ?? null });
  },
  addPrint: (product, assetId) => {
    const { prints } = get();
    if (!prints || get().supportOrder) return;
    const itemId = makeId('print');
    set({
      prints: editPrints(prints, { kind: 'addPrint', itemId, assetId, product }),
      selectedPrintId: itemId,
    });
  },
  selectPrint: (selectedPrintId) => set({ selectedPrintId }),
  editCanvas: (action) => {
    const { canvas } = get();
    if (canvas && !get().supportOrder) set({ canvas: editCanvas(canvas, action) });
  },
});

/** The design the customer is about to order, of whichever kind they chose. */
export function currentDesign(
  state: Pick<AppState, 'designKind' | 'book' | 'prints' | 'canvas'>,
): Design | null {
  switch (state.designKind) {
    case 'photoBook':
      return state.book && { kind: 'photoBook', book: state.book };
    case 'prints':
      return state.prints && { kind: 'prints', prints: state.prints };
    case 'canvas':
      return state.canvas && { kind: 'canvas', canvas: state.canvas };
  }
}
