import { statfs } from 'node:fs/promises';
import { HttpError } from './http';
import { isObjectStoreDown } from './upload-storage/s3-errors';

/** Bytes an unprivileged process may still write in the file system holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const info = await statfs(dir);
  return info.bavail * info.bsize;
}

/** Throws 507 unless `bytes` fit into `dir`'s file system with `reserve` bytes to spare. */
export async function ensureRoom(dir: string, bytes: number, reserve: number): Promise<void> {
  const free = await freeBytes(dir);
  if (bytes + reserve > free) {
    throw new HttpError(
      507,
      `the server has no room for a file of ${bytes} bytes right now; try again later`,
    );
  }
}

/**
 * The reply for a write that failed because of the storage itself (the disk, or an object store
 * that can't be reached), or undefined for any other failure. Each says "try again later": what
 * was stored stays, an upload resumes from it.
 */
export function storageFailure(err: unknown): HttpError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new HttpError(507, "the server's disk is full; try again later");
  }
  if (code === 'EROFS') {
    return new HttpError(503, "the server's storage is read-only; try again later");
  }
  if (isObjectStoreDown(err)) {
    return new HttpError(503, "the server's storage can't be reached right now; try again later");
  }
  return undefined;
}
