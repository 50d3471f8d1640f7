import type { StateCreator } from 'zustand';
import type { SupportOrder } from '../../src/contract/host';
import { editorFor } from '../../src/commands/editor';
import type { AppState } from './app-store';

/** The order support has open: what the banner and the render panel show. */
export interface SupportInfo {
  orderId: string;
  createdAt: string;
  renderCommand: string;
  canRender: boolean;
}

/**
 * Support's read-only view (issue 11): an order pulled by the lab, shown exactly as ordered.
 * While `supportOrder` is set the design slice refuses every edit (readOnlyAllows): the view
 * looks, zooms and turns pages, and changes nothing.
 */
export interface SupportSlice {
  supportOrder: SupportInfo | null;
  /** Why opening an order failed (the host's words), until the next try. */
  supportProblem: string | null;
  /** Shows an order read-only: its design in the designer, nothing to undo, nothing selected. */
  showSupportOrder(order: SupportOrder): void;
  setSupportProblem(problem: string | null): void;
}

export const createSupportSlice: StateCreator<AppState, [], [], SupportSlice> = (set) => ({
  supportOrder: null,
  supportProblem: null,
  showSupportOrder: (order) => {
    const { design } = order;
    set({
      ...(design.kind === 'photoBook'
        ? { designKind: 'photoBook' as const, ...editorFor(design.book) }
        : design.kind === 'prints'
          ? { designKind: 'prints' as const, prints: design.prints, selectedPrintId: null }
          : { designKind: 'canvas' as const, canvas: design.canvas }),
      view: 'designer',
      supportOrder: {
        orderId: order.orderId,
        createdAt: order.createdAt,
        renderCommand: order.renderCommand,
        canRender: order.canRender,
      },
      supportProblem: null,
    });
  },
  setSupportProblem: (supportProblem) => set({ supportProblem }),
});
