import type { TextFrame } from '../model/book';
import { LINE_HEIGHT } from '../model/text-edits';
import { MM_PER_PT } from './fonts';

/**
 * Line breaking for text frames, as the designer's CSS breaks them (renderer/views/spread/
 * text.css: `white-space: pre-wrap; overflow-wrap: break-word`): a newline always breaks, lines
 * break at spaces where the next word would pass the frame's width, spaces at a break hang past
 * the edge (they neither wrap nor push the alignment), and a word wider than the frame breaks
 * between letters. Widths come from the font that prints, so each line fits the frame.
 */

/** One word of a line where it prints, for justified lines (drawn word by word). */
export interface PlacedWord {
  text: string;
  /** From the frame's left edge, in the unit `measure` returns. */
  x: number;
}

/** A line of a text frame as it prints. */
export interface LaidLine {
  /** The line's text without its hanging spaces. */
  text: string;
  /** Left edge of the line's text from the frame's left edge. */
  x: number;
  width: number;
  /** Set for a justified line: its words, spread so the line fills the frame's width. */
  words?: PlacedWord[];
}

export type Align = 'left' | 'center' | 'right' | 'justify';

/** Lines of a paragraph, before alignment. */
interface RawLine {
  text: string;
  /** The last line of its paragraph: a justified paragraph leaves it at the start. */
  last: boolean;
}

/**
 * The lines of a frame's text, broken to `maxWidth` and aligned. `measure` gives a string's
 * advance width in the same unit as `maxWidth`.
 */
export function layoutText(
  text: string,
  maxWidth: number,
  align: Align,
  measure: (s: string) => number,
): LaidLine[] {
  const raw = text.split(/\r\n|\r|\n/).flatMap((p) => breakParagraph(p, maxWidth, measure));
  return raw.map((line) => aligned(line, maxWidth, align, measure));
}

function breakParagraph(paragraph: string, maxWidth: number, measure: (s: string) => number) {
  const lines: RawLine[] = [];
  // Words with the spaces before them; tabs print as spaces, as the designer shows them.
  const tokens = paragraph.replace(/\t/g, ' ').match(/ *[^ ]+| +$/g) ?? [];
  let line = '';
  for (const token of tokens) {
    const candidate = line + token;
    if (line === '' || measure(candidate.trimEnd()) <= maxWidth) {
      line = candidate;
    } else {
      lines.push({ text: line, last: false });
      // The spaces at the break hang at the end of the line before; the new line starts at the word.
      line = token.trimStart();
    }
    // A word wider than the whole frame breaks between letters (overflow-wrap: break-word).
    while (measure(line.trimEnd()) > maxWidth && line.trim().length > 1) {
      const [head, tail] = splitToFit(line, maxWidth, measure);
      lines.push({ text: head, last: false });
      line = tail;
    }
  }
  lines.push({ text: line, last: true });
  return lines;
}

/** The longest start of `line` that fits (at least one letter), and the rest. */
function splitToFit(line: string, maxWidth: number, measure: (s: string) => number) {
  const letters = Array.from(line);
  let n = 1;
  while (
    n < letters.length &&
    measure(
      letters
        .slice(0, n + 1)
        .join('')
        .trimEnd(),
    ) <= maxWidth
  )
    n++;
  return [letters.slice(0, n).join(''), letters.slice(n).join('').trimStart()] as const;
}

function aligned(
  line: RawLine,
  maxWidth: number,
  align: Align,
  measure: (s: string) => number,
): LaidLine {
  const text = line.text.trimEnd();
  const width = measure(text);
  const free = maxWidth - width;
  if (align === 'justify' && !line.last) {
    const words = justified(text, maxWidth, measure);
    if (words) return { text, x: 0, width: maxWidth, words };
  }
  const x = align === 'center' ? free / 2 : align === 'right' ? free : 0;
  return { text, x, width };
}

/** Words spread so the gaps between them take up the line's free width evenly. */
function justified(text: string, maxWidth: number, measure: (s: string) => number) {
  const match = /^ */.exec(text);
  const indent = match ? match[0] : '';
  const words = text.slice(indent.length).split(/ +/);
  if (words.length < 2) return undefined;
  const gaps = text.slice(indent.length).match(/ +/g) ?? [];
  const natural = measure(text);
  const extra = (maxWidth - natural) / gaps.length;
  const placed: PlacedWord[] = [];
  let x = measure(indent);
  words.forEach((word, i) => {
    placed.push({ text: word, x });
    const gap = gaps[i];
    if (gap !== undefined) x += measure(word + gap) + extra;
  });
  return placed;
}

/** What decides the width of a text run: the frame's font, face and size. */
export type TypeStyle = Pick<TextFrame, 'fontId' | 'bold' | 'italic' | 'sizePt'>;

/**
 * A text run's advance width in millimetres set in a style. The core has no fonts: the designer
 * passes one measured with the loaded font files, the lab and tests one from the TrueType tables.
 */
export type MeasureText = (text: string, style: TypeStyle) => number;

/**
 * How far a frame's text runs past its bottom edge, in millimetres (0 or less: it fits): its
 * lines as the print breaks them, each LINE_HEIGHT times the type size high, as the designer's
 * CSS and the lab's PDF set them.
 */
export function textOverrunMm(
  frame: Pick<TextFrame, 'text' | 'widthMm' | 'heightMm' | 'align'> & TypeStyle,
  measure: MeasureText,
): number {
  // A trailing newline makes no line of its own in the designer (pre-wrap) nor in print.
  const text = frame.text.replace(/(\r\n|\r|\n)$/, '');
  const lines = layoutText(text, frame.widthMm, frame.align, (s) => measure(s, frame));
  return lines.length * LINE_HEIGHT * frame.sizePt * MM_PER_PT - frame.heightMm;
}

/** Entries a remembering measure keeps before it starts afresh: a few MB at most. */
const MEASURE_CACHE_LIMIT = 50_000;

/**
 * A measure that remembers each run's width per face, so a line measured once is not measured
 * again: breaking a frame's text asks for every growing line, and the check asks again for every
 * frame of a page whenever that page changes. Widths scale with the type size, so one entry per
 * face and text serves every size.
 */
export function rememberingMeasure(measure: MeasureText): MeasureText {
  const widths = new Map<string, number>();
  return (text, style) => {
    const key = `${style.fontId}\u0000${style.bold ? 1 : 0}${style.italic ? 1 : 0}\u0000${text}`;
    let perPt = widths.get(key);
    if (perPt === undefined) {
      if (widths.size >= MEASURE_CACHE_LIMIT) widths.clear();
      perPt = measure(text, { ...style, sizePt: 1 });
      widths.set(key, perPt);
    }
    return perPt * style.sizePt;
  };
}
