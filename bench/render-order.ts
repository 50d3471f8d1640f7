/**
 * The input of `bench:render`, made deterministically and kept between runs: a 100-page 30x30
 * book, three photos a page, each photo a 24-megapixel original, and the order's folder as
 * `lab pull` leaves it: the print-ready JPEGs the app sends (made by the app's own
 * makePrintReady from the originals, planned by planPrintReady) and the manifest's design and
 * files. Only the print-ready images travel; the originals stay here, as on a customer's disk.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import catalogData from '../assets/catalog.json';
import { findProduct, parseCatalog } from '../src/catalog/catalog';
import { assetIdFor, type Book, type PhotoAsset } from '../src/model/book';
import { photoFileName, type OrderFile } from '../src/order/manifest';
import { decryptedName } from '../src/order/decrypted-name';
import { planPrintReady, regionNeeds } from '../src/order/print-regions';
import { makePrintReady } from '../services/photos/print-ready';
import { benchBook } from './designer-book';
import { log, noise } from './support';

export const catalog = parseCatalog(catalogData);
export const product = findProduct(catalog, 'book-30x30-hardcover', 'photoBook');

/** 24 megapixels, as a current camera takes them: 6000 x 4000 and turned. */
const SHAPES = [
  [6000, 4000],
  [4000, 6000],
] as const;

/** Distinct originals made (each about 24 MP); the book's photos cycle through them. */
const ORIGINALS = 12;

/**
 * A photo-like 24 MP JPEG: a few colour fields blended smoothly with grain on top, so it
 * compresses like a photo. Made small and enlarged, then grained at full size.
 */
async function original(index: number): Promise<Buffer> {
  const [width, height] = SHAPES[index % SHAPES.length]!;
  const cells = noise(6 * 4 * 3, `bench-render-${index}`);
  const base = await sharp(cells, { raw: { width: 6, height: 4, channels: 3 } })
    .resize(width, height, { kernel: 'cubic', fit: 'fill' })
    .raw()
    .toBuffer();
  const grain = noise(width * height * 3, `bench-render-grain-${index}`);
  for (let i = 0; i < base.length; i++) {
    base[i] = Math.max(0, Math.min(255, base[i]! + ((grain[i]! & 0x1f) - 16)));
  }
  return sharp(base, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** The generated order: its folder, the book, and the files its manifest lists. */
export interface BenchOrder {
  dir: string;
  book: Book;
  files: OrderFile[];
  /** Bytes of the print-ready images: what the PDF must carry at least. */
  imageBytes: number;
}

/**
 * Makes (or finds, from an earlier run) the order folder under `root`: originals, then one
 * print-ready image per piece of the plan, named as `lab pull` names decrypted files.
 */
export async function benchOrder(root: string, pages: number): Promise<BenchOrder> {
  const originalsDir = join(root, 'originals');
  const dir = join(root, `order-${pages}`);
  await mkdir(originalsDir, { recursive: true });
  await mkdir(dir, { recursive: true });
  const originalPaths: string[] = [];
  for (let i = 0; i < ORIGINALS; i++) {
    const path = join(originalsDir, `DSC_${String(i + 1).padStart(4, '0')}.jpg`);
    if (!existsSync(path)) {
      log(`making 24 MP original ${i + 1}/${ORIGINALS}`);
      await writeFile(path, await original(i));
    }
    originalPaths.push(path);
  }
  // Three photos a page, each its own photo (a book's photos are not repeated): each asset is
  // one of the originals under its own id, so every frame gets its own print-ready image.
  const assets: PhotoAsset[] = Array.from({ length: pages * 3 }, (_, i) => {
    const [widthPx, heightPx] = SHAPES[i % SHAPES.length]!;
    const sha256 = createHash('sha256').update(`bench-render-photo-${i}`).digest('hex');
    return {
      id: assetIdFor(sha256),
      sha256,
      name: `DSC_${String(i + 1).padStart(4, '0')}.jpg`,
      mime: 'image/jpeg',
      widthPx,
      heightPx,
      byteSize: 12_000_000,
    };
  });
  const originalOf = new Map(assets.map((a, i) => [a.id, originalPaths[i % ORIGINALS]!]));
  const book = benchBook(product, pages, assets);
  const design = { kind: 'photoBook' as const, book };
  const pieces = planPrintReady(regionNeeds(design, catalog), book.assets);
  const files: OrderFile[] = [];
  let imageBytes = 0;
  let made = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < pieces.length; i = next++) {
      const piece = pieces[i]!;
      const name = photoFileName(i + 1);
      const path = join(dir, decryptedName(name, 'image/jpeg'));
      let jpeg: Buffer;
      if (existsSync(path)) jpeg = await readFile(path);
      else {
        jpeg = (await makePrintReady(await readFile(originalOf.get(piece.assetId)!), piece)).jpeg;
        await writeFile(path, jpeg);
        if (++made % 25 === 0) log(`print-ready images made: ${made}`);
      }
      imageBytes += jpeg.length;
      files[i] = {
        name,
        role: 'photo',
        assetId: piece.assetId,
        sha256: createHash('sha256').update(jpeg).digest('hex'),
        byteSize: jpeg.length,
        mime: 'image/jpeg',
        printReady: { covers: piece.covers, widthPx: piece.px.width, heightPx: piece.px.height },
      };
    }
  };
  await Promise.all([worker(), worker()]);
  await writeFile(join(dir, 'bench-order.json'), JSON.stringify({ book, files }));
  return { dir, book, files, imageBytes };
}
