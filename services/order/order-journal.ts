import {
  encodeDone,
  type PendingOrder,
  type PendingOrderStore,
  type PendingProgress,
} from './pending-order';
import type { OrderJournal, OrderRun } from './submit';

/**
 * Keeps the running order's resume secrets in the OS keychain: written when the order is opened,
 * each upload's URL as soon as the server made it, each file when it is through, all removed when
 * the order is committed or forgotten. A keychain that refuses costs only the resume after a
 * restart: the order itself goes on (said in the log).
 */
export function keychainJournal(
  store: PendingOrderStore,
  log?: (line: string) => void,
): OrderJournal {
  const refused = (what: string) => (error: unknown) =>
    log?.(`keychain: could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
  const save = (run: OrderRun) => {
    // Called synchronously from the upload's own callbacks: the OS keychain writes before
    // `set` returns, so the URL is stored before the upload's first byte leaves.
    store.saveProgress(progressOf(run)).catch(refused('store the order progress'));
  };
  return {
    opened: (run) => store.save(pendingOf(run), progressOf(run)).catch(refused('store the order')),
    uploadCreated: (run) => save(run),
    uploadDone: (run) => save(run),
    finished: (run) => forgetPending(store, run.orderId, log),
  };
}

/** Removes the pending order from the keychain (it went through, or the customer let it go). */
export function forgetPending(
  store: PendingOrderStore,
  orderId: string,
  log?: (line: string) => void,
): Promise<void> {
  return store
    .remove()
    .catch((error: unknown) =>
      log?.(
        `keychain: could not remove order ${orderId}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
}

/** The keychain record of a run: no customer data, no design, no manifest. */
export function pendingOf(run: OrderRun): PendingOrder {
  return {
    v: 1,
    orderId: run.orderId,
    uploadUrl: run.uploadUrl,
    uploadToken: run.uploadToken,
    createdAt: run.createdAt,
    lab: run.lab,
    send: run.send,
    seed: run.seed.toString('base64url'),
    photos: run.photos.map((photo) => {
      const where = run.store.get(photo.id)?.bytes;
      return where?.kind === 'path' ? { ...photo, path: where.path } : photo;
    }),
    files: run.parts.map((part) => ({ file: part.file, piece: part.piece })),
    manifestBytes: run.manifest.plainLength,
    lookupKey: run.lookup?.madeKey,
  };
}

export function progressOf(run: OrderRun): PendingProgress {
  const uploads: Record<string, string> = {};
  for (const file of [run.manifest, ...run.files]) {
    if (!file.done && file.uploadUrl) uploads[file.label] = file.uploadUrl;
  }
  const done = new Set(run.files.flatMap((f, i) => (f.done ? [i] : [])));
  return {
    manifestDone: run.manifest.done,
    done: encodeDone(done, run.files.length),
    uploads,
  };
}
