import nodePath, { type PlatformPath } from 'node:path';
import { APP_ORIGIN } from './trust';

/** Where an `app://photodose/...` request leads: a file inside the renderer folder, or a refusal. */
export type AppFile = { ok: true; file: string } | { ok: false; status: 400 | 403; reason: string };

const refuse = (status: 400 | 403, reason: string): AppFile => ({ ok: false, status, reason });

/**
 * A path segment that names a file or folder and nothing else: no dot
 * segments, no separators of either platform (a `%2F` or `%5C` decodes to
 * one), no drive letters or NTFS streams (`:`), no empty segment (`//x`).
 */
function isPlainName(segment: string): boolean {
  return segment !== '' && segment !== '.' && segment !== '..' && !/[/\\:]/.test(segment);
}

/** True when `file` lies strictly inside `root`: the last guard, whatever the segments held. */
export function isInside(root: string, file: string, path: PlatformPath = nodePath): boolean {
  const base = path.resolve(root);
  return path.resolve(file).startsWith(base + path.sep);
}

/**
 * Maps a request URL to a file under `root`. The raw URL is read segment by
 * segment rather than through `new URL`, which would quietly resolve `..` and
 * `%2e%2e` and hide the attempt; every segment is decoded once and must be a
 * plain name. `path` is injectable so the Windows rules can be tested on Linux.
 */
export function resolveAppFile(
  requestUrl: string,
  root: string,
  path: PlatformPath = nodePath,
): AppFile {
  const prefix = `${APP_ORIGIN}/`;
  if (!requestUrl.startsWith(prefix)) return refuse(403, 'not the app origin');
  const rawPath = requestUrl.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
  const segments: string[] = [];
  for (const raw of rawPath === '' ? ['index.html'] : rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refuse(400, 'malformed percent-escape');
    }
    if (segment.includes('\0')) return refuse(400, 'NUL byte in path');
    if (!isPlainName(segment)) return refuse(403, 'path leaves the renderer folder');
    segments.push(segment);
  }
  const file = path.resolve(root, ...segments);
  if (!isInside(root, file, path)) return refuse(403, 'path leaves the renderer folder');
  return { ok: true, file };
}
