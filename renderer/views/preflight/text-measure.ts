import { MM_PER_PT, fontOrDefault } from '../../../src/text/fonts';
import { rememberingMeasure, type MeasureText } from '../../../src/text/layout';
import { cssFontFamily } from '../../fonts';

/** Type is measured this large and scaled: widths are linear in the size, and more px are finer. */
const MEASURE_PX = 100;

/** The CSS font of a style at MEASURE_PX, as the designer's text (TextContent.tsx) sets it. */
function cssFont(style: Parameters<MeasureText>[1]): string {
  const family = cssFontFamily(fontOrDefault(style.fontId));
  return `${style.italic ? 'italic' : 'normal'} ${style.bold ? 700 : 400} ${MEASURE_PX}px ${family}`;
}

/**
 * Text widths from the very font files the designer draws with and the lab embeds (registered
 * by renderer/fonts.ts), kerned like the designer's text. A face that has not loaded yet is
 * asked to load; `onFontLoaded` then tells the caller that widths measured so far (in the
 * fallback font) are stale.
 */
export function canvasMeasure(onFontLoaded: () => void): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) throw new Error('no 2D canvas to measure text with');
  context.fontKerning = 'normal';
  const asked = new Set<string>();
  return rememberingMeasure((text, style) => {
    const font = cssFont(style);
    if (!asked.has(font) && !document.fonts.check(font)) {
      asked.add(font);
      document.fonts.load(font).then(onFontLoaded, () => undefined);
    }
    context.font = font;
    return (context.measureText(text).width / MEASURE_PX) * style.sizePt * MM_PER_PT;
  });
}
