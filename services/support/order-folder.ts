import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import type { ImportedPhoto, SupportOrder } from '../../src/contract/host';
import type { PhotoAsset } from '../../src/model/book';
import { designAssets } from '../../src/model/design';
import { parseManifest, type AnyOrderManifest, type OrderFile } from '../../src/order/manifest';
import { decryptedName } from '../../src/order/decrypted-name';
import { openUpright } from '../photos/decode';
import type { PhotoStore } from '../photos/photo-store';

/**
 * Support's thumbnails are larger than the import's (480 px): support looks at faces and type
 * on a spread filling the screen, and compares it with the print file.
 */
export const SUPPORT_THUMBNAIL_PX = 1600;

/** Where the parts of a photo the order did not send show: a quiet grey, never printed. */
const NOT_SENT = { r: 232, g: 232, b: 232 };

/** A pulled order, read: its manifest and where each photo's files lie in its folder. */
export interface OrderFolder {
  dir: string;
  manifest: AnyOrderManifest;
}

/** Reads and checks a pulled order's manifest (`lab pull` wrote it decrypted as manifest.json). */
export async function readOrderFolder(dir: string): Promise<OrderFolder> {
  let text: string;
  try {
    text = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new Error(
      `${dir} holds no pulled order (no manifest.json): pull it with 'photodose lab pull'`,
    );
  }
  return { dir, manifest: parseManifest(JSON.parse(text)) };
}

/**
 * Puts an order's photos into the host's memory, each under the asset id the design uses, with a
 * thumbnail made from the order's own files: the original where it was sent, else the print-ready
 * images laid where they belong in the photo (the parts not sent stay grey: nothing prints them).
 * Returns the order as support sees it: design and photos, no customer.
 */
export async function loadSupportOrder(
  folder: OrderFolder,
  store: PhotoStore,
  render: { command: string; available: boolean },
): Promise<SupportOrder> {
  const { dir, manifest } = folder;
  const photos: ImportedPhoto[] = [];
  for (const asset of designAssets(manifest.design)) {
    const files = manifest.files.filter((f) => f.assetId === asset.id);
    const path = (file: OrderFile) => join(dir, decryptedName(file.name, file.mime));
    const original = files.find((f) => !f.printReady);
    const thumbnail = original
      ? await originalThumbnail(await readFile(path(original)))
      : await piecesThumbnail(
          asset,
          files.map((f) => ({ path: path(f), ...f.printReady! })),
        );
    const biggest = original ?? [...files].sort((a, b) => b.byteSize - a.byteSize)[0];
    if (!biggest) throw new Error(`order ${manifest.orderId} has no file for photo ${asset.id}`);
    store.add(asset, { kind: 'path', path: path(biggest) }, thumbnail.jpeg);
    photos.push({ asset, thumbnail: { widthPx: thumbnail.widthPx, heightPx: thumbnail.heightPx } });
  }
  return {
    orderId: manifest.orderId,
    createdAt: manifest.createdAt,
    design: manifest.design,
    photos,
    renderCommand: render.command,
    canRender: render.available,
  };
}

interface Thumbnail {
  jpeg: Buffer;
  widthPx: number;
  heightPx: number;
}

async function originalThumbnail(bytes: Buffer): Promise<Thumbnail> {
  const photo = await openUpright(bytes, { fitInside: SUPPORT_THUMBNAIL_PX });
  const image = photo.hasAlpha ? photo.image.flatten({ background: '#ffffff' }) : photo.image;
  return encode(
    image.resize(SUPPORT_THUMBNAIL_PX, SUPPORT_THUMBNAIL_PX, {
      fit: 'inside',
      withoutEnlargement: true,
    }),
  );
}

/** The photo at thumbnail size, each print-ready piece laid over the part it covers. */
async function piecesThumbnail(
  asset: PhotoAsset,
  pieces: {
    path: string;
    covers: { x: number; y: number; w: number; h: number };
    widthPx: number;
  }[],
): Promise<Thumbnail> {
  const scale = Math.min(1, SUPPORT_THUMBNAIL_PX / Math.max(asset.widthPx, asset.heightPx));
  const width = Math.max(1, Math.round(asset.widthPx * scale));
  const height = Math.max(1, Math.round(asset.heightPx * scale));
  // The sharpest piece last, so where pieces overlap it is the one seen.
  const ordered = [...pieces].sort((a, b) => a.widthPx / a.covers.w - b.widthPx / b.covers.w);
  const layers = await Promise.all(
    ordered.map(async (piece) => {
      const left = Math.min(width - 1, Math.round(piece.covers.x * width));
      const top = Math.min(height - 1, Math.round(piece.covers.y * height));
      const w = Math.max(1, Math.min(width - left, Math.round(piece.covers.w * width)));
      const h = Math.max(1, Math.min(height - top, Math.round(piece.covers.h * height)));
      const input = await sharp(piece.path)
        .resize(w, h, { fit: 'fill' })
        .toColourspace('srgb')
        .png({ compressionLevel: 0 })
        .toBuffer();
      return { input, left, top };
    }),
  );
  return encode(
    sharp({ create: { width, height, channels: 3, background: NOT_SENT } }).composite(layers),
  );
}

async function encode(image: Sharp): Promise<Thumbnail> {
  const { data, info } = await image
    .toColourspace('srgb')
    .jpeg({ quality: 85 })
    .toBuffer({ resolveWithObject: true });
  return { jpeg: data, widthPx: info.width, heightPx: info.height };
}
