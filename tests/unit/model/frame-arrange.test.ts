import { describe, expect, it } from 'vitest';
import type { Book } from '../../../src/model/book';
import { framesOn } from '../../../src/model/commands';
import {
  arrangeFrame,
  canArrange,
  copyIdFor,
  duplicateFrame,
  type Arrange,
} from '../../../src/model/frame-arrange';
import { forward } from './fixtures';
import { bookWith, box } from './frame-fixtures';

function page() {
  let left = '';
  const book = bookWith((p) => {
    left = p.left;
    return [
      box('a', p.left, 0, 0, 10, 10, { z: 0 }),
      box('b', p.left, 0, 0, 10, 10, { z: 3 }),
      box('c', p.left, 0, 0, 10, 10, { z: 7 }),
      box('other', p.right, 0, 0, 10, 10, { z: 5 }),
    ];
  });
  return { book, left };
}

const order = (book: Book, pageId: string) => framesOn(book, pageId).map((f) => f.id);
const zs = (book: Book, pageId: string) => framesOn(book, pageId).map((f) => f.z);
const arranged = (book: Book, id: string, to: Arrange) => forward(book, arrangeFrame(book, id, to));

describe('arrangeFrame', () => {
  it('forward and backward trade places with the neighbour, touching only those two', () => {
    const { book, left } = page();
    expect(arrangeFrame(book, 'a', 'forward')).toHaveLength(2);
    expect(order(arranged(book, 'a', 'forward'), left)).toEqual(['b', 'a', 'c']);
    expect(order(arranged(book, 'c', 'backward'), left)).toEqual(['a', 'c', 'b']);
  });

  it('to front and to back go past every frame on the page, touching only the one', () => {
    const { book, left } = page();
    expect(arrangeFrame(book, 'a', 'front')).toHaveLength(1);
    expect(order(arranged(book, 'a', 'front'), left)).toEqual(['b', 'c', 'a']);
    expect(order(arranged(book, 'c', 'back'), left)).toEqual(['c', 'a', 'b']);
  });

  it('keeps z unique on the page whatever the sequence', () => {
    const { book, left } = page();
    const moves: [string, Arrange][] = [
      ['a', 'front'],
      ['b', 'forward'],
      ['c', 'back'],
      ['a', 'backward'],
      ['b', 'back'],
      ['c', 'front'],
    ];
    let current = book;
    for (const [id, to] of moves) {
      current = arranged(current, id, to);
      expect(new Set(zs(current, left)).size).toBe(3);
    }
    // The facing page's frame was never touched.
    expect(current.frames.other).toBe(book.frames.other);
  });

  it('says when there is nothing in front or behind, and then changes nothing', () => {
    const { book } = page();
    expect(canArrange(book, 'c', 'forward')).toBe(false);
    expect(canArrange(book, 'c', 'front')).toBe(false);
    expect(canArrange(book, 'c', 'back')).toBe(true);
    expect(canArrange(book, 'a', 'backward')).toBe(false);
    expect(canArrange(book, 'other', 'forward')).toBe(false);
    expect(canArrange(book, 'gone', 'forward')).toBe(false);
    expect(arrangeFrame(book, 'c', 'front')).toEqual([]);
    expect(arrangeFrame(book, 'a', 'back')).toEqual([]);
  });
});

describe('duplicateFrame', () => {
  it('copies the frame 5 mm right and down, in front, under an unused id', () => {
    const { book } = page();
    const { changes, id } = duplicateFrame(book, 'a');
    expect(id).toBe('a-copy');
    const copied = forward(book, changes);
    expect(copied.frames['a-copy']).toEqual({
      ...book.frames.a,
      id: 'a-copy',
      xMm: 5,
      yMm: 5,
      z: 8,
    });
    expect(copyIdFor(copied, 'a')).toBe('a-copy-2');
    expect(copyIdFor(copied, 'a-copy')).toBe('a-copy-2');
  });
});
