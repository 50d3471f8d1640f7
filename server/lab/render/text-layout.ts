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
