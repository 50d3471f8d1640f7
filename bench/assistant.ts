/**
 * bench:assistant: the assistant filling a book from 600 photos (a holiday's mix of landscape,
 * portrait, 4:3 and square shots, imported out of capture order), in an A4 and a 30x30 book.
 * Several rounds, medians; the reference is the naive fill (the library's first layout for
 * each page's count, photos in file order), for crop loss. Last line: JSON with `goals`.
 */
import catalogData from '../assets/catalog.json';
import { findProduct, parseCatalog, type PhotoBook } from '../src/catalog/catalog';
import { shippedTemplates } from '../src/commands/page-commands';
import { cropLoss, fillBook } from '../src/layout/assistant';
import { assetIdFor, type Book, type PhotoAsset } from '../src/model/book';
import { applyChanges } from '../src/model/changes';
import { addAssets, newBook } from '../src/model/commands';
import { freshIds } from '../src/model/fresh-ids';
import { surfacesOfBook } from '../src/model/surfaces';
import { fitTemplate } from '../src/layout/fit';
import type { PagePanel } from '../src/geometry/surface';

const catalog = parseCatalog(catalogData);
const ROUNDS = 7;
const PHOTOS = 600;

function holiday(count: number): PhotoAsset[] {
  const shapes: [number, number][] = [
    [6000, 4000],
    [4000, 6000],
    [6000, 4000],
    [4032, 3024],
    [3024, 4032],
    [3000, 3000],
  ];
  const photos = Array.from({ length: count }, (_, i): PhotoAsset => {
    const [w, h] = shapes[(i * 7) % shapes.length]!;
    const sha256 = (i + 1).toString(16).padStart(8, '0').repeat(8);
    const minute = i * 13;
    const day = String(1 + Math.floor(minute / 1440)).padStart(2, '0');
    const hh = String(Math.floor(minute / 60) % 24).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    return {
      id: assetIdFor(sha256),
      sha256,
      name: `IMG_${i + 1}.jpg`,
      mime: 'image/jpeg',
      widthPx: w,
      heightPx: h,
      byteSize: 3_000_000 + i,
      takenAt: `2025-07-${day}T${hh}:${mm}:00`,
    };
  });
  return [...photos.filter((_, i) => i % 2 === 0), ...photos.filter((_, i) => i % 2 === 1)];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function bookWith(product: PhotoBook, photos: readonly PhotoAsset[]): Book {
  let n = 0;
  const book = newBook(product, (prefix) => `${prefix}-${++n}`);
  return applyChanges(book, addAssets(book, photos), 'forward');
}

/**
 * Crop loss of the naive fill on the same pages: each page the next photos in file order, in
 * the library's first layout for their count, fitted to the real page.
 */
function naiveLoss(product: PhotoBook, grown: Book, photos: readonly PhotoAsset[]): number {
  const pages = surfacesOfBook(grown, product)
    .slice(1)
    .flatMap((s) => s.pages.map((p) => p.panel as PagePanel));
  const perPage = Math.min(6, Math.ceil(photos.length / pages.length));
  let loss = 0;
  pages.forEach((panel, j) => {
    const mine = photos.slice(j * perPage, (j + 1) * perPage);
    const template = shippedTemplates.find(
      (t) => t.photoCount === mine.length && t.textCount === 0,
    );
    if (!template) return;
    const frames = fitTemplate(template, panel).filter((f) => f.role === 'photo');
    frames.forEach((frame, i) => {
      const photo = mine[i]!;
      loss += cropLoss(photo.widthPx / photo.heightPx, frame.box.width / frame.box.height);
    });
  });
  return loss / photos.length;
}

const results: Record<string, number> = {};
for (const productId of ['book-a4-hardcover', 'book-30x30-hardcover']) {
  const product = findProduct(catalog, productId, 'photoBook');
  const book = bookWith(product, holiday(PHOTOS));
  const times: number[] = [];
  let filled = fillBook(
    book,
    { photos: 'unused', pages: 'keep' },
    {
      product,
      templates: shippedTemplates,
      makeId: freshIds(book),
    },
  );
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    filled = fillBook(
      book,
      { photos: 'unused', pages: 'keep' },
      {
        product,
        templates: shippedTemplates,
        makeId: freshIds(book),
      },
    );
    times.push(performance.now() - t0);
  }
  const key = productId.replace('book-', '').replace('-hardcover', '');
  const pages = book.options.pageCount + filled.addedPages;
  results[`${key}_fill_ms`] = Math.round(median(times));
  results[`${key}_pages`] = pages;
  results[`${key}_crop_loss`] = Number(filled.meanCropLoss.toFixed(3));
  const grown = applyChanges(book, filled.changes, 'forward');
  results[`${key}_naive_crop_loss`] = Number(naiveLoss(product, grown, holiday(PHOTOS)).toFixed(3));
  results[`${key}_narrowed_frames`] = filled.narrowedFrames;
  console.log(
    `${productId}: ${PHOTOS} photos onto ${pages} pages in ${results[`${key}_fill_ms`]} ms ` +
      `(median of ${ROUNDS}); crop loss ${(filled.meanCropLoss * 100).toFixed(1)} % ` +
      `(naive ${(results[`${key}_naive_crop_loss`]! * 100).toFixed(1)} %), ` +
      `${filled.narrowedFrames} frames narrowed to their photo`,
  );
}

console.log(
  JSON.stringify({
    bench: 'assistant',
    photos: PHOTOS,
    ...results,
    goals: {
      a4_fill_ms: { value: results['a4_fill_ms'], op: '<=', target: 1000 },
      '30x30_fill_ms': { value: results['30x30_fill_ms'], op: '<=', target: 1000 },
      a4_crop_loss: { value: results['a4_crop_loss'], op: '<=', target: 0.12 },
      '30x30_crop_loss': { value: results['30x30_crop_loss'], op: '<=', target: 0.12 },
    },
  }),
);
