import { describe, expect, it } from 'vitest';
import type { Book } from '../../../src/model/book';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { BookFormatError, loadBook } from '../../../src/model/migrate';
import { a4, counterIds, forward, pageAt, photo, slotOf } from './fixtures';

/** A book with one placed photo, as saved to disk and read back as plain JSON. */
function savedBook(): { book: Book; json: Record<string, unknown> } {
  let book = newBook(a4, counterIds());
  const p = photo(1, 6000, 4000);
  book = forward(book, addAssets(book, [p]));
  book = forward(book, placePhoto(book, pageAt(book, 0), slotOf(book, pageAt(book, 0)), p.id));
  return { book, json: JSON.parse(JSON.stringify(book)) as Record<string, unknown> };
}

function loadError(raw: unknown): BookFormatError {
  try {
    loadBook(raw);
  } catch (e) {
    if (e instanceof BookFormatError) return e;
    throw e;
  }
  throw new Error('loadBook accepted a damaged book');
}

describe('loadBook', () => {
  it('reads back a saved book unchanged', () => {
    const { book, json } = savedBook();
    expect(loadBook(json)).toEqual(book);
    expect(loadBook(JSON.parse(JSON.stringify(newBook(a4, counterIds()))))).toEqual(
      newBook(a4, counterIds()),
    );
  });

  it('refuses a book from a newer app and says so', () => {
    const { json } = savedBook();
    expect(loadError({ ...json, formatVersion: 7 }).message).toMatch(
      /made by a newer version of the app \(format 7, this app reads up to 1\)/,
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
    expect(loadError(raw).message).toBe('not a photo book: formatVersion is missing or invalid');
  });

  it.each([null, [], 'book', 42])('refuses %j as not a photo book', (raw) => {
    expect(loadError(raw).message).toBe('not a photo book: expected a JSON object');
  });

  it('names a page that is listed but missing', () => {
    const { book, json } = savedBook();
    const raw = { ...json, pageIds: [...book.pageIds, 'page-ghost'] };
    expect(loadError(raw).message).toBe('book damaged: page page-ghost is listed but missing');
  });

  it('names the page whose frame refers to a missing photo', () => {
    const { book, json } = savedBook();
    const raw = { ...json, assets: {} };
    const pageId = pageAt(book, 0);
    expect(loadError(raw).message).toBe(
      `book damaged: page ${pageId} refers to photo ${photo(1, 1, 1).id}, which is missing`,
    );
  });

  it('names the bad field of a record', () => {
    const { book, json } = savedBook();
    const p = photo(1, 6000, 4000);
    const badAsset = { ...json, assets: { [p.id]: { ...p, widthPx: -6000 } } };
    expect(loadError(badAsset).message).toMatch(
      new RegExp(`^book damaged at assets\\.${p.id}\\.widthPx: `),
    );

    const pageId = pageAt(book, 1);
    const page = book.pages[pageId];
    const badCrop = structuredClone(json) as { pages: Record<string, unknown> };
    badCrop.pages[pageId] = {
      ...page,
      slots: page?.slots.map((s) => ({ ...s, crop: { ...s.crop, w: 2 } })),
    };
    expect(loadError(badCrop).message).toMatch(
      new RegExp(`^book damaged at pages\\.${pageId}\\.slots\\.0\\.crop\\.w: `),
    );
  });
  it('refuses a page listed twice', () => {
    const { json } = savedBook();
    const ids = json.pageIds as string[];
    json.pageIds = [ids[0], ...ids];
    expect(loadError(json).message).toBe(`book damaged: page ${ids[0]} is listed twice`);
  });

  it('refuses a page stored under another id than its own', () => {
    const { json } = savedBook();
    const ids = json.pageIds as string[];
    const pages = json.pages as Record<string, { id: string }>;
    pages[ids[0]!]!.id = 'page-elsewhere';
    expect(loadError(json).message).toBe(
      `book damaged: page stored as ${ids[0]} calls itself page-elsewhere`,
    );
  });
});
