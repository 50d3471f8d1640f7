import { create } from 'zustand';
import { createDesignSlice, type DesignSlice } from './design-slice';
import { createPhotosSlice, type PhotosSlice } from './photos-slice';
import { createCheckoutSlice, type CheckoutSlice } from './checkout-slice';
import { createPrintsCanvasSlice, type PrintsCanvasSlice } from './prints-canvas-slice';
import { createProjectSlice, type ProjectSlice } from './project-slice';
import { createSupportSlice, type SupportSlice } from './support-slice';
import type { Locale } from '../../src/i18n/translate';

interface UiSlice {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export type AppState = DesignSlice &
  PrintsCanvasSlice &
  PhotosSlice &
  CheckoutSlice &
  ProjectSlice &
  SupportSlice &
  UiSlice;

/**
 * One store of thin slices. Nothing here is persisted by the store itself: the design goes to
 * disk only as the customer's own project file or its design-only recovery copy
 * (renderer/project), and the checkout slice, which holds personal data, must never be.
 */
export const useAppStore = create<AppState>()((...a) => ({
  ...createDesignSlice(...a),
  ...createPrintsCanvasSlice(...a),
  ...createPhotosSlice(...a),
  ...createCheckoutSlice(...a),
  ...createProjectSlice(...a),
  ...createSupportSlice(...a),
  locale: 'de',
  setLocale: (locale) => a[0]({ locale }),
}));
