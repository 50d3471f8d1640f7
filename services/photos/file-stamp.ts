/**
 * What a photo file looked like on disk when its bytes were hashed: size, modification and
 * change times to the nanosecond, inode and device. A write to the file changes its times, and a
 * file put in its place has another inode, so an order can trust the hash taken at import while
 * the stamp is the same, and read the file once, to send it, instead of hashing it again as it
 * goes (about 0.65 s of CPU a GiB). Version control systems (git's index) and rsync decide the
 * same way whether a file changed.
 */
import type { BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface FileStamp {
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
  readonly ino: bigint;
  readonly dev: bigint;
}

/**
 * How recent a change may be for a stamp not to stand for the bytes: a file system with a coarse
 * clock (FAT keeps modification times to 2 s) can give a file written again in the same tick the
 * same times. A stamp taken this soon after the file's last change is not kept.
 */
export const RECENT_CHANGE_NS = 3_000_000_000n;

export function stampOf(stats: BigIntStats): FileStamp {
  return {
    size: stats.size,
    mtimeNs: stats.mtimeNs,
    ctimeNs: stats.ctimeNs,
    ino: stats.ino,
    dev: stats.dev,
  };
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return (
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs &&
    a.ctimeNs === b.ctimeNs &&
    a.ino === b.ino &&
    a.dev === b.dev
  );
}

/**
 * The stamp of a file read between `before` and `after` (its stats then), or undefined where it
 * can't stand for the bytes read: the file changed while it was read, or changed so shortly
 * before `nowNs` (the wall clock, as the file system's times are) that a coarse clock could hide
 * a second change.
 */
export function stampOfRead(
  before: BigIntStats,
  after: BigIntStats,
  nowNs: bigint,
): FileStamp | undefined {
  const stamp = stampOf(after);
  if (!sameStamp(stampOf(before), stamp)) return undefined;
  const lastChange = stamp.mtimeNs > stamp.ctimeNs ? stamp.mtimeNs : stamp.ctimeNs;
  return nowNs - lastChange >= RECENT_CHANGE_NS ? stamp : undefined;
}

/** The file's stamp now, or undefined if it can't be looked at (gone, no permission). */
export async function currentStamp(path: string): Promise<FileStamp | undefined> {
  return stat(path, { bigint: true }).then(stampOf, () => undefined);
}

/** The wall clock in nanoseconds, as file times are kept. */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
