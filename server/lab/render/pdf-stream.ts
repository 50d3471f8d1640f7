import {
  PDFArray,
  PDFCrossRefSection,
  PDFHeader,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFTrailer,
  PDFTrailerDict,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';

/** Where a print file's bytes go, in order: a file, or memory (tests). */
export type PdfSink = (bytes: Uint8Array) => Promise<void>;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const END_OBJ = ascii('\nendobj\n\n');
const STREAM = ascii('\nstream\n');
const END_STREAM = ascii('\nendstream');

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Writes a pdf-lib document as it is made, page by page, instead of holding it whole: pdf-lib
 * keeps every embedded JPEG until `save()` and then copies the whole file into one buffer, about
 * twice a 100-page book's gigabyte. Here each finished page's content stream and images are
 * written out and dropped from the document at once; what stays (page dictionaries, fonts, the
 * catalogue) is small and written at the end with the cross-reference table and trailer.
 *
 * The objects are serialised by pdf-lib itself and the file is a plain PDF 1.7 with a classic
 * cross-reference table, as `savePrintPdf` wrote before; the order is fixed by the order of the
 * pages, so the same book always gives the same bytes.
 */
export class PdfStreamWriter {
  private offset = 0;
  private readonly offsets: [PDFRef, number][] = [];
  private started = false;

  constructor(
    private readonly doc: PDFDocument,
    private readonly sink: PdfSink,
  ) {}

  /**
   * Writes a finished page's content and the images it placed (the photos of a page are not
   * drawn again by a later page, except a photo across the binding, whose image is the same
   * object and is then already written) and lets go of them.
   */
  async releasePage(page: PDFPage, images: readonly PDFRef[]): Promise<void> {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs =
      contents instanceof PDFRef
        ? [contents]
        : contents instanceof PDFArray
          ? contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef)
          : [];
    for (const ref of [...refs, ...images]) {
      const object = this.doc.context.lookup(ref);
      // Written with an earlier page (a photo across the binding): nothing left to do.
      if (!object) continue;
      await this.writeObject(ref, object);
      this.doc.context.delete(ref);
    }
  }

  /** Embeds what pdf-lib still holds back (fonts, with every glyph used), writes it and ends the file. */
  async finish(): Promise<void> {
    await this.doc.flush();
    await this.start();
    const { context } = this.doc;
    for (const [ref, object] of context.enumerateIndirectObjects()) {
      await this.writeObject(ref, object);
    }
    const xref = PDFCrossRefSection.create();
    const sorted = [...this.offsets].sort((a, b) => a[0].objectNumber - b[0].objectNumber);
    for (const [ref, at] of sorted) xref.addEntry(ref, at);
    const xrefAt = this.offset;
    const trailerDict = PDFTrailerDict.of(
      context.obj({
        Size: context.largestObjectNumber + 1,
        Root: context.trailerInfo.Root,
        Encrypt: context.trailerInfo.Encrypt,
        Info: context.trailerInfo.Info,
        ID: context.trailerInfo.ID,
      }),
    );
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefAt);
    const tail = new Uint8Array(
      xref.sizeInBytes() + 1 + trailerDict.sizeInBytes() + 2 + trailer.sizeInBytes(),
    );
    let at = xref.copyBytesInto(tail, 0);
    tail[at++] = 0x0a;
    at += trailerDict.copyBytesInto(tail, at);
    tail[at++] = 0x0a;
    tail[at++] = 0x0a;
    trailer.copyBytesInto(tail, at);
    await this.write(tail);
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const header = PDFHeader.forVersion(1, 7);
    const bytes = new Uint8Array(header.sizeInBytes() + 2);
    const n = header.copyBytesInto(bytes, 0);
    bytes[n] = 0x0a;
    bytes[n + 1] = 0x0a;
    await this.write(bytes);
  }

  private async writeObject(ref: PDFRef, object: PDFObject): Promise<void> {
    await this.start();
    const head = ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    if (object instanceof PDFRawStream) {
      // An image: its dictionary from pdf-lib, its JPEG bytes straight to the sink. pdf-lib would
      // copy them byte by byte into a new buffer first.
      const contents = object.getContents();
      object.dict.set(PDFName.of('Length'), PDFNumber.of(contents.length));
      const dict = new Uint8Array(object.dict.sizeInBytes());
      object.dict.copyBytesInto(dict, 0);
      this.offsets.push([ref, this.offset]);
      await this.write(concat(head, dict, STREAM));
      await this.write(contents);
      await this.write(concat(END_STREAM, END_OBJ));
      return;
    }
    const bytes = new Uint8Array(head.length + object.sizeInBytes() + END_OBJ.length);
    bytes.set(head, 0);
    const n = object.copyBytesInto(bytes, head.length);
    bytes.set(END_OBJ, head.length + n);
    this.offsets.push([ref, this.offset]);
    await this.write(bytes);
  }

  private async write(bytes: Uint8Array): Promise<void> {
    await this.sink(bytes);
    this.offset += bytes.length;
  }
}

/** A sink that keeps the bytes, for a file made in memory. */
export function memorySink(): { sink: PdfSink; bytes(): Uint8Array } {
  const chunks: Uint8Array[] = [];
  return {
    sink: async (bytes) => void chunks.push(bytes),
    bytes: () => Buffer.concat(chunks),
  };
}
