import { describe, expect, it } from 'vitest';
import catalogData from '../../../../assets/catalog.json';
import { parseCatalog, productsOfKind } from '../../../../src/catalog/catalog';
import { defaultOptionsOf, problemsOf, surfacesFor } from '../../../../src/catalog/kinds';

const books = productsOfKind(parseCatalog(catalogData), 'photoBook');

describe.each(books)('$id page rules', (book) => {
  const { min, max, step } = book.pages;
  const rule = `${min} to ${max} in steps of ${step}`;

  it('starts at its default page count, which it can make', () => {
    expect(defaultOptionsOf(book)).toEqual({ pageCount: book.pages.default });
    expect(problemsOf(book, defaultOptionsOf(book))).toEqual([]);
  });

  it.each([min, min + step, max])('takes %i pages', (pageCount) => {
    expect(problemsOf(book, { pageCount })).toEqual([]);
  });

  it.each([min - step, min + 1, max + step, 24.5])('refuses %s pages', (pageCount) => {
    expect(problemsOf(book, { pageCount })).toEqual([`page count ${pageCount} is not ${rule}`]);
    expect(() => surfacesFor(book, { pageCount })).toThrow(
      `${book.id}: page count ${pageCount} is not ${rule}`,
    );
  });

  it('surfaces through the registry: cover, page 1, spreads, last page', () => {
    const surfaces = surfacesFor(book, { pageCount: min });
    expect(surfaces.map((s) => s.id)).toEqual([
      'cover',
      'page-1',
      ...Array.from({ length: (min - 2) / 2 }, (_, i) => `spread-${2 * i + 2}-${2 * i + 3}`),
      `page-${min}`,
    ]);
  });
});
