import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureRoom } from '../disk-space';
import { DiskFileStore } from '../file-store';
import type { UploadStorage } from './types';

/** The embedded default: uploads as files in `dir` (@tus/file-store), one folder per receiver. */
export function fileUploadStorage(opts: { dir: string; expiryMs: number }): UploadStorage {
  const { dir } = opts;
  const store = new DiskFileStore({
    directory: dir,
    expirationPeriodInMilliseconds: opts.expiryMs,
  });
  const path = (uploadId: string) => join(dir, uploadId);
  return {
    kind: 'files',
    datastore: store,
    ensureRoom: (bytes, reserve) => ensureRoom(dir, bytes, reserve),
    metadata: async (uploadId) =>
      (await store.configstore.get(uploadId).catch(() => undefined))?.metadata,
    lastWrite: async (uploadId) => (await stat(path(uploadId)).catch(() => undefined))?.mtimeMs,
    read: async (uploadId) => {
      const { size } = await stat(path(uploadId));
      return { size, stream: createReadStream(path(uploadId)) };
    },
    ids: async () => (await store.configstore.list?.()) ?? [],
    remove: async (uploadId) => {
      await store.remove(uploadId).catch(() => undefined);
    },
    settle: () => store.writes.settle(),
    ready: async () => {
      await access(dir, constants.W_OK).catch((err: Error) => {
        throw new Error(`the uploads folder ${dir} can't be written: ${err.message}`);
      });
    },
  };
}
