import { describe, expect, it } from 'vitest';
import { productsOfKind } from '../../../../src/catalog/catalog';
import { renderCover, renderInnerBlock } from '../../../../server/lab/render/book';
import { ORDER_DATE, PhotoShelf, catalog, emptyBook, pageBoxes, savePdf, scratch } from './support';

/**
 * Every photo book of the catalog prints with the boxes a print shop checks first: each inner
 * page is its trim plus 3 mm bleed on every side (MediaBox = BleedBox) with the TrimBox on the
 * trim, and the cover is back, spine and front with the wrap or bleed round them. The expected
 * figures are worked out here from the catalog's numbers, not taken from the geometry module.
 */
describe('print file boxes, for every photo book in the catalog', () => {
  const books = productsOfKind(catalog, 'photoBook');

  it.each(books.map((product) => [product.id, product] as const))(
    '%s: inner pages and cover to 0.1 mm',
    async (_id, product) => {
      const dir = await scratch();
      const book = emptyBook(product);
      const pageCount = book.options.pageCount;
      const job = { book, product, photos: new PhotoShelf().source, date: ORDER_DATE };
      const inner = await pageBoxes(await savePdf(dir, 'inner.pdf', await renderInnerBlock(job)));
      const { width: w, height: h } = product.trimMm;
      const b = product.bleedMm;

      expect(inner).toHaveLength(pageCount);
      for (const boxes of inner) {
        const media = boxes['MediaBox']!;
        expectBox(media, { x1: 0, y1: 0, x2: w + 2 * b, y2: h + 2 * b });
        expectBox(boxes['BleedBox']!, media);
        expectBox(boxes['TrimBox']!, { x1: b, y1: b, x2: b + w, y2: b + h });
      }

      const [cover] = await pageBoxes(await savePdf(dir, 'cover.pdf', await renderCover(job)));
      const spine = product.spine.boardMm + product.spine.perPageMm * pageCount;
      const [edge, hinge] =
        product.cover.binding === 'hardcover'
          ? [product.cover.wrapMm, product.cover.hingeMm]
          : [b, 0];
      const coverWidth = edge + w + hinge + spine + hinge + w + edge;
      expectBox(cover!['MediaBox']!, { x1: 0, y1: 0, x2: coverWidth, y2: edge + h + edge });
      expectBox(cover!['BleedBox']!, cover!['MediaBox']!);
      expectBox(cover!['TrimBox']!, { x1: edge, y1: edge, x2: coverWidth - edge, y2: edge + h });
    },
  );
});

function expectBox(
  actual: { x1: number; y1: number; x2: number; y2: number },
  expected: { x1: number; y1: number; x2: number; y2: number },
) {
  for (const key of ['x1', 'y1', 'x2', 'y2'] as const) {
    expect(
      Math.abs(actual[key] - expected[key]),
      `${key}: ${actual[key]} vs ${expected[key]}`,
    ).toBeLessThan(0.1);
  }
}
