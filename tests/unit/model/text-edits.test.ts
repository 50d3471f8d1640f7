import { describe, expect, it } from 'vitest';
import { findProduct, type PhotoBook } from '../../../src/catalog/catalog';
import { contains, type Box } from '../../../src/geometry/box';
import type { Book, TextFrame } from '../../../src/model/book';
import { applyChanges } from '../../../src/model/changes';
import { newBook } from '../../../src/model/commands';
import { surfacesOfBook } from '../../../src/model/surfaces';
import {
  COVER_TITLE_FRAME_ID,
  DEFAULT_TEXT_STYLE,
  SPINE_TEXT_FRAME_ID,
  addTextFrame,
  setCoverTitle,
  setSpineText,
  setText,
  setTextStyle,
  spineTextRefusal,
} from '../../../src/model/text-edits';
import { DEFAULT_FONT_ID } from '../../../src/text/fonts';
import { catalog, counterIds, forward, pageAt, photoFrameOn } from './fixtures';

const softcover = findProduct(catalog, 'book-21x21-softcover', 'photoBook');
const square = findProduct(catalog, 'book-30x30-hardcover', 'photoBook');

/** A new book of the product with `pages` pages. */
function bookOf(product: PhotoBook, pages = product.pages.default): Book {
  return newBook({ ...product, pages: { ...product.pages, default: pages } }, counterIds());
}

/** The panel a page lies on, from the shared geometry. */
function panelOf(book: Book, product: PhotoBook, pageId: string) {
  for (const { pages } of surfacesOfBook(book, product)) {
    const placed = pages.find((p) => p.pageId === pageId);
    if (placed) return placed.panel;
  }
  throw new Error(`no page ${pageId}`);
}

