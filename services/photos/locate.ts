import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { matchByContent } from '../../src/project/match-photos';
import type { ProjectPhoto } from '../../src/project/project-file';

/**
 * Finds a project's photos that are no longer where they were last seen, without asking: by
 * byte size (the file system knows it), then SHA-256 of only the files whose size fits. It
 * searches where moved photos usually are, nearest first, and stops as soon as all are found:
 *
 * 1. the last known path itself (nothing moved);
 * 2. the last known folders, with their subfolders (renamed, or sorted into subfolders);
 * 3. the folders beside them: their parents' trees (a folder renamed or moved next door);
 * 4. the customer's picture folders (`~/Pictures`, `~/Bilder`, XDG's), given by the caller.
 *
 * Bounded: hidden folders and links are not followed, folders are walked to `maxDepth`, and the
 * whole search looks at no more than `maxFiles` files. Progress is reported as files are seen.
 */

/** A photo to find: the project's record of it. */
export type WantedPhoto = Pick<ProjectPhoto, 'assetId' | 'sha256' | 'byteSize' | 'lastKnownPath'>;

export interface LocateOptions {
  /** The customer's picture folders, searched last. */
  pictureFolders?: readonly string[];
  /** Files looked at in all, over every folder (default 100,000). */
  maxFiles?: number;
  /** How deep below a searched folder (default 6). */
  maxDepth?: number;
  /** Files seen so far and photos found, as the search goes. */
  onProgress?(progress: { filesSeen: number; found: number }): void;
  signal?: AbortSignal;
}

export interface LocateResult {
  /** Where each found photo is now, by asset id. */
  found: Map<string, string>;
  /** Asset ids of the photos not found. */
  missing: string[];
  filesSeen: number;
  /** True when the search stopped at `maxFiles` before it had looked everywhere. */
  limitReached: boolean;
}

interface Candidate {
  path: string;
  size: number;
}

/** The SHA-256 of a file, streamed: a 24 MP photo is never held whole. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export async function locatePhotos(
  wanted: readonly WantedPhoto[],
  options: LocateOptions = {},
): Promise<LocateResult> {
  const maxFiles = options.maxFiles ?? 100_000;
  const maxDepth = options.maxDepth ?? 6;
  const found = new Map<string, string>();
  const walked = new Set<string>();
  let filesSeen = 0;
  let limitReached = false;
  const remaining = () => wanted.filter((photo) => !found.has(photo.assetId));
  const report = () => options.onProgress?.({ filesSeen, found: found.size });

  /** Matches candidates against the photos still missing; the first file of a content wins. */
  const match = async (candidates: Candidate[]) => {
    const { found: matched } = await matchByContent(remaining(), candidates, (c) =>
      sha256OfFile(c.path).catch(() => ''),
    );
    for (const { photo, file } of matched) found.set(photo.assetId, file.path);
    report();
  };

  /** The regular files under `root` to `maxDepth`, breadth first, hidden folders and links left out. */
  const filesUnder = async (root: string): Promise<Candidate[]> => {
    const files: Candidate[] = [];
    let level = [root];
    for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
      const next: string[] = [];
      for (const dir of level) {
        if (walked.has(dir)) continue;
        walked.add(dir);
        options.signal?.throwIfAborted();
        const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
        for (const entry of entries) {
          if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
          const path = join(dir, entry.name);
          if (entry.isDirectory()) next.push(path);
          else if (entry.isFile()) {
            if (filesSeen >= maxFiles) {
              limitReached = true;
              return files;
            }
            filesSeen++;
            const size = await stat(path).then(
              (s) => s.size,
              () => -1,
            );
            if (size > 0) files.push({ path, size });
          }
        }
        if (filesSeen % 500 === 0) report();
      }
      level = next;
    }
    return files;
  };

  // 1. Nothing moved.
  const withPath = wanted.filter((photo) => photo.lastKnownPath);
  await match(
    await Promise.all(
      withPath.map(async (photo) => ({
        path: photo.lastKnownPath!,
        size: await stat(photo.lastKnownPath!).then(
          (s) => (s.isFile() ? s.size : -1),
          () => -1,
        ),
      })),
    ),
  );
  const folders = unique(withPath.map((photo) => dirname(photo.lastKnownPath!)));
  const rounds = [
    // 2. The folders the project used.
    folders,
    // 3. Beside them: a renamed or moved folder is usually next door.
    unique(folders.map((folder) => dirname(folder))).filter((parent) => dirname(parent) !== parent),
    // 4. Where customers keep pictures.
    [...(options.pictureFolders ?? [])],
  ];
  for (const round of rounds) {
    for (const root of round) {
      if (remaining().length === 0 || limitReached) break;
      await match(await filesUnder(root));
    }
  }
  return {
    found,
    missing: remaining().map((photo) => photo.assetId),
    filesSeen,
    limitReached,
  };
}

const unique = (paths: readonly string[]) => [...new Set(paths)];
