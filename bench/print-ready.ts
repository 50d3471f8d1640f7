/**
 * Print-ready images against the originals (issue 8): a generated photo book of 24-megapixel
 * photo-like JPEGs in frames of 10 x 15 cm or smaller, planned by the order's core
 * (src/order/print-regions) and made by the host's own code (services/photos/print-ready.ts),
 * exactly as an order makes them. Reported: the bytes the print-ready images come to against the
 * originals' (goal at most 0.5), their quality as SSIM against a render from the original at the
 * same print pixels (goal at least 0.98, the worst image counts), how close the checkout's
 * "about" estimate came, the time per image and the peak RSS. Last line of stdout is one JSON
 * object (see TESTING.md).
 *
 *   npm run bench:print-ready
 *   BENCH_PRINT_READY_PHOTOS=12 BENCH_PRINT_READY_DIR=/tmp/pr npm run bench:print-ready
 *
 * The photos are made once (deterministically: colour fields, blotchy texture and fine grain,
 * a different cut and colour cast each, every fourth stored sideways with EXIF orientation 6,
 * about 6-8 MB each at a camera's quality) and cached outside the repository, in
 * BENCH_PRINT_READY_DIR or the system's temp folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import catalogData from '../assets/catalog.json';
import { openUpright } from '../services/photos/decode';
import { makePrintReady } from '../services/photos/print-ready';
import { findProduct, parseCatalog } from '../src/catalog/catalog';
import type { Book, Frame, PhotoAsset } from '../src/model/book';
import { newBook } from '../src/model/commands';
import { assetIdFor } from '../src/model/book';
import { planPrintReady, regionNeeds } from '../src/order/print-regions';
import { estimatePrintReadyBytes } from '../src/order/upload-estimate';
import { ssimOf } from '../tests/fixtures/ssim';
import {
  emitResult,
  envNumber,
  log,
  maxRss,
  median,
  noise,
  printTable,
  round,
  timed,
} from './support';

const WIDTH = 6000;
const HEIGHT = 4000;
const MARGIN = 256;
const SCENES = 3;
/** Bump when the photos change, so an old cache is not taken for the new one. */
const VERSION = 1;
const COUNT = envNumber('BENCH_PRINT_READY_PHOTOS', 24);
const DIR =
  process.env.BENCH_PRINT_READY_DIR ||
  join(tmpdir(), `photodose-bench-print-ready-v${VERSION}-${WIDTH}x${HEIGHT}`);

/** Raw RGB of a scene larger than a photo: colour fields, mid-sized texture, fine grain. */
async function scene(s: number): Promise<{ pixels: Buffer; width: number; height: number }> {
  const width = WIDTH + MARGIN;
  const height = HEIGHT + MARGIN;
  const seed = `bench-print-ready-scene-${s}`;
  const grow = (raw: Buffer, w: number, h: number, channels: 1 | 3) =>
    sharp(raw, { raw: { width: w, height: h, channels } })
      .resize(width, height, { kernel: 'cubic' })
      .raw()
      .toBuffer();
  const fields = await grow(noise(11 * 8 * 3, seed), 11, 8, 3);
  const texture = await grow(
    noise((width / 8) * (height / 8), `${seed}-t`),
    width / 8,
    height / 8,
    1,
  );
  const grain = noise(width * height, `${seed}-g`);
  const pixels = Buffer.allocUnsafe(width * height * 3);
  for (let p = 0, q = 0; p < width * height; p++, q += 3) {
    const detail = ((texture[p]! - 128) >> 2) + ((grain[p]! - 128) >> 4);
    for (let c = 0; c < 3; c++) pixels[q + c] = Math.max(0, Math.min(255, fields[q + c]! + detail));
  }
  return { pixels, width, height };
}

/** The cached photo files, made where missing. */
async function photos(): Promise<string[]> {
  await mkdir(DIR, { recursive: true });
  const paths = Array.from({ length: COUNT }, (_, i) =>
    join(DIR, `IMG_${String(i + 1).padStart(4, '0')}.jpg`),
  );
  const scenes = new Map<number, Awaited<ReturnType<typeof scene>>>();
  for (const [i, path] of paths.entries()) {
    if (existsSync(path)) continue;
    const s = i % SCENES;
    if (!scenes.has(s)) scenes.set(s, await scene(s));
    const from = scenes.get(s)!;
    const pick = noise(8, `bench-print-ready-photo-${i}`);
    const gain = [4, 5, 6].map((k) => 0.88 + (pick[k]! / 255) * 0.24);
    let image = sharp(from.pixels, { raw: { width: from.width, height: from.height, channels: 3 } })
      .extract({
        left: pick.readUInt16LE(0) % MARGIN,
        top: pick.readUInt16LE(2) % MARGIN,
        width: WIDTH,
        height: HEIGHT,
      })
      .linear(gain, [0, 0, 0]);
    // Every fourth photo as a phone held upright stores it: sideways, with orientation 6.
    if (i % 4 === 3)
      image = sharp(await image.rotate(-90).raw().toBuffer(), {
        raw: { width: HEIGHT, height: WIDTH, channels: 3 },
      }).withMetadata({ orientation: 6 });
    const jpeg = await image.jpeg({ quality: 92 }).toBuffer();
    await writeFile(`${path}.partial`, jpeg);
    await rename(`${path}.partial`, path);
    log(`made ${path} (${(jpeg.length / 1e6).toFixed(1)} MB)`);
  }
  return paths;
}

