import { stat } from 'node:fs/promises';
import type { NeededPhoto, NotSentOrder } from '../../src/contract/host';
import type { PhotoStore } from '../photos/photo-store';
import { decodeDone, type PendingOrder, type PendingProgress } from './pending-order';
import type { PhotoProblem, RunPhoto } from './order-files';
import { runFile, type OrderRun, type SubmitDeps } from './submit';
import { OrderLookup } from '../order-status/order-lookup';

const NO_THUMBNAIL = Buffer.alloc(0);

/**
 * The run of an order found in the keychain when the app starts, or why it can't go on: opened
 * with another lab (server or key changed since), or stopped before its manifest got through
 * (the customer's data was never kept, so that order can't be finished; the server lets an
 * uncommitted order expire). Photos come again from where the desktop app read them; a
 * browser's photos must be picked again (`neededPhotos`).
 */
export function restoreOrderRun(
  pending: PendingOrder,
  progress: PendingProgress,
  deps: Pick<SubmitDeps, 'store' | 'lab' | 'trust'>,
): OrderRun | { refused: string; reason: NotSentOrder['reason'] } {
  const { lab } = pending;
  if (
    lab.id !== deps.lab.id ||
    lab.serverUrl !== deps.lab.serverUrl ||
    lab.recipient !== deps.lab.recipient
  ) {
    return {
      refused: `order ${pending.orderId} was opened with another lab configuration`,
      reason: 'lab-changed',
    };
  }
  if (!progress.manifestDone) {
    return {
      refused: `order ${pending.orderId} stopped before its manifest was sent`,
      reason: 'closed-early',
    };
  }
  const seed = Buffer.from(pending.seed, 'base64url');
  const store = deps.store.keep([]);
  const photos: RunPhoto[] = pending.photos.map(({ path, ...photo }) => {
    if (path) store.add(photo, { kind: 'path', path }, NO_THUMBNAIL);
    return photo;
  });
  const done = decodeDone(progress.done);
  const files = pending.files.map(({ file }, i) => ({
    ...runFile(seed, `f${i}`, lab.recipient, file.byteSize),
    uploadUrl: progress.uploads[`f${i}`],
    done: done.has(i),
  }));
  return {
    orderId: pending.orderId,
    uploadUrl: pending.uploadUrl,
    uploadToken: pending.uploadToken,
    createdAt: pending.createdAt,
    send: pending.send,
    lab,
    seed,
    store,
    photos,
    parts: pending.files.map(({ file, piece }) => ({
      file,
      piece: piece && { ...piece, assetId: file.assetId },
    })),
    files,
    manifest: {
      ...runFile(seed, 'manifest', lab.recipient, pending.manifestBytes),
      plainLength: pending.manifestBytes,
      done: true,
    },
    // Every photo on disk is read through again before it is sent: it may have changed.
    checked: new Set(),
    committed: false,
    // The status lookup's key goes to the server again: the app may have been closed before
    // the first run's reached it. The commit waits for it, as on the first run.
    lookup:
      pending.lookupKey === undefined
        ? undefined
        : OrderLookup.withKey(pending.lookupKey, {
            serverUrl: lab.serverUrl,
            orderId: pending.orderId,
            uploadToken: pending.uploadToken,
            trust: deps.trust,
          }),
  };
}

/**
 * The photos the rest of the order still needs that can't be had as things are, so the customer
 * can pick them all again at once: the one that just failed; every photo no longer known where
 * to read (a browser's, after a restart); every browser photo when the window that held them is
 * gone (a reload loses them all at once); and photos on disk that are gone or have another size.
 */
export async function neededPhotos(
  run: OrderRun,
  failed?: { assetId: string; problem: PhotoProblem },
): Promise<NeededPhoto[]> {
  const waiting = new Set(
    run.parts.filter((_, i) => !run.files[i]!.done).map((part) => part.file.assetId),
  );
  const windowGone = failed?.problem === 'missing' && isBrowsers(run.store, failed.assetId);
  const needed: NeededPhoto[] = [];
  for (const photo of run.photos) {
    if (!waiting.has(photo.id)) continue;
    const problem =
      photo.id === failed?.assetId
        ? failed.problem
        : await problemNow(run.store, photo, windowGone);
    if (problem) {
      needed.push({ assetId: photo.id, name: photo.name, byteSize: photo.byteSize, problem });
    }
  }
  return needed;
}

function isBrowsers(store: PhotoStore, assetId: string): boolean {
  return store.get(assetId)?.bytes.kind === 'browser';
}

/** A cheap look: no photo is read here (a browser's would have to be sent whole). */
async function problemNow(
  store: PhotoStore,
  photo: RunPhoto,
  windowGone: boolean,
): Promise<PhotoProblem | undefined> {
  const where = store.get(photo.id)?.bytes;
  if (!where) return 'missing';
  if (where.kind === 'browser') return windowGone ? 'missing' : undefined;
  try {
    const info = await stat(where.path);
    return info.size === photo.byteSize ? undefined : 'changed';
  } catch (error) {
    return (error as { code?: unknown }).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
}
