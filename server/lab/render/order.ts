import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findProduct, type Catalog } from '../../../src/catalog/catalog';
import { catalogOfLab } from '../order-catalog';
import type { Fractions } from '../../../src/model/crop';
import { parseManifest, type AnyOrderManifest } from '../../../src/order/manifest';
import { decryptedName } from '../../../src/order/decrypted-name';
import { openUpright } from '../../../services/photos/decode';
import { writeBookFiles } from './book';
import { writeCanvasFile } from './canvas';
import type { FontSource } from './fonts';
import { coveringImage } from '../../../src/order/print-regions';
import type { PhotoSource } from './photo-cut';
import { writePrintFiles } from './prints';

/** The folder inside an order's folder that holds its print files. */
export const PRINT_DIR = 'print';

/** What `renderOrder` made. */
export interface RenderedOrder {
  orderId: string;
  kind: AnyOrderManifest['design']['kind'];
  dir: string;
  /** File names inside `dir`, in production order. */
  files: string[];
}

/**
 * The photos of a pulled order, by asset id and region: the decrypted files `lab pull` verified
 * against the manifest, named as it names them. For a region it is the print-ready image that
 * covers the region (at the most pixels, if several do), with the region remapped into that
 * image; else the original. Orders from before print-ready images carry originals only.
 */
export function orderPhotos(orderDir: string, manifest: AnyOrderManifest): PhotoSource {
  const path = (file: AnyOrderManifest['files'][number]) =>
    join(orderDir, decryptedName(file.name, file.mime));
  const originals = new Map<string, { path: string; mime: string }>();
  const decoded = new Map<string, Promise<Buffer>>();
  const ready = new Map<
    string,
    { path: string; covers: Fractions; widthPx: number; heightPx: number }[]
  >();
  for (const file of manifest.files) {
    if (!file.printReady) {
      originals.set(file.assetId, { path: path(file), mime: file.mime });
      continue;
    }
    const list = ready.get(file.assetId) ?? [];
    list.push({ path: path(file), ...file.printReady });
    ready.set(file.assetId, list);
  }
  return async (assetId, region) => {
    const covering = coveringImage(ready.get(assetId) ?? [], region);
    if (covering) return { input: covering.image.path, region: covering.region };
    const original = originals.get(assetId);
    if (original && !NEEDS_DECODING.has(original.mime)) return original.path;
    if (original) {
      // Decoded once per photo, however many frames show it.
      let bytes = decoded.get(assetId);
      if (!bytes) decoded.set(assetId, (bytes = uprightForPrint(original.path)));
      return bytes;
    }
    throw new Error(
      `order ${manifest.orderId} has no file for photo ${assetId} that covers the part printed`,
    );
  };
}

/**
 * Originals sharp's own decoders can't read: HEIC/HEIF, the format iPhones take photos in (sent
 * when the customer chose to send originals). Print-ready images are always JPEG.
 */
const NEEDS_DECODING = new Set(['image/heic', 'image/heif']);

/** The photo decoded the way the app decodes it, upright, in sRGB, as a lossless PNG in memory. */
async function uprightForPrint(path: string): Promise<Buffer> {
  const { image } = await openUpright(await readFile(path));
  return image.toColourspace('srgb').withIccProfile('srgb').png({ compressionLevel: 1 }).toBuffer();
}

/**
 * Writes the print files of a pulled order into `<order>/print/`: a photo book's inner block
 * and cover PDFs, one JPEG per print line, or the canvas JPEG. The files are dated with the
 * order, so rendering the same order again gives the same bytes. They are written beside the
 * folder first and swapped in whole, so a failed render never leaves half a set.
 */
export async function renderOrder(
  orderDir: string,
  options: { catalog?: Catalog; fonts?: FontSource } = {},
): Promise<RenderedOrder> {
  const manifest = parseManifest(
    JSON.parse(await readFile(join(orderDir, 'manifest.json'), 'utf8')),
  );
  const catalog = options.catalog ?? (await catalogOfLab(manifest.lab.id));
  const photos = orderPhotos(orderDir, manifest);
  const date = new Date(manifest.createdAt);
  const dir = join(orderDir, PRINT_DIR);
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  const { design } = manifest;
  let files: string[];
  try {
    switch (design.kind) {
      case 'photoBook': {
        const product = findProduct(catalog, design.book.productId, 'photoBook');
        const job = { book: design.book, product, photos, fonts: options.fonts, date };
        const written = await writeBookFiles(job, partial);
        files = [written.inner, written.cover].map((p) => p.slice(partial.length + 1));
        break;
      }
      case 'prints': {
        const product = findProduct(catalog, design.prints.productId, 'print');
        files = (await writePrintFiles(product, design.prints, photos, partial)).map((f) => f.name);
        break;
      }
      case 'canvas': {
        const product = findProduct(catalog, design.canvas.productId, 'canvas');
        const path = await writeCanvasFile(product, design.canvas, photos, partial);
        files = [path.slice(partial.length + 1)];
        break;
      }
    }
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return { orderId: manifest.orderId, kind: design.kind, dir, files };
}
