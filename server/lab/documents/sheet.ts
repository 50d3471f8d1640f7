import fontkit from '@pdf-lib/fontkit';
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { fontById, fontFileFor } from '../../../src/text/fonts';
import { bundledFonts, type FontSource } from '../render/fonts';
import { createPrintPdf, savePrintPdf, type PrintFileInfo } from '../render/pdf-doc';
import { PT_PER_MM } from '../render/pdf-painter';

/** A4 portrait in millimetres. */
export const A4 = { width: 210, height: 297 };

/** Left and right margin (DIN 5008 puts the address field 20 mm from the left edge). */
export const MARGIN = 20;

const INK = rgb(0, 0, 0);
const GREY = rgb(0.4, 0.4, 0.4);

export interface TextStyle {
  size?: number;
  bold?: boolean;
  grey?: boolean;
  /** `right`: `x` is where the text ends (amounts line up on their last digit); `center`: its middle. */
  align?: 'left' | 'right' | 'center';
}

/**
 * A4 pages for the lab's office documents (job sheet, invoice), measured in millimetres from the
 * top left as the eye reads them. Text in the bundled Open Sans, embedded whole: the same files the
 * designer ships (checked by their SHA-256), and whole because pdf-lib's fontkit fork can damage
 * subset TrueType glyphs (PRINT.md). The file is dated and identified from its inputs only
 * (createPrintPdf), so the same order gives the same bytes.
 */
export class Sheet {
  readonly pages: PDFPage[] = [];

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  static async create(info: PrintFileInfo, fonts: FontSource = bundledFonts()): Promise<Sheet> {
    const doc = await createPrintPdf(info);
    doc.registerFontkit(fontkit);
    const openSans = fontById('open-sans');
    if (!openSans) throw new Error('the bundled fonts lack Open Sans');
    const embed = async (bold: boolean) => {
      const file = fontFileFor(openSans, bold, false);
      // Named as the file is (OpenSans-Bold), not with pdf-lib's numbered suffix.
      const customName = file.path.replace(/^.*\//, '').replace(/\.ttf$/, '');
      return doc.embedFont(await fonts(file), { subset: false, customName });
    };
    return new Sheet(doc, await embed(false), await embed(true));
  }

  /** A new page; drawing goes to the newest page. */
  addPage(): PDFPage {
    const page = this.doc.addPage([A4.width * PT_PER_MM, A4.height * PT_PER_MM]);
    this.pages.push(page);
    return page;
  }

  private get page(): PDFPage {
    const page = this.pages.at(-1);
    if (!page) throw new Error('no page to draw on');
    return page;
  }

  private font(style: TextStyle): PDFFont {
    return style.bold ? this.bold : this.regular;
  }

  /** Width of `text` in millimetres. */
  width(text: string, style: TextStyle = {}): number {
    return this.font(style).widthOfTextAtSize(text, style.size ?? 10) / PT_PER_MM;
  }

  /** One line of text with its baseline at `y` millimetres from the top. */
  text(text: string, x: number, y: number, style: TextStyle = {}, page = this.page): void {
    const size = style.size ?? 10;
    const shift = { left: 0, right: 1, center: 0.5 }[style.align ?? 'left'];
    const left = x - shift * this.width(text, style);
    page.drawText(text, {
      x: left * PT_PER_MM,
      y: (A4.height - y) * PT_PER_MM,
      size,
      font: this.font(style),
      color: style.grey ? GREY : INK,
    });
  }

  /** `text` broken into lines no wider than `width` millimetres, at word boundaries. */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && this.width(candidate, style) > width) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  /** A horizontal rule at `y` from `x1` to `x2`. */
  rule(x1: number, x2: number, y: number, thickness = 0.5, page = this.page): void {
    page.drawLine({
      start: { x: x1 * PT_PER_MM, y: (A4.height - y) * PT_PER_MM },
      end: { x: x2 * PT_PER_MM, y: (A4.height - y) * PT_PER_MM },
      thickness,
      color: INK,
    });
  }

  /** A rectangle, `y` its top edge; filled black, or outlined when `outline`. */
  box(x: number, y: number, width: number, height: number, outline = false): void {
    const shape = {
      x: x * PT_PER_MM,
      y: (A4.height - y - height) * PT_PER_MM,
      width: width * PT_PER_MM,
      height: height * PT_PER_MM,
    };
    if (outline) this.page.drawRectangle({ ...shape, borderColor: INK, borderWidth: 0.7 });
    else this.page.drawRectangle({ ...shape, color: INK });
  }

  /** The finished file. */
  save(): Promise<Uint8Array> {
    return savePrintPdf(this.doc);
  }
}
