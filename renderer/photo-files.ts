import type { ImportFailure } from '../src/contract/host';

/**
 * What the customer dropped or picked, turned into the photo Files to import. Files picked or
 * dropped one by one go as they are (a wrong one gets its reason from the host); folders are
 * walked to the bottom and only files that look like photos are kept, in path order, so a folder
 * of holiday photos with a video and a `.DS_Store` in it imports the photos and says what it left.
 */

/** The most photos one drop or folder brings: the host contract takes 10,000 sources a request. */
export const MAX_PHOTOS_AT_ONCE = 10_000;

/** The photos to import and what the folders held besides them. */
export interface PhotoSelection {
  /** In the customer's order for loose files; folders in path order, IMG_2 before IMG_10. */
  files: File[];
  /** Files in the folders that are not photos (videos, documents), hidden ones not counted. */
  skipped: number;
  /** More photos than MAX_PHOTOS_AT_ONCE: `files` holds the first ones in path order. */
  overLimit: boolean;
  /** Folders or files the browser could not open, with their path. */
  failures: ImportFailure[];
}

/** The parts of a dropped entry (the DOM's FileSystemEntry) that are used here. */
export interface EntryLike {
  readonly name: string;
  readonly fullPath: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}
interface FileEntryLike extends EntryLike {
  file(ok: (file: File) => void, fail?: (error: unknown) => void): void;
}
interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(ok: (entries: EntryLike[]) => void, fail?: (error: unknown) => void): void;
  };
}

/** One dropped item as read during the drop event: after it returns, the items are gone. */
export interface DroppedItem {
  entry: EntryLike | null;
  file: File | null;
}

const PHOTO_EXTENSIONS = new Set(
  ['jpg', 'jpeg', 'jpe', 'png', 'webp', 'tif', 'tiff', 'avif', 'gif', 'heic', 'heif'].map(
    (ext) => `.${ext}`,
  ),
);
const PHOTO_TYPES = new Set(
  ['jpeg', 'png', 'webp', 'tiff', 'avif', 'gif', 'heic', 'heif'].map((t) => `image/${t}`),
);
/** System files a customer never sees in their file manager (Windows hides them by attribute). */
const SYSTEM_NAMES = new Set([
  '__macosx',
  'thumbs.db',
  'ehthumbs.db',
  'desktop.ini',
  '$recycle.bin',
  'system volume information',
  'icon\r',
]);

/** Whether a file looks like a photo by its extension or its MIME type, in any letter case. */
export function looksLikePhoto(file: { name: string; type: string }): boolean {
  const dot = file.name.lastIndexOf('.');
  const ext = dot > 0 ? file.name.slice(dot).toLowerCase() : '';
  return PHOTO_EXTENSIONS.has(ext) || PHOTO_TYPES.has(file.type.toLowerCase());
}

/** Hidden files and folders (`.DS_Store`, `._IMG_1.jpg`, `.git`) and system ones (`__MACOSX`). */
export function isHidden(name: string): boolean {
  return name.startsWith('.') || SYSTEM_NAMES.has(name.toLowerCase());
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Natural order of names (IMG_2 before IMG_10); names equal but for case keep one fixed order. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Path order: folder by folder, each level in natural order (`a/z.jpg` before `a b/a.jpg`). */
export function comparePaths(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const order = compareNames(as[i]!, bs[i]!);
    if (order !== 0) return order;
  }
  return as.length - bs.length;
}

/** The parts of a drop's DataTransfer that are used here. */
export interface DataTransferLike {
  readonly items: ArrayLike<{
    readonly kind: string;
    webkitGetAsEntry?(): EntryLike | null;
    getAsFile(): File | null;
  }>;
  readonly files: ArrayLike<File>;
}

