import { BOOK_FORMAT_VERSION, Book } from './book';
import { firstIssue } from '../validation';

/**
 * Every load migrates, then validates. A migration takes the document of
 * version N and returns version N+1; the list grows as the format does.
 */
type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;
const migrations: Record<number, Migration> = {
  // 1 -> 2 goes here when version 2 exists.
};

/** Why a book could not be opened, in words the customer can act on. */
export class BookFormatError extends Error {
  override name = 'BookFormatError';
}

/** Brings any saved book to the current format and checks every record. */
export function loadBook(raw: unknown): Book {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new BookFormatError('not a photo book: expected a JSON object');
  }
  let doc = raw as Record<string, unknown>;
  const version = doc.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BookFormatError('not a photo book: formatVersion is missing or invalid');
  }
  if (version > BOOK_FORMAT_VERSION) {
    throw new BookFormatError(
      `this book was made by a newer version of the app (format ${version}, this app reads up to ${BOOK_FORMAT_VERSION})`,
    );
  }
  for (let v = version; v < BOOK_FORMAT_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new BookFormatError(`no migration from format ${v}`);
    doc = { ...step(doc), formatVersion: v + 1 };
  }
  const parsed = Book.safeParse(doc);
  if (!parsed.success) {
    const { where, message } = firstIssue(parsed.error);
    throw new BookFormatError(`book damaged at ${where}: ${message}`);
  }
  return checkReferences(parsed.data);
}

/** Records refer to each other by id; a dangling id would crash the designer later. */
function checkReferences(book: Book): Book {
  const listed = new Set<string>();
  for (const pageId of book.pageIds) {
    if (listed.has(pageId))
      throw new BookFormatError(`book damaged: page ${pageId} is listed twice`);
    listed.add(pageId);
    const page = book.pages[pageId];
    if (!page) throw new BookFormatError(`book damaged: page ${pageId} is listed but missing`);
    if (page.id !== pageId) {
      throw new BookFormatError(`book damaged: page stored as ${pageId} calls itself ${page.id}`);
    }
    for (const slot of page.slots) {
      if (slot.assetId !== null && !book.assets[slot.assetId]) {
        throw new BookFormatError(
          `book damaged: page ${pageId} refers to photo ${slot.assetId}, which is missing`,
        );
      }
    }
  }
  return book;
}
