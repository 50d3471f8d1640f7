import type { Book } from './book';
import type { MakeId } from './commands';

/**
 * Ids for records a command creates (pages of a new spread, frames of a layout), derived from the
 * book alone: `page-1`, `page-2`, ... skipping every id the book already holds. Commands run
 * without an id source (the core has no randomness), and the same command on the same book
 * makes the same ids, so a test can name them. An id freed by an undo may be handed out again,
 * which is safe: history entries carry whole records, never "the next id".
 */
export function freshIds(book: Book): MakeId {
  const taken = new Set<string>([
    book.id,
    ...Object.keys(book.pages),
    ...Object.keys(book.frames),
    ...Object.keys(book.assets),
  ]);
  const next = new Map<string, number>();
  return (prefix) => {
    let n = next.get(prefix) ?? 1;
    while (taken.has(`${prefix}-${n}`)) n++;
    const id = `${prefix}-${n}`;
    taken.add(id);
    next.set(prefix, n + 1);
    return id;
  };
}
