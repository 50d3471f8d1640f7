import fontkit, { type Font } from '@pdf-lib/fontkit';
import {
  beginText,
  clip,
  concatTransformationMatrix,
  drawObject,
  endPath,
  endText,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  PDFOperator,
  PDFOperatorNames,
  type PDFDocument,
  type PDFFont,
  type PDFImage,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import type { Box } from '../../../src/geometry/box';
import { LINE_HEIGHT } from '../../../src/model/text-edits';
import { MM_PER_PT, fontFileFor, fontOrDefault, type FontFile } from '../../../src/text/fonts';
import type { FontSource } from './fonts';
import {
  extentOf,
  intersection,
  type Paint,
  type PhotoPaint,
  type TextPaint,
  type Turn,
} from './paint';
import type { Fractions } from '../../../src/model/crop';
import { cutPhoto, pickPhoto, printReadyJpeg, type PhotoSource } from './photo-cut';
import { SrgbTagger } from './srgb';
import { kernedRun, kernedWidth } from './kerning';
import { layoutText } from './text-layout';

/** PDF points in a millimetre: the PDF's unit is the point, the geometry's the millimetre. */
export const PT_PER_MM = 72 / 25.4;

/** A font embedded in the PDF with the metrics line placement needs. */
interface EmbeddedFont {
  pdf: PDFFont;
  /** The same font file read by fontkit: kerning and metrics. */
  metrics: Font;
  /** Ascender and descender (negative) as fractions of the type size. */
  ascent: number;
  descent: number;
}

/**
 * An embedded image: a cut of exactly the paint's region, or a file as it came (a print-ready
 * image or the original) with the paint's region as fractions of it.
 */
interface Placed {
  image: PDFImage;
  whole: boolean;
  region: Fractions;
}

/** A paint's JPEG, read and ready to embed. */
interface Prepared {
  jpeg: Buffer;
  whole: boolean;
  region: Fractions;
}

/**
 * Draws paint lists (paint.ts) into the pages of one PDF. Each photo cut and each font is
 * embedded once per document and shared by every page that shows it (a frame across the binding
 * prints on both pages of its spread from one image).
 */
export class PdfPainter {
  private readonly images = new Map<string, Promise<Placed>>();
  private readonly prepared = new Map<string, Promise<Prepared>>();
  /** Images embedded since the last `takeImages`: the stream writer writes them with their page. */
  private fresh: PDFRef[] = [];
  private readonly fonts = new Map<string, Promise<EmbeddedFont>>();
  private readonly srgb: SrgbTagger;

  constructor(
    private readonly doc: PDFDocument,
    private readonly photos: PhotoSource,
    private readonly fontSource: FontSource,
  ) {
    doc.registerFontkit(fontkit);
    this.srgb = new SrgbTagger(doc);
  }

  /** The images embedded since the last call, in the order they were embedded. */
  takeImages(): PDFRef[] {
    const taken = this.fresh;
    this.fresh = [];
    return taken;
  }

  /**
   * Paints onto `page` the part of a surface inside `window` (millimetres of the surface): the
   * window's top left becomes the page's, and whatever lies outside it is cut by the page's edge.
   */
  async paint(page: PDFPage, paints: readonly Paint[], window: Box): Promise<void> {
    await this.srgb.tagPage(page);
    const heightPt = window.height * PT_PER_MM;
    // From here on one unit is a millimetre of the surface and y grows downwards, as in the
    // geometry; images and type are turned the right way up where they are drawn.
    const ops: PDFOperator[] = [
      pushGraphicsState(),
      concatTransformationMatrix(
        PT_PER_MM,
        0,
        0,
        -PT_PER_MM,
        -window.x * PT_PER_MM,
        heightPt + window.y * PT_PER_MM,
      ),
    ];
    // The page's photos are read side by side (one loads while another waits on the disk), then
    // embedded one by one in paint order below.
    await Promise.all(
      paints.map((item) =>
        item.kind === 'photo' && intersection(extentOf(item), window)
          ? this.prepare(item)
          : undefined,
      ),
    );
    for (const item of paints) {
      if (!intersection(extentOf(item), window)) continue;
      if (item.kind === 'colour') ops.push(...colourOps(item.colour, item.box));
      else if (item.kind === 'photo') ops.push(...(await this.photoOps(page, item)));
      else ops.push(...(await this.textOps(page, item)));
    }
    ops.push(popGraphicsState());
    page.pushOperators(...ops);
  }

  private async photoOps(page: PDFPage, item: PhotoPaint): Promise<PDFOperator[]> {
    const { image, whole, region } = await this.image(item);
    const name = page.node.newXObject('Image', image.ref);
    // A cut fills the paint's box; a file embedded whole lies larger, and the clip crops it.
    const { box } = item;
    const at = whole
      ? {
          x: box.x - (region.x / region.w) * box.width,
          y: box.y - (region.y / region.h) * box.height,
          width: box.width / region.w,
          height: box.height / region.h,
        }
      : box;
    return [
      pushGraphicsState(),
      ...turnOps(item.turn),
      ...clipOps(item.clip),
      // The unit square of the image onto the box, its first row at the box's top.
      concatTransformationMatrix(at.width, 0, 0, -at.height, at.x, at.y + at.height),
      drawObject(name),
      popGraphicsState(),
    ];
  }

  /** The paint's key: one image per photo, region and printed size, shared by the pages. */
  private keyOf(item: PhotoPaint): string {
    return JSON.stringify([item.assetId, item.region, item.box.width, item.box.height]);
  }

  /**
   * The JPEG a paint places, read (and cut, where it must be) ahead of embedding: a page's photos
   * load side by side. Held only until embedded.
   */
  private prepare(item: PhotoPaint): Promise<Prepared> | undefined {
    const key = this.keyOf(item);
    // Embedded already (the other page of a spread): nothing to read.
    if (this.images.has(key)) return undefined;
    let prepared = this.prepared.get(key);
    if (!prepared) {
      const printed = { width: item.box.width, height: item.box.height };
      // The print-ready image covering the region where the order has one, else the original.
      prepared = pickPhoto(this.photos, item.assetId, item.region).then(async (pick) => {
        const ready = await printReadyJpeg(pick.input, pick.region, printed);
        const jpeg = ready ?? (await cutPhoto(pick.input, pick.region, printed)).jpeg;
        return { jpeg, whole: ready !== undefined, region: pick.region };
      });
      this.prepared.set(key, prepared);
    }
    return prepared;
  }

  /**
   * The embedded image of a paint. Embedded one at a time in paint order, never as files happen
   * to finish loading: object numbers follow the book, so a re-render gives the same bytes.
   */
  private image(item: PhotoPaint): Promise<Placed> {
    const key = this.keyOf(item);
    let image = this.images.get(key);
    if (!image) {
      image = this.prepare(item)!.then(async ({ jpeg, whole, region }) => {
        this.prepared.delete(key);
        const embedded = await this.doc.embedJpg(jpeg);
        await this.srgb.tagImage(embedded);
        this.fresh.push(embedded.ref);
        return { image: embedded, whole, region };
      });
      this.images.set(key, image);
    }
    return image;
  }

  private async textOps(page: PDFPage, item: TextPaint): Promise<PDFOperator[]> {
    const { frame, box } = item;
    if (frame.text.trim() === '') return [];
    const font = await this.font(
      fontFileFor(fontOrDefault(frame.fontId), frame.bold, frame.italic),
    );
    const sizeMm = frame.sizePt * MM_PER_PT;
    const measure = (s: string) => kernedWidth(font.metrics, s, sizeMm);
    const lines = layoutText(frame.text, box.width, frame.align, measure);
    const lineMm = LINE_HEIGHT * sizeMm;
    // CSS centres the font's ascender-to-descender height in each line box.
    const baseline = (lineMm - (font.ascent - font.descent) * sizeMm) / 2 + font.ascent * sizeMm;
    const key = page.node.newFontDictionary(font.pdf.name, font.pdf.ref);
    const ops: PDFOperator[] = [
      pushGraphicsState(),
      ...turnOps(item.turn),
      ...clipOps(box),
      ...fillColour(frame.colour),
      beginText(),
      setFontAndSize(key, sizeMm),
    ];
    lines.forEach((line, i) => {
      const y = box.y + i * lineMm + baseline;
      const pieces = line.words ?? [{ text: line.text, x: line.x }];
      for (const piece of pieces) {
        if (piece.text === '') continue;
        // Flipped back, so the letters stand upright in the y-down page.
        ops.push(setTextMatrix(1, 0, 0, -1, box.x + piece.x, y));
        // encodeText registers the glyphs in the font's width table; the kerned run draws them.
        font.pdf.encodeText(piece.text);
        const run = this.doc.context.obj(kernedRun(font.metrics, piece.text));
        ops.push(PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [run]));
      }
    });
    ops.push(endText(), popGraphicsState());
    return ops;
  }

  private font(file: FontFile): Promise<EmbeddedFont> {
    let font = this.fonts.get(file.path);
    if (!font) {
      font = this.fontSource(file).then(async (bytes) => {
        const metrics = fontkit.create(bytes);
        // The whole font, not a subset: the fontkit fork's subsetter can damage TrueType glyphs
        // (PRINT.md), and a stable name keeps re-renders identical.
        const pdf = await this.doc.embedFont(bytes, {
          subset: false,
          customName: metrics.postscriptName ?? file.path,
        });
        return {
          pdf,
          metrics,
          ascent: metrics.ascent / metrics.unitsPerEm,
          descent: metrics.descent / metrics.unitsPerEm,
        };
      });
      this.fonts.set(file.path, font);
    }
    return font;
  }
}

function clipOps(box: Box): PDFOperator[] {
  return [rectangle(box.x, box.y, box.width, box.height), clip(), endPath()];
}

/** Clockwise on the page (y down) about the turn's centre, as CSS `rotate()` turns the frame. */
function turnOps(turn: Turn | undefined): PDFOperator[] {
  if (!turn) return [];
  const rad = (turn.deg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const { x, y } = turn.centre;
  return [
    concatTransformationMatrix(cos, sin, -sin, cos, x - cos * x + sin * y, y - sin * x - cos * y),
  ];
}

function colourOps(colour: string, box: Box): PDFOperator[] {
  return [
    pushGraphicsState(),
    ...fillColour(colour),
    rectangle(box.x, box.y, box.width, box.height),
    fill(),
    popGraphicsState(),
  ];
}

/** `#rrggbb` as the PDF's RGB fill colour. */
function fillColour(colour: string): PDFOperator[] {
  const channel = (i: number) => parseInt(colour.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
  return [setFillingRgbColor(channel(0), channel(1), channel(2))];
}
