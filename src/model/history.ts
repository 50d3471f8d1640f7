import { applyChanges, type Change } from './changes';
import type { Book } from './book';

/** One undoable step: what the user would call "one thing I did". */
export interface HistoryEntry {
  readonly label: string;
  readonly changes: readonly Change[];
}

/**
 * Undo and redo as stacks of reversible diffs. A gesture (a drag) sets a
 * mark, records freely, then either squashes to one entry or rolls back.
 * The history is a value: every operation returns a new one.
 */
export interface History {
  readonly undo: readonly HistoryEntry[];
  readonly redo: readonly HistoryEntry[];
}

export const emptyHistory: History = { undo: [], redo: [] };

/** Records a step; a new step makes the redo stack meaningless, so it is dropped. */
export function record(history: History, entry: HistoryEntry): History {
  if (entry.changes.length === 0) return history;
  return { undo: [...history.undo, entry], redo: [] };
}

export function undo(history: History, book: Book): { history: History; book: Book } {
  const entry = history.undo.at(-1);
  if (!entry) return { history, book };
  return {
    history: { undo: history.undo.slice(0, -1), redo: [...history.redo, entry] },
    book: applyChanges(book, entry.changes, 'backward'),
  };
}

export function redo(history: History, book: Book): { history: History; book: Book } {
  const entry = history.redo.at(-1);
  if (!entry) return { history, book };
  return {
    history: { undo: [...history.undo, entry], redo: history.redo.slice(0, -1) },
    book: applyChanges(book, entry.changes, 'forward'),
  };
}

/** A mark is the undo depth at the start of a gesture. */
export type Mark = number;
export const mark = (history: History): Mark => history.undo.length;

/** Ends a gesture as a single entry, however many steps it recorded. */
export function squashToMark(history: History, at: Mark, label: string): History {
  const steps = history.undo.slice(at);
  if (steps.length === 0) return history;
  const changes = steps.flatMap((s) => s.changes);
  return { undo: [...history.undo.slice(0, at), { label, changes }], redo: history.redo };
}

/** Escape during a gesture: undo everything since the mark, leaving no trace. */
export function rollbackToMark(
  history: History,
  book: Book,
  at: Mark,
): { history: History; book: Book } {
  let current = book;
  for (const entry of history.undo.slice(at).reverse()) {
    current = applyChanges(current, entry.changes, 'backward');
  }
  return { history: { undo: history.undo.slice(0, at), redo: history.redo }, book: current };
}

/**
 * Where a gesture started: the undo depth, and the redo stack as it was. A gesture's first step
 * drops the redo stack (a new step makes it meaningless); Escape cancels the gesture as if it had
 * never begun, so the redo stack comes back with the rollback.
 */
export interface GestureMark {
  readonly depth: Mark;
  readonly redo: readonly HistoryEntry[];
}

export const markGesture = (history: History): GestureMark => ({
  depth: mark(history),
  redo: history.redo,
});

/** Escape during a gesture: the book and both stacks exactly as they were at the mark. */
export function cancelToMark(
  history: History,
  book: Book,
  at: GestureMark,
): { history: History; book: Book } {
  const rolled = rollbackToMark(history, book, at.depth);
  return { book: rolled.book, history: { undo: rolled.history.undo, redo: at.redo } };
}
