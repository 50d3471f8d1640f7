import { describe, expect, it } from 'vitest';
import { PAPER, type Book, type Frame, type TextFrame } from '../../../src/model/book';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { FILL } from '../../../src/model/crop';
import { BookFormatError, loadBook } from '../../../src/model/migrate';
import { a4, counterIds, forward, frameOf, pageAt, photo, photoFrameOn } from './fixtures';

const p1 = photo(1, 6000, 4000);

/** A book with one placed photo and a cover title, as saved to disk and read back as plain JSON. */
function savedBook(): { book: Book; json: Book } {
  let book = newBook(a4, counterIds());
  book = forward(book, addAssets(book, [p1]));
  book = forward(book, placePhoto(book, frameOf(book, pageAt(book, 0)), p1.id));
  const title: TextFrame = {
    id: 'cover-title',
    kind: 'text',
    pageId: book.cover.frontId,
    xMm: 20,
    yMm: 40,
    widthMm: 170,
    heightMm: 30,
    rotationDeg: 0,
    z: 0,
    text: 'Sommer an der Weser',
    fontId: 'lora',
    sizePt: 32,
    colour: '#1d3557',
    align: 'center',
    bold: true,
    italic: false,
  };
  book = forward(book, [{ kind: 'frame', id: title.id, before: undefined, after: title }]);
  return { book, json: JSON.parse(JSON.stringify(book)) as Book };
}

function loadError(raw: unknown): string {
  try {
    loadBook(raw);
  } catch (e) {
    if (e instanceof BookFormatError) return e.message;
    throw e;
  }
  throw new Error('loadBook accepted a damaged book');
}

/** The saved book with one frame replaced or added. */
function withFrame(json: Book, frame: Frame): Book {
  return { ...json, frames: { ...json.frames, [frame.id]: frame } };
}

describe('loadBook', () => {
  it('reads back a saved book unchanged, cover title included', () => {
    const { book, json } = savedBook();
    expect(loadBook(json)).toEqual(book);
    expect(loadBook(json).frames['cover-title']).toMatchObject({ pageId: book.cover.frontId });
  });

  it('drops image bytes smuggled into an asset: the document holds records only', () => {
    const { book, json } = savedBook();
    const raw = structuredClone(json) as unknown as { assets: Record<string, object> };
    raw.assets[p1.id] = { ...raw.assets[p1.id], dataUrl: 'data:image/jpeg;base64,/9j/4AAQ' };
    const loaded = loadBook(raw);
    expect(loaded).toEqual(book);
    expect(JSON.stringify(loaded)).not.toContain('data:image');
  });

  it('refuses a book from a newer app and says so', () => {
    const { json } = savedBook();
    expect(loadError({ ...json, formatVersion: 7 })).toBe(
      'this book was made by a newer version of the app (format 7, this app reads up to 2)',
    );
  });

  it.each([
    ['missing', undefined],
    ['a string', '1'],
    ['zero', 0],
    ['a fraction', 1.5],
  ])('refuses a formatVersion that is %s', (_label, formatVersion) => {
    const raw: Record<string, unknown> = { ...savedBook().json, formatVersion };
    if (formatVersion === undefined) delete raw.formatVersion;
    expect(loadError(raw)).toBe('not a photo book: formatVersion is missing or invalid');
  });

  it.each([null, [], 'book', 42])('refuses %j as not a photo book', (raw) => {
    expect(loadError(raw)).toBe('not a photo book: expected a JSON object');
  });

  it('names the bad field of a record', () => {
    const { book, json } = savedBook();
    const badAsset = { ...json, assets: { [p1.id]: { ...p1, widthPx: -6000 } } };
    expect(loadError(badAsset)).toBe(
      `book damaged at assets.${p1.id}.widthPx: Too small: expected number to be >0`,
    );
    const frame = photoFrameOn(book, pageAt(book, 1));
    expect(loadError(withFrame(json, { ...frame, crop: { ...FILL, zoom: 0.5 } }))).toBe(
      `book damaged at frames.${frame.id}.crop.zoom: Too small: expected number to be >=1`,
    );
    expect(loadError(withFrame(json, { ...frame, rotationDeg: 360 }))).toBe(
      `book damaged at frames.${frame.id}.rotationDeg: Too big: expected number to be <360`,
    );
    const title = json.frames['cover-title'] as TextFrame;
    expect(loadError(withFrame(json, { ...title, colour: 'red' }))).toBe(
      'book damaged at frames.cover-title.colour: expected a colour as #rrggbb',
    );
  });
});

