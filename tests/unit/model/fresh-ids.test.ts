import { describe, expect, it } from 'vitest';
import { newBook } from '../../../src/model/commands';
import { freshIds } from '../../../src/model/fresh-ids';
import { a4, counterIds } from './fixtures';

describe('freshIds', () => {
  it('skips every id the book holds and never hands one out twice', () => {
    // counterIds makes page-1, frame-2, page-3 ...: fresh ids must step round all of them.
    const book = newBook(a4, counterIds());
    const make = freshIds(book);
    const taken = new Set([...Object.keys(book.pages), ...Object.keys(book.frames), book.id]);
    const made = Array.from({ length: 60 }, (_, i) => make(i % 2 ? 'page' : 'frame'));
    expect(new Set(made).size).toBe(made.length);
    for (const id of made) expect(taken.has(id), id).toBe(false);
  });

  it('gives the same ids for the same book, so a command is repeatable', () => {
    const book = newBook(a4, counterIds());
    const a = freshIds(book);
    const b = freshIds(book);
    expect([a('page'), a('page'), a('frame')]).toEqual([b('page'), b('page'), b('frame')]);
  });
});
