import { describe, expect, it } from 'vitest';
import { productsOfKind } from '../../../src/catalog/catalog';
import { surfacesFor } from '../../../src/catalog/kinds';
import { newBook } from '../../../src/model/commands';
import { surfacesOfBook } from '../../../src/model/surfaces';
import { a4, catalog, counterIds, forward } from './fixtures';

describe('surfacesOfBook', () => {
  it('puts the cover pages on the cover and the inner pages on page 1, the spreads and the last page', () => {
    const book = newBook(a4, counterIds());
    const placed = surfacesOfBook(book, a4).map(({ surface, pages }) => [
      surface.id,
      pages.map((p) => [p.panel.name, p.pageId]),
    ]);
    const page = (n: number) => book.pageIds[n - 1];
    expect(placed).toHaveLength(1 + 1 + 11 + 1);
    expect(placed.slice(0, 3)).toEqual([
      [
        'cover',
        [
          ['back', book.cover.backId],
          ['spine', book.cover.spineId],
          ['front', book.cover.frontId],
        ],
      ],
      ['page-1', [['right', page(1)]]],
      [
        'spread-2-3',
        [
          ['left', page(2)],
          ['right', page(3)],
        ],
      ],
    ]);
    expect(placed.at(-1)).toEqual(['page-24', [['left', page(24)]]]);
  });

  it.each(productsOfKind(catalog, 'photoBook').map((p) => [p.id, p] as const))(
    '%s: the same surfaces as the catalog, each page on exactly one panel',
    (_id, product) => {
      const book = newBook(product, counterIds());
      const surfaces = surfacesOfBook(book, product);
      expect(surfaces.map((s) => s.surface)).toEqual(surfacesFor(product, book.options));
      const pageIds = surfaces.flatMap((s) => s.pages.map((p) => p.pageId));
      expect(pageIds.sort()).toEqual(Object.keys(book.pages).sort());
      for (const { surface, pages } of surfaces) {
        expect(pages.map((p) => p.panel)).toEqual(surface.panels);
      }
    },
  );

  it('moves pages to other surfaces when spreads are reordered, frames untouched', () => {
    const book = newBook(a4, counterIds());
    const [p1, p2, p3, p4, p5, ...rest] = book.pageIds;
    const reordered = forward(book, [
      { kind: 'pageOrder', before: book.pageIds, after: [p1!, p4!, p5!, p2!, p3!, ...rest] },
    ]);
    const spread = (id: string) =>
      surfacesOfBook(reordered, a4)
        .find((s) => s.surface.id === id)
        ?.pages.map((p) => p.pageId);
    expect(spread('spread-2-3')).toEqual([p4, p5]);
    expect(spread('spread-4-5')).toEqual([p2, p3]);
    expect(reordered.frames).toBe(book.frames);
  });
});
