import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/server';

/**
 * Where uploads' bytes live: a folder on this machine (the embedded default) or an S3-compatible
 * object store several receivers share. uploads.ts runs @tus/server on `datastore`; commit, lab,
 * expiry and readiness use the rest. Every method takes a tus upload id (32 hex digits).
 */
export interface UploadStorage {
  readonly kind: 'files' | 's3';
  readonly datastore: DataStore;
  /**
   * Throws HttpError 507 unless a new upload of `bytes` leaves `reserve` bytes free where it
   * takes room on this machine.
   */
  ensureRoom(bytes: number, reserve: number): Promise<void>;
  /** The upload's tus metadata (order, name), or undefined if its info can't be read. */
  metadata(uploadId: string): Promise<Record<string, string | null> | undefined>;
  /** When a byte of the upload (or its info) was last written, ms since the epoch; undefined if gone. */
  lastWrite(uploadId: string): Promise<number | undefined>;
  /** A finished upload's bytes, streamed from where they are stored (nothing held in memory). */
  read(uploadId: string): Promise<{ size: number; stream: Readable }>;
  /** Ids of every upload stored, finished or not, including ones whose info is lost. */
  ids(): Promise<string[]>;
  /** Removes everything stored for the upload; nothing there is not an error. */
  remove(uploadId: string): Promise<void>;
  /** Resolves when the storage can be written; throws with a message naming what is wrong. */
  ready(): Promise<void>;
  /** Resolves once the datastore's writes running now have ended (see InFlight). */
  settle(): Promise<void>;
}