/** Where a frame prints on its surface, after its rotation (multiples of 90° only). */
function footprint(book: Book, product: PhotoBook, frame: TextFrame): Box {
  const { trim } = panelOf(book, product, frame.pageId);
  const turned = frame.rotationDeg % 180 === 90;
  const width = turned ? frame.heightMm : frame.widthMm;
  const height = turned ? frame.widthMm : frame.heightMm;
  const cx = trim.x + frame.xMm + frame.widthMm / 2;
  const cy = trim.y + frame.yMm + frame.heightMm / 2;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

function textFrame(book: Book, id: string): TextFrame {
  const frame = book.frames[id];
  if (frame?.kind !== 'text') throw new Error(`no text frame ${id}`);
  return frame;
}

describe('addTextFrame', () => {
  it('adds an empty text frame in the default type, in front of the photo, inside the safe area', () => {
    const book = bookOf(square);
    const page = pageAt(book, 2);
    const changes = addTextFrame(book, square, page, 'text-1');
    const after = forward(book, changes);
    const frame = textFrame(after, 'text-1');
    expect(frame).toMatchObject({ ...DEFAULT_TEXT_STYLE, text: '', pageId: page, rotationDeg: 0 });
    expect(frame.fontId).toBe(DEFAULT_FONT_ID);
    expect(frame.z).toBeGreaterThan(photoFrameOn(book, page).z);
    const safe = panelOf(book, square, page).safe;
    expect(contains(safe, footprint(after, square, frame))).toBe(true);
    // Centred in the safe area: a page's safe box is off-centre by the gutter, so is the frame.
    const box = footprint(after, square, frame);
    expect(box.x + box.width / 2).toBeCloseTo(safe.x + safe.width / 2, 6);
    expect(applyChanges(after, changes, 'backward')).toEqual(book);
  });

  it('puts each further frame lower, so none hides the one before', () => {
    let book = bookOf(square);
    const page = pageAt(book, 0);
    for (const id of ['t1', 't2', 't3']) book = forward(book, addTextFrame(book, square, page, id));
    const [a, b, c] = ['t1', 't2', 't3'].map((id) => textFrame(book, id));
    expect(b!.yMm).toBe(a!.yMm + 8);
    expect(c!.yMm).toBe(a!.yMm + 16);
    expect([a!.z, b!.z, c!.z]).toEqual([1, 2, 3]);
    for (const f of [a!, b!, c!]) {
      expect(contains(panelOf(book, square, page).safe, footprint(book, square, f))).toBe(true);
    }
  });

  it('refuses an id that exists', () => {
    const book = bookOf(square);
    const id = photoFrameOn(book, pageAt(book, 0)).id;
    expect(() => addTextFrame(book, square, pageAt(book, 0), id)).toThrow(/exists/);
  });
});

describe('setText and setTextStyle', () => {
  const withText = () => {
    const book = bookOf(square);
    return forward(book, addTextFrame(book, square, pageAt(book, 0), 't'));
  };

  it('changes the text, and nothing when it is the same', () => {
    const book = withText();
    const after = forward(book, setText(book, 't', 'Sommer am Meer'));
    expect(textFrame(after, 't').text).toBe('Sommer am Meer');
    expect(after.title).toBe('');
    expect(setText(after, 't', 'Sommer am Meer')).toEqual([]);
  });

  it('turns italic off when the new font has no italic, and keeps bold where it has bold', () => {
    let book = withText();
    book = forward(book, setTextStyle(book, 't', { fontId: 'lora', bold: true, italic: true }));
    expect(textFrame(book, 't')).toMatchObject({ fontId: 'lora', bold: true, italic: true });
    book = forward(book, setTextStyle(book, 't', { fontId: 'dancing-script' }));
    expect(textFrame(book, 't')).toMatchObject({ bold: true, italic: false });
    expect(setTextStyle(book, 't', { italic: true })).toEqual([]);
  });

  it('keeps sizes within 4 to 500 pt at half points and writes colours in lower case', () => {
    const book = withText();
    const size = (sizePt: number) =>
      textFrame(forward(book, setTextStyle(book, 't', { sizePt })), 't').sizePt;
    expect([size(1), size(13.3), size(900)]).toEqual([4, 13.5, 500]);
    const coloured = forward(book, setTextStyle(book, 't', { colour: '#1D3557', align: 'right' }));
    expect(textFrame(coloured, 't')).toMatchObject({ colour: '#1d3557', align: 'right' });
  });

  it('refuses a font the app does not ship and a malformed colour', () => {
    const book = withText();
    expect(() => setTextStyle(book, 't', { fontId: 'comic-sans' })).toThrow(/no bundled font/);
    expect(() => setTextStyle(book, 't', { colour: 'red' })).toThrow();
  });

  it('refuses a photo frame', () => {
    const book = withText();
    const photoId = photoFrameOn(book, pageAt(book, 0)).id;
    expect(() => setText(book, photoId, 'x')).toThrow(/photo/);
  });
});

describe('the cover title', () => {
  it('is the book title shown in a frame on the front, both set in one step', () => {
    const book = bookOf(square);
    const changes = setCoverTitle(book, square, '  Sommer\n2026 ');
    const after = forward(book, changes);
    expect(after.title).toBe('Sommer 2026');
    const frame = textFrame(after, COVER_TITLE_FRAME_ID);
    expect(frame).toMatchObject({
      pageId: book.cover.frontId,
      text: 'Sommer 2026',
      align: 'center',
    });
    expect(
      contains(panelOf(book, square, frame.pageId).safe, footprint(after, square, frame)),
    ).toBe(true);
    expect(applyChanges(after, changes, 'backward')).toEqual(book);
  });

  it('renames the book when its frame is edited in place, and keeps the frame where it was', () => {
    const book = bookOf(square);
    let after = forward(book, setCoverTitle(book, square, 'Sommer'));
    const moved = { ...textFrame(after, COVER_TITLE_FRAME_ID), xMm: 40, sizePt: 48 };
    after = { ...after, frames: { ...after.frames, [moved.id]: moved } };
    after = forward(after, setText(after, COVER_TITLE_FRAME_ID, 'Herbst'));
    expect(after.title).toBe('Herbst');
    after = forward(after, setCoverTitle(after, square, 'Winter'));
    expect(textFrame(after, COVER_TITLE_FRAME_ID)).toMatchObject({
      text: 'Winter',
      xMm: 40,
      sizePt: 48,
    });
  });

  it('an empty title takes the frame off the cover', () => {
    const book = bookOf(square);
    const titled = forward(book, setCoverTitle(book, square, 'Sommer'));
    const cleared = forward(titled, setCoverTitle(titled, square, ''));
    expect(cleared.frames[COVER_TITLE_FRAME_ID]).toBeUndefined();
    expect(cleared.title).toBe('');
    expect(setCoverTitle(cleared, square, '')).toEqual([]);
  });

  it('keeps at most 200 characters, as the title allows', () => {
    const book = bookOf(square);
    const after = forward(book, setCoverTitle(book, square, 'x'.repeat(300)));
    expect(after.title).toHaveLength(200);
  });
});

describe('the spine text', () => {
  it('is refused on a 24-page softcover, with the spine width and the pages it would need', () => {
    const book = bookOf(softcover, 24);
    const result = setSpineText(book, softcover, 'Sommer 2026');
    expect(result).toEqual({
      ok: false,
      refusal: { reason: 'spineTooThin', spineMm: 2.9, minMm: 5, pagesNeeded: 46 },
    });
    // 0.5 mm card + 46 × 0.1 mm = 5.1 mm: the first even count at or over 5 mm.
    expect(spineTextRefusal(bookOf(softcover, 46), softcover)).toBeUndefined();
    expect(spineTextRefusal(bookOf(softcover, 44), softcover)).toBeDefined();
  });

  it('is accepted on a thick book: a frame on the spine turned 90°, inside the spine safe box', () => {
    const book = bookOf(softcover, 100);
    const result = setSpineText(book, softcover, ' Sommer  2026 ');
    if (!result.ok) throw new Error('refused');
    const after = forward(book, result.changes);
    const frame = textFrame(after, SPINE_TEXT_FRAME_ID);
    expect(frame).toMatchObject({
      pageId: book.cover.spineId,
      rotationDeg: 90,
      text: 'Sommer 2026',
      align: 'center',
    });
    const spine = panelOf(book, softcover, book.cover.spineId);
    const box = footprint(after, softcover, frame);
    expect(contains(spine.safe, box)).toBe(true);
    // Turned, it fills the spine's safe box exactly.
    expect(box.width).toBeCloseTo(spine.safe.width, 9);
    expect(box.height).toBeCloseTo(spine.safe.height, 9);
    // One line of its type fits across the spine: 10.5 mm spine, 8.5 mm safe, 18 pt at most.
    expect(frame.sizePt).toBe(18);
    expect(frame.sizePt * (25.4 / 72) * 1.2).toBeLessThanOrEqual(spine.safe.width);
  });

  it('fits the type to a spine just wide enough', () => {
    const book = bookOf(softcover, 46);
    const result = setSpineText(book, softcover, 'Sommer');
    if (!result.ok) throw new Error('refused');
    const frame = textFrame(forward(book, result.changes), SPINE_TEXT_FRAME_ID);
    // 5.1 mm spine, 3.1 mm safe: 3.1 / 1.2 mm = 7.3 pt, rounded down to the half point.
    expect(frame.sizePt).toBe(7);
  });

  it('an empty spine text removes the frame, even where the spine became too thin', () => {
    const thick = bookOf(softcover, 100);
    const result = setSpineText(thick, softcover, 'Sommer');
    if (!result.ok) throw new Error('refused');
    const withText = forward(thick, result.changes);
    const thin = { ...bookOf(softcover, 24), frames: withText.frames, cover: withText.cover };
    expect(setSpineText(thin, softcover, 'Herbst').ok).toBe(false);
    const cleared = setSpineText(thin, softcover, '');
    expect(cleared.ok && forward(thin, cleared.changes).frames[SPINE_TEXT_FRAME_ID]).toBe(
      undefined,
    );
  });
});
