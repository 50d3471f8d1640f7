import type { Font } from '@pdf-lib/fontkit';
import { PDFHexString } from 'pdf-lib';

/**
 * Kerned type. pdf-lib draws each glyph at its plain advance, but the browser the customer
 * designs in kerns (AV, Te, Yo: a line of Lora runs about 2 % narrower), and a wider line breaks
 * earlier: the print would wrap differently from the screen. So lines are measured with the
 * font's kerning and drawn with it, as a TJ array whose numbers move each glyph by its kerning
 * (thousandths of the type size; positive moves left).
 */

/** The advance of `text` with kerning, in the unit of `size`. */
export function kernedWidth(font: Font, text: string, size: number): number {
  const { positions } = font.layout(text);
  const units = positions.reduce((sum, p) => sum + p.xAdvance, 0);
  return (units / font.unitsPerEm) * size;
}

/**
 * The TJ operand for `text`: runs of glyph ids (as the PDF's Identity-H font numbers them: the
 * font's own glyph ids) with the kerning between them. The glyphs are the ones pdf-lib's
 * `encodeText` of the same text registers for the font's width table.
 */
export function kernedRun(font: Font, text: string): (PDFHexString | number)[] {
  const { glyphs, positions } = font.layout(text);
  const run: (PDFHexString | number)[] = [];
  let hex = '';
  glyphs.forEach((glyph, i) => {
    hex += glyph.id.toString(16).padStart(4, '0').toUpperCase();
    const kern = positions[i]!.xAdvance - glyph.advanceWidth;
    if (kern !== 0 && i < glyphs.length - 1) {
      run.push(PDFHexString.of(hex), (-kern * 1000) / font.unitsPerEm);
      hex = '';
    }
  });
  if (hex !== '') run.push(PDFHexString.of(hex));
  return run;
}
