import { describe, expect, it } from 'vitest';
import { layoutText } from '../../../../server/lab/render/text-layout';

/** Every letter and space one unit wide: line breaks can be worked out by counting. */
const mono = (s: string) => Array.from(s).length;

describe('text frame line breaking (as the designer breaks it: pre-wrap, break-word)', () => {
  it('breaks at the space before the word that would pass the width', () => {
    const lines = layoutText('aaa bbb ccc', 7, 'left', mono);
    expect(lines.map((l) => l.text)).toEqual(['aaa bbb', 'ccc']);
    expect(lines.every((l) => l.width <= 7)).toBe(true);
  });

  it('keeps newlines and empty lines', () => {
    expect(layoutText('a\n\nb', 10, 'left', mono).map((l) => l.text)).toEqual(['a', '', 'b']);
  });

  it('breaks a word wider than the frame between letters', () => {
    expect(layoutText('abcdefghij', 4, 'left', mono).map((l) => l.text)).toEqual([
      'abcd',
      'efgh',
      'ij',
    ]);
  });

  it('lets spaces at a break hang past the edge without moving the text', () => {
    const [line] = layoutText('aaa     ', 3, 'right', mono);
    expect(line).toMatchObject({ text: 'aaa', x: 0, width: 3 });
  });

  it('aligns right and centre within the width', () => {
    expect(layoutText('ab', 10, 'right', mono)[0]!.x).toBe(8);
    expect(layoutText('ab', 10, 'center', mono)[0]!.x).toBe(4);
  });

  it('justifies every line but the last of a paragraph', () => {
    const [first, last] = layoutText('aa bb cc dd', 9, 'justify', mono);
    expect(first!.words).toEqual([
      { text: 'aa', x: 0 },
      { text: 'bb', x: 3.5 },
      { text: 'cc', x: 7 },
    ]);
    expect(last).toEqual({ text: 'dd', x: 0, width: 2 });
  });
});
