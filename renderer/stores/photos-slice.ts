import type { StateCreator } from 'zustand';
import type { ImportFailure } from '../../src/contract/host';
import type { AppState } from './app-store';

/** A running import: its id (to cancel it) and how far it is. */
export interface ImportProgress {
  importId: string;
  done: number;
  total: number;
  cancelling: boolean;
}

/** What the last import could not add, for the tray's report. */
export interface ImportReport {
  failures: ImportFailure[];
  /** Files that were the same photo as another one, added once. */
  duplicates: number;
  /** Files of dropped or picked folders that are no photos (videos, documents), left out. */
  skipped: number;
  cancelled: boolean;
}

/**
 * Thumbnails as object URLs of the JPEG bytes the host sent (memory only, freed with the photos)
 * and the state of the running import.
 */
export interface PhotosSlice {
  thumbnails: Record<string, string>;
  importProgress: ImportProgress | null;
  importReport: ImportReport | null;
  /** Thumbnails that arrived, by asset id; each URL is the store's to free from now on. */
  thumbnailsArrived(urls: Record<string, string>): void;
  setImportProgress(progress: ImportProgress | null): void;
  importFinished(report: ImportReport): void;
  dismissImportReport(): void;
  forgetPhotos(): void;
}

export const createPhotosSlice: StateCreator<AppState, [], [], PhotosSlice> = (set, get) => ({
  thumbnails: {},
  importProgress: null,
  importReport: null,
  thumbnailsArrived: (urls) => {
    const thumbnails = { ...get().thumbnails };
    for (const [id, url] of Object.entries(urls)) {
      const before = thumbnails[id];
      if (before && before !== url) URL.revokeObjectURL(before);
      thumbnails[id] = url;
    }
    set({ thumbnails });
  },
  setImportProgress: (importProgress) => set({ importProgress }),
  importFinished: (report) => {
    const worthShowing =
      report.failures.length > 0 || report.duplicates > 0 || report.skipped > 0 || report.cancelled;
    set({ importProgress: null, importReport: worthShowing ? report : null });
  },
  dismissImportReport: () => set({ importReport: null }),
  forgetPhotos: () => {
    for (const url of Object.values(get().thumbnails)) URL.revokeObjectURL(url);
    set({ thumbnails: {}, importReport: null, importProgress: null });
  },
});
