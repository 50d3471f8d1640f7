import { describe, expect, it } from 'vitest';
import { photoAcross } from '../../../../src/model/backgrounds';
import { applyChanges } from '../../../../src/model/changes';
import { surfacesOfBook } from '../../../../src/model/surfaces';
import { renderInnerBlock } from '../../../../server/lab/render/book';
import {
  BLUE,
  ORDER_DATE,
  PhotoShelf,
  RED,
  emptyBook,
  near,
  pagePicture,
  savePdf,
  scratch,
  soft21,
  twoColourPhoto,
  withFrames,
} from './support';

/**
 * A photo laid across a spread is two page backgrounds (model/backgrounds.ts); printed page by
 * page, each page's bleed must continue the other's half, so the binding shows no seam.
 */
describe('a background photo across a spread', () => {
  it('prints each half on its page and runs on across the binding into the bleed', async () => {
    const shelf = new PhotoShelf();
    // Left half red, right half blue: the spread's middle is the photo's middle.
    const photo = shelf.add(await twoColourPhoto(3000, 1000, RED, BLUE), 3000, 1000);
    let book = withFrames(emptyBook(soft21), [], shelf);
    const spread = surfacesOfBook(book, soft21)[2]!;
    expect(spread.surface.id).toBe('spread-2-3');
    book = applyChanges(book, photoAcross(book, spread.pages, photo.id), 'forward');

    const dir = await scratch();
    const job = { book, product: soft21, photos: shelf.source, date: ORDER_DATE };
    const pdf = await savePdf(dir, 'inner.pdf', await renderInnerBlock(job));
    const left = await pagePicture(pdf, 2, 100);
    const right = await pagePicture(pdf, 3, 100);
    // Page 2 is red up to the binding (213 mm on its PDF page), its bleed beyond it blue.
    expect(near(left.at(1, 100), RED)).toBe(true);
    expect(near(left.at(212, 100), RED)).toBe(true);
    expect(near(left.at(215, 100), BLUE)).toBe(true);
    // Page 3 starts 3 mm before the binding: red there, blue from the binding on.
    expect(near(right.at(1, 100), RED)).toBe(true);
    expect(near(right.at(4, 100), BLUE)).toBe(true);
    expect(near(right.at(215, 215), BLUE)).toBe(true);
  });
});
