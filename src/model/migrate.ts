import type { z } from 'zod';
import { BOOK_FORMAT_VERSION, Book } from './book';
import { migrateV1 } from './migrate-v1';
import { referenceProblem } from './references';
import { BookV1 } from './v1';
import { firstIssue } from '../validation';

/**
 * Every load migrates, then validates. A migration reads the document of version N with that
 * version's frozen schema and returns version N+1; the table grows as the format does.
 */
const migrations: Record<number, (doc: unknown) => unknown> = {
  1: (doc) => migrateV1(parseOrFail(BookV1, doc)),
};

/** Why a book could not be opened, in words the customer can act on. */
export class BookFormatError extends Error {
  override name = 'BookFormatError';
}

function parseOrFail<T>(schema: z.ZodType<T>, doc: unknown): T {
  const parsed = schema.safeParse(doc);
  if (parsed.success) return parsed.data;
  const { where, message } = firstIssue(parsed.error);
  throw new BookFormatError(`book damaged at ${where}: ${message}`);
}

/** Brings any saved book to the current format and checks every record and reference. */
export function loadBook(raw: unknown): Book {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new BookFormatError('not a photo book: expected a JSON object');
  }
  const version = (raw as { formatVersion?: unknown }).formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BookFormatError('not a photo book: formatVersion is missing or invalid');
  }
  if (version > BOOK_FORMAT_VERSION) {
    throw new BookFormatError(
      `this book was made by a newer version of the app (format ${version}, this app reads up to ${BOOK_FORMAT_VERSION})`,
    );
  }
  let doc: unknown = raw;
  for (let v = version; v < BOOK_FORMAT_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new BookFormatError(`no migration from format ${v}`);
    doc = step(doc);
  }
  const book = parseOrFail(Book, doc);
  const problem = referenceProblem(book);
  if (problem) throw new BookFormatError(`book damaged: ${problem}`);
  return book;
}
