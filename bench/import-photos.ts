/**
 * Inputs of the import benchmark: photo-like 12-megapixel JPEGs, made deterministically and kept
 * in a cache folder outside the repository, so a second run reads them instead of making them
 * again (about a second each here). Run on its own, it fills the cache and exits:
 *
 *   npx tsx bench/import-photos.ts [DIR] [COUNT]
 *
 * Each photo is one of a few scenes (smooth colour fields with blotchy mid-sized texture and fine
 * grain, as foliage, walls and sky give a camera) cut at its own place and given its own colour
 * cast, with EXIF as a phone writes it (make, model, date; every fourth one stored sideways with
 * orientation 6). So every file differs, compresses like a photo (about 3 MB) and costs a decoder
 * what a camera's does.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { log, noise } from './support';

/** A 12-megapixel phone's picture. */
export const PHOTO_WIDTH = 4032;
export const PHOTO_HEIGHT = 3024;
/** Scenes are this much larger than a photo: each photo is cut from its own place. */
const MARGIN = 256;
const SCENES = 4;
/** Bump when the photos change, so an old cache is not taken for the new one. */
const VERSION = 1;

/** The cache folder: BENCH_IMPORT_PHOTOS_DIR, or one in the system's temp folder. */
export function photosDir(): string {
  return (
    process.env.BENCH_IMPORT_PHOTOS_DIR ||
    join(tmpdir(), `photodose-bench-import-v${VERSION}-${PHOTO_WIDTH}x${PHOTO_HEIGHT}`)
  );
}

export const photoPath = (dir: string, index: number) =>
  join(dir, `IMG_${String(index + 1).padStart(4, '0')}.jpg`);

/** Raw RGB of scene `s`: colour fields blown up from a few random cells, texture, grain. */
async function scene(s: number): Promise<{ pixels: Buffer; width: number; height: number }> {
  const width = PHOTO_WIDTH + MARGIN;
  const height = PHOTO_HEIGHT + MARGIN;
  const seed = `bench-import-scene-${s}`;
  const grow = (raw: Buffer, w: number, h: number, channels: 1 | 3) =>
    sharp(raw, { raw: { width: w, height: h, channels } })
      .resize(width, height, { kernel: 'cubic' })
      .raw()
      .toBuffer();
  const fields = await grow(noise(9 * 7 * 3, seed), 9, 7, 3);
  const texture = await grow(
    noise((width / 8) * (height / 8), `${seed}-texture`),
    width / 8,
    height / 8,
    1,
  );
  const grain = noise(width * height, `${seed}-grain`);
  const pixels = Buffer.allocUnsafe(width * height * 3);
  for (let p = 0, q = 0; p < width * height; p++, q += 3) {
    const detail = ((texture[p]! - 128) >> 2) + ((grain[p]! - 128) >> 4);
    for (let c = 0; c < 3; c++) pixels[q + c] = Math.max(0, Math.min(255, fields[q + c]! + detail));
  }
  return { pixels, width, height };
}

/** Photo `index` from its scene: its own cut, colour cast and EXIF. */
function photo(index: number, from: Awaited<ReturnType<typeof scene>>): Promise<Buffer> {
  const pick = noise(8, `bench-import-photo-${index}`);
  const left = pick.readUInt16LE(0) % MARGIN;
  const top = pick.readUInt16LE(2) % MARGIN;
  // A cast of up to +-12 % per channel: a different white balance for every photo.
  const gain = [4, 5, 6].map((i) => 0.88 + (pick[i]! / 255) * 0.24);
  const sideways = index % 4 === 3;
  const day = String((index % 28) + 1).padStart(2, '0');
  const image = sharp(from.pixels, {
    raw: { width: from.width, height: from.height, channels: 3 },
  })
    .extract({ left, top, width: PHOTO_WIDTH, height: PHOTO_HEIGHT })
    .linear(gain, [0, 0, 0])
    .withExif({
      IFD0: {
        Make: 'Photo Dose',
        Model: 'Bench Camera 12',
        DateTime: `2025:06:${day} 10:${String(index % 60).padStart(2, '0')}:00`,
      },
    });
  // Stored as the sensor saw it, turned upright by orientation 6, as phones do for portraits.
  return (sideways ? image.withMetadata({ orientation: 6 }) : image)
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Makes the photos missing from `dir` (all of them the first time); returns all their paths. */
export async function ensurePhotos(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths = Array.from({ length: count }, (_, i) => photoPath(dir, i));
  const missing = paths.map((p, i) => (existsSync(p) ? -1 : i)).filter((i) => i >= 0);
  if (missing.length === 0) return paths;
  log(
    `making ${missing.length} photos of ${PHOTO_WIDTH} x ${PHOTO_HEIGHT} in ${dir} (kept for the next run)`,
  );
  for (let s = 0; s < SCENES; s++) {
    const mine = missing.filter((i) => i % SCENES === s);
    if (mine.length === 0) continue;
    const from = await scene(s);
    for (const i of mine) {
      // Written under another name first: an interrupted run leaves no half photo to reuse.
      const part = `${paths[i]!}.part`;
      await writeFile(part, await photo(i, from));
      await rename(part, paths[i]!);
    }
    log(`  scene ${s + 1}/${SCENES}: ${mine.length} photos`);
  }
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] || photosDir();
  const count = Number(process.argv[3] || 200);
  await ensurePhotos(dir, count);
}
