/**
 * Inputs of the designer benchmark, made deterministically: photo-like JPEGs (smooth colour
 * fields with grain, in landscape, portrait and square) and a version 2 book whose every inner
 * page holds a three-photo layout from the shipped library, filled by the real assignment code.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import layoutsData from '../assets/layouts.json';
import { BOOK_FORMAT_VERSION, PAPER, type Book, type Frame, type Page } from '../src/model/book';
import type { PhotoAsset } from '../src/model/book';
import type { PhotoBook } from '../src/catalog/catalog';
import { FILL } from '../src/model/crop';
import { loadBook } from '../src/model/migrate';
import { innerSurfaces } from '../src/geometry/book';
import { parseLayouts } from '../src/layout/template';
import { layoutsFor } from '../src/layout/library';
import { fitTemplate } from '../src/layout/fit';
import { assignPhotos } from '../src/layout/assign';
import { noise } from './support';

/**
 * Width x height of the generated photos, cycled: the shapes of a mixed camera roll. Small, as
 * the designer only ever sees the import's 480 px thumbnails of them.
 */
const SHAPES = [
  [960, 640],
  [640, 960],
  [960, 640],
  [800, 800],
  [1024, 576],
] as const;

/** Colour cells across and down that the smooth fields are interpolated from. */
const CELLS_X = 6;
const CELLS_Y = 4;

/**
 * One photo-like JPEG: a grid of random colours blended smoothly (sky, wall, grass gradients)
 * with grain on top, so it compresses like a photo and not like a flat card. Made in one pass
 * of plain arithmetic: this machine's sharp is slow at upscaling from a few pixels.
 */
async function photo(index: number): Promise<Buffer> {
  const [width, height] = SHAPES[index % SHAPES.length]!;
  const seed = `bench-designer-photo-${index}`;
  const cells = noise(CELLS_X * CELLS_Y * 3, seed);
  const cell = (cx: number, cy: number, c: number) => cells[(cy * CELLS_X + cx) * 3 + c]!;
  const pixels = Buffer.alloc(width * height * 3);
  let grain = noise(4, `${seed}-grain`).readUInt32LE(0) | 1;
  for (let y = 0; y < height; y++) {
    const fy = (y / (height - 1)) * (CELLS_Y - 1);
    const y0 = Math.min(CELLS_Y - 2, Math.floor(fy));
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = (x / (width - 1)) * (CELLS_X - 1);
      const x0 = Math.min(CELLS_X - 2, Math.floor(fx));
      const tx = fx - x0;
      // xorshift32: cheap grain, the same on every run.
      grain ^= grain << 13;
      grain ^= grain >>> 17;
      grain ^= grain << 5;
      const g = ((grain & 0xff) - 128) >> 3;
      for (let c = 0; c < 3; c++) {
        const top = cell(x0, y0, c) * (1 - tx) + cell(x0 + 1, y0, c) * tx;
        const bottom = cell(x0, y0 + 1, c) * (1 - tx) + cell(x0 + 1, y0 + 1, c) * tx;
        pixels[(y * width + x) * 3 + c] = Math.max(
          0,
          Math.min(255, top * (1 - ty) + bottom * ty + g),
        );
      }
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/**
 * Writes `count` photos into `dir` and returns their paths, in order; a few at a time. A photo
 * already there is kept (they are the same on every run), so a kept folder saves making them.
 */
export async function writePhotos(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths = Array.from({ length: count }, (_, i) =>
    join(dir, `IMG_${String(i + 1).padStart(4, '0')}.jpg`),
  );
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      if (!existsSync(paths[i]!)) await writeFile(paths[i]!, await photo(i));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return paths;
}

const templates = layoutsFor(parseLayouts(layoutsData).templates, 3).filter((t) =>
  t.frames.every((f) => f.role === 'photo'),
);

/** A stable id from a name, as the app's ids look (prefix and hex). */
const idOf = (prefix: string, name: string) =>
  `${prefix}-${createHash('sha256').update(name).digest('hex').slice(0, 24)}`;

/**
 * A book of `pageCount` inner pages for `product`, three photos on each (the layouts cycle), the
 * photos of `assets` used in order and wrapping round. Checked by loadBook like any opened book.
 */
export function benchBook(product: PhotoBook, pageCount: number, assets: PhotoAsset[]): Book {
  const pages: Record<string, Page> = {};
  const frames: Record<string, Frame> = {};
  const pageIds: string[] = [];
  let next = 0;
  for (const surface of innerSurfaces(product, pageCount)) {
    for (const panel of surface.pages) {
      const pageId = idOf('page', `${pageCount}/${panel.pageNumber}`);
      pages[pageId] = { id: pageId, background: PAPER };
      pageIds[panel.pageNumber - 1] = pageId;
      const template = templates[panel.pageNumber % templates.length]!;
      const fitted = fitTemplate(template, panel);
      const candidates = fitted.map(() => assets[next++ % assets.length]!);
      const { photoIds } = assignPhotos(
        fitted.map((f) => ({ role: f.role, box: f.box })),
        candidates.map((a) => ({ id: a.id, aspectRatio: a.widthPx / a.heightPx })),
      );
      fitted.forEach((f, i) => {
        const id = idOf('frame', `${pageId}/${i}`);
        frames[id] = {
          id,
          kind: 'photo',
          pageId,
          xMm: f.box.x,
          yMm: f.box.y,
          widthMm: f.box.width,
          heightMm: f.box.height,
          rotationDeg: 0,
          z: f.z,
          assetId: photoIds[i] ?? null,
          crop: FILL,
        };
      });
    }
  }
  const cover = {
    backId: idOf('page', `${pageCount}/back`),
    spineId: idOf('page', `${pageCount}/spine`),
    frontId: idOf('page', `${pageCount}/front`),
  };
  for (const id of Object.values(cover)) pages[id] = { id, background: PAPER };
  return loadBook({
    formatVersion: BOOK_FORMAT_VERSION,
    id: idOf('book', `bench-${pageCount}`),
    productId: product.id,
    options: { pageCount },
    title: 'Benchmark',
    cover,
    pageIds,
    pages,
    frames,
    assets: Object.fromEntries(assets.map((a) => [a.id, a])),
  });
}