/** The items of a drop, read at once: call it inside the drop event's handler. */
export function droppedItems(data: DataTransferLike): DroppedItem[] {
  const items = Array.from(data.items).filter((item) => item.kind === 'file');
  // Without entries (an old engine), the files are all there is: each goes as it is.
  if (items.length === 0 || typeof items[0]!.webkitGetAsEntry !== 'function') {
    return Array.from(data.files, (file) => ({ entry: null, file }));
  }
  return items.map((item) => ({
    entry: item.webkitGetAsEntry?.() ?? null,
    file: item.getAsFile(),
  }));
}

/**
 * The photos of a drop: loose files as they are, in the order dropped; each folder walked to the
 * bottom, hidden files and folders left out, in path order; at most `limit` photos.
 */
export async function photosFromDrop(
  items: readonly DroppedItem[],
  limit = MAX_PHOTOS_AT_ONCE,
): Promise<PhotoSelection> {
  const found: PhotoSelection = { files: [], skipped: 0, overLimit: false, failures: [] };
  for (const { entry, file } of items) {
    if (found.overLimit) break;
    if (entry?.isDirectory) {
      await walkFolder(entry as DirectoryEntryLike, found, limit);
      continue;
    }
    const loose = file ?? (entry?.isFile ? await fileOf(entry as FileEntryLike) : null);
    if (!loose) {
      if (entry) found.failures.push(unreadable(entry));
      continue;
    }
    if (found.files.length >= limit) found.overLimit = true;
    else found.files.push(loose);
  }
  return found;
}

/**
 * The photos of a folder picked with `<input type=file webkitdirectory>`: the browser lists every
 * file under it, each with its path from the folder (`webkitRelativePath`).
 */
export function photosFromFolderInput(
  files: Iterable<File>,
  limit = MAX_PHOTOS_AT_ONCE,
): PhotoSelection {
  const pathOf = (file: File) =>
    (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
  const photos: { path: string; file: File }[] = [];
  let skipped = 0;
  for (const file of files) {
    const path = pathOf(file);
    if (path.split('/').some(isHidden)) continue;
    if (looksLikePhoto(file)) photos.push({ path, file });
    else skipped++;
  }
  photos.sort((a, b) => comparePaths(a.path, b.path));
  return {
    files: photos.slice(0, limit).map((p) => p.file),
    skipped,
    overLimit: photos.length > limit,
    failures: [],
  };
}

/** Depth first, each folder's entries in natural order: the result is in path order. */
async function walkFolder(
  folder: DirectoryEntryLike,
  found: PhotoSelection,
  limit: number,
): Promise<void> {
  const entries = await readAll(folder, found);
  entries.sort((a, b) => compareNames(a.name, b.name));
  for (const entry of entries) {
    if (found.overLimit) return;
    if (isHidden(entry.name)) continue;
    if (entry.isDirectory) {
      await walkFolder(entry as DirectoryEntryLike, found, limit);
    } else if (entry.isFile) {
      const file = await fileOf(entry as FileEntryLike);
      // A file that can't be opened is named only when it looked like a photo.
      if (!file && looksLikePhoto({ name: entry.name, type: '' }))
        found.failures.push(unreadable(entry));
      else if (!file || !looksLikePhoto(file)) found.skipped++;
      else if (found.files.length >= limit) found.overLimit = true;
      else found.files.push(file);
    }
  }
}

/** Every entry of a folder: readEntries gives them in batches (100 in Chromium) until an empty one. */
async function readAll(folder: DirectoryEntryLike, found: PhotoSelection): Promise<EntryLike[]> {
  const reader = folder.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[] | null>((resolve) =>
      reader.readEntries(resolve, () => resolve(null)),
    );
    if (batch === null) {
      found.failures.push(unreadable(folder));
      return all;
    }
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function fileOf(entry: FileEntryLike): Promise<File | null> {
  return new Promise<File | null>((resolve) => entry.file(resolve, () => resolve(null)));
}

function unreadable(entry: EntryLike): ImportFailure {
  return { name: entry.fullPath.replace(/^\//, ''), code: 'unreadable', detail: 'not readable' };
}