describe('loadBook checks references', () => {
  it('names a page that is listed but missing, or listed twice', () => {
    const { book, json } = savedBook();
    const ghost = { ...json, options: { pageCount: 25 }, pageIds: [...book.pageIds, 'page-ghost'] };
    expect(loadError(ghost)).toBe('book damaged: page page-ghost is listed but missing');
    const twice = { ...json, pageIds: [...book.pageIds.slice(1), book.cover.frontId] };
    expect(loadError(twice)).toBe(`book damaged: page ${book.cover.frontId} is listed twice`);
  });

  it('names a page count that does not match the pages', () => {
    const { json } = savedBook();
    expect(loadError({ ...json, options: { pageCount: 26 } })).toBe(
      'book damaged: the options say 26 pages, but 24 are listed',
    );
  });

  it('names a page stored but neither listed nor on the cover', () => {
    const { json } = savedBook();
    const pages = { ...json.pages, 'page-lost': { id: 'page-lost', background: PAPER } };
    expect(loadError({ ...json, pages })).toBe(
      'book damaged: page page-lost is stored but neither listed nor on the cover',
    );
  });

  it('names a page or frame stored under another id than its own', () => {
    const { book, json } = savedBook();
    const pageId = pageAt(book, 0);
    const pages = { ...json.pages, [pageId]: { ...json.pages[pageId]!, id: 'page-elsewhere' } };
    expect(loadError({ ...json, pages })).toBe(
      `book damaged: page stored as ${pageId} calls itself page-elsewhere`,
    );
    const frame = photoFrameOn(book, pageId);
    const frames = { ...json.frames, [frame.id]: { ...frame, id: 'frame-elsewhere' } };
    expect(loadError({ ...json, frames })).toBe(
      `book damaged: frame stored as ${frame.id} calls itself frame-elsewhere`,
    );
  });

  it('names a frame on a missing page', () => {
    const { book, json } = savedBook();
    const frame = photoFrameOn(book, pageAt(book, 3));
    expect(loadError(withFrame(json, { ...frame, pageId: 'page-ghost' }))).toBe(
      `book damaged: frame ${frame.id} is on page page-ghost, which is missing`,
    );
  });

  it('names the frame and page that refer to a missing photo', () => {
    const { book, json } = savedBook();
    const pageId = pageAt(book, 0);
    expect(loadError({ ...json, assets: {} })).toBe(
      `book damaged: frame ${frameOf(book, pageId)} on page ${pageId} refers to photo ${p1.id}, which is missing`,
    );
  });

  it('names a page whose background photo is missing', () => {
    const { book, json } = savedBook();
    const back = book.cover.backId;
    const background = { kind: 'photo' as const, assetId: 'photo-gone', crop: FILL };
    const pages = { ...json.pages, [back]: { id: back, background } };
    expect(loadError({ ...json, pages })).toBe(
      `book damaged: the background of page ${back} refers to photo photo-gone, which is missing`,
    );
  });

  it('names two frames of one page that share a z', () => {
    const { book, json } = savedBook();
    const pageId = pageAt(book, 2);
    const frame = photoFrameOn(book, pageId);
    expect(loadError(withFrame(json, { ...frame, id: 'frame-twin' }))).toBe(
      `book damaged: frames ${frame.id} and frame-twin on page ${pageId} share z 0`,
    );
    // The same z on another page is fine: z orders one page.
    const elsewhere = { ...frame, id: 'frame-twin', pageId: pageAt(book, 3), z: 0 };
    expect(() =>
      loadBook(withFrame(json, { ...elsewhere, pageId: book.cover.backId })),
    ).not.toThrow();
  });

  it('names a photo stored under another id than its own', () => {
    const { json } = savedBook();
    const assets = { [p1.id]: { ...p1, id: 'photo-other' } };
    expect(loadError({ ...json, assets })).toBe(
      `book damaged: photo stored as ${p1.id} calls itself photo-other`,
    );
  });
});
