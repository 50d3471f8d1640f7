import type { Book, BookOptions, Frame, Page, PhotoAsset } from './book';

/** The id-keyed collections of a book and the record each holds. */
interface RecordKinds {
  page: Page;
  frame: Frame;
  asset: PhotoAsset;
}
type RecordKind = keyof RecordKinds;

const collectionOf = { page: 'pages', frame: 'frames', asset: 'assets' } as const;

/** A record added (before undefined), removed (after undefined) or replaced. */
export type RecordChange = {
  [K in RecordKind]: {
    kind: K;
    id: string;
    before: RecordKinds[K] | undefined;
    after: RecordKinds[K] | undefined;
  };
}[RecordKind];

/**
 * A reversible diff of the book: each change carries the value before and after, so undo is
 * applying it backwards. No snapshots of the whole book.
 */
export type Change =
  | RecordChange
  | { kind: 'pageOrder'; before: string[]; after: string[] }
  | { kind: 'options'; before: BookOptions; after: BookOptions }
  | { kind: 'title'; before: string; after: string };

export type Direction = 'forward' | 'backward';

function setRecord<T>(records: Record<string, T>, id: string, value: T | undefined) {
  const next = { ...records };
  if (value === undefined) delete next[id];
  else next[id] = value;
  return next;
}

function applyRecord(book: Book, change: RecordChange, value: RecordChange['after']): Book {
  const key = collectionOf[change.kind];
  // The change's kind names the collection, so its value is that collection's record type.
  const records = book[key] as Record<string, typeof value>;
  return { ...book, [key]: setRecord(records, change.id, value) };
}

/** Applies changes in order (forward) or undoes them in reverse order (backward). */
export function applyChanges(book: Book, changes: readonly Change[], direction: Direction): Book {
  const ordered = direction === 'forward' ? changes : [...changes].reverse();
  let next = book;
  for (const change of ordered) {
    const pick = <T>(c: { before: T; after: T }) => (direction === 'forward' ? c.after : c.before);
    switch (change.kind) {
      case 'page':
      case 'frame':
      case 'asset':
        next = applyRecord(next, change, pick<RecordChange['after']>(change));
        break;
      case 'pageOrder':
        next = { ...next, pageIds: pick(change) };
        break;
      case 'options':
        next = { ...next, options: pick(change) };
        break;
      case 'title':
        next = { ...next, title: pick(change) };
        break;
    }
  }
  return next;
}
