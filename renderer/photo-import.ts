import type { HostError, ImportFailure, ImportedPhoto } from '../src/contract/host';
import type { PhotoAsset } from '../src/model/book';
import type { HostClient } from './host/client';
import { randomId } from './host/client';
import { useAppStore } from './stores/app-store';

/** Photos shown together: the tray grows in steps the eye can follow, not one by one. */
const SHOW_EVERY_MS = 250;
/** Thumbnails fetched at once: small files, a few in flight keep the line busy. */
const THUMBNAIL_LANES = 4;

export interface PhotoImportOptions {
  /** Where the photos go: the book's tray, or the prints' and canvas's own list. */
  add(assets: PhotoAsset[]): void;
  /** Files of picked folders that are no photos, for the report. */
  skipped?: number;
  /** A failure of the whole import (the host gone): shown in the customer's words. */
  onError(error: HostError | unknown): void;
}

/**
 * Imports picked files through the host. Photos appear as the host finishes each one (its
 * `photos.imported` event), their thumbnails fetched as JPEG bytes and shown as object URLs; the
 * result at the end adds any the events missed (a reconnecting socket), so none is lost.
 */
export async function importPhotoFiles(
  host: HostClient,
  files: readonly File[],
  options: PhotoImportOptions,
): Promise<void> {
  if (files.length === 0) return;
  const store = useAppStore.getState();
  const importId = randomId();
  // One source per file. In the desktop app a file with no path on disk (a picture dragged out
  // of a web page) can't be read by the host: it is reported on its own, the rest go on.
  const picked = host.sourcesFor(files);
  const sources = picked.filter((source) => source.kind !== 'path' || source.path !== '');
  const pathless: ImportFailure[] = picked.flatMap((source, i) =>
    source.kind === 'path' && source.path === ''
      ? [{ name: files[i]!.name, code: 'unreadable' as const, detail: 'not a file on disk' }]
      : [],
  );
  if (sources.length === 0) {
    store.importFinished({
      failures: pathless,
      duplicates: 0,
      skipped: options.skipped ?? 0,
      cancelled: false,
    });
    return;
  }
  store.setImportProgress({ importId, done: 0, total: sources.length, cancelling: false });

  const shown = new Set<string>();
  let waiting: ImportedPhoto[] = [];
  const thumbnails = thumbnailFetcher(host);
  const show = () => {
    // A photo can come twice in one go (its event and the final result): it is added once.
    const fresh: ImportedPhoto[] = [];
    for (const photo of waiting) {
      if (shown.has(photo.asset.id)) continue;
      shown.add(photo.asset.id);
      fresh.push(photo);
    }
    waiting = [];
    if (fresh.length === 0) return;
    options.add(fresh.map((photo) => photo.asset));
    thumbnails.fetch(fresh.map((photo) => photo.asset.id));
  };
  const timer = setInterval(show, SHOW_EVERY_MS);
  const offPhoto = host.on('photos.imported', (event) => {
    if (event.importId === importId) waiting.push(event.photo);
  });
  const offProgress = host.on('photos.progress', (event) => {
    const running = useAppStore.getState().importProgress;
    if (event.importId !== importId || running?.importId !== importId) return;
    useAppStore.getState().setImportProgress({ ...running, done: event.done });
  });
  try {
    const result = await host.invoke('photos.import', { importId, sources });
    waiting.push(...result.photos);
    show();
    useAppStore.getState().importFinished({
      failures: [...pathless, ...result.failures],
      duplicates: result.duplicates,
      skipped: options.skipped ?? 0,
      cancelled: result.cancelled,
    });
  } catch (error) {
    // Photos shown before the failure stay: the host has them.
    show();
    useAppStore.getState().setImportProgress(null);
    options.onError(error);
  } finally {
    clearInterval(timer);
    offPhoto();
    offProgress();
  }
  await thumbnails.done();
}

/** Stops the running import after the photos in work; those imported stay. */
export async function cancelPhotoImport(host: HostClient): Promise<void> {
  const running = useAppStore.getState().importProgress;
  if (!running || running.cancelling) return;
  useAppStore.getState().setImportProgress({ ...running, cancelling: true });
  await host.invoke('photos.cancel', { importId: running.importId }).catch(() => {});
}

/** Fetches thumbnails a few at a time and hands them to the store in small groups. */
export function thumbnailFetcher(host: HostClient) {
  const queue: string[] = [];
  let running = 0;
  let idle: (() => void) | null = null;
  let arrived: Record<string, string> = {};
  let flushQueued = false;
  const flush = () => {
    flushQueued = false;
    const urls = arrived;
    arrived = {};
    if (Object.keys(urls).length > 0) useAppStore.getState().thumbnailsArrived(urls);
  };
  const pump = () => {
    while (running < THUMBNAIL_LANES && queue.length > 0) {
      const assetId = queue.shift()!;
      running++;
      host
        .invoke('photos.thumbnail', { assetId })
        .then((jpeg) => {
          arrived[assetId] = URL.createObjectURL(
            new Blob([jpeg as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
          );
          if (!flushQueued) {
            flushQueued = true;
            setTimeout(flush, 50);
          }
        })
        // A thumbnail that can't come (the photo released meanwhile) leaves its tile blank.
        .catch(() => {})
        .finally(() => {
          running--;
          pump();
          if (running === 0 && queue.length === 0) {
            flush();
            idle?.();
          }
        });
    }
  };
  return {
    fetch(assetIds: string[]) {
      queue.push(...assetIds);
      pump();
    },
    done: () =>
      running === 0 && queue.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => (idle = resolve)),
  };
}
