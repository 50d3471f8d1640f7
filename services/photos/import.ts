import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import sharp from 'sharp';
import type { ImportFailure, ImportedPhoto, PhotoSource } from '../../src/contract/host';
import { assetIdFor, type PhotoAsset } from '../../src/model/book';
import type { BlobStore } from '../host/blob-store';
import type { PhotoStore } from './photo-store';

const THUMBNAIL_PX = 480;
/** Larger than any camera's image, small enough to refuse decompression bombs. */
const MAX_INPUT_PIXELS = 200_000_000;
const mimeOf: Record<string, PhotoAsset['mime']> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tiff: 'image/tiff',
};

export interface ImportResult {
  photos: ImportedPhoto[];
  failures: ImportFailure[];
}

/**
 * Reads photos, hashes them, and makes thumbnails, all in memory. Each file
 * fails on its own with a reason; one bad photo never stops the rest.
 */
export async function importPhotos(
  sources: readonly PhotoSource[],
  deps: { blobs: BlobStore; store: PhotoStore; onProgress?: (done: number, total: number) => void },
): Promise<ImportResult> {
  const photos: ImportedPhoto[] = [];
  const failures: ImportFailure[] = [];
  let done = 0;
  for (const source of sources) {
    const outcome = await importOne(source, deps);
    if ('failure' in outcome) failures.push(outcome.failure);
    else photos.push(outcome.photo);
    deps.onProgress?.(++done, sources.length);
  }
  return { photos, failures };
}

async function importOne(
  source: PhotoSource,
  deps: { blobs: BlobStore; store: PhotoStore },
): Promise<{ photo: ImportedPhoto } | { failure: ImportFailure }> {
  const name = source.kind === 'path' ? basename(source.path) : source.name;
  let bytes: Buffer | undefined;
  try {
    bytes = source.kind === 'path' ? await readFile(source.path) : deps.blobs.take(source.blobId);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { failure: { name, code: 'missing', detail: code ?? String(error) } };
  }
  if (!bytes) return { failure: { name, code: 'missing', detail: 'upload not found' } };

  try {
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });
    const meta = await image.metadata();
    const mime = meta.format ? mimeOf[meta.format] : undefined;
    if (!mime)
      return { failure: { name, code: 'unsupported', detail: meta.format ?? 'unknown format' } };
    // EXIF orientations 5-8 turn the picture by 90 degrees: the printed size swaps too.
    const turned = (meta.orientation ?? 1) >= 5;
    const widthPx = turned ? meta.height : meta.width;
    const heightPx = turned ? meta.width : meta.height;
    const thumb = await image
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 78 })
      .toBuffer({ resolveWithObject: true });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const asset: PhotoAsset = {
      id: assetIdFor(sha256),
      sha256,
      name,
      mime,
      widthPx,
      heightPx,
      byteSize: bytes.length,
    };
    deps.store.add(
      asset,
      source.kind === 'path' ? { kind: 'path', path: source.path } : { kind: 'memory', bytes },
    );
    return {
      photo: {
        asset,
        thumbnail: {
          dataUrl: `data:image/jpeg;base64,${thumb.data.toString('base64')}`,
          widthPx: thumb.info.width,
          heightPx: thumb.info.height,
        },
      },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = /pixel limit/i.test(message) ? 'too-large' : 'unreadable';
    return { failure: { name, code, detail: message } };
  }
}
