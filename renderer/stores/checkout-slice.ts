import type { StateCreator } from 'zustand';
import {
  emptyCheckoutDraft,
  type CheckoutDraft,
  type OrderReceipt,
} from '../../src/order/checkout-draft';
import { addSample, type ProgressSample } from '../../src/order/speed';
import type { HostErrorBody, HostEvent, NeededPhoto } from '../../src/contract/host';
import type { AppState } from './app-store';

export type OrderStatus =
  | { state: 'idle' }
  | {
      state: 'sending';
      phase: string;
      sentBytes: number;
      totalBytes: number;
      /** When sending started (ms), and the recent progress readings the speed is drawn from. */
      startedAt: number;
      samples: ProgressSample[];
      /** The lab's order number, once the server gave one. */
      orderId?: string;
      /** While the connection is gone: when the host sends again by itself, and why it stopped. */
      retryAt?: number;
      lastError?: string;
    }
  /**
   * Through: uploaded to the lab, or (`savedTo`, the package's folder) saved on a medium the
   * customer brings to the lab; either way the order is placed and the customer's data let go.
   */
  | { state: 'done'; orderId: string; savedTo?: string }
  | {
      state: 'failed';
      code: HostErrorBody['code'];
      detail: string;
      /** Set when the order was opened: sending again continues that order. */
      orderId?: string;
      /** Photos to pick again before the same order goes on (resume, issue 9). */
      needsPhotos?: NeededPhoto[];
    };

/**
 * Checkout: the only place personal data exists in the renderer. It lives in
 * memory (no persist middleware touches it) and is cleared once the order is
 * through; closing the app ends it with the process.
 */
export interface CheckoutSlice {
  /** `status`: the order status lookup (OrderStatusScreen.tsx). */
  view: 'products' | 'designer' | 'checkout' | 'status';
  customerDraft: CheckoutDraft;
  /** What the sent order cost and how it ships, for the success screen: nothing personal. */
  receipt: OrderReceipt | null;
  order: OrderStatus;
  setView(view: CheckoutSlice['view']): void;
  editCustomer(update: (draft: CheckoutDraft) => CheckoutDraft): void;
  setReceipt(receipt: OrderReceipt | null): void;
  setOrder(order: OrderStatus): void;
  /** Times come from the caller: the slice stays a plain function of its inputs. */
  startSending(nowMs: number): void;
  progressed(progress: HostEvent<'order.progress'>, nowMs: number): void;
  forgetCustomer(): void;
}

export const createCheckoutSlice: StateCreator<AppState, [], [], CheckoutSlice> = (set, get) => ({
  view: 'products',
  customerDraft: emptyCheckoutDraft(),
  receipt: null,
  order: { state: 'idle' },
  setView: (view) => set({ view }),
  editCustomer: (update) => set({ customerDraft: update(get().customerDraft) }),
  setReceipt: (receipt) => set({ receipt }),
  // Through: the customer's data is let go at once, whichever way the news came.
  setOrder: (order) =>
    set(order.state === 'done' ? { order, customerDraft: emptyCheckoutDraft() } : { order }),
  startSending: (nowMs) =>
    set({
      order: {
        state: 'sending',
        phase: 'preparing',
        sentBytes: 0,
        totalBytes: 0,
        startedAt: nowMs,
        samples: [{ atMs: nowMs, bytes: 0 }],
      },
    }),
  progressed: (progress, nowMs) => {
    const order = get().order;
    if (progress.phase === 'done' && progress.orderId) {
      set({
        order: { state: 'done', orderId: progress.orderId },
        customerDraft: emptyCheckoutDraft(),
      });
      return;
    }
    // A window that opens while the host sends (a reload) joins the running order.
    const sending =
      order.state === 'sending'
        ? order
        : { state: 'sending' as const, startedAt: nowMs, samples: [] as ProgressSample[] };
    if (order.state === 'done') return;
    set({
      order: {
        ...sending,
        phase: progress.phase,
        sentBytes: progress.sentBytes,
        totalBytes: progress.totalBytes,
        orderId: progress.orderId ?? (order.state === 'sending' ? order.orderId : undefined),
        retryAt: progress.retryAt,
        lastError: progress.lastError,
        samples: addSample(sending.samples, { atMs: nowMs, bytes: progress.sentBytes }),
      },
    });
  },
  forgetCustomer: () => set({ customerDraft: emptyCheckoutDraft() }),
});
