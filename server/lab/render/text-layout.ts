/**
 * The lab prints text broken into lines by the core's line breaking (src/text/layout.ts), the
 * same code the designer's pre-order check measures overflow with, so both agree on the lines.
 */
export { layoutText, type Align, type LaidLine, type PlacedWord } from '../../../src/text/layout';
