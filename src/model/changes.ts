import type { Book, Page, PhotoAsset } from './book';

/**
 * A reversible diff of the book: each change carries the record before and
 * after, so undo is applying it backwards. No snapshots of the whole book.
 */
export type Change =
  | { kind: 'page'; id: string; before: Page | undefined; after: Page | undefined }
  | { kind: 'asset'; id: string; before: PhotoAsset | undefined; after: PhotoAsset | undefined }
  | { kind: 'pageOrder'; before: string[]; after: string[] }
  | { kind: 'title'; before: string; after: string };

export type Direction = 'forward' | 'backward';

function setRecord<T>(records: Record<string, T>, id: string, value: T | undefined) {
  const next = { ...records };
  if (value === undefined) delete next[id];
  else next[id] = value;
  return next;
}

/** Applies changes in order (forward) or undoes them in reverse order (backward). */
export function applyChanges(book: Book, changes: readonly Change[], direction: Direction): Book {
  const ordered = direction === 'forward' ? changes : [...changes].reverse();
  let next = book;
  for (const change of ordered) {
    const pick = <T>(c: { before: T; after: T }) => (direction === 'forward' ? c.after : c.before);
    switch (change.kind) {
      case 'page':
        next = { ...next, pages: setRecord(next.pages, change.id, pick(change)) };
        break;
      case 'asset':
        next = { ...next, assets: setRecord(next.assets, change.id, pick(change)) };
        break;
      case 'pageOrder':
        next = { ...next, pageIds: pick(change) };
        break;
      case 'title':
        next = { ...next, title: pick(change) };
        break;
    }
  }
  return next;
}
