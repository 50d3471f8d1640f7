import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import { InFlight } from './upload-storage/in-flight';

/**
 * @tus/file-store's FileStore, except that a creation which fails (a full or read-only disk)
 * leaves no half-made upload behind: FileStore writes the empty data file first and the info
 * file after it, and would leave the first when the second fails.
 */
export class DiskFileStore extends FileStore {
  /** Writes running now, for UploadStorage.settle. */
  readonly writes = new InFlight();

  override write(...args: Parameters<FileStore['write']>): Promise<number> {
    return this.writes.track(super.write(...args));
  }

  override async create(upload: Upload): Promise<Upload> {
    try {
      return await super.create(upload);
    } catch (err) {
      // Left alone they would sit there until expiry; a retried creation replaces the entry.
      for (const file of [upload.id, `${upload.id}.json`]) {
        await rm(join(this.directory, file), { force: true }).catch(() => undefined);
      }
      throw err;
    }
  }
}
