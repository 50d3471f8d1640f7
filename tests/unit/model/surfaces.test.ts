import { describe, expect, it } from 'vitest';
import { productsOfKind } from '../../../src/catalog/catalog';
import { surfacesFor } from '../../../src/catalog/kinds';
import { newBook } from '../../../src/model/commands';
import { paintedBoxes, surfacesOfBook } from '../../../src/model/surfaces';
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

describe('paintedBoxes', () => {
  it('tiles every surface of every book, each box round its page, meeting mid-gap', () => {
    for (const product of productsOfKind(catalog, 'photoBook')) {
      for (const { surface, pages } of surfacesOfBook(newBook(product, counterIds()), product)) {
        const boxes = paintedBoxes(pages, surface.media);
        expect(boxes[0]!.x).toBe(0);
        expect(boxes.at(-1)!.x + boxes.at(-1)!.width).toBeCloseTo(surface.media.width, 9);
        boxes.forEach((box, i) => {
          const { trim } = pages[i]!.panel;
          // Full height, and the page's trim inside its box.
          expect([box.y, box.height]).toEqual([0, surface.media.height]);
          expect(box.x).toBeLessThanOrEqual(trim.x);
          expect(box.x + box.width).toBeGreaterThanOrEqual(trim.x + trim.width);
          // No gap and no overlap with the next page: they meet in the middle of the gap.
          const next = pages[i + 1]?.panel.trim;
          if (next) {
            expect(boxes[i + 1]!.x).toBeCloseTo(box.x + box.width, 9);
            expect(box.x + box.width).toBeCloseTo((trim.x + trim.width + next.x) / 2, 9);
          }
        });
      }
    }
  });
});
