const MiB = 1024 * 1024;

/**
 * A browser streams photos to the host and then asks for their import; the
 * host holds at most 1 GiB of photos waiting for import (services/host/
 * blob-store.ts). Sending a large selection in batches of this size, each
 * imported before the next is streamed, keeps any selection under that cap.
 */
export const IMPORT_BATCH_BYTES = 256 * MiB;
/** Well under the contract's 10,000 sources a request. */
export const IMPORT_BATCH_COUNT = 500;

/** Splits picked photos into batches in their order; a photo over the budget goes alone. */
export function photoBatches<T extends { size: number }>(
  photos: readonly T[],
  { maxBytes = IMPORT_BATCH_BYTES, maxCount = IMPORT_BATCH_COUNT } = {},
): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const photo of photos) {
    if (batch.length > 0 && (bytes + photo.size > maxBytes || batch.length >= maxCount)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(photo);
    bytes += photo.size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
