import type { StateCreator } from 'zustand';
import type { ImportFailure, ImportedPhoto } from '../../src/contract/host';
import type { AppState } from './app-store';

/** Thumbnails (in memory) and the state of the running import. */
export interface PhotosSlice {
  thumbnails: Record<string, string>;
  importProgress: { done: number; total: number } | null;
  importFailures: ImportFailure[];
  photosImported(photos: readonly ImportedPhoto[], failures: readonly ImportFailure[]): void;
  setImportProgress(progress: { done: number; total: number } | null): void;
  forgetPhotos(): void;
}

export const createPhotosSlice: StateCreator<AppState, [], [], PhotosSlice> = (set, get) => ({
  thumbnails: {},
  importProgress: null,
  importFailures: [],
  photosImported: (photos, failures) => {
    const thumbnails = { ...get().thumbnails };
    for (const photo of photos) thumbnails[photo.asset.id] = photo.thumbnail.dataUrl;
    set({ thumbnails, importFailures: [...failures], importProgress: null });
  },
  setImportProgress: (importProgress) => set({ importProgress }),
  forgetPhotos: () => set({ thumbnails: {}, importFailures: [], importProgress: null }),
});
