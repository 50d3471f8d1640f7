import { useAppStore } from '../stores/app-store';
import type { HostClient } from '../host/client';
import { randomId } from '../host/client';
import { importPhotoFiles, thumbnailFetcher } from '../photo-import';
import { matchByContent, missingPhotos } from '../../src/project/match-photos';
import type { ProjectPhoto } from '../../src/project/project-file';

/**
 * Brings an opened project's photos back into memory (the host imports them again, thumbnails
 * are made again). The desktop app first reads each photo where it was last seen; what is
 * still missing is listed in one dialog whose "search in folder" matches a folder's files by
 * size, then content hash, and imports the ones found, renamed or not.
 */

let host: HostClient | null = null;

/** The host the photos are imported through; set once by the app's project controls. */
export function setProjectHost(client: HostClient | null): void {
  host = client;
}

const store = () => useAppStore.getState();

/** Photos the host has in memory this session: their thumbnails are in the store. */
const loaded = (assetId: string) => Object.hasOwn(store().thumbnails, assetId);

/** After a project is opened: load what can be loaded, then say what is missing. */
export async function restoreProjectPhotos(): Promise<void> {
  const wanted = missingPhotos(store().projectPhotos, loaded);
  const client = await desktopHost();
  // Paths are read by the desktop host only; a browser never reads a path from a file.
  if (wanted.length > 0 && client) {
    store().setPhotoRestore({ phase: 'loading', total: wanted.length });
    const withPath = wanted.filter((photo) => photo.lastKnownPath);
    if (withPath.length > 0)
      await importPaths(
        client,
        withPath.map((p) => p.lastKnownPath!),
      );
    // Moved or renamed: the host searches nearby and in the picture folders, without asking.
    const moved = missingPhotos(wanted, loaded);
    if (moved.length > 0) await locateMoved(client, moved);
  }
  showMissing(false);
}

/** The host when it is the desktop app's (it reads and searches paths), else null. */
export async function desktopHost(): Promise<HostClient | null> {
  if (!host) return null;
  try {
    return (await host.invoke('app.info', {})).transport === 'electron' ? host : null;
  } catch {
    return null;
  }
}

async function locateMoved(client: HostClient, photos: readonly ProjectPhoto[]): Promise<void> {
  try {
    const { found } = await client.invoke('photos.locate', {
      photos: photos.map(({ assetId, sha256, byteSize, lastKnownPath }) => ({
        assetId,
        sha256,
        byteSize,
        ...(lastKnownPath ? { lastKnownPath } : {}),
      })),
    });
    if (found.length === 0) return;
    await importPaths(
      client,
      found.map((f) => f.path),
    );
    store().rememberLocations(Object.fromEntries(found.map((f) => [f.assetId, f.path])));
  } catch {
    // What the search could not find is listed as missing next.
  }
}

/** Re-imports photos from their last known paths; a file changed since is a different photo. */
async function importPaths(client: HostClient, paths: readonly string[]): Promise<void> {
  const importId = randomId();
  // Each thumbnail is fetched as soon as its photo is ready, not after the whole import.
  const thumbnails = thumbnailFetcher(client);
  const asked = new Set<string>();
  const fetch = (assetIds: readonly string[]) => {
    const fresh = assetIds.filter((id) => !asked.has(id));
    for (const id of fresh) asked.add(id);
    if (fresh.length > 0) thumbnails.fetch(fresh);
  };
  const off = client.on('photos.imported', (event) => {
    if (event.importId === importId) fetch([event.photo.asset.id]);
  });
  try {
    const result = await client.invoke('photos.import', {
      importId,
      sources: paths.map((path) => ({ kind: 'path' as const, path })),
    });
    // Any the events missed (a reconnecting socket) come from the result.
    fetch(result.photos.map((photo) => photo.asset.id));
  } catch {
    // Whatever could not be read is listed as missing next.
  } finally {
    off();
  }
  await thumbnails.done();
}

/** Shows the photos still missing, or nothing when all are back. */
function showMissing(searchedFolder: boolean): void {
  const missing = missingPhotos(store().projectPhotos, loaded);
  store().setPhotoRestore(
    missing.length === 0 ? { phase: 'idle' } : { phase: 'missing', missing, searchedFolder },
  );
}

/** The SHA-256 of a file's bytes, in hex, by the browser's Web Crypto. */
async function sha256Of(file: File): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * "Search in folder": the files of the folder the customer picked (with its subfolders), matched
 * to the missing photos by size and then content, and the ones found imported.
 */
export async function searchFolder(files: readonly File[]): Promise<void> {
  const restore = store().photoRestore;
  if (restore.phase !== 'missing' || !host) return;
  const client = host;
  const wanted = restore.missing;
  store().setPhotoRestore({ phase: 'searching', missing: wanted, done: 0, total: files.length });
  const { found } = await matchByContent(wanted, files, sha256Of, (done, total) => {
    // Every 20 files: progress the eye can follow without a render per file.
    if (done % 20 === 0 || done === total) {
      store().setPhotoRestore({ phase: 'searching', missing: wanted, done, total });
    }
  });
  if (found.length > 0) {
    await importPhotoFiles(
      client,
      found.map((f) => f.file),
      // The photos are in the design already: only the host's copy and the thumbnail come back.
      { add: () => {}, onError: () => {} },
    );
  }
  showMissing(true);
}

/** "Later": the dialog closes; the frames of missing photos stay as they are. */
export function dismissMissing(): void {
  store().setPhotoRestore({ phase: 'idle' });
}