/**
 * A 30 x 30 cm book, two photos a page in frames of 10 x 15 cm or smaller, each crop its own; every
 * third photo also appears a second time, smaller, at another crop (one photo, two parts).
 */
function bookOf(assets: PhotoAsset[]): Book {
  const catalog = parseCatalog(catalogData);
  const product = findProduct(catalog, 'book-30x30-hardcover', 'photoBook');
  let n = 0;
  const book = newBook(product, (prefix) => `${prefix}-${++n}`);
  const frames: Record<string, Frame> = {};
  const placements: {
    assetId: string;
    widthMm: number;
    heightMm: number;
    zoom: number;
    pan: number;
  }[] = [];
  assets.forEach((asset, i) => {
    placements.push({
      assetId: asset.id,
      widthMm: i % 2 ? 100 : 150,
      heightMm: i % 2 ? 150 : 100,
      zoom: 1 + (i % 3) * 0.25,
      pan: ((i % 5) - 2) / 2,
    });
    if (i % 3 === 0)
      placements.push({ assetId: asset.id, widthMm: 60, heightMm: 90, zoom: 2.5, pan: 0.8 });
  });
  placements.forEach((p, i) => {
    const pageId = book.pageIds[Math.floor(i / 2) % book.pageIds.length]!;
    const id = `frame-bench-${i}`;
    frames[id] = {
      id,
      kind: 'photo',
      pageId,
      xMm: i % 2 ? 160 : 20,
      yMm: 40,
      widthMm: p.widthMm,
      heightMm: p.heightMm,
      rotationDeg: 0,
      z: i % 2,
      assetId: p.assetId,
      crop: { panX: p.pan, panY: -p.pan / 2, zoom: p.zoom },
    };
  });
  return {
    ...book,
    frames,
    assets: Object.fromEntries(assets.map((a) => [a.id, a])),
  };
}

async function main() {
  const paths = await photos();
  const assets: PhotoAsset[] = [];
  const originals = new Map<string, string>();
  for (const path of paths) {
    const bytes = await readFile(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const photo = await openUpright(bytes);
    const asset: PhotoAsset = {
      id: assetIdFor(sha256),
      sha256,
      name: path.split('/').pop()!,
      mime: 'image/jpeg',
      widthPx: photo.widthPx,
      heightPx: photo.heightPx,
      byteSize: (await stat(path)).size,
    };
    assets.push(asset);
    originals.set(asset.id, path);
  }
  const book = bookOf(assets);
  const design = { kind: 'photoBook' as const, book };
  const needs = regionNeeds(design, parseCatalog(catalogData));
  const pieces = planPrintReady(needs, assets);
  const byId = new Map(assets.map((a) => [a.id, a]));
  log(`${assets.length} photos, ${needs.length} placements, ${pieces.length} print-ready images`);

  const originalBytes = assets.reduce((sum, a) => sum + a.byteSize, 0);
  let readyBytes = 0;
  let estimated = 0;
  const seconds: number[] = [];
  const scores: number[] = [];
  const rows: string[][] = [];
  let deterministic = true;
  for (const [i, piece] of pieces.entries()) {
    const bytes = await readFile(originals.get(piece.assetId)!);
    const { seconds: s, value: image } = await timed(() => makePrintReady(bytes, piece));
    seconds.push(s);
    readyBytes += image.jpeg.length;
    estimated += estimatePrintReadyBytes(piece, byId.get(piece.assetId)!);
    if (i === 0) deterministic = (await makePrintReady(bytes, piece)).jpeg.equals(image.jpeg);
    // The reference: the original at the same print pixels, never encoded.
    const photo = await openUpright(bytes);
    const reference = photo.image
      .extract(piece.rect)
      .resize(piece.px.width, piece.px.height, { fit: 'fill', kernel: 'lanczos3' });
    const score = await ssimOf(image.jpeg, reference);
    scores.push(score);
    rows.push([
      String(i + 1),
      `${piece.rect.width}x${piece.rect.height}`,
      `${image.widthPx}x${image.heightPx}`,
      (image.jpeg.length / 1e6).toFixed(2),
      score.toFixed(4),
      s.toFixed(2),
    ]);
  }
  printTable(['#', 'part px', 'image px', 'MB', 'SSIM', 's'], rows);
  const ratio = readyBytes / originalBytes;
  const minSsim = Math.min(...scores);
  emitResult({
    bench: 'print-ready',
    photos: assets.length,
    photo_mp: round((WIDTH * HEIGHT) / 1e6, 1),
    placements: needs.length,
    images: pieces.length,
    original_mb: round(originalBytes / 1e6, 1),
    print_ready_mb: round(readyBytes / 1e6, 1),
    estimate_to_actual: round(estimated / readyBytes, 3),
    ssim_min: round(minSsim, 4),
    ssim_median: round(median(scores), 4),
    seconds_per_image: round(median(seconds), 3),
    deterministic: deterministic ? 'yes' : 'no',
    peak_rss_mb: round(maxRss() / 1e6, 0),
    goals: {
      bytes_ratio: { value: round(ratio, 3), op: '<=', target: 0.5, met: ratio <= 0.5 },
      ssim_min: { value: round(minSsim, 4), op: '>=', target: 0.98, met: minSsim >= 0.98 },
    },
  });
}

await main();
