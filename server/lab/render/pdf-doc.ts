import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, type PDFPage } from 'pdf-lib';
import type { Box } from '../../../src/geometry/box';
import { PT_PER_MM } from './pdf-painter';

/** Who made a print file: fixed, so it never carries a library's version or the time of day. */
export const PRODUCER = 'Photo Dose lab renderer';

/** What a print file says about itself. Everything here is fixed by the order, not by the run. */
export interface PrintFileInfo {
  title: string;
  /** The order's date: the file's creation and modification date, so a re-render is identical. */
  date: Date;
  /** Everything that decides the file's content (the design, the product, which part): the ID. */
  identity: unknown;
}

/** An empty PDF that writes no clock time and no library name of its own. */
export async function createPrintPdf(info: PrintFileInfo): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(info.title);
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  // The trailer's /ID, which print workflows use to tell files apart: derived from the content's
  // inputs, so the same order always gives the same bytes and a different one another ID.
  const id = createHash('sha256').update(JSON.stringify(info.identity)).digest('hex').slice(0, 32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return doc;
}

/**
 * A page that shows `window` of a surface (its bleed box, in millimetres), with the MediaBox and
 * BleedBox on that window and the TrimBox on `trim` (millimetres of the same surface).
 */
export function addPrintPage(doc: PDFDocument, window: Box, trim: Box): PDFPage {
  const width = window.width * PT_PER_MM;
  const height = window.height * PT_PER_MM;
  const page = doc.addPage([width, height]);
  page.setMediaBox(0, 0, width, height);
  page.setBleedBox(0, 0, width, height);
  // PDF boxes count y from the bottom; the geometry counts from the top.
  const bottom = window.y + window.height - (trim.y + trim.height);
  page.setTrimBox(
    (trim.x - window.x) * PT_PER_MM,
    bottom * PT_PER_MM,
    trim.width * PT_PER_MM,
    trim.height * PT_PER_MM,
  );
  return page;
}

/** The finished file. Object streams off: older RIPs read plain cross-reference tables best. */
export function savePrintPdf(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false });
}
