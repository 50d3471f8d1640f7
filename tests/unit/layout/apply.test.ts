import { describe, expect, it } from 'vitest';
import { applyLayout, currentLayoutOf, photoCountOf } from '../../../src/layout/apply';
import { fitTemplate } from '../../../src/layout/fit';
import type { LayoutTemplate } from '../../../src/layout/template';
import type { Book, PhotoFrame, TextFrame } from '../../../src/model/book';
import { applyChanges } from '../../../src/model/changes';
import { addAssets, framesOn, newBook, placePhoto } from '../../../src/model/commands';
import { freshIds } from '../../../src/model/fresh-ids';
import { surfacesOfBook } from '../../../src/model/surfaces';
import { loadBook } from '../../../src/model/migrate';
import { DEFAULT_FONT_ID } from '../../../src/text/fonts';
import { catalog, counterIds, forward, frameOf, photo } from '../model/fixtures';
import { findProduct } from '../../../src/catalog/catalog';
import type { PagePanel } from '../../../src/geometry/surface';
import { books, templates } from './pages';

const book30 = findProduct(catalog, 'book-30x30-hardcover', 'photoBook');
const template = (id: string): LayoutTemplate => {
  const found = templates.find((t) => t.id === id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
};

const wide = photo(1, 6000, 4000);
const tall = photo(2, 4000, 6000);
const wide2 = photo(3, 6000, 4000);
const extra = photo(4, 5000, 5000);

/** A 30x30 book with four photos in its tray, a landscape one placed on page 2 (a left page). */
function start() {
  let book = newBook(book30, counterIds());
  book = forward(book, addAssets(book, [wide, tall, wide2, extra]));
  const surface = surfacesOfBook(book, book30)[2];
  const placed = surface?.pages[0];
  if (!placed || !('bleed' in placed.panel)) throw new Error('no spread');
  const pageId = placed.pageId;
  book = forward(book, placePhoto(book, frameOf(book, pageId), wide.id));
  return { book, pageId, panel: placed.panel as PagePanel };
}

const photosOn = (book: Book, pageId: string) =>
  framesOn(book, pageId).flatMap((f) => (f.kind === 'photo' && f.assetId ? [f.assetId] : []));

function apply(book: Book, pageId: string, panel: PagePanel, id: string, candidates = []) {
  return applyLayout(book, pageId, panel, template(id), { makeId: freshIds(book), candidates });
}

describe('applying a layout to a page', () => {
  it('keeps the photo on the page, reuses its frame and lays out the rest empty', () => {
    const { book, pageId, panel } = start();
    const oldFrame = frameOf(book, pageId);
    const { changes, displaced } = apply(book, pageId, panel, 'three-hero-left');
    const next = forward(book, changes);
    const frames = framesOn(next, pageId);
    expect(frames).toHaveLength(3);
    expect(displaced).toEqual([]);
    expect(photosOn(next, pageId)).toEqual([wide.id]);
    // The frame that held the photo holds it still (a selection on it survives).
    expect((next.frames[oldFrame] as PhotoFrame).assetId).toBe(wide.id);
    // Exactly the template's boxes, in its z order: the every-page test checks those boxes.
    const fitted = fitTemplate(template('three-hero-left'), panel);
    expect(frames.map((f) => [f.xMm, f.yMm, f.widthMm, f.heightMm, f.z])).toEqual(
      fitted.map((f) => [f.box.x, f.box.y, f.box.width, f.box.height, f.z]),
    );
    expect(() => loadBook(next)).not.toThrow();
    // One step back restores the page exactly.
    expect(applyChanges(next, changes, 'backward')).toEqual(book);
  });

  it('fills empty frames from candidates, then keeps all photos through a change of layout', () => {
    const { book, pageId, panel } = start();
    const three = apply(book, pageId, panel, 'three-columns');
    let next = forward(book, three.changes);
    // A candidate list (the tray's selection) fills the two empty frames.
    const filled = applyLayout(next, pageId, panel, template('three-rows'), {
      makeId: freshIds(next),
      candidates: [
        { id: wide2.id, aspectRatio: 1.5 },
        { id: tall.id, aspectRatio: 2 / 3 },
      ],
    });
    next = forward(next, filled.changes);
    expect(new Set(photosOn(next, pageId))).toEqual(new Set([wide.id, wide2.id, tall.id]));
    const hero = apply(next, pageId, panel, 'three-hero-top');
    const after = forward(next, hero.changes);
    expect(new Set(photosOn(after, pageId))).toEqual(new Set([wide.id, wide2.id, tall.id]));
    expect(hero.displaced).toEqual([]);
  });

  it('reports photos the layout has no frame for, and keeps them in the book', () => {
    const { book, pageId, panel } = start();
    const filled = applyLayout(book, pageId, panel, template('three-rows'), {
      makeId: freshIds(book),
      candidates: [
        { id: wide2.id, aspectRatio: 1.5 },
        { id: extra.id, aspectRatio: 1 },
      ],
    });
    const three = forward(book, filled.changes);
    const inReadingOrder = photosOn(three, pageId);
    const { changes, displaced } = apply(three, pageId, panel, 'two-columns');
    const two = forward(three, changes);
    expect(photosOn(two, pageId)).toHaveLength(2);
    expect(displaced).toEqual([inReadingOrder[2]]);
    expect(two.assets[displaced[0] ?? '']).toBeDefined();
  });

  it('makes text frames in the default font and moves written text into the next layout', () => {
    const { book, pageId, panel } = start();
    const titled = forward(book, apply(book, pageId, panel, 'one-title-top').changes);
    const text = framesOn(titled, pageId).find((f): f is TextFrame => f.kind === 'text');
    expect(text).toMatchObject({ text: '', fontId: DEFAULT_FONT_ID, bold: false, italic: false });
    // A text frame never written in goes with a layout that has none.
    const untitled = forward(titled, apply(titled, pageId, panel, 'two-columns').changes);
    expect(framesOn(untitled, pageId).filter((f) => f.kind === 'text')).toEqual([]);
    const written = forward(titled, [
      { kind: 'frame', id: text!.id, before: text, after: { ...text!, text: 'Sommer 2026' } },
    ]);
    const next = forward(written, apply(written, pageId, panel, 'three-title-hero').changes);
    const texts = framesOn(next, pageId).filter((f) => f.kind === 'text');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ id: text!.id, text: 'Sommer 2026' });
    // A layout without text frames leaves the text where it is, in front of the photos.
    const plain = forward(next, apply(next, pageId, panel, 'two-columns').changes);
    const frames = framesOn(plain, pageId);
    expect(frames.at(-1)).toMatchObject({ id: text!.id, text: 'Sommer 2026' });
    expect(photosOn(plain, pageId)).toEqual([wide.id]);
  });

  it('knows the layout a page has until a frame moves, and the photo count it is for', () => {
    const { book, pageId, panel } = start();
    expect(currentLayoutOf(book, pageId, panel, templates)).toBeUndefined();
    expect(photoCountOf(book, pageId, panel, templates)).toBe(1);
    const laid = forward(book, apply(book, pageId, panel, 'four-grid').changes);
    expect(currentLayoutOf(laid, pageId, panel, templates)?.id).toBe('four-grid');
    expect(photoCountOf(laid, pageId, panel, templates)).toBe(4);
    const frame = framesOn(laid, pageId)[0]!;
    const moved = forward(laid, [
      { kind: 'frame', id: frame.id, before: frame, after: { ...frame, xMm: frame.xMm + 1 } },
    ]);
    expect(currentLayoutOf(moved, pageId, panel, templates)).toBeUndefined();
  });

  it('fits every template on every page of every product as the fitter does', () => {
    for (const product of books) {
      const book = newBook(product, counterIds());
      const surfaces = surfacesOfBook(book, product).slice(1);
      const pages = [surfaces[0], surfaces[1], surfaces.at(-1)].flatMap((s) => s?.pages ?? []);
      for (const { pageId, panel } of pages) {
        for (const t of templates) {
          const next = forward(book, apply(book, pageId, panel as PagePanel, t.id).changes);
          const boxes = framesOn(next, pageId).map((f) => [f.xMm, f.yMm, f.widthMm, f.heightMm]);
          const fitted = fitTemplate(t, panel as PagePanel).map((f) => [
            f.box.x,
            f.box.y,
            f.box.width,
            f.box.height,
          ]);
          expect(boxes, `${product.id} ${t.id}`).toEqual(fitted);
        }
      }
    }
  });
});
