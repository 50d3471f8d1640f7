/**
 * bench:preflight: the pre-order check on a 200-page book (600 photos in 3 frames a page, a text
 * frame on every other page), as the designer runs it on every change. Measures the first check
 * (opening the book), a change on one page (a frame moved one millimetre, as each pointer move of
 * a drag does) and a check from scratch, with text measured from the bundled TrueType files
 * (fontkit, kerned: what the lab measures with; the browser's canvas measure is faster).
 * Medians of several rounds; the last line is JSON with a `goals` object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import catalogData from '../assets/catalog.json';
import { findProduct, parseCatalog } from '../src/catalog/catalog';
import { assetIdFor, type Book, type Frame, type PhotoAsset } from '../src/model/book';
import { newBook } from '../src/model/commands';
import { DEFAULT_TEXT_STYLE } from '../src/model/text-edits';
import { createDesignCheck, preflight, type CheckContext } from '../src/preflight/check';
import { fontFileFor, fontOrDefault, MM_PER_PT } from '../src/text/fonts';
import { rememberingMeasure, type MeasureText } from '../src/text/layout';
import { kernedWidth } from '../server/lab/render/kerning';
import { envNumber, median, round } from './support';

const PAGES = 200;
const ROUNDS = envNumber('BENCH_PREFLIGHT_ROUNDS', 15);

const catalog = parseCatalog(catalogData);
const product = findProduct(catalog, 'book-a4-hardcover', 'photoBook');

const fonts = new Map<string, ReturnType<typeof fontkit.create>>();
const fontkitMeasure: MeasureText = (text, style) => {
  const file = fontFileFor(fontOrDefault(style.fontId), style.bold, style.italic);
  let font = fonts.get(file.path);
  if (!font) {
    font = fontkit.create(readFileSync(join(import.meta.dirname, '../assets/fonts', file.path)));
    fonts.set(file.path, font);
  }
  return kernedWidth(font, text, style.sizePt * MM_PER_PT);
};

/** 200 pages, three photo frames each (600 photos of 12 MP and some small ones), text on half. */
function bigBook(): Book {
  let n = 0;
  const book = newBook(
    { ...product, pages: { ...product.pages, default: PAGES } },
    (p) => `${p}-${++n}`,
  );
  const frames: Record<string, Frame> = {};
  const assets: Record<string, PhotoAsset> = {};
  book.pageIds.forEach((pageId, i) => {
    for (let k = 0; k < 3; k++) {
      const seed = i * 3 + k;
      const sha256 = seed.toString(16).padStart(8, '0').repeat(8);
      const small = seed % 17 === 0;
      const asset: PhotoAsset = {
        id: assetIdFor(sha256),
        sha256,
        name: `IMG_${seed}.jpg`,
        mime: 'image/jpeg',
        widthPx: small ? 640 : 4000,
        heightPx: small ? 480 : 3000,
        byteSize: 4_000_000,
      };
      assets[asset.id] = asset;
      const id = `photo-${i}-${k}`;
      frames[id] = {
        id,
        kind: 'photo',
        pageId,
        xMm: 10,
        yMm: 10 + k * 95,
        widthMm: 190,
        heightMm: 90,
        rotationDeg: 0,
        z: k,
        assetId: asset.id,
        crop: { panX: 0, panY: 0, zoom: 1 },
      };
    }
    if (i % 2 === 0) {
      const id = `text-${i}`;
      frames[id] = {
        id,
        kind: 'text',
        pageId,
        xMm: 20,
        yMm: 250,
        widthMm: 150,
        heightMm: 20,
        rotationDeg: 0,
        z: 5,
        text: `Seite ${i + 1}: ein Sommer an der Weser, mit Deich, Hafen und Strand.`,
        ...DEFAULT_TEXT_STYLE,
      };
    }
  });
  return { ...book, frames, assets };
}

const time = (work: () => void) => {
  const start = performance.now();
  work();
  return performance.now() - start;
};

const book = bigBook();
const design = { kind: 'photoBook' as const, book };
/** A context as the designer makes one: the measure remembers widths from its first use on. */
const freshContext = (): CheckContext => ({
  missingAssetIds: new Set(),
  measure: rememberingMeasure(fontkitMeasure),
});

// Load the fonts and warm the JIT once, outside the figures.
preflight(design, catalog, freshContext());

const open: number[] = [];
const again: number[] = [];
const change: number[] = [];
let findings = 0;
for (let r = 0; r < ROUNDS; r++) {
  // Opening: a new check and a measure that has measured nothing yet.
  const context = freshContext();
  const check = createDesignCheck();
  open.push(time(() => (findings = check(design, catalog, context).length)));
  // The same book checked from scratch once the widths are known (a new check, same measure).
  again.push(time(() => preflight(design, catalog, context)));
  // A drag on page 101: one frame moves a millimetre per step, each step a new book.
  let current = book;
  for (let step = 1; step <= 20; step++) {
    const frame = current.frames['photo-100-1']!;
    current = {
      ...current,
      frames: { ...current.frames, [frame.id]: { ...frame, xMm: 10 + step } },
    };
    const next = current;
    change.push(time(() => check({ kind: 'photoBook', book: next }, catalog, context)));
  }
}

const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;
const result = {
  bench: 'preflight',
  pages: PAGES,
  frames: Object.keys(book.frames).length,
  findings,
  open_ms: round(median(open)),
  scratch_known_widths_ms: round(median(again)),
  change_ms: round(median(change)),
  change_p95_ms: round(p95(change)),
  goals: {
    // One change must leave room in a 60 Hz frame for React and the browser.
    change_ms: { value: round(median(change)), op: '<=', target: 2 },
    open_ms: { value: round(median(open)), op: '<=', target: 100 },
  },
};
console.log(JSON.stringify(result));
