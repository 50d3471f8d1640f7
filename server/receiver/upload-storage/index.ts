import { fileUploadStorage } from './file-storage';
import { s3UploadStorage } from './s3-storage';
import type { S3UploadStorageConfig } from './s3-storage';
import type { UploadStorage } from './types';

export type { UploadStorage } from './types';
export type { S3UploadStorageConfig } from './s3-storage';

/** Where a receiver keeps uploads: a folder (the embedded default) or an S3-compatible store. */
export type UploadStorageConfig = { kind: 'files'; dir: string } | S3UploadStorageConfig;

/** Builds the storage `config` names; unfinished uploads expire `expiryMs` after creation (tus). */
export function openUploadStorage(
  config: UploadStorageConfig,
  opts: { expiryMs: number },
): UploadStorage {
  return config.kind === 'files'
    ? fileUploadStorage({ dir: config.dir, expiryMs: opts.expiryMs })
    : s3UploadStorage(config, opts);
}
