import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { HostError } from '../../src/contract/host';
import type { OrderFile } from '../../src/order/manifest';
import type { PhotoAsset } from '../../src/model/book';
import type { PrintReadyPiece } from '../../src/order/print-regions';
import { makePrintReady } from '../photos/print-ready';
import type { PhotoStore } from '../photos/photo-store';
import { FileUnavailable } from '../host/browser-files';
import { sameStamp, stampOf, type FileStamp } from '../photos/file-stamp';
import { stampedOpen, verifiedOpen } from './verified-plain';

/** The plaintext of an order's file from a byte on. */
export type OpenPlain = (start: number) => Readable;

/** What an order's photo is, as its files are made from it: the design's asset, no date. */
export type RunPhoto = Omit<PhotoAsset, 'takenAt'>;

/** One file of an order: its manifest entry, and for a print-ready image the part it cuts. */
export interface RunPart {
  file: OrderFile;
  piece?: PrintReadyPiece;
}

/**
 * Why a photo's bytes can't be had: `missing` (the file or the window that held it is gone),
 * `unreadable` (there, but it can't be read), `changed` (not the bytes the customer added).
 */
export type PhotoProblem = 'missing' | 'unreadable' | 'changed';

/** The order can't go on without this photo: the customer is asked to pick it again. */
export function photoUnavailable(photo: RunPhoto, problem: PhotoProblem, detail = ''): HostError {
  const why =
    problem === 'changed' ? 'changed since it was added' : `can no longer be read${detail}`;
  return new HostError('photo-missing', `photo ${photo.name} ${why}; add it again`, {
    assetId: photo.id,
    problem,
  });
}

/** The problem a failed read stands for. */
export function problemOf(error: unknown): PhotoProblem {
  if (error instanceof FileUnavailable)
    return error.reason === 'missing' ? 'missing' : 'unreadable';
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  // The store no longer knows the photo (released): nobody can read it.
  if (error instanceof Error && error.message.includes('no longer in memory')) return 'missing';
  return 'unreadable';
}

/** A photo's whole bytes, which must still be the bytes the customer added. */
export async function readPhoto(store: PhotoStore, photo: RunPhoto): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await store.read(photo.id);
  } catch (error) {
    if (error instanceof HostError) throw error;
    const detail = error instanceof Error ? ` (${error.message})` : '';
    throw photoUnavailable(photo, problemOf(error), detail);
  }
  if (sha256(bytes) !== photo.sha256) throw photoUnavailable(photo, 'changed');
  return bytes;
}

/**
 * A photo on disk is still there at its size; its stamp now (photos/file-stamp.ts), for the
 * upload to tell whether the hash taken at import still stands for its bytes.
 */
export async function checkPresent(
  store: PhotoStore,
  photo: RunPhoto,
): Promise<FileStamp | undefined> {
  const where = store.get(photo.id)?.bytes;
  if (where?.kind !== 'path') return undefined;
  const now = await stat(where.path, { bigint: true }).then(stampOf, (error: unknown) => {
    throw photoUnavailable(photo, problemOf(error));
  });
  if (now.size !== BigInt(photo.byteSize)) throw photoUnavailable(photo, 'changed');
  return now;
}

/** A print-ready image of a piece of the photo as it is now: its manifest entry and bytes. */
export async function makePrintReadyFile(
  store: PhotoStore,
  photo: RunPhoto,
  piece: PrintReadyPiece,
  draft: Omit<OrderFile, 'sha256' | 'byteSize'>,
): Promise<{ file: OrderFile; jpeg: Buffer }> {
  const image = await makePrintReady(await readPhoto(store, photo), piece);
  return {
    file: { ...draft, sha256: image.sha256, byteSize: image.jpeg.length },
    jpeg: image.jpeg,
  };
}

/**
 * The plaintext of one file of an order whose manifest is sent: made again exactly as the first
 * pass made it (print-ready images are the same bytes every time), or refused naming the photo.
 * `checked` lists photos on disk already read through since the order was opened or resumed.
 */
export async function openPart(
  store: PhotoStore,
  photo: RunPhoto,
  part: RunPart,
  checked: Set<string>,
): Promise<OpenPlain> {
  if (part.piece) {
    const { file, jpeg } = await makePrintReadyFile(store, photo, part.piece, part.file);
    if (file.sha256 !== part.file.sha256) throw photoUnavailable(photo, 'changed');
    return (start) => Readable.from([jpeg.subarray(start)]);
  }
  const where = store.get(photo.id)?.bytes;
  if (where?.kind !== 'path') {
    // A browser sends a photo whole when asked: asked once here, checked, held while it uploads.
    const bytes = await readPhoto(store, photo);
    return (start) => Readable.from([bytes.subarray(start)]);
  }
  // Still there, at its size, when its turn comes? (`checked`: it was looked at on opening.)
  const now = await checkPresent(store, photo);
  checked.add(photo.id);
  const open = (start: number) => store.open(photo.id, start);
  const changed = () => photoUnavailable(photo, 'changed');
  // Untouched since its hash was taken: sent as read, its stamp looked at again at the end.
  const stamp = where.stamp;
  if (stamp && now && sameStamp(stamp, now)) return stampedOpen(open, where.path, stamp, changed);
  // Otherwise its bytes are checked as the upload reads them, not read through first.
  return verifiedOpen(open, photo, changed);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
