import type { ProjectPhoto } from './project-file';

/**
 * Finding a project's photos among files by content: byte size first (free: the file system
 * knows it), then the SHA-256 only of files whose size fits (reading a whole file is the cost).
 * A renamed or moved photo is found; a different photo with the same name is not taken.
 */

/** What matching needs of a photo: its id, content hash and byte size. */
export type MatchablePhoto = Pick<ProjectPhoto, 'assetId' | 'sha256' | 'byteSize'>;

/** The photos of a project that are not loaded yet (no thumbnail in memory). */
export function missingPhotos(
  photos: readonly ProjectPhoto[],
  loaded: (assetId: string) => boolean,
): ProjectPhoto[] {
  return photos.filter((photo) => !loaded(photo.assetId));
}

/** The wanted photos by byte size, to test a file's size in one look-up. */
export function photosBySize<P extends MatchablePhoto>(photos: readonly P[]): Map<number, P[]> {
  const bySize = new Map<number, P[]>();
  for (const photo of photos)
    bySize.set(photo.byteSize, [...(bySize.get(photo.byteSize) ?? []), photo]);
  return bySize;
}

/**
 * Walks candidate files, hashing only those whose size fits a photo still wanted, and returns
 * each found photo with its file (the first file of that content wins). `hash` is the caller's:
 * Web Crypto in a browser, node:crypto in the host.
 */
export async function matchByContent<P extends MatchablePhoto, F extends { size: number }>(
  wanted: readonly P[],
  files: readonly F[],
  hash: (file: F) => Promise<string>,
  onProgress?: (done: number, total: number) => void,
): Promise<{ found: { photo: P; file: F }[]; missing: P[] }> {
  const bySize = photosBySize(wanted);
  const found: { photo: P; file: F }[] = [];
  const foundIds = new Set<string>();
  let done = 0;
  for (const file of files) {
    const sameSize = bySize.get(file.size)?.filter((p) => !foundIds.has(p.assetId)) ?? [];
    if (sameSize.length > 0) {
      const sha256 = await hash(file);
      const photo = sameSize.find((p) => p.sha256 === sha256);
      if (photo) {
        found.push({ photo, file });
        foundIds.add(photo.assetId);
      }
    }
    onProgress?.(++done, files.length);
    if (foundIds.size === wanted.length) break;
  }
  return { found, missing: wanted.filter((p) => !foundIds.has(p.assetId)) };
}
