import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { PhotoBook } from '../../../src/catalog/catalog';
import type { Book } from '../../../src/model/book';
import { surfacesOfBook, type BookSurface } from '../../../src/model/surfaces';
import { bundledFonts, type FontSource } from './fonts';
import { paintBookSurface } from './paint';
import { addPrintPage, createPrintPdf } from './pdf-doc';
import { memorySink, PdfStreamWriter, type PdfSink } from './pdf-stream';
import { PdfPainter } from './pdf-painter';
import type { PhotoSource } from './photo-cut';

/** What a photo book's print files are made from. */
export interface BookJob {
  book: Book;
  /** The catalog entry the book was ordered as: its geometry is what the designer drew with. */
  product: PhotoBook;
  photos: PhotoSource;
  /** The bundled fonts unless said otherwise. */
  fonts?: FontSource;
  /** The order's date, written into the files as their date. */
  date: Date;
}

/** File names of a photo book's print files in the product's folder. */
export const BOOK_FILES = { inner: 'book-inner.pdf', cover: 'book-cover.pdf' } as const;

function surfaces(job: BookJob): { cover: BookSurface; inner: BookSurface[] } {
  if (job.book.productId !== job.product.id) {
    throw new Error(`book ${job.book.id} is a ${job.book.productId}, not a ${job.product.id}`);
  }
  const [cover, ...inner] = surfacesOfBook(job.book, job.product);
  if (!cover) throw new Error(`book ${job.book.id} has no cover`);
  return { cover, inner };
}

/**
 * The inner block: one PDF page per book page in page order, each its page's bleed box cut out of
 * its surface (on a spread the bleed reaches across the binding into the facing page, so a photo
 * over the middle runs on without a seam), TrimBox on the page's trim.
 */
export async function writeInnerBlock(job: BookJob, sink: PdfSink): Promise<void> {
  const { inner } = surfaces(job);
  const doc = await createPrintPdf(fileInfo(job, 'inner'));
  const painter = new PdfPainter(doc, job.photos, job.fonts ?? bundledFonts());
  // Page by page into the sink: a page's photos leave memory once the page is written.
  const writer = new PdfStreamWriter(doc, sink);
  for (const placed of inner) {
    if (placed.surface.role !== 'spread' && placed.surface.role !== 'page') continue;
    const paints = paintBookSurface(job.book, placed);
    for (const panel of placed.surface.pages) {
      const page = addPrintPage(doc, panel.bleed, panel.trim);
      await painter.paint(page, paints, panel.bleed);
      await writer.releasePage(page, painter.takeImages());
    }
  }
  await writer.finish();
}

/** The inner block in memory (tests, small books); `writeBookFiles` streams it to disk. */
export async function renderInnerBlock(job: BookJob): Promise<Uint8Array> {
  const memory = memorySink();
  await writeInnerBlock(job, memory.sink);
  return memory.bytes();
}

/**
 * The cover as one page: back, spine and front with the wrap (hardcover) or bleed (softcover)
 * round them; MediaBox and BleedBox on the whole cover surface, TrimBox on back to front.
 */
export async function writeCover(job: BookJob, sink: PdfSink): Promise<void> {
  const { cover } = surfaces(job);
  const doc = await createPrintPdf(fileInfo(job, 'cover'));
  const painter = new PdfPainter(doc, job.photos, job.fonts ?? bundledFonts());
  const writer = new PdfStreamWriter(doc, sink);
  const page = addPrintPage(doc, cover.surface.bleed, cover.surface.trim);
  await painter.paint(page, paintBookSurface(job.book, cover), cover.surface.bleed);
  await writer.releasePage(page, painter.takeImages());
  await writer.finish();
}

/** The cover in memory (tests). */
export async function renderCover(job: BookJob): Promise<Uint8Array> {
  const memory = memorySink();
  await writeCover(job, memory.sink);
  return memory.bytes();
}

/** Both print files of a photo book into `dir`; returns their paths. */
export async function writeBookFiles(
  job: BookJob,
  dir: string,
): Promise<{ inner: string; cover: string }> {
  await mkdir(dir, { recursive: true });
  const inner = join(dir, BOOK_FILES.inner);
  const cover = join(dir, BOOK_FILES.cover);
  await toFile(inner, (sink) => writeInnerBlock(job, sink));
  await toFile(cover, (sink) => writeCover(job, sink));
  return { inner, cover };
}

/** Streams a print file to `path` as it is made. */
async function toFile(path: string, write: (sink: PdfSink) => Promise<void>): Promise<void> {
  const file = await open(path, 'w');
  try {
    await write(async (bytes) => {
      for (let at = 0; at < bytes.length;) {
        at += (await file.write(bytes, at, bytes.length - at)).bytesWritten;
      }
    });
  } finally {
    await file.close();
  }
}

function fileInfo(job: BookJob, part: 'inner' | 'cover') {
  const title = `${job.book.title || job.book.id} (${part === 'inner' ? 'inner block' : 'cover'})`;
  return { title, date: job.date, identity: { part, book: job.book, product: job.product } };
}
