import bwipjs from 'bwip-js/node';
import type { Sheet } from './sheet';

/**
 * Bar and space widths of a Code 128 symbol for `text`, in modules, bar first. bwip-js (BWIPP)
 * encodes it, choosing code sets and the check digit; we draw the bars ourselves as filled
 * rectangles, so the code is vectors: sharp at any printer resolution and the same bytes each time.
 */
export function code128Widths(text: string): number[] {
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error(`bwip-js made no Code 128 for ${text}`);
  return symbol.sbs;
}

/** Code 128 asks for a quiet zone of ten modules on either side. */
const QUIET_MODULES = 10;

/**
 * Draws the Code 128 of `text` with its top left corner at (`x`, `y`) millimetres, `module`
 * millimetres a module (0.33 mm and up scan well from a laser printer). Returns its width
 * including the quiet zones, which are left white.
 */
export function drawCode128(
  sheet: Sheet,
  text: string,
  at: { x: number; y: number },
  size: { module: number; height: number },
): number {
  const widths = code128Widths(text);
  let x = at.x + QUIET_MODULES * size.module;
  widths.forEach((modules, i) => {
    const width = modules * size.module;
    if (i % 2 === 0) sheet.box(x, at.y, width, size.height);
    x += width;
  });
  return x + QUIET_MODULES * size.module - at.x;
}
